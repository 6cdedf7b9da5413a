// Verified reports from the D1 database the Worker writes (reports sent through
// the site and verified by a moderator), as report-contract lines: each row is
// mapped to the published NDJSON shape and parsed by parseReportLine, so D1
// and files are validated by the same code. Reporter fields are never selected:
// personal data cannot reach the snapshot from here.
// The local D1 is opened like the local KV (local-kv.ts): through wrangler's
// platform proxy, the same store `wrangler dev --persist-to` uses.
import { join } from 'node:path';
import type { ReadLine } from './read-reports.ts';
import { parseReportLine, ReportLineError, type ReportLineJson } from './report-line.ts';

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
}

/** The D1 row in the report contract's shape (README: "The input: reports"). */
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

/** Rows page by page (D1 answers are held in memory whole). */
const PAGE = 10_000;

/** One page of verified reports after a reference, in reference order; binds (after, limit). */
export const VERIFIED_ROWS_PAGE_SQL = `SELECT ref, type, value, bank, provider, category, status, created_at, loss_idr, channel
FROM reports WHERE status = 'verified' AND ref > ? ORDER BY ref LIMIT ?`;

export async function* readD1Reports(persistDir: string, now: Date = new Date()): AsyncGenerator<ReadLine> {
  // Loaded on demand, like local-kv.ts: only a --d1 run needs wrangler.
  const { getPlatformProxy } = await import('wrangler');
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({
    configPath: 'wrangler.toml',
    persist: { path: join(persistDir, 'v3') },
  });
  try {
    let lineNo = 0;
    let after = '';
    for (;;) {
      const { results } = await env.DB.prepare(VERIFIED_ROWS_PAGE_SQL)
        .bind(after, PAGE)
        .all<VerifiedRow>();
      for (const row of results) {
        lineNo++;
        try {
          yield { lineNo, report: parseReportLine(JSON.stringify(rowToReportLine(row)), now) };
        } catch (err) {
          if (err instanceof ReportLineError) yield { lineNo, error: `report ${row.ref}: ${err.reason}` };
          else throw err;
        }
      }
      if (results.length < PAGE) return;
      after = results[results.length - 1]!.ref;
    }
  } finally {
    await dispose();
  }
}
