// Reads the live snapshot from KV for the lookup handlers. Per isolate it keeps
// the live pointer for a short while and each version's manifest and filter for
// as long as the version is live, so a filter miss is answered from memory with
// no KV read at all. A version's ranges are immutable and may be cached at the
// edge for long; records are shared across versions (snapshot-layout.ts) and
// are cached only briefly.
//
// A record read that finds nothing is an answer only when the version's range
// bucket, which lists every reported key's hash, confirms the key is not
// there (the filter's false positive, or a key asked with no usable filter).
// A key listed there whose record cannot be read — lost, or not yet
// propagated to this edge — is "unavailable, retry", never "not reported",
// and nothing about it is remembered. Only this rare case reads the bucket.
//
// On top of the version: the same-day delta (worker/delta/delta.ts), one KV
// key read at most once a minute per isolate (DELTA_TTL_MS) and held here. A
// key the delta holds is answered from it with no other read; any other key is
// the base's, so a miss in the filter and in the delta still reads nothing. A
// delta that is missing, corrupt, stale or on another version is not used at
// all (the base answers; health says why), never used in part; a read of it
// that fails keeps the delta already held for the version.
import { BloomFilter, FilterFormatError } from '../core/bloom-filter.ts';
import { ApiError } from '../core/errors.ts';
import { shardOf } from '../core/filter-shards.ts';
import type { RangeSuffix } from '../core/api-types.ts';
import { RANGE_BUCKET_LENGTH, RANGE_BUCKETS, RANGE_PREFIX_LENGTH, reportsIn, suffixesFor } from '../core/range.ts';
import { sha256Hex } from '../core/sha256.ts';
import { readDelta } from '../delta/delta.ts';
import { RecentlyRead } from './recently-read.ts';
import {
  DELTA_KEY,
  LIVE_KEY,
  MANIFEST_FORMAT,
  filterKey,
  isVersion,
  manifestKey,
  rangeKey,
  recordAt,
  recordKey,
  type FilterShard,
  type Manifest,
  type RecordHistory,
  type SnapshotRecord,
} from '../core/snapshot-layout.ts';

export interface RecordRead {
  record: SnapshotRecord | null;
  cached: boolean;
}

interface RangeRead {
  suffixes: RangeSuffix[];
  cached: boolean;
}

/** The delta in use: each changed key's record (null: no longer listed), and its range entries by 5-digit prefix. */
interface LiveDelta {
  records: Map<string, SnapshotRecord | null>;
  /** Prefix → [the hash's other 59 digits, verified reports (0: no longer listed)]. */
  ranges: Map<string, Array<[string, number]>>;
  /** The newest decision in it (delta.ts updatedAt). */
  updatedAt: string | null;
  /** The first 8 digits of its content hash: names it in ETags. */
  tag: string;
}

/** One live version: its manifest, its filter, and what it answers for a key or a range prefix. */
export interface LiveSnapshot {
  version: string;
  manifest: Manifest;
  /** The same-day delta on this version, when one is in use. */
  delta: LiveDelta | null;
  /** Why no delta is in use (health: degraded); undefined when one is. */
  deltaProblem: string | undefined;
  /** The newest decision the answers include: the delta's, else the version's generatedAt. */
  updatedAt: string;
  /** What answers depend on: the version, and the delta's tag when it changes any key. Cache validators use it. */
  tag: string;
  /**
   * The filter shard that would hold the key, loaded on first use; null when
   * that shard is missing or corrupt, and lookups in it read KV alone.
   */
  filterFor(key: string): BloomFilter | null | Promise<BloomFilter | null>;
  /** Loads every shard and says what is wrong with the filter, if anything (for /api/v1/health). */
  filterProblem(): Promise<string | undefined>;
  /**
   * The record of one lookup key in this version, and whether it came from
   * this isolate's memory. null only when the key is confirmed not reported;
   * a record that should exist but cannot be read throws
   * ApiError('snapshot_unavailable').
   */
  record(key: string): RecordRead | Promise<RecordRead>;
  /**
   * The reported entries under a lowercase 5-digit prefix, sorted, the delta's changes applied,
   * and whether the version's came from this isolate's memory.
   */
  range(prefix: string): Promise<RangeRead>;
}

/** What the lookup, range and health handlers need: the live snapshot (at once when this isolate holds it fresh). */
export interface SnapshotSource {
  live(): LiveSnapshot | Promise<LiveSnapshot>;
}

const DEFAULT_POINTER_TTL_MS = 30_000;
/** The delta key is read at most this often per isolate (the writer rebuilds it every minute). */
const DELTA_TTL_MS = 60_000;
/**
 * While one request re-reads the pointer and the delta, the isolate's other
 * requests answer from what it holds, for at most this long: should that
 * request end before its reads do (its reads end with it), the next request
 * after this tries again.
 */
const REFRESH_TAKEOVER_MS = 5_000;
/** Range reads may be served from the edge cache this long: a version's parts never change. */
const RANGE_CACHE_TTL_SECONDS = 3600;
/**
 * Records are shared by the versions of a generation and gain an entry when
 * they change, so their edge cache must expire before the next version can go
 * live with a stale copy: well under the nightly interval and the pointer TTL
 * bound. 60 s is KV's minimum.
 */
const RECORD_CACHE_TTL_SECONDS = 60;

/**
 * Answers this isolate has read for the live version, up to this many records
 * and as many range answers. Exact, not a guess: what a version answers never
 * changes while the version is kept (snapshot-layout.ts), so a repeated lookup
 * needs no KV read.
 */
const DEFAULT_RECORD_CACHE_ENTRIES = 5_000;

/** The delta as read for a version, or why none is used. */
interface DeltaState {
  delta: LiveDelta | null;
  problem: string | undefined;
  /** The KV read itself failed (not a missing, corrupt or stale delta): a delta already held is kept. */
  unreadable?: true;
}

/** What the isolate holds of the live snapshot: the version, the delta on it, and when each was last read (Date.now() before the read). */
interface Held {
  version: LoadedVersion;
  pointerReadAt: number;
  delta: DeltaState;
  deltaReadAt: number;
}

// Isolate-wide, shared by every request this isolate serves: values once read,
// never a read in flight. workerd ties a KV read to the request that started
// it; a request awaiting another's read is cancelled when that one ends first
// (HTTP 500, "your Worker's code had hung"), as a shared promise once did here
// under load. So a request that finds nothing held reads for itself, and one
// that finds it stale re-reads it while the others answer from what is held.
// What a version answers is remembered by its LoadedVersion, so it goes with it.
let held: Held | undefined;
/** When a request began re-reading `held`; -Infinity when none is. */
let refreshingSince = -Infinity;

export class KvSnapshotSource implements SnapshotSource {
  private readonly kv: KVNamespace;
  private readonly pointerTtlMs: number;
  /** DELTA_TTL_MS, or the pointer's TTL when set shorter (LIVE_POINTER_TTL_SECONDS=0 in tests: every request reads). */
  private readonly deltaTtlMs: number;
  private readonly recordCacheEntries: number;
  /** The version and delta this source last answered from, and its reader of them (reads through this source's binding). */
  private readerOf: LoadedVersion | undefined;
  private readerDelta: DeltaState | undefined;
  private reader: LoadedSnapshot | undefined;

  constructor(kv: KVNamespace, pointerTtlSeconds?: string, recordCacheEntries?: string) {
    this.kv = kv;
    const ttl = Number(pointerTtlSeconds);
    this.pointerTtlMs = pointerTtlSeconds !== undefined && Number.isFinite(ttl) ? ttl * 1000 : DEFAULT_POINTER_TTL_MS;
    this.deltaTtlMs = Math.min(DELTA_TTL_MS, pointerTtlSeconds !== undefined && Number.isFinite(ttl) ? ttl * 1000 : DELTA_TTL_MS);
    const entries = Number(recordCacheEntries);
    this.recordCacheEntries =
      recordCacheEntries !== undefined && Number.isInteger(entries) && entries >= 0 ? entries : DEFAULT_RECORD_CACHE_ENTRIES;
  }

  /**
   * The snapshot held while its pointer and delta are fresh, or while another
   * request re-reads them (a TTL of 0 re-reads on every request): no promise,
   * no allocation. Otherwise this request reads them itself.
   */
  live(): LiveSnapshot | Promise<LiveSnapshot> {
    const now = Date.now();
    const current = held;
    if (
      current &&
      ((now - current.pointerReadAt < this.pointerTtlMs && now - current.deltaReadAt < this.deltaTtlMs) ||
        (this.pointerTtlMs > 0 && now - refreshingSince < REFRESH_TAKEOVER_MS))
    ) {
      return this.readerFor(current);
    }
    return this.refresh(current, now);
  }

  private async refresh(current: Held | undefined, now: number): Promise<LiveSnapshot> {
    refreshingSince = now;
    try {
      const next = await this.read(current, now);
      // A slower read begun earlier never replaces what a later one stored.
      if (!held || (next.pointerReadAt >= held.pointerReadAt && next.deltaReadAt >= held.deltaReadAt)) held = next;
      return this.readerFor(next);
    } finally {
      if (refreshingSince === now) refreshingSince = -Infinity;
    }
  }

  /** The pointer and the delta as this request reads them: each re-read when stale, the version loaded when new. */
  private async read(current: Held | undefined, now: number): Promise<Held> {
    let version = current?.version;
    let pointerReadAt = current?.pointerReadAt ?? -Infinity;
    if (!version || now - pointerReadAt >= this.pointerTtlMs) {
      const name = await this.readPointer(current !== undefined);
      // undefined: the read failed and a version is held; keep answering from it, re-read by the next request.
      if (name !== undefined) {
        pointerReadAt = now;
        // The same version keeps its LoadedVersion, and all it remembered; a new one is loaded and the previous dropped.
        const same = [held?.version, version].find((kept) => kept?.version === name);
        version = same ?? (await this.load(name));
      }
    }
    if (!version) throw new ApiError('snapshot_unavailable');
    let delta = current?.delta;
    let deltaReadAt = current?.deltaReadAt ?? -Infinity;
    if (!delta || version !== current?.version || now - deltaReadAt >= this.deltaTtlMs) {
      const read = await readDeltaState(this.kv, version.version, now);
      // A failed read keeps the delta held for this version, as a failed pointer read keeps the version (re-read by
      // the next request): dropping it would answer the day's verified reports "not reported" until the next read.
      if (!(read.unreadable && delta?.delta && version === current?.version)) {
        delta = read;
        deltaReadAt = now;
      }
    }
    return { version, pointerReadAt, delta, deltaReadAt };
  }

  /**
   * The isolate's version and delta as this source reads them: record and
   * range reads go through this source's binding and its memory setting, while
   * what they remember is the version's, shared by every source of the isolate.
   */
  private readerFor({ version, delta }: Held): LoadedSnapshot {
    if (this.readerOf !== version || this.readerDelta !== delta || !this.reader) {
      this.readerOf = version;
      this.readerDelta = delta;
      this.reader = new LoadedSnapshot(version, delta, this.kv, this.recordCacheEntries);
    }
    return this.reader;
  }

  /** The live pointer's version; undefined when it cannot be read or is not a version and `holding` one, to keep answering from it. */
  private async readPointer(holding: boolean): Promise<string | undefined> {
    let version: string | null;
    try {
      version = await this.kv.get(LIVE_KEY);
    } catch (err) {
      // Keep answering from the version already in memory rather than failing.
      if (holding) return undefined;
      console.error(`cekdulu: KV live pointer read failed: ${(err as Error).message}`);
      throw new ApiError('snapshot_unavailable');
    }
    if (isVersion(version)) return version;
    if (holding) return undefined;
    throw new ApiError('snapshot_unavailable');
  }

  private async load(version: string): Promise<LoadedVersion> {
    const manifest = await readKv(`snapshot ${version} manifest`, () => this.kv.get<Manifest>(manifestKey(version), 'json'));
    if (!manifest || manifest.version !== version || manifest.format !== MANIFEST_FORMAT) throw new ApiError('snapshot_unavailable');
    return new LoadedVersion(this.kv, manifest);
  }
}

interface ShardState {
  filter: BloomFilter | null;
  problem?: string;
}

/**
 * A live version as this isolate holds it: its manifest, its filter shards as
 * lookups need them, and what the isolate has read of it (lookup key → record,
 * null when confirmed not in this version; 5-digit prefix → its reported range
 * entries). The memory lives and goes with the version: the source drops this
 * object when the pointer moves, and a lookup that began before may finish
 * here without touching the new version's memory.
 *
 * A shard is shared once loaded, never while loading (see `held`): a lookup
 * that needs a shard not yet loaded loads it itself, and the first to finish
 * keeps it for all.
 */
class LoadedVersion {
  readonly version: string;
  readonly manifest: Manifest;
  readonly records = new RecentlyRead<SnapshotRecord | null>();
  readonly ranges = new RecentlyRead<RangeSuffix[]>();
  private readonly kv: KVNamespace;
  private readonly shards: Array<ShardState | undefined>;

  constructor(kv: KVNamespace, manifest: Manifest) {
    this.kv = kv;
    this.version = manifest.version;
    this.manifest = manifest;
    this.shards = new Array(manifest.filter.shards.length);
  }

  /** The key's shard's filter: at once once loaded. */
  filterFor(key: string): BloomFilter | null | Promise<BloomFilter | null> {
    const index = shardOf(key, this.shards.length);
    const loaded = this.shards[index];
    return loaded ? loaded.filter : this.shard(index).then((state) => state.filter);
  }

  async filterProblem(): Promise<string | undefined> {
    const states = await Promise.all(Array.from(this.shards, (loaded, i) => loaded ?? this.shard(i)));
    const bad = states.flatMap((state, i) => (state.problem ? [`${i}: ${state.problem}`] : []));
    if (bad.length === 0) return undefined;
    if (states.length === 1) return states[0]!.problem;
    return `filter shard ${bad.join(', shard ')} (of ${states.length})`;
  }

  /** Loads a shard and keeps it, unless another lookup kept it first. A failed read throws and is retried by the next lookup; a missing or corrupt shard is kept. */
  private async shard(index: number): Promise<ShardState> {
    const state = await loadShard(this.kv, this.version, index, this.manifest.filter.shards[index]!);
    return (this.shards[index] ??= state);
  }
}

/** A loaded version read through one source's binding: what the handlers are given. */
class LoadedSnapshot implements LiveSnapshot {
  readonly version: string;
  readonly manifest: Manifest;
  readonly delta: LiveDelta | null;
  readonly deltaProblem: string | undefined;
  readonly updatedAt: string;
  readonly tag: string;
  private readonly loaded: LoadedVersion;
  private readonly kv: KVNamespace;
  /** Entries remembered per kind; 0 (RECORD_CACHE_ENTRIES=0) turns remembering off. */
  private readonly memoryEntries: number;

  constructor(loaded: LoadedVersion, deltaState: DeltaState, kv: KVNamespace, memoryEntries: number) {
    this.loaded = loaded;
    this.version = loaded.version;
    this.manifest = loaded.manifest;
    this.delta = deltaState.delta;
    this.deltaProblem = deltaState.problem;
    const { generatedAt } = loaded.manifest;
    const decided = this.delta?.updatedAt;
    this.updatedAt = decided && decided > generatedAt ? decided : generatedAt;
    this.tag = this.delta && this.delta.records.size > 0 ? `${this.version}+${this.delta.tag}` : this.version;
    this.kv = kv;
    this.memoryEntries = memoryEntries;
  }

  filterFor(key: string): BloomFilter | null | Promise<BloomFilter | null> {
    return this.loaded.filterFor(key);
  }

  filterProblem(): Promise<string | undefined> {
    return this.loaded.filterProblem();
  }

  /** A record this isolate remembers for the version at once; any other read from KV. */
  record(key: string): RecordRead | Promise<RecordRead> {
    const remembered = this.recall(this.loaded.records, key);
    return remembered !== undefined ? { record: remembered, cached: true } : this.readRecord(key);
  }

  private async readRecord(key: string): Promise<RecordRead> {
    const { generation, skip } = this.manifest;
    // Logged without the error's message: a record's KV key holds the lookup key, and a message may quote it.
    const history = await readKv(
      `a record of generation ${generation}`,
      () => this.kv.get<RecordHistory>(recordKey(generation, key), { type: 'json', cacheTtl: RECORD_CACHE_TTL_SECONDS }),
      false,
    );
    const record = history ? recordAt(history, this.version, skip) : null;
    if (record === null) {
      const bucket = await this.listingBucket(key);
      if (bucket) {
        // The version and the bucket (one of 4,096, as a range query names it), never the key: it is what someone looked up.
        console.error(`cekdulu: snapshot ${this.version} range bucket ${bucket} lists a key whose record is missing`);
        throw new ApiError('snapshot_unavailable');
      }
    }
    this.remember(this.loaded.records, key, record);
    return { record, cached: false };
  }

  async range(prefix: string): Promise<RangeRead> {
    const remembered = this.recall(this.loaded.ranges, prefix);
    if (remembered !== undefined) return { suffixes: this.withDelta(prefix, remembered), cached: true };
    const text = await this.bucket(prefix.slice(0, RANGE_BUCKET_LENGTH));
    const suffixes = suffixesFor(text, prefix);
    this.remember(this.loaded.ranges, prefix, suffixes);
    return { suffixes: this.withDelta(prefix, suffixes), cached: false };
  }

  /** A prefix's base entries with the delta's changes: a changed key's entry replaced, dropped when no longer listed. */
  private withDelta(prefix: string, suffixes: RangeSuffix[]): RangeSuffix[] {
    const changes = this.delta?.ranges.get(prefix);
    if (!changes) return suffixes;
    const changed = new Set(changes.map(([suffix]) => suffix));
    const merged = suffixes.filter((entry) => !changed.has(entry.suffix));
    for (const [suffix, count] of changes) if (count > 0) merged.push({ suffix, count });
    return merged.sort((a, b) => (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0));
  }

  private recall<V>(memory: RecentlyRead<V>, key: string): V | undefined {
    return this.memoryEntries > 0 ? memory.get(key) : undefined;
  }

  private remember<V>(memory: RecentlyRead<V>, key: string, value: V): void {
    if (this.memoryEntries > 0) memory.set(key, value, this.memoryEntries);
  }

  /**
   * The range bucket that lists the key as reported in this version, or null when it does not:
   * the exact test behind a missing record.
   */
  private async listingBucket(key: string): Promise<string | null> {
    const hash = await sha256Hex(key);
    const bucket = hash.slice(0, RANGE_BUCKET_LENGTH);
    const text = await this.bucket(bucket);
    return reportsIn(suffixesFor(text, hash.slice(0, RANGE_PREFIX_LENGTH)), hash) > 0 ? bucket : null;
  }

  /** A range bucket's text; null when the version has no key in it. */
  private async bucket(bucket: string): Promise<string | null> {
    const text = await readKv(`snapshot ${this.version} range bucket ${bucket}`, () =>
      this.kv.get(rangeKey(this.version, bucket), { type: 'text', cacheTtl: RANGE_CACHE_TTL_SECONDS }),
    );
    // A snapshot that wrote every bucket has no empty one: a missing bucket is lost, not an answer.
    if (text === null && this.manifest.rangeBuckets >= RANGE_BUCKETS) {
      console.error(`cekdulu: snapshot ${this.version} range bucket ${bucket} is missing`);
      throw new ApiError('snapshot_unavailable');
    }
    return text;
  }
}

/**
 * The delta on `version` as KV holds it, checked (delta.ts readDelta), or why it is not used. Never
 * throws: a delta that cannot be read leaves the base answering.
 */
async function readDeltaState(kv: KVNamespace, version: string, now: number): Promise<DeltaState> {
  let value: unknown;
  try {
    value = await kv.get(DELTA_KEY, 'json');
  } catch (err) {
    // A syntax error (a torn or corrupt value) or a failed read; its message may quote the value.
    const corrupt = err instanceof SyntaxError;
    console.error(`cekdulu: KV read of the delta failed: ${(err as Error)?.name ?? typeof err}`);
    return corrupt ? { delta: null, problem: 'delta corrupt: not JSON' } : { delta: null, problem: 'delta unreadable: KV read failed', unreadable: true };
  }
  const reading = await readDelta(value, version, now);
  if (!reading.delta) {
    // Missing or stale is expected for a moment after a publish; the rest is worth an operator's look.
    console.warn(`cekdulu: delta not used (${reading.problem}): answers come from snapshot ${version}`);
    return { delta: null, problem: reading.problem };
  }
  const records = new Map<string, SnapshotRecord | null>();
  const ranges = new Map<string, Array<[string, number]>>();
  for (const [key, hash, record] of reading.delta.entries) {
    records.set(key, record);
    const prefix = hash.slice(0, RANGE_PREFIX_LENGTH);
    const count = record ? record.matches.reduce((sum, m) => sum + m.count, 0) : 0;
    let list = ranges.get(prefix);
    if (!list) ranges.set(prefix, (list = []));
    list.push([hash.slice(RANGE_PREFIX_LENGTH), count]);
  }
  return { delta: { records, ranges, updatedAt: reading.delta.updatedAt, tag: reading.delta.sha256.slice(0, 8) }, problem: undefined };
}

/** A shard is used only when its checksum matches the manifest; otherwise its lookups fall back to KV. */
async function loadShard(kv: KVNamespace, version: string, index: number, expected: FilterShard): Promise<ShardState> {
  const bytes = await readKv(`snapshot ${version} filter shard ${index}`, () => kv.get(filterKey(version, index), 'arrayBuffer'));
  let state: ShardState;
  if (!bytes) state = { filter: null, problem: 'filter missing' };
  else if ((await sha256Hex(bytes)) !== expected.sha256) state = { filter: null, problem: 'filter checksum mismatch' };
  else {
    try {
      state = { filter: BloomFilter.fromBytes(new Uint8Array(bytes)) };
    } catch (err) {
      if (!(err instanceof FilterFormatError)) throw err;
      state = { filter: null, problem: `filter unreadable: ${err.message}` };
    }
  }
  if (state.problem) console.warn(`cekdulu: snapshot ${version} filter shard ${index} unusable (${state.problem}): its lookups read KV alone`);
  return state;
}

/**
 * A failed KV read is "unavailable, retry" — never an empty answer that would read as "not reported".
 * Logged by what was read and the error's name; its message only when `quote` (when the key read
 * holds nothing anyone looked up).
 */
async function readKv<T>(what: string, get: () => Promise<T>, quote = true): Promise<T> {
  try {
    return await get();
  } catch (err) {
    const name = (err as Error)?.name ?? typeof err;
    console.error(`cekdulu: KV read of ${what} failed: ${quote ? `${name}: ${(err as Error)?.message ?? ''}` : name}`);
    throw new ApiError('snapshot_unavailable');
  }
}
