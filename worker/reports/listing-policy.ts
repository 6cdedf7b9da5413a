// The listing policy and the D1 reads behind it, shared by the nightly job
// (scripts/pipeline/read-d1-reports.ts, export-reports.ts) and the Worker's
// same-day delta (worker/delta/): verified reports sent through the site and
// verified by a moderator, each row mapped to the published NDJSON shape and
// parsed by parseReportLine, so D1 and files are validated by the same code.
// Reporter fields are never selected: personal data cannot reach a snapshot
// or a delta from here.
// The listing policy (docs/reports.md): a verified row is carried only when it
// has an evidence file or a second moderator's confirmation (reports.confirmed_by);
// the others are counted as held back, never listed. A row whose key has a
// pending dispute (table disputes) is carried with `disputed: true`.
import type { ReportLineJson } from './report-line.ts';

export interface VerifiedRow {
  ref: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  category: string;
  status: string;
  created_at: string;
  loss_idr: number;
  channel: string | null;
  lookup_key: string;
  /** 1 when the row meets the listing policy (LISTED_SQL), else 0. */
  listed: number;
}

/** The D1 row in the report contract's shape (docs/operations.md: "The input: reports"). */
export function rowToReportLine(row: VerifiedRow): ReportLineJson {
  return {
    id: row.ref,
    type: row.type as ReportLineJson['type'],
    value: row.value,
    bank: row.bank,
    provider: row.provider,
    category: row.category as ReportLineJson['category'],
    status: row.status as ReportLineJson['status'],
    reportedAt: row.created_at,
    lossIdr: row.loss_idr,
    channel: row.channel as ReportLineJson['channel'],
  };
}

/** Why a verified row is held back from the snapshot (the run summary and export-reports say it). */
export const HELD_BACK_REASON = "verified without an evidence file or a second moderator's confirmation (listing policy, docs/reports.md)";

/** The listing policy as SQL: at least one evidence file, or confirmed by a second moderator. */
const LISTED_SQL = `(confirmed_by IS NOT NULL OR EXISTS (SELECT 1 FROM evidence WHERE evidence.report_ref = reports.ref))`;

/** The columns every verified-row read selects: VerifiedRow. */
const VERIFIED_COLUMNS = `ref, type, value, bank, provider, category, status, created_at, loss_idr, channel, lookup_key,
${LISTED_SQL} AS listed`;

/** Rows page by page (D1 answers are held in memory whole). */
const PAGE = 10_000;

/** One page of verified reports after a reference, in reference order; binds (after, limit). */
export const VERIFIED_ROWS_PAGE_SQL = `SELECT ${VERIFIED_COLUMNS}
FROM reports WHERE status = 'verified' AND ref > ? ORDER BY ref LIMIT ?`;

/**
 * The verified reports of some lookup keys (a JSON array bound as one parameter: D1 caps bound
 * parameters at 100), in reference order: the delta's read of the keys that changed.
 */
export const VERIFIED_ROWS_OF_KEYS_SQL = `SELECT ${VERIFIED_COLUMNS}
FROM reports WHERE status = 'verified' AND lookup_key IN (SELECT value FROM json_each(?)) ORDER BY ref`;

/** The lookup keys an owner's dispute is pending against (few; disputes_by_status serves it). */
export const PENDING_DISPUTE_KEYS_SQL = `SELECT DISTINCT lookup_key FROM disputes WHERE status = 'pending'`;

/** The pending disputes' keys on a D1 binding. */
export const d1PendingDisputeKeys = async (db: D1Database): Promise<Set<string>> =>
  new Set((await db.prepare(PENDING_DISPUTE_KEYS_SQL).all<{ lookup_key: string }>()).results.map((row) => row.lookup_key));

/** What a walk over the verified rows left out: rows the listing policy holds back. */
export interface ExportTally {
  heldBack: number;
}

/** One page of VERIFIED_ROWS_PAGE_SQL: at most `limit` rows after the reference `after`. */
export type VerifiedRowsPage = (after: string, limit: number) => Promise<VerifiedRow[]>;

/** The page query on a D1 binding. */
export const d1VerifiedRows =
  (db: D1Database): VerifiedRowsPage =>
  async (after, limit) =>
    (await db.prepare(VERIFIED_ROWS_PAGE_SQL).bind(after, limit).all<VerifiedRow>()).results;

/**
 * Every verified report the listing policy admits, page by page in reference order, in the report
 * contract's shape, flagged `disputed` when its key is in `disputedKeys`; `tally` counts the rest.
 */
export async function* verifiedReportLines(
  page: VerifiedRowsPage,
  disputedKeys: ReadonlySet<string>,
  tally: ExportTally,
  pageSize = PAGE,
): AsyncGenerator<ReportLineJson> {
  let after = '';
  for (;;) {
    const rows = await page(after, pageSize);
    for (const row of rows) {
      if (!row.listed) {
        tally.heldBack++;
        continue;
      }
      const line = rowToReportLine(row);
      if (disputedKeys.has(row.lookup_key)) line.disputed = true;
      yield line;
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.ref;
  }
}

