// The grouped queue: pending reports by account (lookup key), most urgent first.
//
// A page is an index range scan over queue_groups (kept by the triggers of
// migrations/0004_moderation.sql), never a GROUP BY over the backlog:
//   ORDER BY rank DESC, lookup_key DESC, continued from the cursor (rank, key).
// priority = 10 × independent reporters + 3 × digits of the total claimed loss
//            + age in days of the oldest pending report
//            + 200 × the flags a moderator must see first (flag_weight, migrations/0008)
// rank = priority − julianday(now): the same order, without a term that changes
// every second. The page's details (categories, channels, evidence, flags) are
// then read for its groups only.
//
// Per moderator, two passes: first the groups with work for this moderator,
// then the groups whose every pending report this moderator already verified
// once ("waiting for another moderator"): for them those are done, for a second
// moderator they are the work. The cursor carries which pass it is in.
import { ApiError } from '../core/errors.ts';
import { IDENTIFIER_TYPES } from '../core/identifiers.ts';
import { flagStatements, flagsFrom, type Flag, type GroupFlags } from './abuse-flags.ts';
import { linkStatements, linksFrom, type DisputeLink, type ReportLinks } from './flag-links.ts';

const DEFAULT_PAGE = 25;
const MAX_PAGE = 100;
const MAX_GROUP_REPORTS = 500;

interface GroupRow {
  lookup_key: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  pending: number;
  reporters: number;
  loss_idr: number;
  first_at: string;
  last_at: string;
  rank: number;
  flag_weight: number;
}

export interface Group {
  key: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  pending: number;
  reporters: number;
  lossIdr: number;
  firstAt: string;
  lastAt: string;
  categories: Record<string, number>;
  channels: Record<string, number>;
  evidence: number;
  flags: Flag[];
  priority: number;
  /** The part of priority the flags to see first give (200 each, migrations/0008_queue_flag_weight.sql). */
  flagWeight: number;
  awaitingConfirmation: number;
  /** Pending reports the asking moderator verified once (they wait for a different moderator). */
  verifiedByYou: number;
  /** Every pending report verified once by the asking moderator: nothing here for them to do, the group sinks for them. */
  waitingForAnotherModerator: boolean;
}

export interface QueueFilters {
  kind?: string;
  bank?: string;
  provider?: string;
  category?: string;
  channel?: string;
  minAgeDays?: number;
}

const JULIAN_UNIX_EPOCH = 2440587.5;
/** julianday(now) as SQLite computes it. */
const julianDay = (now: Date) => now.getTime() / 86_400_000 + JULIAN_UNIX_EPOCH;

/** The queue's two passes for one moderator: 0 the groups with work for them, 1 those waiting for another moderator. */
type Pass = 0 | 1;
type Cursor = [rank: number, key: string, pass: Pass];

function encodeCursor(rank: number, key: string, pass: Pass): string {
  return btoa(JSON.stringify([rank, key, pass])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    // A two-element cursor (before the passes) continues the first pass.
    if (Array.isArray(value) && (value.length === 2 || (value.length === 3 && (value[2] === 0 || value[2] === 1))) && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return [value[0] as number, value[1] as string, (value[2] ?? 0) as Pass];
    }
  } catch {
    // falls through
  }
  throw new ApiError('invalid_cursor', 'cursor');
}

const FILTER_TEXT = /^[a-z0-9_-]{1,40}$/;

/** The query string's filters, checked: a bad one is invalid_filter (400), never ignored. */
export function parseQueueQuery(params: URLSearchParams): { filters: QueueFilters; cursor: string | null; limit: number } {
  const filters: QueueFilters = {};
  for (const name of ['kind', 'bank', 'provider', 'category', 'channel'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    if (!FILTER_TEXT.test(value) || (name === 'kind' && !(IDENTIFIER_TYPES as readonly string[]).includes(value))) {
      throw new ApiError('invalid_filter', 'filter');
    }
    filters[name] = value;
  }
  const age = params.get('minAgeDays');
  if (age !== null && age !== '') {
    if (!/^\d{1,4}$/.test(age)) throw new ApiError('invalid_filter', 'filter');
    filters.minAgeDays = Number(age);
  }
  const limitText = params.get('limit');
  let limit = DEFAULT_PAGE;
  if (limitText !== null && limitText !== '') {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_PAGE) throw new ApiError('invalid_filter', 'filter');
    limit = Number(limitText);
  }
  return { filters, cursor: params.get('cursor') || null, limit };
}

/** Whether a group has a pending report this moderator has not verified once (bound: the moderator). */
const WORK_FOR = `EXISTS (SELECT 1 FROM reports r WHERE r.lookup_key = g.lookup_key AND r.status = 'pending' AND r.first_verified_by IS NOT ?)`;

/**
 * The SQL of one page: exported so the benchmark prints the plan of exactly this query.
 * With a moderator (`mine`), one pass: 0 the groups with work for them, 1 the groups waiting for another moderator.
 */
export function pageQuery(
  filters: QueueFilters,
  cursor: [number, string] | null,
  limit: number,
  now: Date,
  mine?: { actor: string; pass: Pass },
): { sql: string; binds: unknown[] } {
  const where: string[] = [];
  const binds: unknown[] = [];
  if (filters.kind) (where.push('g.type = ?'), binds.push(filters.kind));
  if (filters.bank) (where.push('g.bank = ?'), binds.push(filters.bank));
  if (filters.provider) (where.push('g.provider = ?'), binds.push(filters.provider));
  if (filters.minAgeDays !== undefined) {
    where.push('g.first_at <= ?');
    binds.push(new Date(now.getTime() - filters.minAgeDays * 86_400_000).toISOString());
  }
  for (const column of ['category', 'channel'] as const) {
    const value = filters[column];
    if (value) {
      where.push(`EXISTS (SELECT 1 FROM reports r WHERE r.lookup_key = g.lookup_key AND r.status = 'pending' AND r.${column} = ?)`);
      binds.push(value);
    }
  }
  if (mine) (where.push(mine.pass === 0 ? WORK_FOR : `NOT ${WORK_FOR}`), binds.push(mine.actor));
  if (cursor) (where.push('(g.rank, g.lookup_key) < (?, ?)'), binds.push(...cursor));
  const sql = `SELECT g.* FROM queue_groups g ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
               ORDER BY g.rank DESC, g.lookup_key DESC LIMIT ?`;
  return { sql, binds: [...binds, limit + 1] };
}

type MixRow = { lookup_key: string; category: string; channel: string | null; n: number; awaiting: number };

/**
 * The statements that read categories, channels, evidence and flags of these
 * groups, for one D1 batch (one round trip) with whatever else the answer needs.
 */
function describeStatements(db: D1Database, keys: string[], actor: string): D1PreparedStatement[] {
  const json = JSON.stringify(keys);
  return [
    db
      .prepare(`SELECT lookup_key, COUNT(*) AS n FROM reports
                WHERE lookup_key IN (SELECT value FROM json_each(?)) AND status = 'pending' AND first_verified_by = ? GROUP BY lookup_key`)
      .bind(json, actor),
    db
      .prepare(`SELECT lookup_key, category, channel, COUNT(*) AS n, COUNT(first_verified_by) AS awaiting FROM reports
                WHERE lookup_key IN (SELECT value FROM json_each(?)) AND status = 'pending' GROUP BY lookup_key, category, channel`)
      .bind(json),
    db
      .prepare(`SELECT r.lookup_key, COUNT(*) AS n FROM reports r JOIN evidence e ON e.report_ref = r.ref
                WHERE r.lookup_key IN (SELECT value FROM json_each(?)) AND r.status = 'pending' GROUP BY r.lookup_key`)
      .bind(json),
    ...flagStatements(db, keys),
  ];
}

/** The Group answers in page order, from the page's rows and the results of describeStatements. */
function describe(rows: GroupRow[], results: Array<D1Result<unknown>>, now: Date): { groups: Group[]; flags: GroupFlags } {
  const [mine, mix, evidence, ...flagResults] = results;
  const flags = flagsFrom(flagResults);
  const jdNow = julianDay(now);
  const groups = rows.map((row): Group => ({
    key: row.lookup_key,
    type: row.type,
    value: row.value,
    bank: row.bank,
    provider: row.provider,
    pending: row.pending,
    reporters: row.reporters,
    lossIdr: row.loss_idr,
    firstAt: row.first_at,
    lastAt: row.last_at,
    categories: {},
    channels: {},
    evidence: 0,
    flags: [...(flags.byKey.get(row.lookup_key) ?? [])].sort(),
    priority: Math.round((row.rank + jdNow) * 10) / 10,
    flagWeight: row.flag_weight,
    awaitingConfirmation: 0,
    verifiedByYou: 0,
    waitingForAnotherModerator: false,
  }));
  const byKey = new Map(groups.map((g) => [g.key, g]));
  for (const m of (mix?.results ?? []) as MixRow[]) {
    const g = byKey.get(m.lookup_key)!;
    g.categories[m.category] = (g.categories[m.category] ?? 0) + m.n;
    if (m.channel) g.channels[m.channel] = (g.channels[m.channel] ?? 0) + m.n;
    g.awaitingConfirmation += m.awaiting;
  }
  for (const e of (evidence?.results ?? []) as Array<{ lookup_key: string; n: number }>) byKey.get(e.lookup_key)!.evidence = e.n;
  for (const m of (mine?.results ?? []) as Array<{ lookup_key: string; n: number }>) {
    const g = byKey.get(m.lookup_key)!;
    g.verifiedByYou = m.n;
    g.waitingForAnotherModerator = m.n === g.pending;
  }
  return { groups, flags };
}

/** A page of the queue for this moderator: the groups with work for them, then those waiting for another moderator. */
export async function listQueue(
  db: D1Database,
  filters: QueueFilters,
  cursorText: string | null,
  limit: number,
  actor: string,
  now = new Date(),
): Promise<{ groups: Group[]; next: string | null }> {
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  const page: Array<GroupRow & { pass: Pass }> = [];
  let more = false;
  for (const pass of [0, 1] as const) {
    if (cursor && pass < cursor[2]) continue;
    const room = limit - page.length;
    const from = cursor && cursor[2] === pass ? ([cursor[0], cursor[1]] as [number, string]) : null;
    // room + 1 rows (pageQuery's LIMIT): one more than fits says that more follow.
    const { sql, binds } = pageQuery(filters, from, room, now, { actor, pass });
    const { results } = await db.prepare(sql).bind(...binds).all<GroupRow>();
    page.push(...results.slice(0, room).map((r) => ({ ...r, pass })));
    if (results.length > room) {
      more = true;
      break;
    }
  }
  const last = page[page.length - 1];
  const next = more && last ? encodeCursor(last.rank, last.lookup_key, last.pass) : null;
  if (page.length === 0) return { groups: [], next: null };
  const details = await db.batch(describeStatements(db, page.map((r) => r.lookup_key), actor));
  return { groups: describe(page, details, now).groups, next };
}

interface GroupReportRow {
  ref: string;
  status: string;
  category: string;
  channel: string | null;
  loss_idr: number;
  created_at: string;
  chronology: string;
  profile_url: string | null;
  reporter_contact: string;
  first_verified_by: string | null;
}

export interface GroupView {
  group: Group;
  reports: Array<
    GroupReportRow & { evidence: Array<{ id: string; r2_key: string; content_type: string; size: number }>; flags: Flag[]; related: ReportLinks }
  >;
  /** Disputes on this account, newest first: the after_dispute flag and a pending dispute link to them. */
  disputes: DisputeLink[];
}

/** One group with every pending report's personal data: each report's view is audited, as opening one report is. */
export async function viewGroup(db: D1Database, key: string, actor: string, now = new Date()): Promise<GroupView> {
  const row = await db.prepare('SELECT * FROM queue_groups WHERE lookup_key = ?').bind(key).first<GroupRow>();
  if (!row) throw new ApiError('report_not_found', 'ref');
  const audit = db
    .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail)
              SELECT ?, ?, 'view', ref, 'queue group' FROM reports WHERE lookup_key = ? AND status = 'pending' ORDER BY created_at, ref LIMIT ?`)
    .bind(now.toISOString(), actor, key, MAX_GROUP_REPORTS);
  const linkReads = linkStatements(db, key);
  // One batch: what is shown and its audit rows are written together.
  const results = await db.batch([
    db
      .prepare(`SELECT ref, status, category, channel, loss_idr, created_at, chronology, profile_url, reporter_contact, first_verified_by
                FROM reports WHERE lookup_key = ? AND status = 'pending' ORDER BY created_at, ref LIMIT ?`)
      .bind(key, MAX_GROUP_REPORTS),
    db
      .prepare(`SELECT e.id, e.report_ref, e.r2_key, e.content_type, e.size FROM evidence e JOIN reports r ON r.ref = e.report_ref
                WHERE r.lookup_key = ? AND r.status = 'pending' ORDER BY e.id`)
      .bind(key),
    audit,
    ...linkReads,
    ...describeStatements(db, [key], actor),
  ]);
  const [reportsResult, evidenceResult, , ...rest] = results;
  const links = rest.slice(0, linkReads.length);
  const details = rest.slice(linkReads.length);
  const reports = { results: (reportsResult?.results ?? []) as GroupReportRow[] };
  const evidence = { results: (evidenceResult?.results ?? []) as Array<{ id: string; report_ref: string; r2_key: string; content_type: string; size: number }> };
  const { groups, flags } = describe([row], details, now);
  const { linksOf, disputes } = linksFrom(links, (ref) => flags.byRef.get(ref));
  return {
    group: groups[0]!,
    reports: reports.results.map((r) => ({
      ...r,
      evidence: evidence.results.filter((e) => e.report_ref === r.ref).map(({ id, r2_key, content_type, size }) => ({ id, r2_key, content_type, size })),
      flags: [...(flags.byRef.get(r.ref) ?? [])].sort(),
      related: linksOf(r.ref),
    })),
    disputes,
  };
}
