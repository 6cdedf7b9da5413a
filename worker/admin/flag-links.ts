// Flags that lead somewhere (issue 29): for an opened group, the reports and
// accounts each flag is about, so the page can link them instead of only
// naming the flag (docs/reports.md, "Flags").
//
//   shared_evidence            → sameEvidence: the other reports holding the same file (by SHA-256)
//   one_contact_many_accounts  → sameReporter: that reporter's reports on other accounts
//   one_network_many_accounts  → sameNetwork: the accounts that network filed against within 24 hours
//   after_dispute / a pending dispute → the group's disputes
//
// Only references, accounts and statuses: what the queue already shows of any
// group. No contact, chronology or hash leaves this module; a reporter is
// followed by their keyed hash inside the query only.
import type { Flag } from './abuse-flags.ts';

/** At most this many links per report and flag: enough to judge a campaign, bounded on a shared carrier network. */
const MAX_LINKS = 20;
const ISO = `'%Y-%m-%dT%H:%M:%fZ'`;

/** Another report, as a link: its account (to open its group when it is pending) and where it stands. */
interface LinkedReport {
  ref: string;
  key: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  status: string;
}

/** Another account, as a link: `pending` reports wait in its group (0: decided, nothing to open). */
interface LinkedAccount {
  key: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  pending: number;
}

export interface ReportLinks {
  sameEvidence: LinkedReport[];
  sameReporter: LinkedReport[];
  sameNetwork: LinkedAccount[];
}

export interface DisputeLink {
  ref: string;
  status: string;
  createdAt: string;
}

type Row<T> = T & { of_ref: string };

/** The statements for one group's links, to run in the group view's batch; read them with linksFrom in the same order. */
export function linkStatements(db: D1Database, key: string): D1PreparedStatement[] {
  const cap = MAX_LINKS * 25;
  return [
    db
      .prepare(`SELECT DISTINCT r.ref AS of_ref, r2.ref, r2.lookup_key AS key, r2.type, r2.value, r2.bank, r2.provider, r2.status
                FROM reports r JOIN evidence e ON e.report_ref = r.ref AND e.sha256 IS NOT NULL
                JOIN evidence e2 ON e2.sha256 = e.sha256 AND e2.report_ref <> e.report_ref
                JOIN reports r2 ON r2.ref = e2.report_ref
                WHERE r.lookup_key = ? AND r.status = 'pending' ORDER BY r2.created_at, r2.ref LIMIT ?`)
      .bind(key, cap),
    db
      .prepare(`SELECT r.ref AS of_ref, o.ref, o.lookup_key AS key, o.type, o.value, o.bank, o.provider, o.status
                FROM reports r JOIN reports o ON o.contact_hash = r.contact_hash AND o.lookup_key <> r.lookup_key
                WHERE r.lookup_key = ? AND r.status = 'pending' AND r.contact_hash IS NOT NULL ORDER BY o.created_at, o.ref LIMIT ?`)
      .bind(key, cap),
    db
      .prepare(`SELECT r.ref AS of_ref, o.lookup_key AS key, MIN(o.type) AS type, MIN(o.value) AS value, MIN(o.bank) AS bank,
                       MIN(o.provider) AS provider, SUM(o.status = 'pending') AS pending
                FROM reports r JOIN reports o ON o.network_hash = r.network_hash AND o.lookup_key <> r.lookup_key
                  AND o.created_at >= strftime(${ISO}, r.created_at, '-24 hours') AND o.created_at <= strftime(${ISO}, r.created_at, '+24 hours')
                WHERE r.lookup_key = ? AND r.status = 'pending' AND r.network_hash IS NOT NULL
                GROUP BY r.ref, o.lookup_key ORDER BY MIN(o.created_at), o.lookup_key LIMIT ?`)
      .bind(key, cap),
    db.prepare('SELECT ref, status, created_at FROM disputes WHERE lookup_key = ? ORDER BY created_at DESC, ref LIMIT ?').bind(key, MAX_LINKS),
  ];
}

function byReport<T>(rows: Array<Row<T>>): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const { of_ref, ...rest } of rows) {
    const list = map.get(of_ref) ?? [];
    if (list.length < MAX_LINKS) list.push(rest as T);
    map.set(of_ref, list);
  }
  return map;
}

/**
 * Each report's links, for the flags it carries (a report without the flag gets
 * an empty list: a link is there to explain a flag), and the group's disputes.
 */
export function linksFrom(
  results: Array<D1Result<unknown>>,
  flagsOf: (ref: string) => ReadonlySet<Flag> | undefined,
): { linksOf: (ref: string) => ReportLinks; disputes: DisputeLink[] } {
  const [evidence, reporter, network, disputes] = results;
  const sameEvidence = byReport((evidence?.results ?? []) as Array<Row<LinkedReport>>);
  const sameReporter = byReport((reporter?.results ?? []) as Array<Row<LinkedReport>>);
  const sameNetwork = byReport((network?.results ?? []) as Array<Row<LinkedAccount>>);
  return {
    linksOf: (ref) => {
      const flags = flagsOf(ref);
      return {
        sameEvidence: flags?.has('shared_evidence') ? (sameEvidence.get(ref) ?? []) : [],
        sameReporter: flags?.has('one_contact_many_accounts') ? (sameReporter.get(ref) ?? []) : [],
        sameNetwork: flags?.has('one_network_many_accounts') ? (sameNetwork.get(ref) ?? []) : [],
      };
    },
    disputes: ((disputes?.results ?? []) as Array<{ ref: string; status: string; created_at: string }>).map((d) => ({
      ref: d.ref,
      status: d.status,
      createdAt: d.created_at,
    })),
  };
}
