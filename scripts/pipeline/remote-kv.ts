// A real Workers KV namespace through wrangler's documented commands (they
// need `wrangler login` or CLOUDFLARE_API_TOKEN): each batch is one
// `wrangler kv bulk put` / `bulk delete` request of at most 10,000 pairs,
// reads use `kv bulk get` (one key), listings `kv key list`. A failed command is retried
// with backoff before the run gives up.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBatch, type KvEntry, type KvStore } from './kv-store.ts';

/** Runs `wrangler …` and resolves with its standard output. */
export type CommandRunner = (args: string[]) => Promise<string>;

/** Runs `wrangler …` and rejects with its output when it exits non-zero. */
export const runWrangler: CommandRunner = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn('npx', ['wrangler', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} exited ${code}:\n${stdout}${stderr}`)),
    );
  });

export interface RetryPolicy {
  attempts: number;
  /** Delay before the second attempt; doubled each time. */
  firstDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 2_000 };

/** The JSON file `wrangler kv bulk put` reads: binary values travel as base64. */
function bulkFileEntries(entries: KvEntry[]): Array<{ key: string; value: string; base64?: true }> {
  return entries.map(({ key, value }) =>
    typeof value === 'string' ? { key, value } : { key, value: Buffer.from(value).toString('base64'), base64: true },
  );
}

export function remoteKv(namespaceId: string, run: CommandRunner = runWrangler, retry: RetryPolicy = DEFAULT_RETRY): KvStore {
  return wranglerKv(['--namespace-id', namespaceId, '--remote'], run, retry);
}

/** Any namespace wrangler's kv commands reach: `target` names it (a real one above; the tests use --local). */
export function wranglerKv(target: string[], run: CommandRunner = runWrangler, retry: RetryPolicy = DEFAULT_RETRY): KvStore {
  const withRetry = async (args: string[]): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(args);
      } catch (err) {
        if (attempt >= retry.attempts) throw err;
        await new Promise((resolve) => setTimeout(resolve, retry.firstDelayMs * 2 ** (attempt - 1)));
      }
    }
  };
  const withFile = async <T>(content: unknown, use: (file: string) => Promise<T>): Promise<T> => {
    const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bulk-'));
    try {
      const file = join(dir, 'batch.json');
      await writeFile(file, JSON.stringify(content));
      return await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return {
    async get(key) {
      const out = await withFile([key], (file) => withRetry(['kv', 'bulk', 'get', file, ...target]));
      const values = JSON.parse(out) as Record<string, { value: string | null }>;
      return values[key]?.value ?? null;
    },
    async putBatch(entries) {
      checkBatch(entries.length);
      await withFile(bulkFileEntries(entries), (file) => withRetry(['kv', 'bulk', 'put', file, ...target]));
    },
    async deleteBatch(keys) {
      checkBatch(keys.length);
      await withFile(keys, (file) => withRetry(['kv', 'bulk', 'delete', file, ...target, '--force']));
    },
    async *list(prefix) {
      const out = await withRetry(['kv', 'key', 'list', '--prefix', prefix, ...target]);
      yield* (JSON.parse(out) as Array<{ name: string }>).map((k) => k.name).sort();
    },
  };
}
