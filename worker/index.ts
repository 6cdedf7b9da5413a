// Wires the routes. The Worker runs first only for /api/* and the no-JavaScript
// result and status pages (wrangler.toml, [assets].run_worker_first); everything else is
// served from the built site by Workers Static Assets.
import { Router, type IRequest } from 'itty-router';
import { ApiError } from './core/errors.ts';
import { CHECK_PREFLIGHT_HEADERS, CORS_HEADERS, errorResponse, jsonResponse, negotiateLang, PREFLIGHT_HEADERS, routerQuery, type QueryParams } from './http.ts';
import { checkQueryParams, checkQueryString } from './query-string.ts';
import { handleCheckPage } from './routes/check-page.ts';
import { handleFramePage } from './routes/frame-page.ts';
import { handleCheck } from './routes/check.ts';
import { handleCheckPost } from './routes/check-post.ts';
import { handleHealth } from './routes/health.ts';
import { handleRange } from './routes/range.ts';
import { handleStatusPage } from './routes/status-page.ts';
import { handleStatsApi, handleStatsCsv, handleStatsPage } from './routes/stats.ts';
import { FORM_PAGES, formPage } from './routes/form-page.ts';
import { handleOutcomePage } from './routes/report-outcome-page.ts';
import { handleSharePost } from './routes/share-target.ts';
import { newSubmissionToken } from './reports/idempotency.ts';
import { lookup } from './lookup/lookup.ts';
import { parseIdentifier } from './core/identifiers.ts';
import { adminRoutes, type DecisionNotices } from './routes/admin.ts';
import { bindingSender } from './admin/decision-mail.ts';
import { handleCreateDispute, handleCreateReport, handleStatus, methodNotAllowed, type SubmissionDeps } from './routes/reports.ts';
import { moderatorOf } from './admin/admin-request.ts';
import { requireSameOriginJson } from './admin/write-guard.ts';
import { turnstileFromSecret } from './reports/turnstile.ts';
import { countPartnerLookup } from './partner-usage.ts';
import { enforceRateLimit, type Limiter } from './rate-limit.ts';
import { readRetentionState, runRetention } from './reports/retention.ts';
import { KvSnapshotSource } from './lookup/snapshot-source.ts';
import { writeDelta } from './delta/delta-writer.ts';
import { isHtml, withSecurityHeaders } from './security-headers.ts';
import type { BotDeps } from './bots/conversation.ts';
import { handleTelegram } from './bots/telegram.ts';
import { handleWhatsApp, verifyWhatsApp } from './bots/whatsapp.ts';

type Args = [env: Env, ctx: ExecutionContext];

/** The daily purge's schedule in wrangler.toml; every other trigger builds the delta. */
const RETENTION_CRON = '0 20 * * *';

/** One delta build, logged by outcome (counts only: a lookup key is what someone reported). */
async function tickDelta(env: Env): Promise<void> {
  try {
    const outcome = await writeDelta(env);
    if (outcome.written) console.log(`cekdulu: delta written, ${outcome.entries} keys${outcome.overflow ? ' (overflow)' : ''}`);
  } catch (err) {
    console.error(`cekdulu: delta build failed: ${(err as Error)?.name ?? typeof err}`);
  }
}

/** One snapshot source per set of bindings: the isolate keeps it rather than building one per request. */
const sources = new WeakMap<Env, KvSnapshotSource>();
const source = (env: Env) => {
  let made = sources.get(env);
  if (!made) sources.set(env, (made = new KvSnapshotSource(env.SNAPSHOTS, env.LIVE_POINTER_TTL_SECONDS, env.RECORD_CACHE_ENTRIES)));
  return made;
};
const limiter = (env: Env) => (env.RATE_LIMITS === 'off' ? undefined : env.LOOKUP_LIMITER);
/** Middleware: returns nothing (so the route goes on) or throws rate_limited. */
const limited = (request: IRequest, env: Env) => enforceRateLimit(request, limiter(env));
const submissions = (env: Env): SubmissionDeps => ({
  db: env.DB,
  bucket: env.EVIDENCE,
  assets: env.ASSETS,
  limiter: env.RATE_LIMITS === 'off' ? undefined : env.REPORT_LIMITER,
  turnstile: turnstileFromSecret(env.TURNSTILE_SECRET),
  reporterHashKey: env.REPORTER_HASH_KEY,
  listed: async (identifier) => (await lookup(identifier, source(env))).body.status === 'reported',
});
/** What the published lookup counts for a dispute's identifier (every source): said before a dispute is accepted. */
const publishedCount = (env: Env) => async (id: { type: string; value: string; bank: string | null; provider: string | null }) => {
  const body = (await lookup(parseIdentifier({ type: id.type, value: id.value, bank: id.bank ?? undefined, provider: id.provider ?? undefined }), source(env))).body;
  return body.matches.reduce((sum, m) => sum + m.count, 0);
};
/** The iframe page, counted for its partner like an API lookup when it answers one. */
const frameLookup = (request: IRequest, env: Env) => {
  const params = routerQuery(request);
  if (params.get('value') !== null) countPartnerLookup(env.PARTNER_USAGE, params);
  return handleFramePage(request, env.ASSETS, source(env), limiter(env));
};
/** The decision e-mail: through the DECISION_MAIL binding when it and a sender address are configured; sent after the answer. */
const decisionNotices = (request: Request, env: Env, ctx: ExecutionContext): DecisionNotices => ({
  send: env.DECISION_MAIL && env.DECISION_MAIL_FROM ? bindingSender(env.DECISION_MAIL, env.DECISION_MAIL_FROM) : undefined,
  origin: new URL(request.url).origin,
  defer: (work) => ctx.waitUntil(work),
});
/** The chat bots (worker/bots/): the reply is sent after the 200, each sender braked by a keyed hash. */
const bots = (request: Request, env: Env, ctx: ExecutionContext): BotDeps => ({
  db: env.DB,
  source: source(env),
  limiter: env.RATE_LIMITS === 'off' ? undefined : env.BOT_LIMITER,
  noticeLimiter: env.RATE_LIMITS === 'off' ? undefined : env.BOT_NOTICE_LIMITER,
  origin: new URL(request.url).origin,
  defer: (work) => ctx.waitUntil(work),
});
const notAllowed = () => {
  throw new ApiError('method_not_allowed');
};

const router = Router<IRequest, Args, Response>({
  catch: (err, request) => errorResponse(err, request),
});

/**
 * GET /api/v1/check, from the router or straight from fetch with its query already read (the same steps either way).
 * Without a limiter to wait for, a lookup held in memory answers at once (no promise: lookup.ts).
 */
function checkLookup(request: Request, env: Env, params: QueryParams): Response | Promise<Response> {
  const limit = limiter(env);
  if (limit) return limitedLookup(request, limit, env, params);
  try {
    return answerLookup(request, env, params);
  } catch (err) {
    return errorResponse(err, request);
  }
}

async function limitedLookup(request: Request, limit: Limiter, env: Env, params: QueryParams): Promise<Response> {
  try {
    await enforceRateLimit(request, limit);
    return await answerLookup(request, env, params);
  } catch (err) {
    return errorResponse(err, request);
  }
}

function answerLookup(request: Request, env: Env, params: QueryParams): Response | Promise<Response> {
  countPartnerLookup(env.PARTNER_USAGE, params);
  const answer = handleCheck(request, params, source(env));
  return answer instanceof Promise ? answer.catch((err: unknown) => errorResponse(err, request)) : answer;
}

/**
 * POST /api/v1/check, several lookups at once (a pasted message, or a list): one rate-limit unit per
 * identifier. From the router or straight from fetch with its query already read (`searchParams`), the same steps.
 */
async function checkPaste(request: Request, env: Env, params: QueryParams, searchParams?: QueryParams): Promise<Response> {
  try {
    const limit = limiter(env);
    if (limit) await enforceRateLimit(request, limit);
    return await handleCheckPost(request, {
      source: source(env),
      lang: negotiateLang(request, searchParams),
      ...(limit ? { charge: (units: number) => enforceRateLimit(request, limit, units) } : {}),
      // The widget's box sends its partner id in the query, as the GET does: one count per identifier looked up.
      countKind: (kind) => countPartnerLookup(env.PARTNER_USAGE, { get: (name) => (name === 'type' ? kind : params.get(name)) }),
    });
  } catch (err) {
    return errorResponse(err, request);
  }
}

router
  .get('/api/v1/check', (request, env) => checkLookup(request, env, routerQuery(request)))
  .head('/api/v1/check', limited, (request, env) => handleCheck(request, routerQuery(request), source(env)))
  .post('/api/v1/check', (request, env) => checkPaste(request, env, routerQuery(request)))
  .get('/api/v1/range/:prefix', limited, (request, env) => handleRange(request, request.params.prefix ?? '', source(env)))
  .get('/api/v1/health', (_request, env) => handleHealth(source(env), Date.now(), () => readRetentionState(env.DB)))
  .head('/api/v1/health', (_request, env) => handleHealth(source(env), Date.now(), () => readRetentionState(env.DB)))
  // A constant answer from the same Worker: the runtime's floor in benchmarks, and a liveness probe.
  .get('/api/v1/ping', () => jsonResponse({ ok: true }, 200, { ...CORS_HEADERS, 'Cache-Control': 'no-store' }))
  // The open statistics of the live version (docs/api.md, "Open statistics").
  .get('/api/v1/stats', (request, env) => handleStatsApi(request, source(env), env.SNAPSHOTS))
  // Reports, disputes and moderation (docs/reports.md).
  .post('/api/v1/reports', (request, env) => handleCreateReport(request, submissions(env)))
  .get('/api/v1/reports/:ref', limited, (request, env) => handleStatus(env.DB, request.params.ref ?? '', 'reports'))
  .post('/api/v1/disputes', (request, env) => handleCreateDispute(request, submissions(env)))
  .get('/api/v1/disputes/:ref', limited, (request, env) => handleStatus(env.DB, request.params.ref ?? '', 'disputes'))
  // Every admin request, present and future: from this origin, and every write JSON (worker/admin/write-guard.ts).
  .all('/api/v1/admin/*', requireSameOriginJson)
  .get('/api/v1/admin/reports', async (request, env) => (await moderatorOf(request, env), adminRoutes.listReports(request, env.DB)))
  .get('/api/v1/admin/reports/:ref', async (request, env) =>
    adminRoutes.viewReport(request.params.ref, env.DB, await moderatorOf(request, env)))
  .post('/api/v1/admin/reports/:ref/decision', async (request, env, ctx) =>
    adminRoutes.decideReport(request, request.params.ref, env.DB, await moderatorOf(request, env), decisionNotices(request, env, ctx)))
  .get('/api/v1/admin/evidence/:id', async (request, env) =>
    adminRoutes.evidence(request.params.id, env.DB, env.EVIDENCE, await moderatorOf(request, env)))
  .get('/api/v1/admin/disputes', async (request, env) => (await moderatorOf(request, env), adminRoutes.listDisputes(request, env.DB)))
  .get('/api/v1/admin/disputes/:ref', async (request, env) =>
    adminRoutes.viewDispute(request.params.ref, env.DB, await moderatorOf(request, env), publishedCount(env)))
  .post('/api/v1/admin/disputes/:ref/decision', async (request, env) =>
    adminRoutes.decideDispute(request, request.params.ref, env.DB, await moderatorOf(request, env)))
  // The grouped queue, decisions by group, undo, reasons, queue health (docs/reports.md, "Moderation").
  .get('/api/v1/admin/queue', async (request, env) => adminRoutes.queue(request, env.DB, await moderatorOf(request, env)))
  .get('/api/v1/admin/queue/:key', async (request, env) => adminRoutes.group(request.params.key, env.DB, env.EVIDENCE, await moderatorOf(request, env)))
  .post('/api/v1/admin/queue/:key/decision', async (request, env, ctx) =>
    adminRoutes.decideGroup(request, request.params.key, env.DB, await moderatorOf(request, env), decisionNotices(request, env, ctx)))
  .post('/api/v1/admin/decisions/:id/undo', async (request, env) => adminRoutes.undo(request.params.id, env.DB, await moderatorOf(request, env)))
  .post('/api/v1/admin/delistings/:id/undo', async (request, env) => adminRoutes.undoDelisting(request.params.id, env.DB, await moderatorOf(request, env)))
  .get('/api/v1/admin/reasons', async (request, env) => (await moderatorOf(request, env), adminRoutes.reasons()))
  .get('/api/v1/admin/metrics', async (request, env) => (await moderatorOf(request, env), adminRoutes.metrics(env.DB)))
  .options('/api/v1/check', () => new Response(null, { status: 204, headers: CHECK_PREFLIGHT_HEADERS }))
  .options('/api/*', () => new Response(null, { status: 204, headers: PREFLIGHT_HEADERS }))
  .all('/api/v1/check', (request) => methodNotAllowed(request, 'GET, HEAD, POST, OPTIONS'))
  .all('/api/v1/health', notAllowed)
  .all('/api/v1/stats', notAllowed)
  .all('/api/v1/range/:prefix', notAllowed)
  .all('/api/v1/reports', (request) => methodNotAllowed(request, 'POST, OPTIONS'))
  .all('/api/v1/disputes', (request) => methodNotAllowed(request, 'POST, OPTIONS'))
  .all('/api/v1/reports/:ref', (request) => methodNotAllowed(request, 'GET, OPTIONS'))
  .all('/api/v1/disputes/:ref', (request) => methodNotAllowed(request, 'GET, OPTIONS'))
  .all('/api/*', () => {
    throw new ApiError('not_found');
  })
  // The chat bots' webhooks (docs/operations.md, "Chat bots").
  .post('/bot/telegram', (request, env, ctx) => handleTelegram(request, env, bots(request, env, ctx)))
  .get('/bot/whatsapp', (request, env) => verifyWhatsApp(request, env))
  .post('/bot/whatsapp', (request, env, ctx) => handleWhatsApp(request, env, bots(request, env, ctx)))
  .all('/bot/telegram', (request) => methodNotAllowed(request, 'POST'))
  .all('/bot/whatsapp', (request) => methodNotAllowed(request, 'GET, POST'))
  .all('/bot/*', () => {
    throw new ApiError('not_found');
  })
  // itty-router matches these with or without the trailing slash.
  .get('/cek/', (request, env) => handleCheckPage(request, env.ASSETS, source(env), limiter(env)))
  .get('/en/check/', (request, env) => handleCheckPage(request, env.ASSETS, source(env), limiter(env)))
  // The share target's POST before the site's service worker is installed (routes/share-target.ts).
  .post('/cek/', (request, env) => handleSharePost(request, env.ASSETS))
  .post('/en/check/', (request, env) => handleSharePost(request, env.ASSETS))
  // The widget's iframe page without JavaScript: a plain form the Worker answers (routes/frame-page.ts).
  .get('/embed/frame/', (request, env) => frameLookup(request, env))
  .get('/en/embed/frame/', (request, env) => frameLookup(request, env))
  .get('/lapor/status/', (request, env) => handleStatusPage(request, env.ASSETS, env.DB, limiter(env)))
  .get('/en/report/status/', (request, env) => handleStatusPage(request, env.ASSETS, env.DB, limiter(env)))
  .get('/statistik/data.csv', (request, env) => handleStatsCsv(request, source(env), env.SNAPSHOTS))
  .get('/statistik/', (request, env) => handleStatsPage(request, env.ASSETS, source(env), env.SNAPSHOTS))
  .get('/en/statistics/', (request, env) => handleStatsPage(request, env.ASSETS, source(env), env.SNAPSHOTS))
  // The report and dispute forms, each with a fresh submission token; their sent pages (?ref=…) after the 303.
  .get(FORM_PAGES.report.id, (request, env) => formPage(request, env.ASSETS, 'report', 'id', { token: newSubmissionToken() }))
  .get(FORM_PAGES.report.en, (request, env) => formPage(request, env.ASSETS, 'report', 'en', { token: newSubmissionToken() }))
  .get(FORM_PAGES.dispute.id, (request, env) => formPage(request, env.ASSETS, 'dispute', 'id', { token: newSubmissionToken() }))
  .get(FORM_PAGES.dispute.en, (request, env) => formPage(request, env.ASSETS, 'dispute', 'en', { token: newSubmissionToken() }))
  .get('/lapor/terkirim/', (request, env) => handleOutcomePage(request, env.ASSETS, env.DB, 'report', limiter(env)))
  .get('/en/report/sent/', (request, env) => handleOutcomePage(request, env.ASSETS, env.DB, 'report', limiter(env)))
  .get('/sanggah/terkirim/', (request, env) => handleOutcomePage(request, env.ASSETS, env.DB, 'dispute', limiter(env)))
  .get('/en/dispute/sent/', (request, env) => handleOutcomePage(request, env.ASSETS, env.DB, 'dispute', limiter(env)))
  .all('*', (request, env) => env.ASSETS.fetch(request));

async function routed(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const response = await router.fetch(request, env, ctx);
  return isHtml(response.headers) ? withSecurityHeaders(response, new URL(request.url).pathname) : response;
}

export default {
  // Any HTML the Worker returns itself (result, status and report-outcome pages) gets the
  // site's security headers: _headers covers only what Static Assets serve directly.
  // The path is read only for HTML: JSON answers skip a second parse of the URL.
  fetch: (request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> => {
    // Most requests are lookups: answered before the router, their query read as the router would (query-string.ts).
    const method = request.method;
    const search = checkQueryString(method, request.url);
    if (search !== undefined) {
      const params = checkQueryParams(search);
      return method === 'GET' ? checkLookup(request, env, params) : checkPaste(request, env, params, params.searchParams);
    }
    return routed(request, env, ctx);
  },
  // The daily Cron Trigger (wrangler.toml [triggers]): personal data past its retention period and
  // orphaned evidence go; the outcome is logged and kept in ops_state (GET /api/v1/health shows it).
  // Two Cron Triggers (wrangler.toml [triggers]): the daily purge, and the same-day delta every minute.
  scheduled: async (controller: ScheduledController, env: Env, ctx: ExecutionContext) => {
    if (controller.cron === RETENTION_CRON) ctx.waitUntil(runRetention(env.DB, env.EVIDENCE));
    else ctx.waitUntil(tickDelta(env));
  },
} satisfies ExportedHandler<Env>;
