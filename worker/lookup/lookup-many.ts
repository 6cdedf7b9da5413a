// Several lookups that must agree: all read the one live snapshot taken at the
// start (a new version published mid-request cannot mix into the answer), and
// run concurrently. Any that cannot be answered (snapshot_unavailable) rejects
// the whole, so no caller can show a partial "not reported".
import type { SnapshotRef } from '../core/api-types.ts';
import type { Identifier } from '../core/identifiers.ts';
import { lookup, snapshotRefOf, type LookupResult } from './lookup.ts';
import type { LiveSnapshot, SnapshotSource } from './snapshot-source.ts';

export interface ManyLookups {
  results: LookupResult[];
  snapshot: SnapshotRef;
  /** `snapshot` as JSON, kept with the live snapshot (lookup.ts). */
  snapshotJson: string;
}

/** The answers, at once (no promise) when every lookup is held in memory (lookup.ts). */
export function lookupMany(ids: readonly Identifier[], source: SnapshotSource): ManyLookups | Promise<ManyLookups> {
  const snapshot = source.live();
  return snapshot instanceof Promise ? snapshot.then((live) => lookupAllIn(ids, live)) : lookupAllIn(ids, snapshot);
}

function lookupAllIn(ids: readonly Identifier[], snapshot: LiveSnapshot): ManyLookups | Promise<ManyLookups> {
  const pinned: SnapshotSource = { live: () => snapshot };
  const answers: Array<LookupResult | Promise<LookupResult>> = [];
  let waiting = false;
  for (const id of ids) {
    let answer: LookupResult | Promise<LookupResult>;
    try {
      answer = lookup(id, pinned);
    } catch (err) {
      // One that throws at once fails the whole, as one that fails later does; the reads already started are let go quietly.
      for (const started of answers) if (started instanceof Promise) started.catch(() => {});
      return Promise.reject(err);
    }
    if (answer instanceof Promise) waiting = true;
    answers.push(answer);
  }
  const { ref, json } = snapshotRefOf(snapshot);
  const many = (results: LookupResult[]): ManyLookups => ({ results, snapshot: ref, snapshotJson: json });
  return waiting ? Promise.all(answers).then(many) : many(answers as LookupResult[]);
}
