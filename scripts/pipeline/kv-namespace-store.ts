// A Workers KV binding (KVNamespace) as the nightly job's store: the local
// simulator through wrangler's platform proxy (local-kv.ts), or a test's
// namespace inside workerd. Runtime-neutral.
import { checkBatch, type KvEntry, type KvStore } from './kv-store.ts';

/** Operations in flight at once: the local KV simulator gains nothing past this. */
const CONCURRENCY = 64;

export function kvNamespaceStore(kv: KVNamespace): KvStore {
  return {
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
  };
}

async function inParallel<T>(items: T[], act: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await act(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
