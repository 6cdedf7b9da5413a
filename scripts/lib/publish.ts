// Publishes a built snapshot through any KV sink: every record, the filter and
// the manifest under the new version's prefix first, and the live pointer last,
// only after every batch before it was confirmed. A run that dies midway
// leaves the previous version live and answering.
import { LIVE_KEY, filterKey, manifestKey, recordKey } from '../../worker/core/snapshot-layout.ts';
import type { BuiltSnapshot } from './build-snapshot.ts';

/** Workers KV takes at most 10,000 pairs per bulk write. */
export const KV_BULK_LIMIT = 10_000;

export interface KvEntry {
  key: string;
  value: string | Uint8Array;
}

/** Where snapshots go: local KV under workerd, or a real namespace through wrangler. */
export interface KvSink {
  /** Resolves only when every entry is stored. At most KV_BULK_LIMIT entries. */
  putBatch(entries: KvEntry[]): Promise<void>;
}

export interface PublishResult {
  version: string;
  keysWritten: number;
}

export async function publishSnapshot(
  snapshot: BuiltSnapshot,
  sink: KvSink,
  onProgress?: (written: number, total: number) => void,
): Promise<PublishResult> {
  const { version } = snapshot.manifest;
  const total = snapshot.records.length + 3;
  let written = 0;
  for (let start = 0; start < snapshot.records.length; start += KV_BULK_LIMIT) {
    const batch = snapshot.records
      .slice(start, start + KV_BULK_LIMIT)
      .map(([key, value]) => ({ key: recordKey(version, key), value }));
    await sink.putBatch(batch);
    written += batch.length;
    onProgress?.(written, total);
  }
  await sink.putBatch([
    { key: filterKey(version), value: snapshot.filter },
    { key: manifestKey(version), value: JSON.stringify(snapshot.manifest) },
  ]);
  written += 2;
  await sink.putBatch([{ key: LIVE_KEY, value: version }]);
  written += 1;
  onProgress?.(written, total);
  return { version, keysWritten: written };
}
