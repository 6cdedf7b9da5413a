// Turns aggregated records into a versioned snapshot: the Bloom filter, the
// range buckets and the manifest's content, with the records read again from
// the source when they are written, so no copy of every record is held.
// Runtime-neutral (Web Crypto by default) so the Worker tests build real
// snapshots inside workerd with the same code as the nightly job.
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { shardCount, shardOf } from '../../worker/core/filter-shards.ts';
import { RangeBucketBuilder, rangeAnswerEntries } from '../../worker/core/range.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { MANIFEST_FORMAT, type FilterShard, type Manifest, type SnapshotRecord } from '../../worker/core/snapshot-layout.ts';

const DEFAULT_FALSE_POSITIVE_RATE = 0.001;
/** Keys known to be absent that are probed to measure the real false-positive rate. */
const FALSE_POSITIVE_PROBES = 100_000;

/** Aggregated records (aggregate.ts): counts known up front, records readable more than once. */
export interface RecordSource {
  readonly identifiers: number;
  readonly reports: number;
  /** Lookup keys in code-unit order: the keys of records(), cheaper to read. */
  keys(): Iterable<string>;
  /** Records in lookup-key (code unit) order. */
  records(): Iterable<[string, SnapshotRecord]>;
}

/** What a build decides; publishing adds where the records live and what came before. */
type SnapshotContent = Omit<Manifest, 'previous' | 'generation' | 'skip'>;

export interface BuiltSnapshot {
  manifest: SnapshotContent;
  /** The filter's shards, in shard order. */
  filters: Array<Uint8Array<ArrayBuffer>>;
  /** The private range API's buckets: 3 hex digits → bucket text (worker/core/range.ts). */
  ranges: Map<string, string>;
  /** [lookup key, record JSON] in key order, serialised again on every read. */
  records(): Iterable<[string, string]>;
}

/** An incremental SHA-256. */
interface Digest {
  update(text: string): void;
  hex(): Promise<string> | string;
}

export interface BuildOptions {
  generatedAt?: Date;
  /** The manifest's readFrom (snapshot-layout.ts): where the next same-day delta starts; only for runs that read D1. */
  readFrom?: string;
  falsePositiveRate?: number;
  /** SHA-256 hex of a lookup key; Web Crypto by default, a faster synchronous hash where the runtime has one. */
  hashKey?: (key: string) => string | Promise<string>;
  /** An incremental SHA-256; by default the text is joined and hashed once with Web Crypto (fine for tests). */
  digest?: () => Digest;
  /** Filter shards stay under this size (filter-shards.ts); smaller in tests to get several. */
  maxShardBytes?: number;
}

export class SnapshotCheckError extends Error {
  override name = 'SnapshotCheckError';
}

export async function buildSnapshot(source: RecordSource, options: BuildOptions = {}): Promise<BuiltSnapshot> {
  const generatedAt = options.generatedAt ?? new Date();
  const targetRate = options.falsePositiveRate ?? DEFAULT_FALSE_POSITIVE_RATE;
  const hashKey = options.hashKey ?? sha256Hex;
  const recordsDigest = (options.digest ?? joinedDigest)();
  const records = () => serialised(source);

  const shards = shardCount(source.identifiers, targetRate, options.maxShardBytes);
  const perShard = new Array<number>(shards).fill(0);
  for (const key of source.keys()) perShard[shardOf(key, shards)]!++;
  const filters = perShard.map((keys) => BloomFilter.forCapacity(keys, targetRate));
  const buckets = new RangeBucketBuilder();
  let identifiers = 0;
  for (const [key, json, count] of countedRecords(source)) {
    identifiers++;
    filters[shardOf(key, shards)]!.add(key);
    recordsDigest.update(`${key}\0${json}\0`);
    buckets.add(await hashKey(key), count);
  }
  if (identifiers !== source.identifiers) {
    throw new SnapshotCheckError(`the source announced ${source.identifiers} identifiers and yielded ${identifiers}`);
  }
  const ranges = buckets.finish();

  // The self-check before anything is published: a key that tests negative
  // would be answered "not reported" without reading KV.
  const has = (key: string) => filters[shardOf(key, shards)]!.has(key);
  for (const key of source.keys()) {
    if (!has(key)) throw new SnapshotCheckError(`filter self-check failed: ${key} tests negative`);
  }
  let falsePositives = 0;
  for (let i = 0; i < FALSE_POSITIVE_PROBES; i++) {
    // '#' never occurs in a lookup key, so these are certainly absent.
    if (has(`#probe:${i}`)) falsePositives++;
  }

  const filterBytes = filters.map((filter) => filter.toBytes());
  const shardManifest: FilterShard[] = [];
  for (const [i, filter] of filters.entries()) {
    const bytes = filterBytes[i]!;
    shardManifest.push({ bits: filter.bits, hashes: filter.hashes, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  }
  const recordsSha = await recordsDigest.hex();
  const contentSha = await sha256Hex(shardManifest.map((s) => s.sha256).join('') + recordsSha);
  const version = `${compactUtc(generatedAt)}-${contentSha.slice(0, 8)}`;

  const content: SnapshotContent = {
    format: MANIFEST_FORMAT,
    version,
    generatedAt: generatedAt.toISOString(),
    identifiers,
    reports: source.reports,
    filter: {
      bits: shardManifest.reduce((sum, s) => sum + s.bits, 0),
      bytes: shardManifest.reduce((sum, s) => sum + s.bytes, 0),
      targetFalsePositiveRate: targetRate,
      measuredFalsePositiveRate: falsePositives / FALSE_POSITIVE_PROBES,
      shards: shardManifest,
    },
    recordsSha256: recordsSha,
    rangeBuckets: ranges.size,
    rangeEntries: rangeAnswerEntries(buckets.fullestPrefix),
    ...(options.readFrom ? { readFrom: options.readFrom } : {}),
  };
  return { manifest: content, filters: filterBytes, ranges, records };
}

function* serialised(source: RecordSource): Generator<[string, string]> {
  for (const [key, record] of source.records()) yield [key, JSON.stringify(record)];
}

function* countedRecords(source: RecordSource): Generator<[string, string, number]> {
  for (const [key, record] of source.records()) {
    yield [key, JSON.stringify(record), record.matches.reduce((sum, m) => sum + m.count, 0)];
  }
}

function joinedDigest(): Digest {
  const parts: string[] = [];
  return { update: (text) => void parts.push(text), hex: () => sha256Hex(parts.join('')) };
}

function compactUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}
