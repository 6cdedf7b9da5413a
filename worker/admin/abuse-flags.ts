// Abuse signals on a queue group (docs/reports.md, "Flags"). Computed for the
// groups of one page (or one opened group) only, each from an index:
//
//   one_contact_many_accounts  a reporter (keyed contact hash) of this group filed
//                              against >= 5 accounts within 30 days of their reports here
//   one_network_many_accounts  a network (keyed /24 or /64 hash) of this group filed
//                              against >= 10 accounts within 24 hours of its reports here
//   repeat_contact             one reporter filed >= 3 reports against this account
//   shared_evidence            an evidence file (same SHA-256) of this group is also on
//                              a report from a different reporter
//   burst                      >= 5 pending reports against this account within 10 minutes
//   after_dispute              a pending report filed within 7 days after a dispute on this account
//   after_delisting            a pending report on an account an accepted dispute delisted (not undone),
//                              filed after the delisting: verifying it lists the account again (issue 29)
//
// A flag is a reason to look closer, never a decision: the page shows it on the
// group and on each report it comes from.
export const FLAGS = [
  'one_contact_many_accounts',
  'one_network_many_accounts',
  'repeat_contact',
  'shared_evidence',
  'burst',
  'after_dispute',
  'after_delisting',
] as const;
export type Flag = (typeof FLAGS)[number];

const THRESHOLDS = {
  contactAccounts: 5,
  contactWindowDays: 30,
  networkAccounts: 10,
  networkWindowHours: 24,
  repeatReports: 3,
  burstReports: 5,
  burstWindowMinutes: 10,
  afterDisputeDays: 7,
} as const;

export interface GroupFlags {
  /** Flags per lookup key. */
  byKey: Map<string, Set<Flag>>;
  /** Flags per pending report (the reports a flag comes from). */
  byRef: Map<string, Set<Flag>>;
}

const ISO = `'%Y-%m-%dT%H:%M:%fZ'`;
const KEYS = 'lookup_key IN (SELECT value FROM json_each(?))';

function add(map: Map<string, Set<Flag>>, id: string, flag: Flag) {
  let set = map.get(id);
  if (!set) map.set(id, (set = new Set()));
  set.add(flag);
}

/** Reports a hash filed against many accounts within the window around this group's reports. */
function manyAccounts(db: D1Database, json: string, column: 'contact_hash' | 'network_hash', window: string, threshold: number): D1PreparedStatement {
  return db
    .prepare(`WITH mine AS (
                SELECT lookup_key, ${column} AS h, MIN(created_at) AS lo, MAX(created_at) AS hi FROM reports
                WHERE ${KEYS} AND status = 'pending' AND ${column} IS NOT NULL GROUP BY lookup_key, ${column}),
              wide AS (
                SELECT mine.lookup_key, mine.h FROM mine JOIN reports o
                  ON o.${column} = mine.h AND o.created_at >= strftime(${ISO}, mine.lo, '-${window}') AND o.created_at <= strftime(${ISO}, mine.hi, '+${window}')
                GROUP BY mine.lookup_key, mine.h HAVING COUNT(DISTINCT o.lookup_key) >= ?)
              SELECT r.ref, r.lookup_key FROM wide CROSS JOIN reports r ON r.lookup_key = wide.lookup_key AND r.${column} = wide.h AND r.status = 'pending'`)
    .bind(json, threshold);
}

type FlagRow = { ref: string; lookup_key: string; created_at?: string };

/**
 * The statements that find the flags of these groups: run them in one D1
 * batch with the page's other reads (one round trip), then read the results
 * with flagsFrom in the same order.
 */
export function flagStatements(db: D1Database, keys: string[]): D1PreparedStatement[] {
  const json = JSON.stringify(keys);
  const t = THRESHOLDS;
  return [
    manyAccounts(db, json, 'contact_hash', `${t.contactWindowDays} days`, t.contactAccounts),
    manyAccounts(db, json, 'network_hash', `${t.networkWindowHours} hours`, t.networkAccounts),
    db
      .prepare(`WITH rep AS (SELECT lookup_key, contact_hash FROM reports WHERE ${KEYS} AND contact_hash IS NOT NULL
                             GROUP BY lookup_key, contact_hash HAVING COUNT(*) >= ?)
                SELECT r.ref, r.lookup_key FROM rep CROSS JOIN reports r ON r.lookup_key = rep.lookup_key AND r.contact_hash = rep.contact_hash AND r.status = 'pending'`)
      .bind(json, t.repeatReports),
    db
      .prepare(`SELECT DISTINCT r.ref, r.lookup_key FROM reports r
                JOIN evidence e ON e.report_ref = r.ref AND e.sha256 IS NOT NULL
                JOIN evidence e2 ON e2.sha256 = e.sha256 AND e2.report_ref <> e.report_ref
                JOIN reports r2 ON r2.ref = e2.report_ref
                WHERE r.${KEYS} AND r.status = 'pending'
                  AND (r.contact_hash IS NULL OR r2.contact_hash IS NULL OR r2.contact_hash <> r.contact_hash)`)
      .bind(json),
    db
      .prepare(`SELECT ref, lookup_key, created_at FROM reports WHERE ${KEYS} AND status = 'pending' ORDER BY lookup_key, created_at`)
      .bind(json),
    db
      .prepare(`SELECT DISTINCT r.ref, r.lookup_key FROM reports r JOIN disputes d ON d.lookup_key = r.lookup_key
                WHERE r.${KEYS} AND r.status = 'pending'
                  AND r.created_at > d.created_at AND r.created_at <= strftime(${ISO}, d.created_at, '+${t.afterDisputeDays} days')`)
      .bind(json),
    db
      .prepare(`SELECT DISTINCT r.ref, r.lookup_key FROM reports r JOIN delistings dl ON dl.lookup_key = r.lookup_key AND dl.undone_at IS NULL
                WHERE r.${KEYS} AND r.status = 'pending' AND r.created_at > dl.at`)
      .bind(json),
  ];
}

const ORDER: Flag[] = ['one_contact_many_accounts', 'one_network_many_accounts', 'repeat_contact', 'shared_evidence', 'burst', 'after_dispute', 'after_delisting'];

export function flagsFrom(results: Array<D1Result<unknown>>): GroupFlags {
  const flags: GroupFlags = { byKey: new Map(), byRef: new Map() };
  ORDER.forEach((flag, i) => {
    let rows = (results[i]?.results ?? []) as FlagRow[];
    if (flag === 'burst') rows = burstReports(rows as Array<Required<FlagRow>>);
    for (const { ref, lookup_key } of rows) {
      add(flags.byKey, lookup_key, flag);
      add(flags.byRef, ref, flag);
    }
  });
  return flags;
}

/** The reports inside any window of burstWindowMinutes holding >= burstReports reports of one account (rows sorted by key, time). */
function burstReports(rows: Array<{ ref: string; lookup_key: string; created_at: string }>): Array<{ ref: string; lookup_key: string }> {
  const out = new Map<string, { ref: string; lookup_key: string }>();
  const windowMs = THRESHOLDS.burstWindowMinutes * 60_000;
  let start = 0;
  for (let end = 0; end < rows.length; end++) {
    const row = rows[end]!;
    while (rows[start]!.lookup_key !== row.lookup_key || Date.parse(row.created_at) - Date.parse(rows[start]!.created_at) > windowMs) start++;
    if (end - start + 1 >= THRESHOLDS.burstReports) for (let i = start; i <= end; i++) out.set(rows[i]!.ref, rows[i]!);
  }
  return [...out.values()];
}
