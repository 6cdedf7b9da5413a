// POST /api/v1/reports (JSON, multipart with evidence, or a plain form that
// gets an HTML page back), POST /api/v1/disputes, and the status of either by
// its reference: GET /api/v1/reports/{ref}, GET /api/v1/disputes/{ref}.
import { ApiError, FieldErrors } from '../core/errors.ts';
import type { Identifier } from '../core/identifiers.ts';
import type { Lang } from '../core/lang.ts';
import { FORM_FIELDS, type StatusTable, type SubmissionKind } from '../core/report-contract.ts';
import { errorResponse, jsonResponse, negotiateLang, RATE_LIMIT_PERIOD_SECONDS, toApiError } from '../http.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';
import { DISPUTE_FIELDS, parseDisputeSubmission, saveDispute } from '../reports/dispute-store.ts';
import { filedWith, IDEMPOTENCY_HEADER, newSubmissionToken, parseSubmissionToken, type SUBMISSION_TOKEN_FIELDS } from '../reports/idempotency.ts';
import { findStatus, saveReport } from '../reports/report-store.ts';
import { reporterSignals } from '../admin/reporter-signals.ts';
import { readBody, type BodyFields, type FieldLimit } from '../reports/request-body.ts';
import { parseReportSubmission, REPORT_FIELDS } from '../reports/submission.ts';
import { checkTurnstile, TURNSTILE_HEADER, type TURNSTILE_FIELDS, type TurnstileConfig } from '../reports/turnstile.ts';
import { formPage } from './form-page.ts';
import { outcomePageFor } from './report-outcome-page.ts';

export interface SubmissionDeps {
  db: D1Database;
  bucket: R2Bucket;
  assets: Fetcher;
  limiter?: Limiter | undefined;
  turnstile: TurnstileConfig;
  /** REPORTER_HASH_KEY: keys the contact and network hashes the moderation queue compares (worker/admin/reporter-signals.ts). */
  reporterHashKey?: string | undefined;
  /**
   * Whether what is published lists the identifier, answered as the lookup answers it
   * (worker/lookup/lookup.ts: filter, then the KV record): a dispute needs a listing.
   */
  listed: (identifier: Identifier) => Promise<boolean>;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

type TurnstileField = keyof typeof TURNSTILE_FIELDS;
type TokenField = keyof typeof SUBMISSION_TOKEN_FIELDS;
/** The widget posts its token as cf-turnstile-response; JSON clients send turnstileToken. */
const turnstileToken = (body: BodyFields<TurnstileField>) => body.text('cf-turnstile-response') || body.text('turnstileToken');

/** A browser's form post (no JavaScript) asks for HTML; API clients (and the forms' script) get JSON, errors included. */
const wantsHtml = (request: Request) => (request.headers.get('Accept') ?? '').includes('text/html');

export async function handleCreateReport(request: Request, deps: SubmissionDeps): Promise<Response> {
  return submit(request, deps, 'report', REPORT_FIELDS, async (body, token) => {
    const report = await parseReportSubmission(body);
    const signals = await reporterSignals(deps.reporterHashKey, report.contact, request.headers.get('CF-Connecting-IP'));
    return saveReport(deps.db, deps.bucket, report, report.evidence, new Date(), signals, token);
  });
}

export async function handleCreateDispute(request: Request, deps: SubmissionDeps): Promise<Response> {
  return submit(request, deps, 'dispute', DISPUTE_FIELDS, async (body, token) => {
    const dispute = await parseDisputeSubmission(body);
    await requireListed(deps, dispute.identifier);
    return saveDispute(deps.db, deps.bucket, dispute, token);
  });
}

/**
 * A dispute contests a listing: refused (422 not_reported, naming the value)
 * when what is published does not list the account — decided by the lookup
 * itself (deps.listed), never by D1. A report verified in D1 but not yet
 * published is answered exactly as an account nobody reported: otherwise this
 * form would tell anyone who asks that a verification is on its way, before
 * the lookup and the range API say anything (issue 23). Checked once the form
 * is otherwise valid. When the snapshot cannot be read the answer is 503, never
 * a wrong "not reported".
 */
async function requireListed(deps: SubmissionDeps, identifier: Identifier): Promise<void> {
  if (await deps.listed(identifier)) return;
  throw new FieldErrors([new ApiError('not_reported', 'value')]);
}

/**
 * The steps every submission shares — rate limit, the submission token, body,
 * Turnstile — then `save`. A token already used answers its first reference
 * before anything else is checked (Turnstile's token was spent by that first
 * post). JSON for API clients and the forms' script; a browser's form post
 * without JavaScript is answered 303 See Other to the sent page, or on an
 * error with the form again, filled in, every error shown (worker/routes/form-page.ts).
 * The language is the form's (its action carries ?lang=), not the browser's.
 * Turnstile goes before the body when the token came as a header; a form's token
 * is in the body, so then the (size-capped) body is read first, but Turnstile is
 * still checked before any field is parsed or any file is looked at.
 */
async function submit<F extends TurnstileField | TokenField>(
  request: Request,
  deps: SubmissionDeps,
  kind: SubmissionKind,
  fields: Record<F, FieldLimit>,
  save: (body: BodyFields<F>, token: string | undefined) => Promise<string>,
): Promise<Response> {
  const html = wantsHtml(request);
  const lang = negotiateLang(request);
  const done = (ref: string, status: 200 | 201) => {
    if (html) return new Response(null, { status: 303, headers: { Location: outcomePageFor(kind, lang, ref), ...NO_STORE } });
    const statusUrl = `/api/v1/${kind === 'report' ? 'reports' : 'disputes'}/${ref}`;
    return jsonResponse({ ref, status: 'pending', statusUrl }, status, NO_STORE);
  };
  let body: BodyFields<F> | undefined;
  let token: string | undefined;
  try {
    await enforceRateLimit(request, deps.limiter);
    token = parseSubmissionToken(request.headers.get(IDEMPOTENCY_HEADER));
    const earlier = token && (await filedWith(deps.db, token, kind));
    if (earlier) return done(earlier, 200);
    const ip = request.headers.get('CF-Connecting-IP');
    const expected = { hostname: new URL(request.url).hostname, action: kind };
    const headerToken = request.headers.get(TURNSTILE_HEADER);
    if (headerToken !== null) await checkTurnstile(deps.turnstile, headerToken.trim(), ip, expected);
    body = await readBody(request, fields);
    // Every submission's fields include these two (REPORT_FIELDS, DISPUTE_FIELDS).
    const common = body as unknown as BodyFields<TurnstileField | TokenField>;
    if (!token) {
      token = parseSubmissionToken(common.text('submissionToken'));
      const first = token && (await filedWith(deps.db, token, kind));
      if (first) return done(first, 200);
    }
    if (headerToken === null) await checkTurnstile(deps.turnstile, turnstileToken(common), ip, expected);
    return done(await save(body, token), 201);
  } catch (err) {
    if (!html) throw err;
    const apiError = toApiError(err);
    // Refused before the body was read (rate limited, a bad key header): read it now (capped as
    // ever) so the form comes back filled in and nothing the person typed is lost.
    if (!body && !request.bodyUsed) body = await readBody(request, fields).catch(() => undefined);
    const page = await formPage(request, deps.assets, kind, lang, {
      // The same token again: nothing was filed with it, and the corrected form is the same submission.
      token: token ?? newSubmissionToken(),
      ...(body ? { values: typedValues(body, kind) } : {}),
      errors: errorMessages(apiError, lang),
    }, apiError.status);
    if (apiError.status === 429) page.headers.set('Retry-After', RATE_LIMIT_PERIOD_SECONDS);
    return page;
  }
}

/** What was typed in the form's fields, to fill them in again; a field too long to read is left empty. */
function typedValues<F extends string>(body: BodyFields<F>, kind: SubmissionKind): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of FORM_FIELDS[kind]) {
    try {
      values.set(name, body.text(name as F));
    } catch {
      // text_too_long: already among the errors shown.
    }
  }
  return values;
}

/** Each field's message (the first per field), in the form's language. */
function errorMessages(error: ApiError, lang: Lang): Map<string, string> {
  const all = error instanceof FieldErrors ? error.errors : [error];
  const messages = new Map<string, string>();
  for (const e of all) if (!messages.has(e.field ?? 'general')) messages.set(e.field ?? 'general', e.messageIn(lang));
  return messages;
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
