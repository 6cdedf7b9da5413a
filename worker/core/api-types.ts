// The public lookup API's response shapes (GET /api/v1/check, /api/v1/health).
// A published contract: extend, never rename.
import type { EwalletProvider, IdentifierType } from './identifiers.ts';

/** The canonical form of what was asked. */
export interface CheckQuery {
  type: IdentifierType;
  value: string;
  bank?: string;
  provider?: EwalletProvider;
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
}

export interface SnapshotRef {
  version: string;
  generatedAt: string;
}

export interface CheckResponse {
  status: 'reported' | 'not_reported';
  query: CheckQuery;
  matches: Match[];
  snapshot: SnapshotRef;
}

export interface HealthResponse {
  status: 'ok' | 'degraded' | 'unavailable';
  snapshot: (SnapshotRef & { ageSeconds: number; identifiers: number; reports: number }) | null;
  /** 'filter' when the Bloom filter answers misses; 'kv-only' when it (or one of its shards) is missing or corrupt. */
  mode: 'filter' | 'kv-only' | 'none';
  /** Why the filter is not in use, when mode is 'kv-only'. */
  problem?: string;
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
