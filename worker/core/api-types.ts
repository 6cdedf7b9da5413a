// The public lookup API's response shapes (GET and POST /api/v1/check, /api/v1/health).
// A published contract: extend, never rename.
import type { EwalletProvider, IdentifierType } from './identifiers.ts';

/** The canonical form of what was asked. */
export interface CheckQuery {
  type: IdentifierType;
  value: string;
  bank?: string;
  provider?: EwalletProvider;
  /**
   * The identifier as the buyer wrote it, only where `value` drops that spelling
   * (a Facebook username's periods: `jual.hp.murah.official` for
   * `jualhpmurahofficial`; an Indonesian phone or e-wallet number grouped as people
   * write it, `0812-3456-7890`, `022-2034567`, for `+6281234567890`). For people to
   * read; `value` stays the key's.
   */
  display?: string;
}

/** One reported identity, aggregated over its verified reports. */
export interface Match {
  type: IdentifierType;
  value: string;
  bank?: string;
  provider?: EwalletProvider;
  count: number;
  categories: Record<string, number>;
  firstReportedAt: string;
  lastReportedAt: string;
  totalLossIdr: number;
  /**
   * The owner contests the listing: a dispute against this key was pending when the snapshot
   * was built (docs/reports.md). The identity is still reported; the answer says it is contested.
   */
  disputed: boolean;
}

export interface SnapshotRef {
  version: string;
  generatedAt: string;
  /**
   * The newest moderation decision the answer includes: the same-day delta's (docs/operations.md),
   * else generatedAt. Additive; absent from the statistics, which stay nightly.
   */
  updatedAt?: string;
}

export interface CheckResponse {
  status: 'reported' | 'not_reported';
  query: CheckQuery;
  matches: Match[];
  snapshot: SnapshotRef;
}

/**
 * Something POST /api/v1/check could not look up: a query or an identifier in
 * the text that is not valid (`code` is the GET's error code for it), or digits
 * in the text with no bank named (extract-types.ts `Unresolved`).
 */
export interface CheckUnresolved {
  /** The value as given (a query's `value`; the text's digits or words, grouping removed). */
  value: string;
  code: string;
  /** What is wrong, or what to ask, in the negotiated language. */
  message: string;
  /** The query's position in `queries` (queries form only). */
  index?: number;
  /** Where in the text it was read, UTF-16 offsets, end exclusive (text form only). */
  start?: number;
  end?: number;
}

/** POST /api/v1/check: one GET answer per identifier, in text (or query) order. */
export interface CheckBatchResponse {
  results: CheckResponse[];
  unresolved: CheckUnresolved[];
  snapshot: SnapshotRef;
}

export interface HealthResponse {
  status: 'ok' | 'degraded' | 'unavailable';
  snapshot: (SnapshotRef & { ageSeconds: number; identifiers: number; reports: number }) | null;
  /** 'filter' when the Bloom filter answers misses; 'kv-only' when it (or one of its shards) is missing or corrupt. */
  mode: 'filter' | 'kv-only' | 'none';
  /** Why the filter is not in use, when mode is 'kv-only'. */
  problem?: string;
  /**
   * The same-day delta on the snapshot (additive): 'ok' with the keys it changes and the newest
   * decision in it, or 'unused' and why (missing, corrupt, stale, on another version, overflow:
   * answers then come from the snapshot alone, and status is 'degraded').
   */
  delta?: { status: 'ok'; keys: number; updatedAt: string } | { status: 'unused'; problem: string };
  /** The daily retention purge (worker/reports/retention.ts): when it last succeeded and last failed; null when never, or unreadable. */
  retention?: { lastSuccessAt: string | null; lastErrorAt: string | null } | null;
}

/** One reported key in a range answer: the hash after the prefix, and its verified reports. */
export interface RangeSuffix {
  /** The 59 hex digits after the prefix. */
  suffix: string;
  count: number;
}

/** GET /api/v1/range/{prefix} (worker/core/range.ts). */
export interface RangeResponse {
  prefix: string;
  suffixes: RangeSuffix[];
  snapshot: SnapshotRef;
}
