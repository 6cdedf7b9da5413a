// The local Workers KV that `wrangler dev` (and so `npm start`) serves, opened
// through wrangler's own platform proxy so that it is the same store, in the
// same format, as the running Worker reads.
import { join } from 'node:path';
import { kvNamespaceStore } from './kv-namespace-store.ts';
import type { KvStore } from './kv-store.ts';

/** wrangler dev keeps local state here unless given --persist-to. */
export const DEFAULT_PERSIST_DIR = '.wrangler/state';

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
  return { store: kvNamespaceStore(env.SNAPSHOTS), close: () => dispose() };
}
