// Deletes personal data once it is no longer needed (docs/reports.md, "Data
// kept about people"): run daily by the Worker's Cron Trigger. A verified
// report's identifier, category, loss, channel and dates stay — the snapshot
// counts them — but the reporter's contact, chronology, profile link and
// evidence go a year after the decision; rejected reports go whole after six
// months; a dispute's contact and statement a year after its decision; audit
// rows after two years. Pending reports are kept until a moderator decides.
// The reporter's opt-in e-mail goes with the contact; a dispute's proof of
// ownership (rows and R2 objects) with the dispute's contact. Submission
// tokens (nothing personal) go after 30 days: a repeat later files anew.
import { PROOF_PREFIX } from './dispute-store.ts';

const DAY_MS = 86_400_000;
const RETENTION_DAYS = {
  reporterData: 365,
  rejectedReports: 183,
  disputeData: 365,
  auditLog: 730,
  submissionTokens: 30,
} as const;

/** What stands in for deleted text in NOT NULL columns. */
export const PURGED = '[dihapus / deleted]';

export interface PurgeResult {
  reportsScrubbed: number;
  rejectedDeleted: number;
  evidenceDeleted: number;
  disputesScrubbed: number;
  proofDeleted: number;
  auditDeleted: number;
  tokensDeleted: number;
}

export async function purgeExpired(db: D1Database, evidence: R2Bucket, now: Date = new Date()): Promise<PurgeResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const reporterCutoff = before(RETENTION_DAYS.reporterData);
  const rejectedCutoff = before(RETENTION_DAYS.rejectedReports);
  const disputeCutoff = before(RETENTION_DAYS.disputeData);

  // Evidence of every report whose personal data expires now: rejected ones past
  // their six months, and any decided report past its year.
  const expired = `(status = 'rejected' AND decided_at < ?1) OR (status <> 'pending' AND decided_at < ?2)`;
  const { results: files } = await db
    .prepare(`SELECT e.id, e.r2_key FROM evidence e JOIN reports r ON r.ref = e.report_ref WHERE ${expired}`)
    .bind(rejectedCutoff, reporterCutoff)
    .all<{ id: string; r2_key: string }>();
  // Objects first: a row whose object is gone is harmless; an object without its row would be lost track of.
  // Proofs of ownership of every dispute whose data expires now.
  const expiredDisputes = `SELECT ref FROM disputes WHERE status <> 'pending' AND decided_at < ?1`;
  const { results: proofs } = await db
    .prepare(`SELECT r2_key FROM dispute_evidence WHERE dispute_ref IN (${expiredDisputes})`)
    .bind(disputeCutoff)
    .all<{ r2_key: string }>();
  const keys = [...files, ...proofs].map((f) => f.r2_key);
  for (let i = 0; i < keys.length; i += 1000) await evidence.delete(keys.slice(i, i + 1000));

  const [evidenceRows, rejected, scrubbed, disputes, proofRows, audit, tokens] = await db.batch([
    db.prepare(`DELETE FROM evidence WHERE report_ref IN (SELECT ref FROM reports WHERE ${expired})`).bind(rejectedCutoff, reporterCutoff),
    db.prepare(`DELETE FROM reports WHERE status = 'rejected' AND decided_at < ?1`).bind(rejectedCutoff),
    db
      .prepare(
        `UPDATE reports SET reporter_contact = ?2, chronology = ?2, profile_url = NULL, reporter_email = NULL,
             contact_hash = NULL, network_hash = NULL
         WHERE status <> 'pending' AND decided_at < ?1 AND reporter_contact <> ?2`,
      )
      .bind(reporterCutoff, PURGED),
    db
      .prepare(`UPDATE disputes SET contact = ?2, statement = ?2 WHERE status <> 'pending' AND decided_at < ?1 AND contact <> ?2`)
      .bind(disputeCutoff, PURGED),
    db.prepare(`DELETE FROM dispute_evidence WHERE dispute_ref IN (${expiredDisputes})`).bind(disputeCutoff),
    db.prepare(`DELETE FROM audit_log WHERE at < ?1`).bind(before(RETENTION_DAYS.auditLog)),
    db.prepare(`DELETE FROM submission_tokens WHERE created_at < ?1`).bind(before(RETENTION_DAYS.submissionTokens)),
  ]);
  const result: PurgeResult = {
    evidenceDeleted: evidenceRows!.meta.changes,
    rejectedDeleted: rejected!.meta.changes,
    reportsScrubbed: scrubbed!.meta.changes,
    disputesScrubbed: disputes!.meta.changes,
    proofDeleted: proofRows!.meta.changes,
    auditDeleted: audit!.meta.changes,
    tokensDeleted: tokens!.meta.changes,
  };
  await db
    .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?1, 'retention', 'purge', '*', ?2)`)
    .bind(now.toISOString(), JSON.stringify(result))
    .run();
  return result;
}

/**
 * Where files live in R2 and the table whose rows point at them: report
 * evidence (worker/reports/report-store.ts writes `evidence/<ref>/<n>`) and
 * dispute proofs (worker/reports/dispute-store.ts, `proof/<ref>/<n>`).
 */
const FILE_STORES = [
  { prefix: 'evidence/', table: 'evidence' },
  { prefix: PROOF_PREFIX, table: 'dispute_evidence' },
] as const;
/** An object younger than this may belong to a submission still writing its D1 rows. */
const ORPHAN_GRACE_MS = DAY_MS;
/** D1 binds at most 100 parameters per statement. */
const D1_MAX_PARAMS = 100;

/**
 * Deletes evidence and proof objects that no D1 row points at and that are over
 * a day old: left behind when a submission's D1 batch failed and the clean-up
 * after it failed too (or the isolate died in between). Lists each prefix
 * whole, a thousand keys per call, and asks D1 about a hundred keys per query.
 */
export async function purgeOrphanEvidence(db: D1Database, evidence: R2Bucket, now: Date = new Date()): Promise<number> {
  const cutoff = now.getTime() - ORPHAN_GRACE_MS;
  let deleted = 0;
  for (const { prefix, table } of FILE_STORES) {
    let cursor: string | undefined;
    do {
      const page = await evidence.list({ prefix, limit: 1000, ...(cursor ? { cursor } : {}) });
      const old = page.objects.filter((o) => o.uploaded.getTime() < cutoff).map((o) => o.key);
      const orphans: string[] = [];
      for (let i = 0; i < old.length; i += D1_MAX_PARAMS) {
        const keys = old.slice(i, i + D1_MAX_PARAMS);
        const { results } = await db
          .prepare(`SELECT r2_key FROM ${table} WHERE r2_key IN (${keys.map(() => '?').join(', ')})`)
          .bind(...keys)
          .all<{ r2_key: string }>();
        const known = new Set(results.map((r) => r.r2_key));
        orphans.push(...keys.filter((key) => !known.has(key)));
      }
      if (orphans.length > 0) await evidence.delete(orphans);
      deleted += orphans.length;
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
  return deleted;
}

/** The row in ops_state (migrations/0002_ops_state.sql) this job keeps. */
const OPS_NAME = 'retention';

export interface RetentionState {
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
}

/**
 * The daily job: expired personal data, then orphaned evidence. A success is
 * recorded in ops_state; a failure is logged (the error's name and message:
 * D1 and R2 errors carry no bound values, so nothing personal), recorded when
 * D1 still answers, and rethrown so the Cron run itself shows as failed.
 */
export async function runRetention(db: D1Database, evidence: R2Bucket, now: Date = new Date()): Promise<PurgeResult & { orphansDeleted: number }> {
  try {
    const result = { ...(await purgeExpired(db, evidence, now)), orphansDeleted: await purgeOrphanEvidence(db, evidence, now) };
    await db
      .prepare(
        `INSERT INTO ops_state (name, last_success_at, last_result) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET last_success_at = ?2, last_result = ?3`,
      )
      .bind(OPS_NAME, now.toISOString(), JSON.stringify(result))
      .run();
    console.log(`cekdulu: retention purge ${JSON.stringify(result)}`);
    return result;
  } catch (err) {
    const what = `${(err as Error)?.name ?? typeof err}: ${String((err as Error)?.message ?? '').slice(0, 200)}`;
    console.error(`cekdulu: retention purge FAILED: ${what}`);
    try {
      await db
        .prepare(
          `INSERT INTO ops_state (name, last_error_at, last_error) VALUES (?1, ?2, ?3)
           ON CONFLICT (name) DO UPDATE SET last_error_at = ?2, last_error = ?3`,
        )
        .bind(OPS_NAME, now.toISOString(), what)
        .run();
    } catch {
      console.error('cekdulu: retention purge failure could not be recorded in ops_state');
    }
    throw err;
  }
}

/** When the job last succeeded and failed; null when D1 cannot be read (health must still answer). */
export async function readRetentionState(db: D1Database): Promise<RetentionState | null> {
  try {
    const row = await db
      .prepare('SELECT last_success_at, last_error_at FROM ops_state WHERE name = ?')
      .bind(OPS_NAME)
      .first<{ last_success_at: string | null; last_error_at: string | null }>();
    return { lastSuccessAt: row?.last_success_at ?? null, lastErrorAt: row?.last_error_at ?? null };
  } catch {
    return null;
  }
}
