// The same-day delta: what changed in the listing since the nightly base was
// read, as whole records, so that a verification, an undo, an accepted dispute
// or a rejection reaches the lookup within minutes instead of the next night.
// One KV value (DELTA_KEY, snapshot-layout.ts), written by the Cron Trigger
// (delta-writer.ts) and read by each isolate at most once a minute
// (lookup/snapshot-source.ts). docs/operations.md, "The same-day delta".
//
// An entry holds a key's whole record as the next nightly run would build it
// (null: the key is no longer listed), never a change to apply: a reader needs
// nothing of the base to answer a key the delta holds, a rebuild from the same
// D1 state gives the same bytes, and a key in the delta twice cannot exist.
// The records are built by the nightly job's own code (listing-policy.ts,
// report-line.ts, aggregate.ts), so the base the next run publishes answers
// what the delta answered.
import { sha256Hex } from '../core/sha256.ts';
import { isVersion, type SnapshotRecord } from '../core/snapshot-layout.ts';
import { ReportAggregator } from '../reports/aggregate.ts';
import { isDelisted, type Delistings } from '../reports/delistings.ts';
import { rowToReportLine, type VerifiedRow } from '../reports/listing-policy.ts';
import { parseReportLine, ReportLineError } from '../reports/report-line.ts';

const DELTA_FORMAT = 1;
/**
 * The most keys a delta holds: 10,000 decisions a day touch fewer keys than that. Past it the
 * writer publishes an overflowing delta, which readers ignore (base answers, health degraded)
 * until the nightly run folds the day in.
 */
export const MAX_DELTA_ENTRIES = 20_000;
/**
 * A delta older than this is not used: the writer rewrites an unchanged delta every
 * REWRITE_AFTER_MS, so one this old means the writer has stopped.
 */
const DELTA_STALE_MS = 15 * 60_000;
/** The writer skips writing a delta whose content is unchanged for up to this long (KV writes). */
export const REWRITE_AFTER_MS = 5 * 60_000;

/** One changed key: its lookup key, the SHA-256 of it (the range API's hash), its record now or null. */
export type DeltaEntry = [key: string, sha256: string, record: SnapshotRecord | null];

/** What a delta says, without when it was written: two builds from the same D1 state give the same content. */
export interface DeltaContent {
  format: typeof DELTA_FORMAT;
  /** The live version the delta is on top of. */
  base: string;
  /** Decisions from this time on are in the delta (the base's read of D1 began after it). */
  since: string;
  /** The newest decision included; null when none since `since`. */
  updatedAt: string | null;
  /** More keys changed than MAX_DELTA_ENTRIES: entries is empty and the delta unusable. */
  overflow: boolean;
  /** In key order. */
  entries: DeltaEntry[];
}

/** The KV value: the content, its SHA-256 (over contentJson) and when the writer last wrote it. */
export interface DeltaValue extends DeltaContent {
  sha256: string;
  builtAt: string;
}

/** The content as hashed: the fields in one fixed order. */
const contentJson = (c: DeltaContent): string =>
  JSON.stringify([c.format, c.base, c.since, c.updatedAt, c.overflow, c.entries]);

/**
 * The records of the changed keys, from the verified rows of exactly those keys (every one of
 * them: VERIFIED_ROWS_OF_KEYS_SQL) and the keys with a pending dispute, as the nightly job builds
 * them: the listing policy's rows only, parsed and aggregated by the job's code, less what an
 * active delisting covers (delistings.ts, as the job applies it). A changed key left with no
 * listed row is null. `now` bounds dates as the job's parse does.
 */
export async function deltaEntries(
  changedKeys: Iterable<string>,
  rows: Iterable<VerifiedRow>,
  disputedKeys: ReadonlySet<string>,
  now: Date,
  delistings: Delistings = new Map(),
): Promise<DeltaEntry[]> {
  const aggregator = new ReportAggregator();
  for (const key of disputedKeys) aggregator.markDisputed(key);
  const keys = new Set(changedKeys);
  for (const row of rows) {
    if (!row.listed) continue;
    const line = rowToReportLine(row);
    if (disputedKeys.has(row.lookup_key)) line.disputed = true;
    try {
      const report = parseReportLine(JSON.stringify(line), now);
      keys.add(report.key);
      if (!isDelisted(delistings, report)) aggregator.add(report);
    } catch (err) {
      // The nightly job skips such a line too (counted as invalid): so does the delta.
      if (!(err instanceof ReportLineError)) throw err;
    }
  }
  const records = new Map(aggregator.records());
  const entries: DeltaEntry[] = [];
  for (const key of [...keys].sort()) entries.push([key, await sha256Hex(key), records.get(key) ?? null]);
  return entries;
}

/** The KV value for some content, written at `builtAt`. */
export async function deltaValue(content: DeltaContent, builtAt: Date): Promise<DeltaValue> {
  return { ...content, sha256: await sha256Hex(contentJson(content)), builtAt: builtAt.toISOString() };
}

/** A delta a reader may use, or why it may not (health says it; answers come from the base). */
export type DeltaReading = { delta: DeltaValue; problem?: undefined } | { delta?: undefined; problem: string };

/**
 * Checks a delta read from KV against the live version and the clock. Anything but a whole,
 * fresh delta on `live` is a problem, never a partial use: a reader then answers from the base.
 */
export async function readDelta(value: unknown, live: string, now: number): Promise<DeltaReading> {
  if (value === null || value === undefined) return { problem: 'delta missing' };
  if (!isDeltaShaped(value)) return { problem: 'delta corrupt: not a delta' };
  if ((await sha256Hex(contentJson(value))) !== value.sha256) return { problem: 'delta corrupt: checksum mismatch' };
  if (value.base !== live) return { problem: `delta on another version (${value.base})` };
  if (value.overflow) return { problem: `delta overflow: more than ${MAX_DELTA_ENTRIES} keys changed` };
  const age = now - Date.parse(value.builtAt);
  if (!(age < DELTA_STALE_MS)) return { problem: `delta stale: built ${Math.round(age / 60_000)} minutes ago` };
  return { delta: value };
}

function isDeltaShaped(value: unknown): value is DeltaValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<DeltaValue>;
  return (
    v.format === DELTA_FORMAT &&
    isVersion(v.base) &&
    typeof v.since === 'string' &&
    (v.updatedAt === null || typeof v.updatedAt === 'string') &&
    typeof v.overflow === 'boolean' &&
    typeof v.sha256 === 'string' &&
    typeof v.builtAt === 'string' &&
    !Number.isNaN(Date.parse(v.builtAt)) &&
    Array.isArray(v.entries) &&
    v.entries.length <= MAX_DELTA_ENTRIES &&
    v.entries.every(isEntry)
  );
}

const HASH = /^[0-9a-f]{64}$/;

function isEntry(entry: unknown): entry is DeltaEntry {
  if (!Array.isArray(entry) || entry.length !== 3) return false;
  const [key, hash, record] = entry as unknown[];
  return (
    typeof key === 'string' &&
    typeof hash === 'string' &&
    HASH.test(hash) &&
    (record === null || (typeof record === 'object' && Array.isArray((record as SnapshotRecord).matches)))
  );
}
