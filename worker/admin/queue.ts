// The grouped queue: pending reports by account (lookup key), most urgent first.
//
// A page is an index range scan over queue_groups (kept by the triggers of
// migrations/0004_moderation.sql), never a GROUP BY over the backlog:
//   ORDER BY rank DESC, lookup_key DESC, continued from the cursor (rank, key).
// priority = 10 × independent reporters + 3 × digits of the total claimed loss
//            + age in days of the oldest pending report
// rank = priority − julianday(now): the same order, without a term that changes
// every second. The page's details (categories, channels, evidence, flags) are
// then read for its groups only.
import { ApiError } from '../core/errors.ts';
import { IDENTIFIER_TYPES } from '../core/identifiers.ts';
import { flagStatements, flagsFrom, type Flag, type GroupFlags } from './abuse-flags.ts';

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
  awaitingConfirmation: number;
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

function encodeCursor(rank: number, key: string): string {
  return btoa(JSON.stringify([rank, key])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === 'string') return value as [number, string];
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

/** The SQL of one page: exported so the benchmark prints the plan of exactly this query. */
export function pageQuery(filters: QueueFilters, cursor: [number, string] | null, limit: number, now: Date): { sql: string; binds: unknown[] } {
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
function describeStatements(db: D1Database, keys: string[]): D1PreparedStatement[] {
  const json = JSON.stringify(keys);
  return [
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
  const [mix, evidence, ...flagResults] = results;
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
    awaitingConfirmation: 0,
  }));
  const byKey = new Map(groups.map((g) => [g.key, g]));
  for (const m of (mix?.results ?? []) as MixRow[]) {
    const g = byKey.get(m.lookup_key)!;
    g.categories[m.category] = (g.categories[m.category] ?? 0) + m.n;
    if (m.channel) g.channels[m.channel] = (g.channels[m.channel] ?? 0) + m.n;
    g.awaitingConfirmation += m.awaiting;
  }
  for (const e of (evidence?.results ?? []) as Array<{ lookup_key: string; n: number }>) byKey.get(e.lookup_key)!.evidence = e.n;
  return { groups, flags };
}

export async function listQueue(
  db: D1Database,
  filters: QueueFilters,
  cursorText: string | null,
  limit: number,
  now = new Date(),
): Promise<{ groups: Group[]; next: string | null }> {
  const { sql, binds } = pageQuery(filters, cursorText ? decodeCursor(cursorText) : null, limit, now);
  const { results } = await db.prepare(sql).bind(...binds).all<GroupRow>();
  const page = results.slice(0, limit);
  const last = page[page.length - 1];
  const next = results.length > limit && last ? encodeCursor(last.rank, last.lookup_key) : null;
  if (page.length === 0) return { groups: [], next: null };
  const details = await db.batch(describeStatements(db, page.map((r) => r.lookup_key)));
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
  reports: Array<GroupReportRow & { evidence: Array<{ id: string; r2_key: string; content_type: string; size: number }>; flags: Flag[] }>;
}

/** One group with every pending report's personal data: each report's view is audited, as opening one report is. */
export async function viewGroup(db: D1Database, key: string, actor: string, now = new Date()): Promise<GroupView> {
  const row = await db.prepare('SELECT * FROM queue_groups WHERE lookup_key = ?').bind(key).first<GroupRow>();
  if (!row) throw new ApiError('report_not_found', 'ref');
  const audit = db
    .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail)
              SELECT ?, ?, 'view', ref, 'queue group' FROM reports WHERE lookup_key = ? AND status = 'pending' ORDER BY created_at, ref LIMIT ?`)
    .bind(now.toISOString(), actor, key, MAX_GROUP_REPORTS);
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
    ...describeStatements(db, [key]),
  ]);
  const [reportsResult, evidenceResult, , ...details] = results;
  const reports = { results: (reportsResult?.results ?? []) as GroupReportRow[] };
  const evidence = { results: (evidenceResult?.results ?? []) as Array<{ id: string; report_ref: string; r2_key: string; content_type: string; size: number }> };
  const { groups, flags } = describe([row], details, now);
  return {
    group: groups[0]!,
    reports: reports.results.map((r) => ({
      ...r,
      evidence: evidence.results.filter((e) => e.report_ref === r.ref).map(({ id, r2_key, content_type, size }) => ({ id, r2_key, content_type, size })),
      flags: [...(flags.byRef.get(r.ref) ?? [])].sort(),
    })),
  };
}
