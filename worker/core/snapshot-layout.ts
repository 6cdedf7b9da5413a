// Where a snapshot lives in Workers KV and what its parts hold. The nightly
// build writes this layout and the Worker reads it; nothing else derives
// these names.
//
//   live                       → the live version string (moved last, after every part is written)
//   snap/<version>/manifest    → Manifest (JSON)
//   snap/<version>/filter      → the Bloom filter's binary layout (bloom-filter.ts)
//   snap/<version>/r/<key>     → SnapshotRecord (JSON), one per lookup key (identifiers.ts)
//   snap/<version>/range/<hex> → the private range API's bucket for 3 hex digits (range.ts)
//
// Every part of a version is written under its own prefix, so a reader that
// follows `live` never sees two versions mixed, and the previous version keeps
// answering until the pointer moves.
import type { Match } from './api-types.ts';

export const LIVE_KEY = 'live';
export const MANIFEST_FORMAT = 1;

/** e.g. 20261128T221500Z-3fa4c2d1: UTC build time, then 8 hex digits of the content hash. */
export const VERSION_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

export const manifestKey = (version: string): string => `snap/${version}/manifest`;
export const filterKey = (version: string): string => `snap/${version}/filter`;
export const recordKey = (version: string, lookupKey: string): string => `snap/${version}/r/${lookupKey}`;
export const rangeKey = (version: string, bucket: string): string => `snap/${version}/range/${bucket}`;

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: string;
  generatedAt: string;
  /** Distinct lookup keys with at least one verified report. */
  identifiers: number;
  /** Verified reports counted (after de-duplication by id). */
  reports: number;
  filter: {
    bits: number;
    hashes: number;
    bytes: number;
    targetFalsePositiveRate: number;
    measuredFalsePositiveRate: number;
    /** SHA-256 of the filter's bytes, hex; the Worker refuses a filter that does not match. */
    sha256: string;
  };
  /** SHA-256 over the records in key order (key, NUL, value, NUL), hex. */
  recordsSha256: string;
  /** Range buckets written (range.ts); absent in snapshots built before the range API. */
  rangeBuckets?: number;
}

/** The value stored for one lookup key: every reported identity behind it. */
export interface SnapshotRecord {
  matches: Match[];
}

export function isVersion(value: unknown): value is string {
  return typeof value === 'string' && VERSION_PATTERN.test(value);
}
