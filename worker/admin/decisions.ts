// Deciding pending reports, one or a whole group at once, and undoing a decision.
//
// Four eyes (the listing policy, docs/reports.md): a report is verified only if
// it has at least one evidence file whose bytes were opened and checked (seen.ts), or a second, different moderator confirms
// a first moderator's verify. A verify without evidence by a first moderator
// leaves the report pending with first_verified_by set ("awaiting confirmation");
// the same moderator verifying again changes nothing.
//
// Concurrency: every change is a conditional UPDATE (… WHERE status = 'pending'),
// its changes() decide whether the decision item and the audit row are written
// (same batch, a transaction), and a report someone else decided meanwhile is
// answered in `conflicts`, never overwritten.
//
// Undo: the moderator who decided, within UNDO_WINDOW_MS, puts back exactly
// the reports this decision changed — only while it is still the newest
// decision on every one of them and each is as it left it; otherwise the undo
// is refused whole (409 undo_superseded), never half done.
import { ApiError } from '../core/errors.ts';
import { UNDO_WINDOW_MS } from '../core/undo-window.ts';
import { CHECKED_EVIDENCE } from './seen.ts';
/** A group decision without refs takes every pending report of the group, up to this many. */
export const MAX_DECISION_REFS = 500;

export type ReportDecision = 'verify' | 'reject';

export interface Conflict {
  ref: string;
  status: string;
  decidedBy: string | null;
}

export interface DecisionResult {
  decisionId: number;
  verified: string[];
  rejected: string[];
  awaitingConfirmation: string[];
  conflicts: Conflict[];
}

export interface DecisionInput {
  decision: ReportDecision;
  /** A reason code (group decisions) or the legacy free text (the single-report endpoint); null when none. */
  reason: string | null;
  note: string | null;
  actor: string;
  now?: Date;
}

interface Candidate {
  ref: string;
  lookup_key: string;
  status: string;
  decided_by: string | null;
  first_verified_by: string | null;
  evidence: number;
}

/** `evidence`: the files that count, those a moderator opened with their bytes stored and of the recorded type (worker/admin/seen.ts). */
export const CANDIDATE_COLUMNS = `ref, lookup_key, status, decided_by, first_verified_by, ${CHECKED_EVIDENCE} AS evidence`;

/** The reports a decision is about: the refs named (all must exist, and be in the group when one is given), or the group's pending ones. */
export async function candidates(db: D1Database, refs: string[] | null, lookupKey: string | null): Promise<Candidate[]> {
  if (refs) {
    if (refs.length === 0 || refs.length > MAX_DECISION_REFS) throw new ApiError('invalid_decision', 'refs');
    const unique = [...new Set(refs)];
    const { results } = await db
      .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM reports WHERE ref IN (SELECT value FROM json_each(?))`)
      .bind(JSON.stringify(unique))
      .all<Candidate>();
    if (results.length !== unique.length || (lookupKey !== null && results.some((r) => r.lookup_key !== lookupKey))) {
      throw new ApiError('report_not_found', 'refs');
    }
    return results;
  }
  const { results } = await db
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM reports WHERE lookup_key = ? AND status = 'pending' ORDER BY created_at LIMIT ?`)
    .bind(lookupKey, MAX_DECISION_REFS + 1)
    .all<Candidate>();
  if (results.length > MAX_DECISION_REFS) throw new ApiError('group_too_large', 'refs');
  return results;
}

/**
 * A verify whose every pending report this moderator already verified once, with
 * no checked evidence since, would change nothing: refused (409
 * awaiting_another_moderator) instead of recording an empty decision. The
 * second verify must be a different moderator's (four eyes).
 */
export function requireNotOnlyMine(rows: readonly Candidate[], actor: string): void {
  const pending = rows.filter((r) => r.status === 'pending');
  if (pending.length > 0 && pending.every((r) => r.first_verified_by === actor && r.evidence === 0)) {
    throw new ApiError('awaiting_another_moderator', 'refs');
  }
}

const conflictOf = (row: { ref: string; status: string; decided_by: string | null; first_verified_by: string | null }): Conflict => ({
  ref: row.ref,
  status: row.status,
  decidedBy: row.decided_by ?? row.first_verified_by,
});

/**
 * Decide the given candidates. Returns what changed, and the conflicts: reports
 * that were not pending when read, or that someone else changed before this batch.
 */
export async function decide(db: D1Database, rows: Candidate[], input: DecisionInput, lookupKey: string | null): Promise<DecisionResult> {
  const at = (input.now ?? new Date()).toISOString();
  const { actor, reason, note } = input;
  const result: DecisionResult = { decisionId: 0, verified: [], rejected: [], awaitingConfirmation: [], conflicts: [] };
  const created = await db
    .prepare('INSERT INTO decisions (at, actor, decision, reason, note, lookup_key) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
    .bind(at, actor, input.decision, reason, note, lookupKey)
    .first<{ id: number }>();
  const decisionId = created!.id;
  result.decisionId = decisionId;

  const lists: Record<'reject' | 'evidence' | 'confirm' | 'first', string[]> = { reject: [], evidence: [], confirm: [], first: [] };
  for (const row of rows) {
    if (row.status !== 'pending') result.conflicts.push(conflictOf(row));
    else if (input.decision === 'reject') lists.reject.push(row.ref);
    else if (row.evidence > 0) lists.evidence.push(row.ref);
    // The second pair of eyes: verified, with both moderators on record.
    else if (row.first_verified_by !== null && row.first_verified_by !== actor) lists.confirm.push(row.ref);
    // Already this moderator's first verify: still waiting for someone else.
    else if (row.first_verified_by === actor) result.awaitingConfirmation.push(row.ref);
    else lists.first.push(row.ref);
  }

  // Every list is bound as one JSON array (D1 caps bound parameters per statement at 100).
  const IN = 'ref IN (SELECT value FROM json_each(?))';
  const SET_DECIDED = 'decision_reason = ?, decision_note = ?, decided_at = ?, decided_by = ?';
  const updates: D1PreparedStatement[] = [];
  const kinds: Array<'rejected' | 'verified' | 'awaiting'> = [];
  const json = (refs: string[]) => JSON.stringify(refs);
  if (lists.reject.length) {
    kinds.push('rejected');
    updates.push(db.prepare(`UPDATE reports SET status = 'rejected', ${SET_DECIDED} WHERE ${IN} AND status = 'pending' RETURNING ref`)
      .bind(reason, note, at, actor, json(lists.reject)));
  }
  if (lists.evidence.length) {
    kinds.push('verified');
    updates.push(db.prepare(`UPDATE reports SET status = 'verified', ${SET_DECIDED} WHERE ${IN} AND status = 'pending' RETURNING ref`)
      .bind(reason, note, at, actor, json(lists.evidence)));
  }
  if (lists.confirm.length) {
    kinds.push('verified');
    updates.push(db.prepare(`UPDATE reports SET status = 'verified', ${SET_DECIDED}, confirmed_by = ?
                             WHERE ${IN} AND status = 'pending' AND first_verified_by IS NOT NULL AND first_verified_by <> ? RETURNING ref`)
      .bind(reason, note, at, actor, actor, json(lists.confirm), actor));
  }
  if (lists.first.length) {
    kinds.push('awaiting');
    updates.push(db.prepare(`UPDATE reports SET first_verified_by = ? WHERE ${IN} AND status = 'pending' AND first_verified_by IS NULL RETURNING ref`)
      .bind(actor, json(lists.first)));
  }
  const all = json([...lists.reject, ...lists.evidence, ...lists.confirm, ...lists.first]);
  const statements = updates.length
    ? [
        ...updates,
        // What changed is what now carries this decision's mark (same batch: a transaction).
        db.prepare(`INSERT INTO decision_items (decision_id, ref, outcome)
                    SELECT ?, ref, CASE status WHEN 'pending' THEN 'awaiting' ELSE status END FROM reports
                    WHERE ${IN} AND ((status IN ('verified', 'rejected') AND decided_by = ? AND decided_at = ?)
                                     OR (status = 'pending' AND first_verified_by = ?))`)
          .bind(decisionId, all, actor, at, actor),
        db.prepare(`INSERT INTO audit_log (at, actor, action, subject, detail)
                    SELECT ?, ?, CASE outcome WHEN 'awaiting' THEN 'verify_first' ELSE ? END, ref, ? FROM decision_items WHERE decision_id = ?`)
          .bind(at, actor, input.decision, reason, decisionId),
      ]
    : [];
  const outcomes = statements.length ? await db.batch<{ ref: string }>(statements) : [];
  const changed = new Set<string>();
  kinds.forEach((kind, i) => {
    for (const { ref } of outcomes[i]?.results ?? []) {
      changed.add(ref);
      if (kind === 'awaiting') result.awaitingConfirmation.push(ref);
      else result[kind].push(ref);
    }
  });
  const lost = [...lists.reject, ...lists.evidence, ...lists.confirm, ...lists.first].filter((ref) => !changed.has(ref));
  if (lost.length) result.conflicts.push(...(await currentState(db, lost)));
  return result;
}

async function currentState(db: D1Database, refs: string[]): Promise<Conflict[]> {
  const { results } = await db
    .prepare('SELECT ref, status, decided_by, first_verified_by FROM reports WHERE ref IN (SELECT value FROM json_each(?)) ORDER BY ref')
    .bind(JSON.stringify(refs))
    .all<Candidate>();
  return results.map(conflictOf);
}

interface DecisionRow {
  id: number;
  at: string;
  actor: string;
  decision: string;
  lookup_key: string | null;
  undone_at: string | null;
  items: number;
}

/**
 * The decision's reports that are no longer as it left them, or that a later
 * decision (not itself undone) was taken on: any one makes the undo refused.
 * Bound: decision id, actor, decision time.
 */
const NOT_AS_LEFT = `SELECT 1 FROM decision_items i JOIN reports r ON r.ref = i.ref
  WHERE i.decision_id = ? AND (
    NOT (CASE i.outcome
           WHEN 'awaiting' THEN r.status = 'pending' AND r.first_verified_by IS ?
           ELSE r.status IS i.outcome AND r.decided_by IS ? AND r.decided_at IS ?
         END)
    OR EXISTS (SELECT 1 FROM decision_items later JOIN decisions d ON d.id = later.decision_id
               WHERE later.ref = i.ref AND later.decision_id > i.decision_id AND d.undone_at IS NULL))`;

/**
 * Undo one's own decision within the window, all or nothing: the reports it
 * verified or rejected go back to pending, a first verify is withdrawn — each
 * exactly as before the decision (a first verify someone else recorded earlier
 * stays). If any of its reports was decided again since (a second moderator
 * confirmed a first verify, a dispute was accepted), the undo is refused with
 * 409 undo_superseded and nothing changes: undo the newer decision first. A
 * reporter already told by e-mail is not told again when the report is decided
 * anew (reports.notified_at stays). `conflicts` is always empty now; kept in the
 * answer, which is published.
 */
export async function undoDecision(
  db: D1Database,
  id: number,
  actor: string,
  now = new Date(),
): Promise<{ undone: string[]; conflicts: Conflict[]; decision: string; lookupKey: string | null }> {
  const decision = await db
    .prepare('SELECT id, at, actor, decision, lookup_key, undone_at, (SELECT COUNT(*) FROM decision_items WHERE decision_id = decisions.id) AS items FROM decisions WHERE id = ?')
    .bind(id)
    .first<DecisionRow>();
  if (!decision || decision.actor !== actor) throw new ApiError('decision_not_found', 'decision');
  if (decision.undone_at !== null) throw new ApiError('undo_conflict', 'decision');
  // A decision that changed nothing (every report decided meanwhile, or already this moderator's first verify) has nothing to undo.
  if (decision.items === 0) throw new ApiError('undo_nothing', 'decision');
  if (now.getTime() - Date.parse(decision.at) > UNDO_WINDOW_MS) throw new ApiError('undo_expired', 'decision');
  const undoneAt = now.toISOString();
  const ITEMS = (outcomes: string) => `ref IN (SELECT ref FROM decision_items WHERE decision_id = ? AND outcome IN (${outcomes}))`;
  const STILL_THIS_UNDO = 'EXISTS (SELECT 1 FROM decisions WHERE id = ? AND undone_at = ?)';
  // One batch (a transaction): the check and the changes see the same reports.
  const outcomes = await db.batch<{ ref: string }>([
    db
      .prepare(`UPDATE decisions SET undone_at = ? WHERE id = ? AND undone_at IS NULL AND NOT EXISTS (${NOT_AS_LEFT})`)
      .bind(undoneAt, id, id, actor, actor, decision.at),
    db
      .prepare(`UPDATE reports SET status = 'pending', decision_reason = NULL, decision_note = NULL, decided_at = NULL, decided_by = NULL,
                  confirmed_by = NULL
                WHERE ${ITEMS("'verified', 'rejected'")} AND status IN ('verified', 'rejected') AND decided_by = ? AND decided_at = ?
                  AND ${STILL_THIS_UNDO} RETURNING ref`)
      .bind(id, actor, decision.at, id, undoneAt),
    db
      .prepare(`UPDATE reports SET first_verified_by = NULL
                WHERE ${ITEMS("'awaiting'")} AND status = 'pending' AND first_verified_by = ? AND ${STILL_THIS_UNDO} RETURNING ref`)
      .bind(id, actor, id, undoneAt),
    db
      .prepare(`INSERT INTO audit_log (at, actor, action, subject, detail)
                SELECT ?, ?, 'undo', ref, ? FROM decision_items WHERE decision_id = ? AND ${STILL_THIS_UNDO}`)
      .bind(undoneAt, actor, `decision ${id}`, id, id, undoneAt),
  ]);
  if (!outcomes[0]?.meta.changes) {
    const again = await db.prepare('SELECT undone_at FROM decisions WHERE id = ?').bind(id).first<{ undone_at: string | null }>();
    throw new ApiError(again?.undone_at ? 'undo_conflict' : 'undo_superseded', 'decision');
  }
  const undone = [...(outcomes[1]?.results ?? []), ...(outcomes[2]?.results ?? [])].map((r) => r.ref).sort();
  // What was undone, named: the decision and its account (the single-report route records no account: null).
  return { undone, conflicts: [], decision: decision.decision, lookupKey: decision.lookup_key };
}
