// Wires the routes. The Worker runs first only for /api/* and the no-JavaScript
// result pages (wrangler.toml, [assets].run_worker_first); everything else is
// served from the built site by Workers Static Assets.
import { Router, type IRequest } from 'itty-router';
import { ApiError } from './core/errors.ts';
import type { Env } from './env.ts';
import { CORS_HEADERS, errorResponse, jsonResponse } from './http.ts';
import { handleCheckPage } from './routes/check-page.ts';
import { handleCheck } from './routes/check.ts';
import { handleHealth } from './routes/health.ts';
import { handleRange } from './routes/range.ts';
import { enforceRateLimit } from './rate-limit.ts';
import { KvSnapshotSource } from './snapshot-source.ts';

type Args = [env: Env, ctx: ExecutionContext];

const source = (env: Env) => new KvSnapshotSource(env.SNAPSHOTS, env.LIVE_POINTER_TTL_SECONDS);
const limiter = (env: Env) => (env.RATE_LIMITS === 'off' ? undefined : env.LOOKUP_LIMITER);
/** Middleware: returns nothing (so the route goes on) or throws rate_limited. */
const limited = async (request: IRequest, env: Env) => {
  await enforceRateLimit(request, limiter(env));
};
const notAllowed = () => {
  throw new ApiError('method_not_allowed');
};

const router = Router<IRequest, Args, Response>({
  catch: (err, request) => errorResponse(err, request),
});

router
  .get('/api/v1/check', limited, (request, env) => handleCheck(request, source(env)))
  .head('/api/v1/check', limited, (request, env) => handleCheck(request, source(env)))
  .get('/api/v1/range/:prefix', limited, (request, env) => handleRange(request, request.params.prefix ?? '', source(env)))
  .get('/api/v1/health', (_request, env) => handleHealth(source(env)))
  .head('/api/v1/health', (_request, env) => handleHealth(source(env)))
  // A constant answer from the same Worker: the runtime's floor in benchmarks, and a liveness probe.
  .get('/api/v1/ping', () => jsonResponse({ ok: true }, 200, { ...CORS_HEADERS, 'Cache-Control': 'no-store' }))
  .options('/api/*', () => new Response(null, { status: 204, headers: CORS_HEADERS }))
  .all('/api/v1/check', notAllowed)
  .all('/api/v1/health', notAllowed)
  .all('/api/v1/range/:prefix', notAllowed)
  .all('/api/*', () => {
    throw new ApiError('not_found');
  })
  // itty-router matches these with or without the trailing slash.
  .get('/cek/', (request, env) => handleCheckPage(request, env.ASSETS, source(env), limiter(env)))
  .get('/en/check/', (request, env) => handleCheckPage(request, env.ASSETS, source(env), limiter(env)))
  .all('*', (request, env) => env.ASSETS.fetch(request));

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => router.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
