// Deletes personal data once it is no longer needed (docs/reports.md, "Data
// kept about people"): run daily by the Worker's Cron Trigger. A verified
// report's identifier, category, loss, channel and dates stay — the snapshot
// counts them — but the reporter's contact, chronology, profile link and
// evidence go a year after the decision; rejected reports go whole after six
// months; a dispute's contact and statement a year after its decision; audit
// rows after two years. Pending reports are kept until a moderator decides.

const DAY_MS = 86_400_000;
export const RETENTION_DAYS = {
  reporterData: 365,
  rejectedReports: 183,
  disputeData: 365,
  auditLog: 730,
} as const;

/** What stands in for deleted text in NOT NULL columns. */
export const PURGED = '[dihapus / deleted]';

export interface PurgeResult {
  reportsScrubbed: number;
  rejectedDeleted: number;
  evidenceDeleted: number;
  disputesScrubbed: number;
  auditDeleted: number;
}

export async function purgeExpired(db: D1Database, evidence: R2Bucket, now: Date = new Date()): Promise<PurgeResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const reporterCutoff = before(RETENTION_DAYS.reporterData);
  const rejectedCutoff = before(RETENTION_DAYS.rejectedReports);

  // Evidence of every report whose personal data expires now: rejected ones past
  // their six months, and any decided report past its year.
  const expired = `(status = 'rejected' AND decided_at < ?1) OR (status <> 'pending' AND decided_at < ?2)`;
  const { results: files } = await db
    .prepare(`SELECT e.id, e.r2_key FROM evidence e JOIN reports r ON r.ref = e.report_ref WHERE ${expired}`)
    .bind(rejectedCutoff, reporterCutoff)
    .all<{ id: string; r2_key: string }>();
  // Objects first: a row whose object is gone is harmless; an object without its row would be lost track of.
  for (let i = 0; i < files.length; i += 1000) await evidence.delete(files.slice(i, i + 1000).map((f) => f.r2_key));

  const [evidenceRows, rejected, scrubbed, disputes, audit] = await db.batch([
    db.prepare(`DELETE FROM evidence WHERE report_ref IN (SELECT ref FROM reports WHERE ${expired})`).bind(rejectedCutoff, reporterCutoff),
    db.prepare(`DELETE FROM reports WHERE status = 'rejected' AND decided_at < ?1`).bind(rejectedCutoff),
    db
      .prepare(
        `UPDATE reports SET reporter_contact = ?2, chronology = ?2, profile_url = NULL
         WHERE status <> 'pending' AND decided_at < ?1 AND reporter_contact <> ?2`,
      )
      .bind(reporterCutoff, PURGED),
    db
      .prepare(`UPDATE disputes SET contact = ?2, statement = ?2 WHERE status <> 'pending' AND decided_at < ?1 AND contact <> ?2`)
      .bind(before(RETENTION_DAYS.disputeData), PURGED),
    db.prepare(`DELETE FROM audit_log WHERE at < ?1`).bind(before(RETENTION_DAYS.auditLog)),
  ]);
  const result: PurgeResult = {
    evidenceDeleted: evidenceRows!.meta.changes,
    rejectedDeleted: rejected!.meta.changes,
    reportsScrubbed: scrubbed!.meta.changes,
    disputesScrubbed: disputes!.meta.changes,
    auditDeleted: audit!.meta.changes,
  };
  await db
    .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?1, 'retention', 'purge', '*', ?2)`)
    .bind(now.toISOString(), JSON.stringify(result))
    .run();
  return result;
}
