// The local Workers KV that `wrangler dev` (and so `npm start`) serves, opened
// through wrangler's own platform proxy so that it is the same store, in the
// same format, as the running Worker reads.
import { join } from 'node:path';
import type { KvEntry, KvStore } from './kv-store.ts';
import { checkBatch } from './kv-store.ts';

/** wrangler dev keeps local state here unless given --persist-to. */
export const DEFAULT_PERSIST_DIR = '.wrangler/state';
/** Operations in flight at once: the local KV simulator gains nothing past this. */
const CONCURRENCY = 64;

export interface LocalKv {
  store: KvStore;
  close(): Promise<void>;
}

export async function openLocalKv(persistDir = DEFAULT_PERSIST_DIR): Promise<LocalKv> {
  // Loaded on demand: wrangler takes seconds to import, and only publishing needs it.
  const { getPlatformProxy } = await import('wrangler');
  const { env, dispose } = await getPlatformProxy<{ SNAPSHOTS: KVNamespace }>({
    configPath: 'wrangler.toml',
    persist: { path: join(persistDir, 'v3') },
  });
  const kv = env.SNAPSHOTS;
  return {
    store: {
      get: (key) => kv.get(key),
      async putBatch(entries: KvEntry[]) {
        checkBatch(entries.length);
        await inParallel(entries, ({ key, value }) => kv.put(key, value));
      },
      async deleteBatch(keys: string[]) {
        checkBatch(keys.length);
        await inParallel(keys, (key) => kv.delete(key));
      },
      async *list(prefix: string) {
        let cursor: string | undefined;
        do {
          const page: KVNamespaceListResult<unknown> = await kv.list({ prefix, ...(cursor ? { cursor } : {}) });
          for (const { name } of page.keys) yield name;
          cursor = page.list_complete ? undefined : page.cursor;
        } while (cursor);
      },
    },
    close: () => dispose(),
  };
}

async function inParallel<T>(items: T[], act: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await act(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
