// The local Workers KV that `wrangler dev` (and so `npm start`) serves, opened
// through wrangler's own platform proxy so that it is the same store, in the
// same format, as the running Worker reads.
import { join } from 'node:path';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import type { KvEntry, KvSink } from './publish.ts';

/** wrangler dev keeps local state here unless given --persist-to. */
export const DEFAULT_PERSIST_DIR = '.wrangler/state';
/** Puts in flight at once: the local KV simulator gains nothing past this. */
const CONCURRENCY = 64;

export interface LocalKv {
  sink: KvSink;
  liveVersion(): Promise<string | null>;
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
    sink: {
      async putBatch(entries: KvEntry[]) {
        let next = 0;
        const worker = async () => {
          while (next < entries.length) {
            const { key, value } = entries[next++]!;
            await kv.put(key, value);
          }
        };
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
      },
    },
    liveVersion: () => kv.get(LIVE_KEY),
    close: () => dispose(),
  };
}
