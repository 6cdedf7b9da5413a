// Answers one lookup exactly: a filter miss is "not reported" with no KV read;
// a filter hit (or no usable filter) is confirmed by reading the record, so a
// false positive of the filter never reaches anyone. A missing record is "not
// reported" only when the snapshot confirms the key is absent; one that should
// exist but cannot be read is 503 snapshot_unavailable (LiveSnapshot.record).
// A key the same-day delta holds is answered from it first, from memory.
import type { CheckQuery, CheckResponse, Match, SnapshotRef } from '../core/api-types.ts';
import { lookupKey, type Identifier } from '../core/identifiers.ts';
import { answerMatch } from '../core/snapshot-layout.ts';
import type { LiveSnapshot, SnapshotSource } from './snapshot-source.ts';

/**
 * Which path answered: the filter alone; a filter hit confirmed in KV, or in
 * the record this isolate already read for the version; KV alone or the
 * remembered record when no filter was usable.
 */
type LookupPath = 'filter' | 'filter+kv' | 'filter+cache' | 'kv' | 'cache' | 'delta';

export interface LookupResult {
  body: CheckResponse;
  path: LookupPath;
  /** What the answer depends on (LiveSnapshot.tag): its cache validator. */
  tag: string;
}

export async function lookup(id: Identifier, source: SnapshotSource): Promise<LookupResult> {
  const snapshot = await source.live();
  const key = lookupKey(id);
  const ref = snapshotRef(snapshot);
  const query = queryOf(id);

  const changed = snapshot.delta?.records.get(key);
  if (changed !== undefined) {
    const matches = changed ? askedFirst(changed.matches.map(answerMatch), id) : [];
    return { body: { status: matches.length > 0 ? 'reported' : 'not_reported', query, matches, snapshot: ref }, path: 'delta', tag: snapshot.tag };
  }

  const filter = await snapshot.filterFor(key);
  if (filter && !filter.has(key)) {
    return { body: { status: 'not_reported', query, matches: [], snapshot: ref }, path: 'filter', tag: snapshot.tag };
  }
  // null only when confirmed absent; throws snapshot_unavailable when the record should exist.
  const { record, cached } = await snapshot.record(key);
  const from = cached ? 'cache' : 'kv';
  const path: LookupPath = filter ? `filter+${from}` : from;
  const matches = record ? askedFirst(record.matches.map(answerMatch), id) : [];
  return {
    body: { status: matches.length > 0 ? 'reported' : 'not_reported', query, matches, snapshot: ref },
    path,
    tag: snapshot.tag,
  };
}

/** What an answer says of its data: the version, when it was built, and the newest decision included. */
export const snapshotRef = (snapshot: LiveSnapshot): SnapshotRef => ({
  version: snapshot.version,
  generatedAt: snapshot.manifest.generatedAt,
  updatedAt: snapshot.updatedAt,
});

function queryOf(id: Identifier): CheckQuery {
  const query: CheckQuery = { type: id.type, value: id.value };
  if (id.bank !== undefined) query.bank = id.bank;
  if (id.provider !== undefined) query.provider = id.provider;
  if (id.display !== undefined) query.display = id.display;
  return query;
}

/** The identity asked for first, then the same kind, then the rest most-reported first. */
function askedFirst(matches: Match[], id: Identifier): Match[] {
  const rank = (m: Match) =>
    m.type === id.type && m.bank === id.bank && m.provider === id.provider && m.value === id.value
      ? 0
      : m.type === id.type
        ? 1
        : 2;
  return [...matches].sort((a, b) => rank(a) - rank(b) || b.count - a.count);
}
