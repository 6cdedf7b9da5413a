// POST /api/v1/reports (JSON, multipart with evidence, or a plain form that
// gets an HTML page back), POST /api/v1/disputes, and the status of either by
// its reference: GET /api/v1/reports/{ref}, GET /api/v1/disputes/{ref}.
import { ApiError, errorBody } from '../core/errors.ts';
import type { StatusTable } from '../core/report-contract.ts';
import { errorResponse, jsonResponse, negotiateLang, RATE_LIMIT_PERIOD_SECONDS, toApiError } from '../http.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';
import { DISPUTE_FIELDS, parseDisputeSubmission, saveDispute } from '../reports/dispute-store.ts';
import { readEvidence } from '../reports/evidence.ts';
import { findStatus, saveReport } from '../reports/report-store.ts';
import { reporterSignals } from '../admin/reporter-signals.ts';
import { readBody, type BodyFields, type FieldLimit } from '../reports/request-body.ts';
import { parseReportSubmission, REPORT_FIELDS } from '../reports/submission.ts';
import { checkTurnstile, TURNSTILE_HEADER, type TURNSTILE_FIELDS, type TurnstileConfig } from '../reports/turnstile.ts';
import { outcomePage, type Submission } from './report-outcome-page.ts';

export interface SubmissionDeps {
  db: D1Database;
  bucket: R2Bucket;
  assets: Fetcher;
  limiter?: Limiter | undefined;
  turnstile: TurnstileConfig;
  /** REPORTER_HASH_KEY: keys the contact and network hashes the moderation queue compares (worker/admin/reporter-signals.ts). */
  reporterHashKey?: string | undefined;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

type TurnstileField = keyof typeof TURNSTILE_FIELDS;
/** The widget posts its token as cf-turnstile-response; JSON clients send turnstileToken. */
const turnstileToken = (body: BodyFields<TurnstileField>) => body.text('cf-turnstile-response') || body.text('turnstileToken');

/** A browser's form post (no JavaScript) asks for HTML; API clients get JSON, errors included. */
const wantsHtml = (request: Request) => (request.headers.get('Accept') ?? '').includes('text/html');

export async function handleCreateReport(request: Request, deps: SubmissionDeps): Promise<Response> {
  return submit(request, deps, 'report', REPORT_FIELDS, async (body) => {
    const report = parseReportSubmission(body);
    const evidence = await readEvidence(body.files('evidence'));
    const signals = await reporterSignals(deps.reporterHashKey, report.contact, request.headers.get('CF-Connecting-IP'));
    return saveReport(deps.db, deps.bucket, report, evidence, new Date(), signals);
  });
}

export async function handleCreateDispute(request: Request, deps: SubmissionDeps): Promise<Response> {
  return submit(request, deps, 'dispute', DISPUTE_FIELDS, (body) => saveDispute(deps.db, parseDisputeSubmission(body)));
}

/**
 * The steps every submission shares — rate limit, body, Turnstile — then `save`;
 * JSON for API clients, the outcome page for a browser's form post (errors too).
 * Turnstile goes before the body when the token came as a header; a form's token
 * is in the body, so then the (size-capped) body is read first, but Turnstile is
 * still checked before any field is parsed or any file is looked at.
 */
async function submit<F extends TurnstileField>(
  request: Request,
  deps: SubmissionDeps,
  kind: Submission,
  fields: Record<F, FieldLimit>,
  save: (body: BodyFields<F>) => Promise<string>,
): Promise<Response> {
  const html = wantsHtml(request);
  try {
    await enforceRateLimit(request, deps.limiter);
    const ip = request.headers.get('CF-Connecting-IP');
    const expected = { hostname: new URL(request.url).hostname, action: kind };
    const headerToken = request.headers.get(TURNSTILE_HEADER);
    if (headerToken !== null) await checkTurnstile(deps.turnstile, headerToken.trim(), ip, expected);
    const body = await readBody(request, fields);
    if (headerToken === null) await checkTurnstile(deps.turnstile, turnstileToken(body), ip, expected);
    const ref = await save(body);
    if (html) return outcomePage(request, deps.assets, negotiateLang(request), { ok: true, ref }, 201, kind);
    const statusUrl = `/api/v1/${kind === 'report' ? 'reports' : 'disputes'}/${ref}`;
    return jsonResponse({ ref, status: 'pending', statusUrl }, 201, NO_STORE);
  } catch (err) {
    if (!html) throw err;
    const apiError = toApiError(err);
    const lang = negotiateLang(request);
    const { message, field } = errorBody(apiError, lang).error;
    const page = await outcomePage(request, deps.assets, lang, { ok: false, message, field }, apiError.status, kind);
    if (apiError.status === 429) page.headers.set('Retry-After', RATE_LIMIT_PERIOD_SECONDS);
    return page;
  }
}

/** GET /api/v1/reports/{ref} and /api/v1/disputes/{ref}: the path segment as sent (percent-encoded). */
export async function handleStatus(db: D1Database, rawRef: string, table: StatusTable): Promise<Response> {
  let text: string;
  try {
    text = decodeURIComponent(rawRef);
  } catch {
    throw new ApiError('invalid_reference', 'ref'); // a malformed %-escape is a malformed reference, not a server error
  }
  return jsonResponse((await findStatus(db, text, table)).answer, 200, NO_STORE);
}

/** 405 naming the methods this path takes (errorResponse's Allow is the lookup API's). */
export function methodNotAllowed(request: Request, allow: string): Response {
  const res = errorResponse(new ApiError('method_not_allowed'), request);
  res.headers.set('Allow', allow);
  return res;
}
