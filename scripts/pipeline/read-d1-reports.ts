// Verified reports from the local D1 database the Worker writes, as read lines
// for the nightly job. The listing policy and its queries are the Worker's
// (worker/reports/listing-policy.ts), so the same-day delta lists exactly what
// the next nightly run will.
// The local D1 is opened like the local KV (local-kv.ts): through wrangler's
// platform proxy, the same store `wrangler dev --persist-to` uses; the remote
// one by export-reports.ts through `wrangler d1 execute`. Both walk the pages
// with verifiedReportLines.
import type { ReadLine } from './read-reports.ts';
import { d1PendingDisputeKeys, d1VerifiedRows, verifiedReportLines, type ExportTally } from '../../worker/reports/listing-policy.ts';
import { parseReportLine, ReportLineError } from '../../worker/reports/report-line.ts';
import { d1Delistings } from '../../worker/reports/delistings.ts';

/**
 * The local D1's verified reports as read lines. `tally` gets the held-back count; `onDisputedKey`
 * each pending dispute's key before the first line (a key may be listed by a file's lines only).
 */
export async function* readD1Reports(
  persistDir: string,
  tally: ExportTally,
  onDisputedKey: (key: string) => void,
  now: Date = new Date(),
): AsyncGenerator<ReadLine> {
  // Loaded on demand, like local-kv.ts: only a --d1 run needs wrangler.
  const [{ getPlatformProxy }, { join }] = await Promise.all([import('wrangler'), import('node:path')]);
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({
    configPath: 'wrangler.toml',
    persist: { path: join(persistDir, 'v3') },
  });
  try {
    const disputedKeys = await d1PendingDisputeKeys(env.DB);
    for (const key of disputedKeys) onDisputedKey(key);
    let lineNo = 0;
    for await (const line of verifiedReportLines(d1VerifiedRows(env.DB), disputedKeys, tally)) {
      lineNo++;
      try {
        yield { lineNo, report: parseReportLine(JSON.stringify(line), now) };
      } catch (err) {
        if (err instanceof ReportLineError) yield { lineNo, error: `report ${line.id}: ${err.reason}` };
        else throw err;
      }
    }
  } finally {
    await dispose();
  }
}

/** The local D1's active delistings (worker/reports/delistings.ts): read before any source, so they apply to every one. */
export async function readD1Delistings(persistDir: string): Promise<Map<string, string>> {
  const [{ getPlatformProxy }, { join }] = await Promise.all([import('wrangler'), import('node:path')]);
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: join(persistDir, 'v3') } });
  try {
    return await d1Delistings(env.DB);
  } finally {
    await dispose();
  }
}
