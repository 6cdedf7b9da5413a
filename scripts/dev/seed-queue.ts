// Writes the seeded moderation queue (scripts/dev/sample-queue.ts) into a local
// D1 database with wrangler itself (`wrangler d1 execute DB --local --file`),
// the state `wrangler dev` serves. npm start seeds a small queue when none is
// pending; the moderation benchmark seeds 100,000 reports into its own state.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capture } from './processes.ts';
import { samplePng } from './sample-evidence.ts';
import { queueSql, sampleQueue, type QueueOptions } from './sample-queue.ts';


const WRANGLER_ENV = { ...process.env, CI: 'true' };

/** Pending reports in the local database (0 when the query fails: nothing to keep). */
export function pendingInLocalD1(persistDir: string): number {
  const result = spawnSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', "SELECT COUNT(*) AS n FROM reports WHERE status = 'pending'"],
    { encoding: 'utf8', env: WRANGLER_ENV },
  );
  try {
    return (JSON.parse(result.stdout) as Array<{ results: Array<{ n: number }> }>)[0]!.results[0]!.n;
  } catch {
    return 0;
  }
}

/**
 * Seeds the queue into local D1. With `files`, every evidence row also gets its
 * bytes in the local R2 bucket (a small generated PNG, its size recorded), as
 * production stores them: npm start does; the benchmark's 100,000 reports do not.
 */
export async function seedLocalQueue(persistDir: string, options: QueueOptions & { files?: boolean }): Promise<number> {
  const sample = sampleQueue(options);
  const dir = await mkdtemp(join(tmpdir(), 'cekdulu-queue-'));
  try {
    const pngs = new Map(options.files ? sample.evidence.map((e) => [e.id, samplePng(e.sha256 ?? e.id)] as const) : []);
    for (const e of sample.evidence) if (pngs.has(e.id)) e.size = pngs.get(e.id)!.length;
    const file = join(dir, 'queue.sql');
    await writeFile(file, queueSql(sample).join('\n'));
    // Captured: wrangler prints every statement's result, which says nothing here.
    await capture('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', file, '--yes'], { env: WRANGLER_ENV });
    // Through wrangler's platform proxy (one process, the store `wrangler dev --persist-to` serves), as read-d1-reports.ts opens D1.
    const rows = sample.evidence.filter((e) => pngs.has(e.id));
    if (rows.length) {
      const { getPlatformProxy } = await import('wrangler');
      const { env, dispose } = await getPlatformProxy<{ EVIDENCE: R2Bucket }>({ configPath: 'wrangler.toml', persist: { path: join(persistDir, 'v3') } });
      try {
        for (const e of rows) await env.EVIDENCE.put(e.r2_key, pngs.get(e.id)!, { httpMetadata: { contentType: e.content_type } });
      } finally {
        await dispose();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return sample.reports.length;
}
