// The moderation API under /api/v1/admin/: every route needs a moderator
// (worker/admin/admin-auth.ts), every write same-origin JSON
// (worker/admin/write-guard.ts); answers are never cached. Lists show what a
// queue needs; personal data only in one opened item, whose view is audited.
import { ApiError } from '../core/errors.ts';
import { jsonResponse } from '../http.ts';
import {
  decideDispute,
  decideReport,
  evidenceFile,
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
import { parseReference } from '../reports/reference.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

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

const disputeSummaryJson = (d: DisputeSummaryRow) => subjectJson(d);
const disputeJson = (d: DisputeRow) => ({ ...subjectJson(d), statement: d.statement, contact: d.contact });

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

/** Evidence ids are the report's reference and the file's number (worker/reports/report-store.ts). */
function evidenceIdOf(raw: string | undefined): string {
  const m = /^(.*)-(\d{1,2})$/.exec(pathSegment(raw).trim());
  const parsed = m ? parseReference(m[1]!) : undefined;
  if (!m || !parsed || parsed.prefix !== 'CD') throw new ApiError('invalid_reference', 'ref');
  return `${parsed.ref}-${m[2]}`;
}

function statusParam(request: Request, allowed: readonly string[]): string {
  const status = new URL(request.url).searchParams.get('status') ?? 'pending';
  if (!allowed.includes(status)) throw new ApiError('invalid_decision', 'decision');
  return status;
}

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
        evidence: evidence.map((e) => ({ id: e.id, contentType: e.content_type, size: e.size, url: `/api/v1/admin/evidence/${e.id}` })),
      },
      200,
      NO_STORE,
    );
  },

  async decideReport(request: Request, ref: string | undefined, db: D1Database, actor: string): Promise<Response> {
    const canonical = refOf(ref, 'CD');
    const { decision, reason } = parseDecision(await jsonBody(request), ['verify', 'reject'] as const);
    const status = await decideReport(db, canonical, decision, reason, actor);
    return jsonResponse({ ref: canonical, status }, 200, NO_STORE);
  },

  /** The file as an attachment of its sniffed type, sandboxed: never rendered in the admin's origin. */
  async evidence(id: string | undefined, db: D1Database, bucket: R2Bucket, actor: string): Promise<Response> {
    const row = await evidenceFile(db, evidenceIdOf(id), actor);
    const object = await bucket.get(row.r2_key);
    if (!object) throw new ApiError('report_not_found', 'ref');
    return new Response(object.body, {
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

  async viewDispute(ref: string | undefined, db: D1Database, actor: string): Promise<Response> {
    return jsonResponse({ dispute: disputeJson(await viewDispute(db, refOf(ref, 'DP'), actor)) }, 200, NO_STORE);
  },

  async decideDispute(request: Request, ref: string | undefined, db: D1Database, actor: string): Promise<Response> {
    const canonical = refOf(ref, 'DP');
    const { decision, reason } = parseDecision(await jsonBody(request), ['accept', 'reject'] as const);
    const outcome = await decideDispute(db, canonical, decision, reason, actor);
    return jsonResponse({ ref: canonical, ...outcome }, 200, NO_STORE);
  },
};
