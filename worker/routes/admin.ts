// The moderation API under /api/v1/admin/: every route needs a moderator
// (worker/admin/admin-auth.ts), every write same-origin JSON
// (worker/admin/write-guard.ts); answers are never cached. Lists show what a
// queue needs; personal data only in one opened item, whose view is audited.
import { ApiError } from '../core/errors.ts';
import { jsonResponse } from '../http.ts';
import {
  decideDispute,
  decideReport,
  openEvidence,
  undoDelisting,
  wouldDelist,
  listDisputes,
  listReports,
  parseDecision,
  viewDispute,
  viewReport,
  type DisputeRow,
  type DisputeSummaryRow,
  type ReportRow,
  type ReportSummaryRow,
  type SubjectRow,
} from '../admin/moderation.ts';
import { STATUSES } from '../core/report-contract.ts';
import { MAX_DECISION_REFS, candidates, decide, requireNotOnlyMine, undoDecision, type DecisionResult } from '../admin/decisions.ts';
import { notifyReporters, type NoticeSender } from '../admin/decision-mail.ts';
import { queueMetrics } from '../admin/metrics.ts';
import { listQueue, parseQueueQuery, viewGroup, type GroupView } from '../admin/queue.ts';
import { noteOf, REASONS, reasonFor } from '../admin/reasons.ts';
import { requireSeen } from '../admin/seen.ts';
import { parseReference } from '../reports/reference.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** How many reports the published lookup counts for an identifier (0: not listed), from every source. */
export type PublishedCount = (id: { type: string; value: string; bank: string | null; provider: string | null }) => Promise<number>;

/** The fields every reviewed item shows, in the admin API's names. */
const subjectJson = (r: SubjectRow) => ({
  ref: r.ref,
  identifier: { type: r.type, value: r.value, bank: r.bank, provider: r.provider },
  status: r.status,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

/** A report in the queue: no contact, chronology or profile link. */
const reportSummaryJson = (r: ReportSummaryRow) => ({
  ...subjectJson(r),
  category: r.category,
  lossIdr: r.loss_idr,
  channel: r.channel,
});

const reportJson = (r: ReportRow) => ({
  ...reportSummaryJson(r),
  profileUrl: r.profile_url,
  chronology: r.chronology,
  reporterContact: r.reporter_contact,
});

/** `firstAcceptedBy`: the first of the two moderators accepting takes (null: nobody yet). */
const disputeSummaryJson = (d: DisputeSummaryRow) => ({ ...subjectJson(d), firstAcceptedBy: d.first_accepted_by });
const disputeJson = (d: DisputeRow) => ({ ...disputeSummaryJson(d), statement: d.statement, contact: d.contact });
/** An evidence file or proof of ownership as the admin API lists it, with where it is served. */
const evidenceJson = (e: { id: string; content_type: string; size: number }) =>
  ({ id: e.id, contentType: e.content_type, size: e.size, url: `/api/v1/admin/evidence/${e.id}` });

/**
 * The one place a path segment of an admin route is decoded: itty-router hands
 * it over as sent, and a malformed %-escape is a malformed reference (400),
 * not a server error — as the public status routes do.
 */
function pathSegment(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    throw new ApiError('invalid_reference', 'ref');
  }
}

function refOf(raw: string | undefined, prefix: 'CD' | 'DP'): string {
  const parsed = parseReference(pathSegment(raw));
  if (!parsed || parsed.prefix !== prefix) throw new ApiError('invalid_reference', 'ref');
  return parsed.ref;
}

/**
 * Evidence ids are the reference and the file's number: a report's evidence
 * (worker/reports/report-store.ts) or a dispute's proof of ownership (dispute-store.ts).
 */
function evidenceIdOf(raw: string | undefined): string {
  const m = /^(.*)-(\d{1,2})$/.exec(pathSegment(raw).trim());
  const parsed = m ? parseReference(m[1]!) : undefined;
  if (!m || !parsed || (parsed.prefix !== 'CD' && parsed.prefix !== 'DP')) throw new ApiError('invalid_reference', 'ref');
  return `${parsed.ref}-${m[2]}`;
}

function statusParam(request: Request, allowed: readonly string[]): string {
  const status = new URL(request.url).searchParams.get('status') ?? 'pending';
  if (!allowed.includes(status)) throw new ApiError('invalid_decision', 'decision');
  return status;
}

/** Who is told when a report is decided: the sender (none: nobody), the site's origin for the status link, and where the sending runs. */
export interface DecisionNotices {
  send: NoticeSender | undefined;
  origin: string;
  /** ctx.waitUntil in the Worker: the answer does not wait for the e-mails. */
  defer: (work: Promise<void>) => void;
}

function notify(db: D1Database, notices: DecisionNotices, result: Pick<DecisionResult, 'verified' | 'rejected'>) {
  if (notices.send) notices.defer(notifyReporters(db, [...result.verified, ...result.rejected], notices.send, notices.origin));
}

/** A queue group's lookup key from the path: canonical keys are short printable text (worker/core/identifiers.ts). */
function groupKeyOf(raw: string | undefined): string {
  const key = pathSegment(raw);
  if (!/^[a-z]{2,4}:[^\s]{1,220}$/.test(key)) throw new ApiError('report_not_found', 'ref');
  return key;
}

function decisionIdOf(raw: string | undefined): number {
  const text = pathSegment(raw);
  if (!/^\d{1,15}$/.test(text)) throw new ApiError('decision_not_found', 'decision');
  return Number(text);
}

/** `stored` per evidence file: whether its bytes are in R2 (a missing one is said beside the file and does not count as evidence). */
const groupViewJson = ({ group, reports, disputes }: GroupView, stored: Set<string>) => ({
  group,
  disputes,
  reports: reports.map((r) => ({
    ref: r.ref,
    status: r.status,
    category: r.category,
    channel: r.channel,
    lossIdr: r.loss_idr,
    createdAt: r.created_at,
    chronology: r.chronology,
    profileUrl: r.profile_url,
    reporterContact: r.reporter_contact,
    evidence: r.evidence.map((e) => ({ ...evidenceJson(e), stored: stored.has(e.id) })),
    firstVerifiedBy: r.first_verified_by,
    flags: r.flags,
    related: r.related,
  })),
});

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiError('invalid_body');
  }
}

export const adminRoutes = {
  async listReports(request: Request, db: D1Database): Promise<Response> {
    const rows = await listReports(db, statusParam(request, STATUSES.reports));
    return jsonResponse({ reports: rows.map(reportSummaryJson) }, 200, NO_STORE);
  },

  async viewReport(ref: string | undefined, db: D1Database, actor: string): Promise<Response> {
    const { report, evidence } = await viewReport(db, refOf(ref, 'CD'), actor);
    return jsonResponse(
      {
        report: reportJson(report),
        evidence: evidence.map(evidenceJson),
      },
      200,
      NO_STORE,
    );
  },

  async decideReport(request: Request, ref: string | undefined, db: D1Database, actor: string, notices: DecisionNotices): Promise<Response> {
    const canonical = refOf(ref, 'CD');
    const body = await jsonBody(request);
    const { decision, reason } = parseDecision(body, ['verify', 'reject'] as const);
    const note = noteOf((body as Record<string, unknown>).note);
    const outcome = await decideReport(db, canonical, decision, reason, actor, note);
    if (outcome.status !== 'pending') notify(db, notices, { verified: [canonical], rejected: [] });
    // The published answer {ref, status}; a verify waiting for a second moderator says so (status stays "pending").
    const answer = outcome.awaitingConfirmation ? { ref: canonical, status: outcome.status, awaitingConfirmation: true } : { ref: canonical, status: outcome.status };
    return jsonResponse(answer, 200, NO_STORE);
  },

  /** The file as an attachment of its sniffed type, sandboxed: never rendered in the admin's origin. */
  async evidence(id: string | undefined, db: D1Database, bucket: R2Bucket, actor: string): Promise<Response> {
    const row = await openEvidence(db, bucket, evidenceIdOf(id), actor);
    return new Response(row.bytes, {
      headers: {
        'Content-Type': row.content_type,
        'Content-Disposition': `attachment; filename="${row.id}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        ...NO_STORE,
      },
    });
  },

  async listDisputes(request: Request, db: D1Database): Promise<Response> {
    const rows = await listDisputes(db, statusParam(request, STATUSES.disputes));
    return jsonResponse({ disputes: rows.map(disputeSummaryJson) }, 200, NO_STORE);
  },

  /**
   * One dispute, and what accepting it would delist (`wouldDelist`): the reports the lookup
   * answers now from every source (imported files and the site's reports, as published), and
   * the site's verified reports in D1 (published, or carried to the next snapshot).
   */
  async viewDispute(ref: string | undefined, db: D1Database, actor: string, published: PublishedCount): Promise<Response> {
    const { dispute, proofs } = await viewDispute(db, refOf(ref, 'DP'), actor);
    const delist = await wouldDelist(db, dispute.lookup_key);
    const publishedReports = await published({ type: dispute.type, value: dispute.value, bank: dispute.bank, provider: dispute.provider });
    return jsonResponse(
      { dispute: disputeJson(dispute), evidence: proofs.map(evidenceJson), wouldDelist: { ...delist, publishedReports } },
      200,
      NO_STORE,
    );
  },

  /** POST /api/v1/admin/delistings/:id/undo: one's own delisting (a dispute one accepted as second moderator), within 5 minutes. */
  async undoDelisting(id: string | undefined, db: D1Database, actor: string): Promise<Response> {
    return jsonResponse(await undoDelisting(db, decisionIdOf(id), actor), 200, NO_STORE);
  },

  async decideDispute(request: Request, ref: string | undefined, db: D1Database, actor: string): Promise<Response> {
    const canonical = refOf(ref, 'DP');
    const body = await jsonBody(request);
    const parsed = parseDecision(body, ['accept', 'reject'] as const);
    const { decision } = parsed;
    // Reasons fit decisions: accepting takes an accept reason, rejecting a dispute a dismiss reason (GET /api/v1/admin/reasons);
    // a missing one stays 400 invalid_decision (decideDispute), a wrong one is 422 invalid_reason.
    const reason = parsed.reason === '' ? '' : reasonFor(decision === 'accept' ? 'accept' : 'dismiss', parsed.reason, false)!;
    const outcome = await decideDispute(db, canonical, decision, reason, actor, noteOf((body as Record<string, unknown>).note));
    return jsonResponse({ ref: canonical, ...outcome }, 200, NO_STORE);
  },

  /** GET /api/v1/admin/queue: a page of groups, most urgent first (worker/admin/queue.ts). */
  async queue(request: Request, db: D1Database, actor: string): Promise<Response> {
    const { filters, cursor, limit } = parseQueueQuery(new URL(request.url).searchParams);
    return jsonResponse(await listQueue(db, filters, cursor, limit, actor), 200, NO_STORE);
  },

  /** GET /api/v1/admin/queue/:key: every pending report of one account, personal data included (each view audited). */
  async group(key: string | undefined, db: D1Database, bucket: R2Bucket, actor: string): Promise<Response> {
    const view = await viewGroup(db, groupKeyOf(key), actor);
    const files = view.reports.flatMap((r) => r.evidence);
    const heads = await Promise.all(files.map((e) => bucket.head(e.r2_key)));
    const stored = new Set(files.filter((_, i) => heads[i] !== null).map((e) => e.id));
    return jsonResponse(groupViewJson(view, stored), 200, NO_STORE);
  },

  /** POST /api/v1/admin/queue/:key/decision: a group, or some of its reports, at once. */
  async decideGroup(request: Request, key: string | undefined, db: D1Database, actor: string, notices: DecisionNotices): Promise<Response> {
    const lookupKey = groupKeyOf(key);
    const body = await jsonBody(request);
    const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const decision = object.decision;
    if (decision !== 'verify' && decision !== 'reject') throw new ApiError('invalid_decision', 'decision');
    const reason = reasonFor(decision, object.reason, decision === 'verify');
    const note = noteOf(object.note);
    let refs: string[] | null = null;
    if (object.refs !== undefined) {
      if (!Array.isArray(object.refs) || object.refs.length === 0 || object.refs.length > MAX_DECISION_REFS) throw new ApiError('invalid_decision', 'refs');
      refs = object.refs.map((r) => {
        const parsed = typeof r === 'string' ? parseReference(r) : undefined;
        if (!parsed || parsed.prefix !== 'CD') throw new ApiError('invalid_reference', 'refs');
        return parsed.ref;
      });
    }
    const rows = await candidates(db, refs, lookupKey);
    // v again on reports one verified once (no checked evidence since): refused, not recorded as an empty decision.
    if (decision === 'verify') requireNotOnlyMine(rows, actor);
    // Seen before decided: every pending report a verify would take must have been opened by this moderator.
    if (decision === 'verify') await requireSeen(db, rows.filter((r) => r.status === 'pending').map((r) => r.ref), actor);
    const result = await decide(db, rows, { decision, reason, note, actor }, lookupKey);
    notify(db, notices, result);
    return jsonResponse(result, 200, NO_STORE);
  },

  /** POST /api/v1/admin/decisions/:id/undo: one's own newest decision on its reports, within 5 minutes. */
  async undo(id: string | undefined, db: D1Database, actor: string): Promise<Response> {
    return jsonResponse(await undoDecision(db, decisionIdOf(id), actor), 200, NO_STORE);
  },

  reasons(): Response {
    return jsonResponse({ reasons: REASONS }, 200, NO_STORE);
  },

  async metrics(db: D1Database): Promise<Response> {
    return jsonResponse(await queueMetrics(db), 200, NO_STORE);
  },
};
