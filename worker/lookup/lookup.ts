// Answers one lookup exactly: a filter miss is "not reported" with no KV read;
// a filter hit (or no usable filter) is confirmed by reading the record, so a
// false positive of the filter never reaches anyone. A missing record is "not
// reported" only when the snapshot confirms the key is absent; one that should
// exist but cannot be read is 503 snapshot_unavailable (LiveSnapshot.record).
// A key the same-day delta holds is answered from it first, from memory.
//
// A record's matches as the API answers them (dates to the day, the asked
// identity first) and their JSON are built once per record and asked identity
// and kept beside the record (answered), and the snapshot's part once per live
// snapshot: a repeated lookup only joins finished strings (answerText). The
// kept arrays are frozen, so no caller can change what the next answer says.
import type { CheckQuery, CheckResponse, Match, SnapshotRef } from '../core/api-types.ts';
import { lookupKey, type Identifier } from '../core/identifiers.ts';
import { answerMatch, type SnapshotRecord } from '../core/snapshot-layout.ts';
import type { BloomFilter } from '../core/bloom-filter.ts';
import type { LiveSnapshot, RecordRead, SnapshotSource } from './snapshot-source.ts';

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
  /** body.matches and body.snapshot as JSON, finished once and kept (answerText). */
  parts: { matches: string; snapshot: string };
}

/**
 * The answer, at once (no promise) when this isolate holds all it needs: the live
 * snapshot, the key's filter shard and, for a filter hit, the record already read.
 * Each step writes out "a promise, or the value at hand" rather than passing a
 * callback to a helper: on the path a held lookup takes, no closure is made.
 */
export function lookup(id: Identifier, source: SnapshotSource): LookupResult | Promise<LookupResult> {
  const snapshot = source.live();
  return snapshot instanceof Promise ? snapshot.then((live) => lookupIn(id, live)) : lookupIn(id, snapshot);
}

function lookupIn(id: Identifier, snapshot: LiveSnapshot): LookupResult | Promise<LookupResult> {
  const key = lookupKey(id);
  const changed = snapshot.delta?.records.get(key);
  if (changed !== undefined) return answer(id, changed, snapshot, 'delta');
  const filter = snapshot.filterFor(key);
  return filter instanceof Promise ? filter.then((loaded) => confirmed(id, key, loaded, snapshot)) : confirmed(id, key, filter, snapshot);
}

/** A filter miss answers; a hit (or no usable filter) is confirmed by the record. */
function confirmed(id: Identifier, key: string, filter: BloomFilter | null, snapshot: LiveSnapshot): LookupResult | Promise<LookupResult> {
  if (filter && !filter.has(key)) return answer(id, null, snapshot, 'filter');
  // null only when confirmed absent; throws snapshot_unavailable when the record should exist.
  const read = snapshot.record(key);
  const answerRead = ({ record, cached }: RecordRead) => answer(id, record, snapshot, `${filter ? 'filter+' : ''}${cached ? 'cache' : 'kv'}`);
  return read instanceof Promise ? read.then(answerRead) : answerRead(read);
}

function answer(id: Identifier, record: SnapshotRecord | null, snapshot: LiveSnapshot, path: LookupPath): LookupResult {
  const { matches, json } = record ? answeredFor(record, id) : NO_MATCHES;
  const ref = refOf(snapshot);
  return {
    // Frozen, shared by every answer of this record and identity: read, never changed (the type cannot say so without changing CheckResponse).
    body: { status: matches.length > 0 ? 'reported' : 'not_reported', query: queryOf(id), matches: matches as Match[], snapshot: ref.ref },
    path,
    tag: snapshot.tag,
    parts: { matches: json, snapshot: ref.json },
  };
}

/**
 * The answer's JSON, exactly JSON.stringify(result.body) (the contract's bytes;
 * tests/worker/lookup-answer-text.test.ts compares them): the kept parts joined
 * around the query, the one part that is the asker's own.
 */
export function answerText({ body, parts }: LookupResult): string {
  return `{"status":"${body.status}","query":${JSON.stringify(body.query)},"matches":${parts.matches},"snapshot":${parts.snapshot}}`;
}

interface Answered {
  matches: readonly Match[];
  json: string;
}
/** A record's answer for one asked identity (its fields compared as they are: no key string is built per lookup). */
interface AnsweredFor extends Answered {
  type: Identifier['type'];
  value: string;
  bank: string | undefined;
  provider: string | undefined;
}
const NO_MATCHES: Answered = { matches: Object.freeze([]) as readonly Match[], json: '[]' };
/**
 * A record's answers by asked identity, beside the record (gone with it). A
 * record holds the few identities reported behind one lookup key, so few are
 * asked; past this many a record's answers are built each time rather than kept.
 */
const ANSWERS_PER_RECORD = 8;
const answered = new WeakMap<SnapshotRecord, AnsweredFor[]>();

function answeredFor(record: SnapshotRecord, id: Identifier): Answered {
  let byIdentity = answered.get(record);
  if (byIdentity) {
    for (const kept of byIdentity) {
      if (kept.value === id.value && kept.type === id.type && kept.bank === id.bank && kept.provider === id.provider) return kept;
    }
  }
  const matches = askedFirst(record.matches.map((match) => Object.freeze(answerMatch(match))), id);
  const made: AnsweredFor = { matches: Object.freeze(matches), json: JSON.stringify(matches), type: id.type, value: id.value, bank: id.bank, provider: id.provider };
  if (!byIdentity) answered.set(record, (byIdentity = []));
  if (byIdentity.length < ANSWERS_PER_RECORD) byIdentity.push(made);
  return made;
}

/** What an answer says of its data (the version, when it was built, and the newest decision included), and its JSON. */
export const snapshotRefOf = (snapshot: LiveSnapshot): Readonly<KeptRef> => refOf(snapshot);

interface KeptRef {
  ref: SnapshotRef;
  json: string;
}
/** A live snapshot's part of every answer, kept as long as the snapshot (one per version and delta read). */
const refs = new WeakMap<LiveSnapshot, KeptRef>();
function refOf(snapshot: LiveSnapshot): KeptRef {
  let kept = refs.get(snapshot);
  if (!kept) {
    const ref: SnapshotRef = Object.freeze({
      version: snapshot.version,
      generatedAt: snapshot.manifest.generatedAt,
      updatedAt: snapshot.updatedAt,
    });
    refs.set(snapshot, (kept = { ref, json: JSON.stringify(ref) }));
  }
  return kept;
}

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
