// Publishes a built snapshot through any KV sink: every record, the filter and
// the manifest under the new version's prefix first, and the live pointer last,
// only after every batch before it was confirmed. A run that dies midway
// leaves the previous version live and answering.
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { LIVE_KEY, filterKey, isVersion, manifestKey, rangeKey, recordKey } from '../../worker/core/snapshot-layout.ts';
import { SnapshotCheckError, type BuiltSnapshot } from './build-snapshot.ts';

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
  checkPublishable(snapshot);
  const { version } = snapshot.manifest;
  const entries: KvEntry[] = snapshot.records.map(([key, value]) => ({ key: recordKey(version, key), value }));
  for (const [bucket, text] of snapshot.ranges) entries.push({ key: rangeKey(version, bucket), value: text });
  const total = entries.length + 3;
  let written = 0;
  for (let start = 0; start < entries.length; start += KV_BULK_LIMIT) {
    const batch = entries.slice(start, start + KV_BULK_LIMIT);
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

/**
 * Refuses, before anything is written, a snapshot the Worker could not serve:
 * a malformed version (the Worker ignores a live pointer it cannot parse), a
 * filter that does not load, or counts that disagree with the records.
 */
export function checkPublishable(snapshot: BuiltSnapshot): void {
  const { manifest } = snapshot;
  if (!isVersion(manifest.version)) throw new SnapshotCheckError(`malformed snapshot version "${manifest.version}"`);
  const filter = BloomFilter.fromBytes(snapshot.filter);
  if (filter.bits !== manifest.filter.bits || snapshot.filter.byteLength !== manifest.filter.bytes) {
    throw new SnapshotCheckError('the filter does not match its manifest');
  }
  if (manifest.identifiers !== snapshot.records.length) {
    throw new SnapshotCheckError(`manifest says ${manifest.identifiers} identifiers, the snapshot has ${snapshot.records.length}`);
  }
}
