// A real Workers KV namespace, written with `wrangler kv bulk put --remote`
// (the documented bulk path; it needs `wrangler login` or CLOUDFLARE_API_TOKEN).
// Each batch becomes one bulk request of at most 10,000 pairs.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KvEntry, KvSink } from './publish.ts';

export type CommandRunner = (args: string[]) => Promise<void>;

/** Runs `wrangler …` and rejects with its output when it exits non-zero. */
export const runWrangler: CommandRunner = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn('npx', ['wrangler', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} exited ${code}:\n${output}`)),
    );
  });

/** The JSON file `wrangler kv bulk put` reads: binary values travel as base64. */
export function bulkFileEntries(entries: KvEntry[]): Array<{ key: string; value: string; base64?: true }> {
  return entries.map(({ key, value }) =>
    typeof value === 'string' ? { key, value } : { key, value: Buffer.from(value).toString('base64'), base64: true },
  );
}

export function remoteKvSink(namespaceId: string, run: CommandRunner = runWrangler): KvSink {
  return {
    async putBatch(entries) {
      const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bulk-'));
      try {
        const file = join(dir, 'batch.json');
        await writeFile(file, JSON.stringify(bulkFileEntries(entries)));
        await run(['kv', 'bulk', 'put', file, '--namespace-id', namespaceId, '--remote']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
