// Turns aggregated records into a versioned snapshot: the Bloom filter, the KV
// records and the manifest. Runtime-neutral (Web Crypto only) so the Worker
// tests build real snapshots inside workerd with the same code as the nightly job.
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { rangeBuckets } from '../../worker/core/range.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { MANIFEST_FORMAT, type Manifest, type SnapshotRecord } from '../../worker/core/snapshot-layout.ts';

export const DEFAULT_FALSE_POSITIVE_RATE = 0.001;
/** Keys known to be absent that are probed to measure the real false-positive rate. */
const FALSE_POSITIVE_PROBES = 100_000;

export interface BuiltSnapshot {
  manifest: Manifest;
  filter: Uint8Array<ArrayBuffer>;
  /** [lookup key, JSON value], in key order. */
  records: Array<[string, string]>;
  /** The private range API's buckets: 3 hex digits → bucket text (worker/core/range.ts). */
  ranges: Map<string, string>;
}

export interface BuildOptions {
  /** Verified reports behind the records (for the manifest). */
  reports: number;
  generatedAt?: Date;
  falsePositiveRate?: number;
  /** SHA-256 hex of a lookup key; Web Crypto by default, a faster synchronous hash where the runtime has one. */
  hashKey?: (key: string) => string | Promise<string>;
}

export class SnapshotCheckError extends Error {
  override name = 'SnapshotCheckError';
}

export async function buildSnapshot(
  source: Iterable<[string, SnapshotRecord]>,
  options: BuildOptions,
): Promise<BuiltSnapshot> {
  const generatedAt = options.generatedAt ?? new Date();
  const targetRate = options.falsePositiveRate ?? DEFAULT_FALSE_POSITIVE_RATE;
  const hashKey = options.hashKey ?? sha256Hex;
  const records: Array<[string, string]> = [];
  const hashes: Array<[string, number]> = [];
  for (const [key, record] of source) {
    records.push([key, JSON.stringify(record)]);
    hashes.push([await hashKey(key), record.matches.reduce((sum, m) => sum + m.count, 0)]);
  }
  const ranges = rangeBuckets(hashes);

  const filter = BloomFilter.forCapacity(records.length, targetRate);
  for (const [key] of records) filter.add(key);

  // The self-check before anything is published: a key that tests negative
  // would be answered "not reported" without reading KV.
  for (const [key] of records) {
    if (!filter.has(key)) throw new SnapshotCheckError(`filter self-check failed: ${key} tests negative`);
  }
  let falsePositives = 0;
  for (let i = 0; i < FALSE_POSITIVE_PROBES; i++) {
    // '#' never occurs in a lookup key, so these are certainly absent.
    if (filter.has(`#probe:${i}`)) falsePositives++;
  }

  const filterBytes = filter.toBytes();
  const filterSha = await sha256Hex(filterBytes);
  const recordsSha = await sha256Hex(records.map(([k, v]) => `${k}\0${v}\0`).join(''));
  const version = `${compactUtc(generatedAt)}-${(await sha256Hex(filterSha + recordsSha)).slice(0, 8)}`;

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version,
    generatedAt: generatedAt.toISOString(),
    identifiers: records.length,
    reports: options.reports,
    filter: {
      bits: filter.bits,
      hashes: filter.hashes,
      bytes: filterBytes.byteLength,
      targetFalsePositiveRate: targetRate,
      measuredFalsePositiveRate: falsePositives / FALSE_POSITIVE_PROBES,
      sha256: filterSha,
    },
    recordsSha256: recordsSha,
    rangeBuckets: ranges.size,
  };
  return { manifest, filter: filterBytes, records, ranges };
}

function compactUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}
