// Delistings (migrations/0007_delistings.sql, docs/reports.md "Delistings"):
// what an accepted dispute takes off the list, read by every publisher — the
// nightly job over every source (imported files and D1 reports alike) and the
// same-day delta — so an owner who proved ownership is delisted whatever the
// listing came from. Shared here (worker/) so the job and the Worker apply one rule.

/** Lookup key → the newest active delisting's time (ISO, sorts as time). */
export type Delistings = ReadonlyMap<string, string>;

const ACTIVE_DELISTINGS_SQL = `SELECT lookup_key, MAX(at) AS at FROM delistings WHERE undone_at IS NULL GROUP BY lookup_key`;

/** The active delistings on a D1 binding. */
export async function d1Delistings(db: D1Database): Promise<Map<string, string>> {
  const { results } = await db.prepare(ACTIVE_DELISTINGS_SQL).all<{ lookup_key: string; at: string }>();
  return new Map(results.map((r) => [r.lookup_key, r.at]));
}

/**
 * Whether a report is left out: its key was delisted at or after the time it
 * was reported. A report made after the delisting is not (it is a new listing,
 * flagged to the moderator before it is verified: after_delisting).
 */
export const isDelisted = (delistings: Delistings, report: { key: string; reportedAt: string }): boolean => {
  const at = delistings.get(report.key);
  return at !== undefined && report.reportedAt <= at;
};
