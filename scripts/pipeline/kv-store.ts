// Where snapshots are published: the few operations the nightly job needs from
// a Workers KV namespace, whichever way it is reached (the local simulator
// through wrangler's platform proxy, a real namespace through wrangler's bulk
// commands, or memory in tests and benchmarks).

/** Workers KV takes at most 10,000 pairs per bulk write or delete. */
export const KV_BULK_LIMIT = 10_000;

export interface KvEntry {
  key: string;
  value: string | Uint8Array;
}

export interface KvStore {
  /** A value as text, or null when the key is absent. */
  get(key: string): Promise<string | null>;
  /** Resolves only when every entry is stored. At most KV_BULK_LIMIT entries. */
  putBatch(entries: KvEntry[]): Promise<void>;
  /** Resolves only when every key is gone. At most KV_BULK_LIMIT keys. */
  deleteBatch(keys: string[]): Promise<void>;
  /** Every key that starts with the prefix, in key order. */
  list(prefix: string): AsyncIterable<string>;
}

/** A namespace in memory: for tests, and for benchmarks that serve it to workerd themselves. */
export class MemoryKv implements KvStore {
  readonly data = new Map<string, string | Uint8Array>();

  async get(key: string): Promise<string | null> {
    const value = this.data.get(key);
    if (value === undefined) return null;
    return typeof value === 'string' ? value : new TextDecoder().decode(value);
  }

  async putBatch(entries: KvEntry[]): Promise<void> {
    checkBatch(entries.length);
    for (const { key, value } of entries) this.data.set(key, value);
  }

  async deleteBatch(keys: string[]): Promise<void> {
    checkBatch(keys.length);
    for (const key of keys) this.data.delete(key);
  }

  async *list(prefix: string): AsyncIterable<string> {
    yield* [...this.data.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}

export function checkBatch(size: number): void {
  if (size > KV_BULK_LIMIT) throw new RangeError(`a KV bulk request takes at most ${KV_BULK_LIMIT} pairs, not ${size}`);
}
