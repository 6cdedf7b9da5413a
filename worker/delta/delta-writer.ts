// The one writer of the same-day delta: the Cron Trigger, every minute
// (wrangler.toml [triggers]). A Cron Trigger rather than a Queue or a Durable
// Object because the delta is rebuilt whole from D1 each time, not patched: two
// runs that overlap read the same D1 state and write the same value, so no lock
// is needed, a lost run is repaired by the next one, and nothing has to be
// delivered exactly once. It costs one small D1 read a minute whether or not
// anyone decided anything, and at most one KV write a minute (none when nothing
// changed for less than REWRITE_AFTER_MS).
import { BloomFilter } from '../core/bloom-filter.ts';
import { shardOf } from '../core/filter-shards.ts';
import {
  DELTA_KEY,
  LIVE_KEY,
  filterKey,
  isVersion,
  manifestKey,
  recordAt,
  recordKey,
  type Manifest,
  type RecordHistory,
} from '../core/snapshot-layout.ts';
import { d1Delistings } from '../reports/delistings.ts';
import { d1PendingDisputeKeys, VERIFIED_ROWS_OF_KEYS_SQL, type VerifiedRow } from '../reports/listing-policy.ts';
import { deltaEntries, deltaValue, MAX_DELTA_ENTRIES, REWRITE_AFTER_MS, type DeltaContent, type DeltaValue } from './delta.ts';

/** Without a manifest's readFrom (a run on a file given no --read-from), the delta starts this long before the base was built. */
const OVERLAP_MS = 60 * 60_000;
/**
 * How far before its first read of D1 the nightly job starts the next delta (readFromOf). The
 * Worker stamps a decision (decided_at) a moment before D1 holds it: one stamped just before the
 * read and written just after would be in neither the base nor a delta starting at the read. A
 * minute covers that and a clock a few seconds off; the overlap costs nothing, since a delta entry
 * is the key's whole record, the same as the base's.
 */
const READ_MARGIN_MS = 60_000;
/** Keys per VERIFIED_ROWS_OF_KEYS_SQL read. */
const KEYS_PER_READ = 500;

/**
 * Every lookup key a moderation step touched after a moment: a report verified, rejected or
 * marked disputed (reports.decided_at), a decision undone (decisions.undone_at; an undo clears
 * the report's decided_at), a dispute filed or decided, a delisting recorded or undone. Bounded: one more than the delta holds.
 */
const CHANGED_KEYS_SQL = `SELECT lookup_key FROM reports WHERE decided_at > ?1
UNION SELECT r.lookup_key FROM decisions d JOIN decision_items i ON i.decision_id = d.id JOIN reports r ON r.ref = i.ref
  WHERE d.undone_at > ?1
UNION SELECT lookup_key FROM disputes WHERE created_at > ?1 OR decided_at > ?1
UNION SELECT lookup_key FROM delistings WHERE at > ?1 OR undone_at > ?1
ORDER BY 1 LIMIT ${MAX_DELTA_ENTRIES + 1}`;

/** The newest of those moments, one column per kind (D1 caps a compound SELECT at a few terms): the delta's updatedAt. */
const NEWEST_SQL = `SELECT (SELECT MAX(decided_at) FROM reports WHERE decided_at > ?1) AS a,
  (SELECT MAX(undone_at) FROM decisions WHERE undone_at > ?1) AS b,
  (SELECT MAX(created_at) FROM disputes WHERE created_at > ?1) AS c,
  (SELECT MAX(decided_at) FROM disputes WHERE decided_at > ?1) AS d,
  (SELECT MAX(at) FROM delistings WHERE at > ?1) AS e,
  (SELECT MAX(undone_at) FROM delistings WHERE undone_at > ?1) AS f`;

export interface DeltaWriterEnv {
  SNAPSHOTS: KVNamespace;
  DB: D1Database;
}

export type DeltaOutcome =
  | { written: true; entries: number; overflow: boolean }
  | { written: false; reason: 'no live version' | 'unchanged' };

/** Builds the delta on the live version from D1 and writes it unless the same one was written lately. */
export async function writeDelta(env: DeltaWriterEnv, now: Date = new Date()): Promise<DeltaOutcome> {
  const live = await env.SNAPSHOTS.get(LIVE_KEY);
  if (!isVersion(live)) return { written: false, reason: 'no live version' };
  const manifest = await env.SNAPSHOTS.get<Manifest>(manifestKey(live), 'json');
  if (!manifest) return { written: false, reason: 'no live version' };
  const built = await buildDelta(env.DB, live, deltaSince(manifest), now);
  const content = { ...built, entries: await keepFileListings(env.SNAPSHOTS, manifest, built.entries, await d1Delistings(env.DB)) };
  const value = await deltaValue(content, now);
  const previous = await env.SNAPSHOTS.get<DeltaValue>(DELTA_KEY, 'json').catch(() => null);
  if (previous?.sha256 === value.sha256 && now.getTime() - Date.parse(previous.builtAt) < REWRITE_AFTER_MS) {
    return { written: false, reason: 'unchanged' };
  }
  await env.SNAPSHOTS.put(DELTA_KEY, JSON.stringify(value));
  return { written: true, entries: value.entries.length, overflow: value.overflow };
}

/**
 * The base may list a key from an imported file (npm run snapshot -- --input), which D1 does not
 * hold: a "no longer listed" entry built from D1 alone would then answer "not reported" for what
 * the base lists. Such an entry is dropped (the base answers) unless an active delisting lifts the
 * key. Only keys the base's filter holds are read (one record each): a rejection of a key the base
 * never listed costs a filter test.
 */
async function keepFileListings(
  kv: KVNamespace,
  manifest: Manifest,
  entries: DeltaContent['entries'],
  delistings: ReadonlyMap<string, string>,
): Promise<DeltaContent['entries']> {
  const shards = new Map<number, BloomFilter | null>();
  const filterOf = async (key: string) => {
    const shard = shardOf(key, manifest.filter.shards.length);
    if (!shards.has(shard)) {
      const bytes = await kv.get(filterKey(manifest.version, shard), 'arrayBuffer');
      shards.set(shard, bytes ? BloomFilter.fromBytes(new Uint8Array(bytes)) : null);
    }
    return shards.get(shard)!;
  };
  const kept: DeltaContent['entries'] = [];
  for (const entry of entries) {
    const [key, , record] = entry;
    if (record === null && !delistings.has(key)) {
      const filter = await filterOf(key);
      if (!filter || filter.has(key)) {
        const history = await kv.get<RecordHistory>(recordKey(manifest.generation, key), 'json');
        const base = history ? recordAt(history, manifest.version, manifest.skip) : null;
        if (base && base.matches.length > 0) continue;
      }
    }
    kept.push(entry);
  }
  return kept;
}

/** An empty delta on a version just published: what the nightly run writes (and tests start from). */
export async function emptyDelta(base: string, since: string, builtAt: Date): Promise<DeltaValue> {
  return deltaValue({ format: 1, base, since, updatedAt: null, overflow: false, entries: [] }, builtAt);
}

/** The manifest's readFrom of a nightly run that began reading D1 at `readStartedAt`. */
export function readFromOf(readStartedAt: Date): string {
  return new Date(readStartedAt.getTime() - READ_MARGIN_MS).toISOString();
}

/** Where a version's delta starts: the run's first read of D1 (readFromOf), else an hour before it was built. */
export function deltaSince(manifest: Pick<Manifest, 'readFrom' | 'generatedAt'>): string {
  return manifest.readFrom ?? new Date(Date.parse(manifest.generatedAt) - OVERLAP_MS).toISOString();
}

/** The delta's content from D1's state: the keys changed since `since`, each with its whole record. */
async function buildDelta(db: D1Database, base: string, since: string, now: Date): Promise<DeltaContent> {
  const [changed, newest] = await db.batch<Record<string, string | null>>([
    db.prepare(CHANGED_KEYS_SQL).bind(since),
    db.prepare(NEWEST_SQL).bind(since),
  ]);
  const keys = changed!.results.map((row) => row.lookup_key!);
  const moments = Object.values(newest!.results[0] ?? {}).filter((at): at is string => typeof at === 'string');
  const updatedAt = moments.length > 0 ? moments.reduce((a, b) => (a > b ? a : b)) : null;
  if (keys.length > MAX_DELTA_ENTRIES) return { format: 1, base, since, updatedAt, overflow: true, entries: [] };
  const rows: VerifiedRow[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_READ) {
    const slice = JSON.stringify(keys.slice(i, i + KEYS_PER_READ));
    rows.push(...(await db.prepare(VERIFIED_ROWS_OF_KEYS_SQL).bind(slice).all<VerifiedRow>()).results);
  }
  const [disputed, delistings] = await Promise.all([d1PendingDisputeKeys(db), d1Delistings(db)]);
  const entries = await deltaEntries(keys, rows, disputed, now, delistings);
  return { format: 1, base, since, updatedAt, overflow: false, entries };
}
