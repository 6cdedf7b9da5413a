// Several lookups that must agree: all read the one live snapshot taken at the
// start (a new version published mid-request cannot mix into the answer), and
// run concurrently. Any that cannot be answered (snapshot_unavailable) rejects
// the whole, so no caller can show a partial "not reported".
import type { SnapshotRef } from '../core/api-types.ts';
import type { Identifier } from '../core/identifiers.ts';
import { lookup, snapshotRefOf, type LookupResult } from './lookup.ts';
import type { SnapshotSource } from './snapshot-source.ts';

export interface ManyLookups {
  results: LookupResult[];
  snapshot: SnapshotRef;
  /** `snapshot` as JSON, kept with the live snapshot (lookup.ts). */
  snapshotJson: string;
}

export async function lookupMany(ids: readonly Identifier[], source: SnapshotSource): Promise<ManyLookups> {
  const snapshot = await source.live();
  const pinned: SnapshotSource = { live: () => snapshot };
  // Each in an async function: one that throws at once rejects the whole as one that fails later does.
  const results = await Promise.all(ids.map(async (id) => lookup(id, pinned)));
  const { ref, json } = snapshotRefOf(snapshot);
  return { results, snapshot: ref, snapshotJson: json };
}
