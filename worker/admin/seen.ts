// Seen before decided (issue 29, docs/reports.md "The listing policy"): a
// moderator may verify a report only after opening its details (its chronology,
// in the report or in its queue group) and every one of its evidence files —
// the audit log already records each of those views, so it is the record the
// API checks. Rejecting needs no opening: it lists nobody.
//
// Evidence that counts is evidence that exists: opening a file writes
// 'view_evidence' only when its bytes are stored in R2 and its content is the
// type recorded at intake; a missing or mismatched object writes
// 'view_evidence_unusable' instead. Only a checked file satisfies the "evidence
// file" half of four eyes (worker/admin/decisions.ts CANDIDATE_COLUMNS); a report
// whose files are all unusable needs a second moderator.
import { ApiError } from '../core/errors.ts';

/** Audit actions for opening an evidence file: its bytes checked, or found missing / of another type. */
export const EVIDENCE_VIEWED = 'view_evidence';
export const EVIDENCE_UNUSABLE = 'view_evidence_unusable';

/** SQL: the number of the report's evidence files whose bytes a moderator opened and checked (`reports` in scope). */
export const CHECKED_EVIDENCE = `(SELECT COUNT(*) FROM evidence e WHERE e.report_ref = reports.ref
  AND EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = e.report_ref AND a.action = '${EVIDENCE_VIEWED}' AND a.detail = e.id))`;

/** Of these refs, the ones this moderator has not opened: the details, or one of the evidence files (either outcome counts as opened). */
async function unseen(db: D1Database, refs: string[], actor: string): Promise<string[]> {
  if (refs.length === 0) return [];
  const { results } = await db
    .prepare(`SELECT j.value AS ref FROM json_each(?) j
              WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = j.value AND a.action = 'view' AND a.actor = ?)
                 OR EXISTS (SELECT 1 FROM evidence e WHERE e.report_ref = j.value AND NOT EXISTS (
                      SELECT 1 FROM audit_log a WHERE a.subject = j.value AND a.actor = ? AND a.detail = e.id
                        AND a.action IN ('${EVIDENCE_VIEWED}', '${EVIDENCE_UNUSABLE}')))
              ORDER BY j.value`)
    .bind(JSON.stringify(refs), actor, actor)
    .all<{ ref: string }>();
  return results.map((r) => r.ref);
}

/** Refuses a verify (409 not_seen) naming nothing personal, when any of the pending refs was not opened by this moderator. */
export async function requireSeen(db: D1Database, refs: string[], actor: string): Promise<void> {
  if ((await unseen(db, refs, actor)).length > 0) throw new ApiError('not_seen', 'refs');
}
