// Writes the seeded moderation queue (scripts/dev/sample-queue.ts) into a local
// D1 database with wrangler itself (`wrangler d1 execute DB --local --file`),
// the state `wrangler dev` serves. npm start seeds a small queue when none is
// pending; the moderation benchmark seeds 100,000 reports into its own state.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capture } from './processes.ts';
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

export async function seedLocalQueue(persistDir: string, options: QueueOptions): Promise<number> {
  const sample = sampleQueue(options);
  const dir = await mkdtemp(join(tmpdir(), 'cekdulu-queue-'));
  try {
    const file = join(dir, 'queue.sql');
    await writeFile(file, queueSql(sample).join('\n'));
    // Captured: wrangler prints every statement's result, which says nothing here.
    await capture('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', file, '--yes'], { env: WRANGLER_ENV });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return sample.reports.length;
}
