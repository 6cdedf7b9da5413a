// What moderators do, against D1: list what waits, open one report (with its
// evidence) or one dispute, decide. Lists carry only what a queue needs — never
// a contact, a chronology, a statement or a profile link — so personal data is
// read only by opening one item, and every such view is written to audit_log;
// every decision is written in the same batch as the change it records.
import { ApiError } from '../core/errors.ts';
import { UNDO_WINDOW_MS } from '../core/undo-window.ts';
import { CANDIDATE_COLUMNS, decide, type ReportDecision } from './decisions.ts';
import { EVIDENCE_UNUSABLE, EVIDENCE_VIEWED, requireSeen } from './seen.ts';
import { sniffEvidenceType } from '../reports/evidence.ts';

/** What reports and disputes share: the identifier, and the moderator's decision. */
export interface SubjectRow {
  ref: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  lookup_key: string;
  status: string;
  decision_reason: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface ReportRow extends SubjectRow {
  category: string;
  loss_idr: number;
  channel: string | null;
  profile_url: string | null;
  chronology: string;
  reporter_contact: string;
}

export interface DisputeRow extends SubjectRow {
  statement: string;
  contact: string;
  /** The first of two moderators who accepted it (pending until a second, different one does). */
  first_accepted_by: string | null;
}

export interface EvidenceRow {
  id: string;
  r2_key: string;
  content_type: string;
  size: number;
}

const PAGE = 100;
const MAX_REASON = 1_000;

const audit = (db: D1Database, actor: string, action: string, subject: string, detail: string | null = null) =>
  db.prepare('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)')
    .bind(new Date().toISOString(), actor, action, subject, detail);

/** A report in the queue: what it is about, nothing its reporter wrote about themselves or the seller. */
export type ReportSummaryRow = Omit<ReportRow, 'profile_url' | 'chronology' | 'reporter_contact'>;
/** A dispute in the queue: without the owner's statement and contact. */
export type DisputeSummaryRow = Omit<DisputeRow, 'statement' | 'contact'>;

const SUBJECT_COLUMNS = 'ref, type, value, bank, provider, lookup_key, status, decision_reason, created_at, decided_at, decided_by';

export async function listReports(db: D1Database, status: string): Promise<ReportSummaryRow[]> {
  const { results } = await db
    .prepare(`SELECT ${SUBJECT_COLUMNS}, category, loss_idr, channel FROM reports WHERE status = ? ORDER BY created_at LIMIT ?`)
    .bind(status, PAGE)
    .all<ReportSummaryRow>();
  return results;
}

export async function listDisputes(db: D1Database, status: string): Promise<DisputeSummaryRow[]> {
  const { results } = await db
    .prepare(`SELECT ${SUBJECT_COLUMNS}, first_accepted_by FROM disputes WHERE status = ? ORDER BY created_at LIMIT ?`)
    .bind(status, PAGE)
    .all<DisputeSummaryRow>();
  return results;
}

export async function viewReport(db: D1Database, ref: string, actor: string): Promise<{ report: ReportRow; evidence: EvidenceRow[] }> {
  const report = await db.prepare('SELECT * FROM reports WHERE ref = ?').bind(ref).first<ReportRow>();
  if (!report) throw new ApiError('report_not_found', 'ref');
  const { results } = await db
    .prepare('SELECT id, r2_key, content_type, size FROM evidence WHERE report_ref = ? ORDER BY id')
    .bind(ref)
    .all<EvidenceRow>();
  await audit(db, actor, 'view', ref).run();
  return { report, evidence: results };
}

/** One dispute with the owner's statement, contact and proofs of ownership; the view is audited like a report's. */
export async function viewDispute(db: D1Database, ref: string, actor: string): Promise<{ dispute: DisputeRow; proofs: EvidenceRow[] }> {
  const dispute = await db.prepare('SELECT * FROM disputes WHERE ref = ?').bind(ref).first<DisputeRow>();
  if (!dispute) throw new ApiError('report_not_found', 'ref');
  const { results } = await db
    .prepare('SELECT id, r2_key, content_type, size FROM dispute_evidence WHERE dispute_ref = ? ORDER BY id')
    .bind(ref)
    .all<EvidenceRow>();
  await audit(db, actor, 'dispute_view', ref).run();
  return { dispute, proofs: results };
}

/**
 * A report's evidence file (CD-…-n) or a dispute's proof of ownership (DP-…-n)
 * with its bytes; each opening is audited, as checked (bytes stored, content of
 * the recorded type) or unusable (worker/admin/seen.ts) — an unusable file is
 * answered 404 evidence_unusable, in words the page shows beside the file.
 */
export async function openEvidence(db: D1Database, bucket: R2Bucket, id: string, actor: string): Promise<EvidenceRow & { bytes: Uint8Array }> {
  const row = await evidenceRow(db, id);
  const object = await bucket.get(row.r2_key);
  const bytes = object ? new Uint8Array(await object.arrayBuffer()) : null;
  const usable = bytes !== null && sniffEvidenceType(bytes) === row.content_type;
  await audit(db, actor, usable ? EVIDENCE_VIEWED : EVIDENCE_UNUSABLE, row.subject, row.id).run();
  if (!usable) throw new ApiError('evidence_unusable', 'ref');
  return { ...row, bytes };
}

async function evidenceRow(db: D1Database, id: string): Promise<EvidenceRow & { subject: string }> {
  const query = id.startsWith('DP')
    ? 'SELECT id, dispute_ref AS subject, r2_key, content_type, size FROM dispute_evidence WHERE id = ?'
    : 'SELECT id, report_ref AS subject, r2_key, content_type, size FROM evidence WHERE id = ?';
  const row = await db.prepare(query).bind(id).first<EvidenceRow & { subject: string }>();
  if (!row) throw new ApiError('report_not_found', 'ref');
  return row;
}

export type DisputeDecision = 'accept' | 'reject';

export function parseDecision<T extends string>(body: unknown, allowed: readonly T[]): { decision: T; reason: string } {
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const decision = object.decision;
  const reason = typeof object.reason === 'string' ? object.reason.trim() : '';
  if (typeof decision !== 'string' || !(allowed as readonly string[]).includes(decision)) {
    throw new ApiError('invalid_decision', 'decision');
  }
  // A rejection must say why (the reporter may ask); a verification may.
  if ((decision === 'reject' && reason === '') || reason.length > MAX_REASON) throw new ApiError('invalid_decision', 'reason');
  return { decision: decision as T, reason };
}

/**
 * One report, pending → verified or rejected, under the four-eyes rule
 * (worker/admin/decisions.ts): a verify without evidence by a first moderator
 * leaves it pending ("awaitingConfirmation"). Deciding a decided report is
 * already_decided: a decision is changed through a dispute (or undone).
 */
export async function decideReport(
  db: D1Database,
  ref: string,
  decision: ReportDecision,
  reason: string,
  actor: string,
  note: string | null = null,
): Promise<{ status: string; decisionId: number; awaitingConfirmation: boolean }> {
  const rows = await db
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM reports WHERE ref = ?`)
    .bind(ref)
    .all<Parameters<typeof decide>[1][number]>();
  if (!rows.results.length) throw new ApiError('report_not_found', 'ref');
  if (decision === 'verify' && rows.results[0]!.status === 'pending') await requireSeen(db, [ref], actor);
  const result = await decide(db, rows.results, { decision, reason: reason || null, note, actor }, null);
  if (result.conflicts.length) throw new ApiError('already_decided', 'ref');
  const status = result.verified.length ? 'verified' : result.rejected.length ? 'rejected' : 'pending';
  return { status, decisionId: result.decisionId, awaitingConfirmation: status === 'pending' };
}

/**
 * Accepting a dispute moves every verified report of that lookup key to
 * "disputed": they leave the next snapshot. Pending reports stay pending for a
 * moderator to weigh with the dispute in mind.
 *
 * Four eyes both ways (docs/reports.md, "The listing policy"): taking an
 * account off the list needs a proof-of-ownership file, a reason, and two
 * different moderators. The first accept leaves the dispute pending with
 * first_accepted_by set (`awaitingConfirmation`); the same moderator accepting
 * again changes nothing; a second, different moderator's accept decides it.
 * Rejecting takes one moderator: it leaves the list as it is.
 *
 * One batch (a transaction), every step conditional on the first: the dispute
 * changes only while pending (and, for a confirmation, still carrying the first
 * accept read below); the audit row is written only if it changed; the reports
 * move only if the dispute now carries exactly this decision (status, time,
 * moderator, reason). So when another decision wins the race between the read
 * below and the batch, the batch changes nothing and the loser gets 409.
 */
export async function decideDispute(
  db: D1Database,
  ref: string,
  decision: DisputeDecision,
  reason: string,
  actor: string,
  note: string | null = null,
): Promise<{ status: string; reportsDisputed: number; awaitingConfirmation?: true; delisting?: { id: number; lookupKey: string } }> {
  const dispute = await db
    .prepare(`SELECT lookup_key, status, first_accepted_by,
                (SELECT COUNT(*) FROM dispute_evidence WHERE dispute_ref = disputes.ref) AS proofs FROM disputes WHERE ref = ?`)
    .bind(ref)
    .first<{ lookup_key: string; status: string; first_accepted_by: string | null; proofs: number }>();
  if (!dispute) throw new ApiError('report_not_found', 'ref');
  if (dispute.status !== 'pending') throw new ApiError('already_decided', 'ref');
  // Proof of ownership: accepting needs a file the owner sent with the dispute, and a reason.
  if (decision === 'accept' && reason === '') throw new ApiError('invalid_decision', 'reason');
  if (decision === 'accept' && dispute.proofs === 0) throw new ApiError('dispute_needs_proof', 'proof');
  const now = new Date().toISOString();
  const waiting = { status: 'pending', reportsDisputed: 0, awaitingConfirmation: true } as const;
  if (decision === 'accept' && dispute.first_accepted_by === actor) return waiting;
  if (decision === 'accept' && dispute.first_accepted_by === null) {
    const [first] = await db.batch([
      db.prepare(`UPDATE disputes SET first_accepted_by = ? WHERE ref = ? AND status = 'pending' AND first_accepted_by IS NULL`).bind(actor, ref),
      db
        .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) SELECT ?, ?, 'dispute_accept_first', ?, ? WHERE changes() > 0`)
        .bind(now, actor, ref, reason),
    ]);
    if (!first?.meta.changes) throw new ApiError('already_decided', 'ref');
    return waiting;
  }
  const status = decision === 'accept' ? 'accepted' : 'rejected';
  const statements = [
    decision === 'accept'
      ? db
          .prepare(`UPDATE disputes SET status = ?, decision_reason = ?, decision_note = ?, decided_at = ?, decided_by = ?, confirmed_by = ?
                    WHERE ref = ? AND status = 'pending' AND first_accepted_by = ? AND first_accepted_by <> ?`)
          .bind(status, reason, note, now, actor, actor, ref, dispute.first_accepted_by, actor)
      : db
          .prepare(`UPDATE disputes SET status = ?, decision_reason = ?, decision_note = ?, decided_at = ?, decided_by = ? WHERE ref = ? AND status = 'pending'`)
          .bind(status, reason || null, note, now, actor, ref),
    db
      .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail)
                SELECT ?, ?, ?, ?, ? WHERE changes() > 0`)
      .bind(now, actor, `dispute_${decision}`, ref, reason || null),
  ];
  const acceptedNow = `EXISTS (SELECT 1 FROM disputes WHERE ref = ? AND status = 'accepted' AND decided_at = ? AND decided_by = ? AND decision_reason IS ?)`;
  if (decision === 'accept') {
    statements.push(
      // The delisting every publisher applies to every source (worker/reports/delistings.ts), with the D1 reports as they were, for undo.
      db
        .prepare(`INSERT INTO delistings (lookup_key, dispute_ref, reason, first_moderator, moderator, at, restore)
                  SELECT ?, ?, ?, ?, ?, ?, (SELECT json_group_array(json_object('ref', ref, 'decided_at', decided_at, 'decided_by', decided_by,
                                                                           'decision_reason', decision_reason))
                                            FROM reports WHERE lookup_key = ? AND status = 'verified')
                  WHERE ${acceptedNow} RETURNING id`)
        .bind(dispute.lookup_key, ref, reason || null, dispute.first_accepted_by, actor, now, dispute.lookup_key, ref, now, actor, reason || null),
      db
        .prepare(`UPDATE reports SET status = 'disputed', decision_reason = ?, decided_at = ?, decided_by = ?
                  WHERE lookup_key = ? AND status = 'verified' AND ${acceptedNow}`)
        .bind(`dispute ${ref}`, now, actor, dispute.lookup_key, ref, now, actor, reason || null),
    );
  }
  const results = await db.batch<{ id: number }>(statements);
  if (!results[0]?.meta.changes) throw new ApiError('already_decided', 'ref');
  if (decision !== 'accept') return { status, reportsDisputed: 0 };
  const delistingId = results[2]?.results[0]?.id ?? 0;
  return { status, reportsDisputed: results[3]?.meta.changes ?? 0, delisting: { id: delistingId, lookupKey: dispute.lookup_key } };
}

/**
 * What accepting this dispute would delist, said before the accept: the
 * account's verified site reports in D1 (each carried to the next snapshot, or
 * already in it); the published count, from every source, is the lookup's
 * (worker/routes/admin.ts adds it).
 */
export async function wouldDelist(db: D1Database, lookupKey: string): Promise<{ lookupKey: string; siteReports: number }> {
  const row = await db.prepare(`SELECT COUNT(*) AS n FROM reports WHERE lookup_key = ? AND status = 'verified'`).bind(lookupKey).first<{ n: number }>();
  return { lookupKey, siteReports: row?.n ?? 0 };
}

/**
 * Undo a delisting (the moderator whose accept decided the dispute, within the
 * undo window), all or nothing: the delisting stops applying, the reports it
 * moved to 'disputed' are verified again exactly as before, and the dispute is
 * pending again with its first accept kept (a second moderator decides again).
 */
export async function undoDelisting(db: D1Database, id: number, actor: string, now = new Date()): Promise<{ lookupKey: string; disputeRef: string; reportsRelisted: number }> {
  const row = await db
    .prepare('SELECT id, lookup_key, dispute_ref, moderator, at, restore, undone_at FROM delistings WHERE id = ?')
    .bind(id)
    .first<{ id: number; lookup_key: string; dispute_ref: string; moderator: string; at: string; restore: string; undone_at: string | null }>();
  if (!row || row.moderator !== actor) throw new ApiError('decision_not_found', 'decision');
  if (row.undone_at !== null) throw new ApiError('undo_conflict', 'decision');
  if (now.getTime() - Date.parse(row.at) > UNDO_WINDOW_MS) throw new ApiError('undo_expired', 'decision');
  const undoneAt = now.toISOString();
  const STILL = 'EXISTS (SELECT 1 FROM delistings WHERE id = ? AND undone_at = ?)';
  const field = (name: string) => `(SELECT json_extract(j.value, '$.${name}') FROM json_each(?) j WHERE json_extract(j.value, '$.ref') = reports.ref)`;
  const results = await db.batch([
    db.prepare(`UPDATE delistings SET undone_at = ? WHERE id = ? AND undone_at IS NULL`).bind(undoneAt, id),
    db
      .prepare(`UPDATE reports SET status = 'verified', decided_at = ${field('decided_at')}, decided_by = ${field('decided_by')},
                  decision_reason = ${field('decision_reason')}
                WHERE ref IN (SELECT json_extract(value, '$.ref') FROM json_each(?)) AND status = 'disputed' AND decision_reason = ? AND ${STILL}`)
      .bind(row.restore, row.restore, row.restore, row.restore, `dispute ${row.dispute_ref}`, id, undoneAt),
    db
      .prepare(`UPDATE disputes SET status = 'pending', decision_reason = NULL, decision_note = NULL, decided_at = NULL, decided_by = NULL, confirmed_by = NULL
                WHERE ref = ? AND status = 'accepted' AND ${STILL}`)
      .bind(row.dispute_ref, id, undoneAt),
    db
      .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail) SELECT ?, ?, 'delisting_undo', ?, ? WHERE ${STILL}`)
      .bind(undoneAt, actor, row.dispute_ref, row.lookup_key, id, undoneAt),
  ]);
  if (!results[0]?.meta.changes) throw new ApiError('undo_conflict', 'decision');
  return { lookupKey: row.lookup_key, disputeRef: row.dispute_ref, reportsRelisted: results[1]?.meta.changes ?? 0 };
}
