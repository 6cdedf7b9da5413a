// Publishes a built snapshot into a KV namespace, writing only what changed
// since the previous run (snapshot-layout.ts explains the layout):
//
//  0. take the namespace's lease (publish-lease.ts): one publisher at a time;
//  1. check the snapshot and the guard rails; nothing is written before;
//  2. mark the run as `publishing`, so that if it dies the next run knows
//     which version's entries to ignore;
//  3. merge the new records with the previous run's state (snapshot-state.ts),
//     both in key order: a record that changed gets a new entry in its
//     history, a key that disappeared gets a "dropped" entry, the rest is not
//     touched; then the version's ranges, filter and manifest;
//  4. only when every write was confirmed (and, against a real namespace, KV
//     has had time to propagate them) move `head`, then `live`;
//  5. commit the new state, then delete what no kept version needs: keys
//     dropped before every kept version, and the parts and generations of
//     versions past the retention.
// A run that dies at any point leaves the previous version live and intact.
// The lease is released at the end, whatever the outcome.
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import {
  HEAD_KEY,
  DELTA_KEY,
  LIVE_KEY,
  PUBLISHING_KEY,
  filterKey,
  generationPrefix,
  isVersion,
  manifestKey,
  rangeKey,
  entryAt,
  recordAt,
  recordKey,
  versionPrefix,
  type Head,
  type Manifest,
  type Publishing,
  type RecordHistory,
} from '../../worker/core/snapshot-layout.ts';
import { SnapshotCheckError, type BuiltSnapshot } from './build-snapshot.ts';
import { deltaSince, emptyDelta } from '../../worker/delta/delta-writer.ts';
import { hash64Hex } from '../../worker/reports/hash64.ts';
import { KV_BULK_LIMIT, type KvEntry, type KvStore } from './kv-store.ts';
import { withLease, type HeldLease, type LeaseOptions } from './publish-lease.ts';
import { DROPPED, STATE_FORMAT, type StateLine, type StateStore, type StateWriter } from './snapshot-state.ts';
import { RefusalError } from './refusal.ts';

/** Committed versions kept (the new one included) for rollback; older ones are deleted. */
export const DEFAULT_KEEP_VERSIONS = 7;
/** Refuse a run whose identifiers fall by more than this share of the live version's, unless forced. */
export const DEFAULT_MAX_DROP = 0.2;

/** The namespace's `head` value: the newest committed version and the versions kept for rollback. */
interface HeadRecord extends Head {
  /** Committed versions still kept, oldest first, the head last. */
  kept: Head[];
}

export interface PublishOptions {
  state: StateStore;
  /** Write every record into a new generation instead of diffing. */
  full?: boolean;
  keepVersions?: number;
  maxDrop?: number;
  /** Publish even when a guard rail refuses. */
  force?: boolean;
  /** Wait this long between the last write and moving `live` (KV propagates writes within about 60 s). */
  settleMs?: number;
  /** Called after each batch: keys written or deleted so far. */
  onProgress?: (done: number) => void;
  log?: (line: string) => void;
  /** The publish lease: its expiry and how long to wait before confirming it (publish-lease.ts). */
  lease?: LeaseOptions;
}

export interface PublishResult {
  version: string;
  generation: string;
  /** diff: only changed records were written; full: a new generation with every record. */
  mode: 'diff' | 'full';
  previous: string | null;
  recordsWritten: number;
  recordsUnchanged: number;
  /** Every KV key written: records, ranges, filter, manifest, and the head, publishing and live pointers (not the lease). */
  keysWritten: number;
  keysDeleted: number;
}

/** A guard rail refused the run: nothing was written. */
export class GuardRailError extends RefusalError {
  override name = 'GuardRailError';
}

export async function publishSnapshot(built: BuiltSnapshot, kv: KvStore, options: PublishOptions): Promise<PublishResult> {
  checkPublishable(built);
  return withLease(kv, 'publish', options.lease ?? {}, (lease) => publishHolding(built, kv, options, lease), options.log);
}

async function publishHolding(built: BuiltSnapshot, kv: KvStore, options: PublishOptions, lease: HeldLease): Promise<PublishResult> {
  const { version } = built.manifest;
  const keepVersions = Math.max(1, options.keepVersions ?? DEFAULT_KEEP_VERSIONS);
  const log = options.log ?? (() => {});

  // Three independent reads (three wrangler processes against a real namespace): together.
  const [live, headText, interruptedText] = await Promise.all([kv.get(LIVE_KEY), kv.get(HEAD_KEY), kv.get(PUBLISHING_KEY)]);
  const head = parseJson<HeadRecord>(headText);
  const interrupted = parseJson<Publishing>(interruptedText);
  const liveManifest = isVersion(live) ? parseJson<Manifest>(await kv.get(manifestKey(live))) : null;
  if (head && version <= head.version) {
    throw new SnapshotCheckError(`version ${version} is not newer than the head version ${head.version}`);
  }
  checkGuardRails(built, liveManifest, options);

  // Diff against the previous run's state only when it describes the head exactly.
  const stored = options.full ? null : await options.state.read();
  const diff = stored !== null && head !== null && stored.header.version === head.version && stored.header.generation === head.generation;
  if (!diff && stored && !options.full) {
    log(`the saved state (${stored.header.version}) is not the head (${head?.version ?? 'none'}): writing a new generation`);
  }
  const generation = diff ? stored.header.generation : version;
  // Runs that died since the last commit wrote entries nobody may read.
  const orphans: Head[] =
    interrupted && interrupted.version !== head?.version
      ? [...(interrupted.orphans ?? []), { version: interrupted.version, generation: interrupted.generation }]
      : [];
  const skip = diff ? [...stored.header.skip] : [];
  for (const orphan of orphans) {
    // A dead run with this very version built the same content (the version hashes it) from the
    // same state: this run rewrites every record it wrote.
    if (orphan.generation !== generation || orphan.version === version || skip.includes(orphan.version)) continue;
    log(`run ${orphan.version} died while publishing: its entries are ignored from now on`);
    skip.push(orphan.version);
  }
  const kept: Head[] = [...(head?.kept ?? []), { version, generation }].slice(-keepVersions);
  if (isVersion(live) && liveManifest && !kept.some((k) => k.version === live)) {
    kept.unshift({ version: live, generation: liveManifest.generation });
  }
  // Versions of this generation a reader may be at, now or once this run is done: until the
  // run commits, every version kept so far must keep its answers (the run may yet die).
  const readersAt = [...new Set([...(head?.kept ?? []), ...kept].filter((k) => k.generation === generation && k.version !== version).map((k) => k.version))];

  const writer = new BatchWriter(kv, lease, options.onProgress);
  const marker: Publishing = { version, generation, startedAt: new Date().toISOString(), orphans };
  await writer.putNow([{ key: PUBLISHING_KEY, value: JSON.stringify(marker) }]);

  const state = await options.state.create({ format: STATE_FORMAT, version, generation, skip });
  const garbage: string[] = [];
  let recordsWritten = 0;
  let recordsUnchanged = 0;
  try {
    for await (const [key, json, old] of mergeByKey(built.records(), diff ? stored.lines : emptyLines())) {
      const latest = json === undefined ? DROPPED : hash64Hex(json);
      if (old && old.latest === latest) {
        // Unchanged: keep it, unless it was dropped before every version still read.
        if (latest === DROPPED && isGarbage(JSON.parse(old.history) as RecordHistory, readersAt, skip)) {
          garbage.push(recordKey(generation, key));
        } else {
          await state.write(old);
          recordsUnchanged++;
        }
        continue;
      }
      if (!old && json === undefined) continue;
      const value = nextHistory(old?.history, readersAt, skip, version, json);
      await writer.put({ key: recordKey(generation, key), value });
      await state.write({ key, latest, history: value });
      recordsWritten++;
    }
    await writer.flush();

    const manifest: Manifest = { ...built.manifest, previous: isVersion(live) ? live : null, generation, skip };
    for (const [bucket, text] of built.ranges) await writer.put({ key: rangeKey(version, bucket), value: text });
    for (const [shard, bytes] of built.filters.entries()) await writer.put({ key: filterKey(version, shard), value: bytes });
    await writer.put({ key: manifestKey(version), value: JSON.stringify(manifest) });
    await writer.flush();

    if (options.settleMs) {
      log(`waiting ${Math.round(options.settleMs / 1000)} s for KV to propagate before switching`);
      await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    }
    // Nobody took the namespace over while this run wrote (it would have had to stall past the expiry).
    await lease.confirm();
    await writer.putNow([{ key: HEAD_KEY, value: JSON.stringify({ version, generation, kept } satisfies HeadRecord) }]);
    await writer.putNow([{ key: LIVE_KEY, value: version }]);
  } catch (err) {
    await state.abort();
    throw err;
  }
  await commitState(state, log);
  await startDelta(kv, version, built.manifest, log);

  const keysDeleted = await cleanUp(kv, lease, { garbage, kept, version, orphans, previousHead: head }, options.onProgress);
  return {
    version,
    generation,
    mode: diff ? 'diff' : 'full',
    previous: isVersion(live) ? live : null,
    recordsWritten,
    recordsUnchanged,
    keysWritten: writer.written,
    keysDeleted,
  };
}

/**
 * The day's decisions are folded into the version just published: its same-day delta starts empty
 * (issue 25; docs/operations.md), and the Cron Trigger rebuilds it on this version within a minute.
 * After the switch and best effort: should this write fail, the old delta names the old version,
 * so readers ignore it (health 'degraded') until the next minute's build.
 */
async function startDelta(kv: KvStore, version: string, manifest: BuiltSnapshot['manifest'], log: (line: string) => void): Promise<void> {
  try {
    await kv.putBatch([{ key: DELTA_KEY, value: JSON.stringify(await emptyDelta(version, deltaSince(manifest), new Date())) }]);
  } catch (err) {
    log(`the empty same-day delta was not written (${(err as Error).message}): the Cron Trigger writes one within a minute`);
  }
}

/**
 * Makes `live` the version that was live before the current one, in one
 * write. The head stays where it is, so the next run still diffs correctly.
 * Holds the lease too: a rollback during a publish would be undone by its switch.
 */
export async function rollback(kv: KvStore, lease: LeaseOptions = {}): Promise<{ from: string; to: string }> {
  return withLease(kv, 'rollback', lease, () => rollbackHolding(kv));
}

async function rollbackHolding(kv: KvStore): Promise<{ from: string; to: string }> {
  const live = await kv.get(LIVE_KEY);
  if (!isVersion(live)) throw new SnapshotCheckError('nothing is live: there is nothing to roll back');
  const manifest = parseJson<Manifest>(await kv.get(manifestKey(live)));
  const previous = manifest?.previous;
  if (!previous) throw new SnapshotCheckError(`${live} has no previous version to return to`);
  const [previousManifest, filter] = await Promise.all([kv.get(manifestKey(previous)), kv.get(filterKey(previous, 0))]);
  if (!previousManifest || filter === null) {
    throw new SnapshotCheckError(`the previous version ${previous} is no longer kept (past the retention)`);
  }
  await kv.putBatch([{ key: LIVE_KEY, value: previous }]);
  // The delta was built on the version rolled back from: dropped, so nothing answers from it;
  // the Cron Trigger builds the previous version's within a minute (health says 'degraded' until then).
  await kv.deleteBatch([DELTA_KEY]);
  return { from: live, to: previous };
}

/**
 * Refuses, before anything is written, a snapshot the Worker could not serve:
 * a malformed version (the Worker ignores a live pointer it cannot parse), a
 * filter that does not load or does not match its manifest.
 */
function checkPublishable(built: BuiltSnapshot): void {
  const { manifest: content } = built;
  if (!isVersion(content.version)) throw new SnapshotCheckError(`malformed snapshot version "${content.version}"`);
  const { shards } = content.filter;
  if (built.filters.length !== shards.length) throw new SnapshotCheckError('the filter does not match its manifest');
  for (const [i, bytes] of built.filters.entries()) {
    const filter = BloomFilter.fromBytes(bytes);
    if (filter.bits !== shards[i]!.bits || bytes.byteLength !== shards[i]!.bytes) {
      throw new SnapshotCheckError(`filter shard ${i} does not match its manifest`);
    }
  }
}

function checkGuardRails(built: BuiltSnapshot, liveManifest: Manifest | null, options: PublishOptions): void {
  if (!liveManifest || options.force) return;
  const maxDrop = options.maxDrop ?? DEFAULT_MAX_DROP;
  const before = liveManifest.identifiers;
  const after = built.manifest.identifiers;
  if (before > 0 && (before - after) / before > maxDrop) {
    throw new GuardRailError(
      `reported identifiers would fall from ${before} (live ${liveManifest.version}) to ${after} ` +
        `(−${(((before - after) / before) * 100).toFixed(1)}%), more than the allowed ${(maxDrop * 100).toFixed(0)}%; ` +
        'nothing was published. Check the input; pass --force to publish anyway.',
    );
  }
}

/**
 * The key's new history (RecordHistory JSON): for every version still read,
 * the entry it sees (so each keeps its answer), then the new entry. Entries no
 * reader needs are dropped, which keeps a record's value small. Built as text:
 * a new key, most of a first run, costs no parse and no re-serialisation.
 */
function nextHistory(
  oldJson: string | undefined,
  readersAt: readonly string[],
  skip: readonly string[],
  version: string,
  json: string | undefined,
): string {
  const entry = `[${JSON.stringify(version)},${json ?? 'null'}]`;
  if (oldJson === undefined) return `[${entry}]`;
  const old = JSON.parse(oldJson) as RecordHistory;
  const keep = new Set(readersAt.map((reader) => entryAt(old, reader, skip)));
  const kept = old.filter((_, i) => keep.has(i)).map((e) => JSON.stringify(e));
  return `[${[...kept, entry].join(',')}]`;
}

/** A dropped key no version still read sees a record for. */
function isGarbage(history: RecordHistory, readersAt: readonly string[], skip: readonly string[]): boolean {
  return readersAt.every((reader) => recordAt(history, reader, skip) === null);
}

/** Walks the new records and the previous state together, both in key order. */
async function* mergeByKey(
  records: Iterable<[string, string]>,
  previous: AsyncIterable<StateLine>,
): AsyncGenerator<[string, string | undefined, StateLine | undefined]> {
  const olds = previous[Symbol.asyncIterator]();
  let old = await olds.next();
  let lastKey: string | null = null;
  for (const [key, json] of records) {
    if (lastKey !== null && key <= lastKey) throw new SnapshotCheckError(`records out of order at ${key}`);
    lastKey = key;
    while (!old.done && old.value.key < key) {
      yield [old.value.key, undefined, old.value];
      old = await olds.next();
    }
    if (!old.done && old.value.key === key) {
      yield [key, json, old.value];
      old = await olds.next();
    } else {
      yield [key, json, undefined];
    }
  }
  for (; !old.done; old = await olds.next()) yield [old.value.key, undefined, old.value];
}

async function* emptyLines(): AsyncGenerator<StateLine> {}

/** Puts in batches of at most KV_BULK_LIMIT, counting what was confirmed. */
class BatchWriter {
  written = 0;
  private pending: KvEntry[] = [];
  private readonly kv: KvStore;
  private readonly lease: HeldLease;
  private readonly onProgress: ((done: number) => void) | undefined;

  constructor(kv: KvStore, lease: HeldLease, onProgress?: (done: number) => void) {
    this.kv = kv;
    this.lease = lease;
    this.onProgress = onProgress;
  }

  async put(entry: KvEntry): Promise<void> {
    this.pending.push(entry);
    if (this.pending.length >= KV_BULK_LIMIT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.putNow(batch);
  }

  async putNow(entries: KvEntry[]): Promise<void> {
    await this.lease.keep();
    await this.kv.putBatch(entries);
    this.written += entries.length;
    this.onProgress?.(this.written);
  }
}

async function commitState(state: StateWriter, log: (line: string) => void): Promise<void> {
  try {
    await state.commit();
  } catch (err) {
    // The version is live; without its state the next run writes a new generation.
    log(`the new version is live, but its state could not be saved (${(err as Error).message}): the next run writes everything`);
  }
}

interface CleanUpPlan {
  /** Record keys dropped before every version still read. */
  garbage: string[];
  kept: Head[];
  version: string;
  orphans: Head[];
  previousHead: HeadRecord | null;
}

/** Deletes what no kept version reads; returns how many keys went. */
async function cleanUp(kv: KvStore, lease: HeldLease, plan: CleanUpPlan, onProgress?: (done: number) => void): Promise<number> {
  const keptVersions = new Set(plan.kept.map((k) => k.version));
  const keptGenerations = new Set(plan.kept.map((k) => k.generation));
  const prefixes: string[] = [];
  // Versions that fell out of the retention, and runs that died before their version was committed.
  const candidates: Head[] = [...(plan.previousHead?.kept ?? []), ...plan.orphans];
  for (const { version, generation } of candidates) {
    if (!keptVersions.has(version) && version !== plan.version) prefixes.push(versionPrefix(version));
    if (!keptGenerations.has(generation)) prefixes.push(generationPrefix(generation));
  }
  let deleted = 0;
  const remove = async (keys: string[]) => {
    for (let start = 0; start < keys.length; start += KV_BULK_LIMIT) {
      const batch = keys.slice(start, start + KV_BULK_LIMIT);
      await lease.keep();
      await kv.deleteBatch(batch);
      deleted += batch.length;
      onProgress?.(deleted);
    }
  };
  await remove(plan.garbage);
  for (const prefix of new Set(prefixes)) {
    let keys: string[] = [];
    for await (const key of kv.list(prefix)) {
      keys.push(key);
      if (keys.length === KV_BULK_LIMIT) {
        await remove(keys);
        keys = [];
      }
    }
    await remove(keys);
  }
  return deleted;
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
