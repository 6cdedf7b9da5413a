// Where a snapshot lives in Workers KV and what its parts hold. The nightly
// build writes this layout and the Worker reads it; nothing else derives
// these names.
//
//   live                         → the live version string (moved last, after every part is written)
//   head                         → Head (JSON): the newest committed version, which the next run
//                                  diffs against; differs from `live` after a rollback
//   publishing                   → Publishing (JSON): written by a run before it writes anything
//   snap/<version>/manifest      → Manifest (JSON)
//   snap/<version>/filter/<n>    → shard n of the Bloom filter, binary layout (bloom-filter.ts, filter-shards.ts)
//   snap/<version>/range/<hex>   → the private range API's bucket for 3 hex digits (range.ts)
//   snap/<version>/stats         → the open statistics (JSON, worker/stats/stats-types.ts), written just before the manifest
//   gen/<generation>/r/<key>     → RecordHistory (JSON), one per lookup key (identifiers.ts)
//   delta                        → the same-day delta on top of the live version (worker/delta/delta.ts),
//                                  rewritten by the Cron Trigger every minute; the nightly run starts it empty
//
// Records are shared by the versions of one generation so that a nightly run
// writes only the records that changed: each holds its record as of every
// version still kept, and a reader takes the entry for its own version
// (recordAt). A version's manifest, filter and ranges are its own. So a reader
// that follows `live` never sees two versions mixed, the previous version keeps
// answering while the next is written, and a rollback only moves `live`.
// A run that cannot diff (no state from the previous run, or --full) starts a
// new generation and writes every record.
import type { Match } from './api-types.ts';
import { publishedDay } from './report-day.ts';

export const LIVE_KEY = 'live';
export const HEAD_KEY = 'head';
export const PUBLISHING_KEY = 'publishing';
export const DELTA_KEY = 'delta';
export const MANIFEST_FORMAT = 2;

/** e.g. 20261128T221500Z-3fa4c2d1: UTC build time, then 8 hex digits of the content hash. Sorts in time order. */
export const VERSION_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

export const versionPrefix = (version: string): string => `snap/${version}/`;
export const manifestKey = (version: string): string => `snap/${version}/manifest`;
export const filterKey = (version: string, shard: number): string => `snap/${version}/filter/${shard}`;
export const rangeKey = (version: string, bucket: string): string => `snap/${version}/range/${bucket}`;
export const statsKey = (version: string): string => `snap/${version}/stats`;
export const generationPrefix = (generation: string): string => `gen/${generation}/`;
export const recordKey = (generation: string, lookupKey: string): string => `gen/${generation}/r/${lookupKey}`;

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: string;
  generatedAt: string;
  /** The version that was live when this one was published: where --rollback returns to. */
  previous: string | null;
  /** Where this version's records live (recordKey); the version that started the generation. */
  generation: string;
  /** Versions whose record entries readers ignore: runs that died while writing into this generation. */
  skip: string[];
  /** Distinct lookup keys with at least one verified report. */
  identifiers: number;
  /** Verified reports counted (after de-duplication by id). */
  reports: number;
  filter: {
    /** Totals over the shards. */
    bits: number;
    bytes: number;
    targetFalsePositiveRate: number;
    measuredFalsePositiveRate: number;
    /** In shard order (filter-shards.ts shardOf); the Worker refuses a shard whose SHA-256 does not match. */
    shards: FilterShard[];
  };
  /** SHA-256 over the records in key order (key, NUL, value, NUL), hex. */
  recordsSha256: string;
  /** Range buckets written (range.ts). */
  rangeBuckets: number;
  /**
   * Entries in every range answer of this version (range.ts rangeAnswerEntries: 128, or more
   * should a prefix hold more reported keys). Absent from manifests written before it: 128.
   */
  rangeEntries?: number;
  /**
   * When the run began reading D1's decisions: the same-day delta holds every decision from then
   * on (a decision made while the run read is in the delta, whether or not the base has it).
   * Absent from manifests written before it, and from runs on a file given no --read-from (the
   * time export-reports wrote beside it): the delta then starts an hour before generatedAt.
   */
  readFrom?: string;
}

export interface FilterShard {
  bits: number;
  hashes: number;
  bytes: number;
  /** SHA-256 of the shard's bytes, hex. */
  sha256: string;
}

export interface Head {
  version: string;
  generation: string;
}

export interface Publishing extends Head {
  startedAt: string;
  /** Runs that died since the last committed one: their entries are skipped and their parts deleted. */
  orphans: Head[];
}

/**
 * A match as KV keeps it: `disputed` only when true, so records of undisputed keys (nearly all)
 * stay as they were before the flag existed and a run never rewrites them for it. The Worker
 * answers `disputed: false` for a match without it (answerMatch).
 */
export type StoredMatch = Omit<Match, 'disputed'> & { disputed?: true };

/** The record for one lookup key as one version sees it: every reported identity behind it. */
export interface SnapshotRecord {
  matches: StoredMatch[];
}

/**
 * A stored match as the API answers it: `disputed` always present, its dates to the day
 * (report-day.ts). The nightly job already stores them so; rounding here too covers records
 * a version built before that rule still holds.
 */
export const answerMatch = ({ disputed, ...match }: StoredMatch): Match => ({
  ...match,
  firstReportedAt: publishedDay(match.firstReportedAt),
  lastReportedAt: publishedDay(match.lastReportedAt),
  disputed: disputed === true,
});

/**
 * One lookup key's record through the versions of a generation, oldest first:
 * [version since which it holds, record or null when the key was dropped].
 */
export type RecordHistory = Array<[string, SnapshotRecord | null]>;

/** The index of the entry a reader at `version` sees: the newest not after it, ignoring skipped versions; -1 if none. */
export function entryAt(history: RecordHistory, version: string, skip: readonly string[] = []): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const since = history[i]![0];
    if (since <= version && !skip.includes(since)) return i;
  }
  return -1;
}

/** The record a reader at `version` sees (entryAt). */
export function recordAt(history: RecordHistory, version: string, skip: readonly string[] = []): SnapshotRecord | null {
  const i = entryAt(history, version, skip);
  return i < 0 ? null : history[i]![1];
}

export function isVersion(value: unknown): value is string {
  return typeof value === 'string' && VERSION_PATTERN.test(value);
}
