// HTTP conventions in one place: language negotiation, JSON bodies, the
// mapping of thrown errors to responses, and CORS for the public GET API.
import { ApiError, errorBody } from './core/errors.ts';
import type { Lang } from './core/lang.ts';

/** `?lang=en|id` wins; otherwise the first of id/en in Accept-Language by weight; Indonesian by default. */
export function negotiateLang(request: Request, searchParams?: QueryParams): Lang {
  // `searchParams`: the query already read from request.url (query-string.ts checkQueryParams), else read here.
  const explicit = (searchParams ?? new URL(request.url).searchParams).get('lang');
  if (explicit === 'en' || explicit === 'id') return explicit;
  const header = request.headers.get('Accept-Language') ?? '';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'en' && primary !== 'id') continue;
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang: primary, q };
  }
  return best?.lang ?? 'id';
}

/** What a handler reads of a query string: URLSearchParams has it, and so has routerQuery. */
export interface QueryParams {
  get(name: string): string | null;
}

/**
 * The query string as itty-router already read it (request.query), so a
 * request's URL is parsed once; a repeated name gives its first value, as
 * URLSearchParams.get does.
 */
export function routerQuery(request: { query: Record<string, string | string[] | undefined> }): QueryParams {
  const query = request.query; // read once: a property of the runtime's Request object is slower to reach than a plain one
  return {
    get(name) {
      const value = query[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

/** On every API answer: any origin may read it, and these headers too. */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Server-Timing, X-Snapshot-Version, Retry-After',
};

/** The answer to a preflight (OPTIONS) only: browsers read these nowhere else, so other answers go without. */
export const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Accept-Language, Content-Type, If-None-Match',
  'Access-Control-Max-Age': '86400',
};

/** The preflight of /api/v1/check: partners may also POST to it, with a JSON body (Content-Type is then not "simple"). */
export const CHECK_PREFLIGHT_HEADERS: Record<string, string> = {
  ...PREFLIGHT_HEADERS,
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
};

/** A body already serialised as JSON, sent as it is (range.ts rangeAnswerJson: its bytes are the contract). */
export class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body instanceof JsonText ? body.text : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
  });
}

/** Seconds a client should wait before retrying when report data is unavailable. */
export const RETRY_AFTER_SECONDS = '30';
/** The rate limiter's window (wrangler.toml [[ratelimits]] period): the longest a client waits. */
export const RATE_LIMIT_PERIOD_SECONDS = '60';

/** Public answers may be cached this long; the ETag names the snapshot version, so a revalidation is cheap. */
const CACHE_SECONDS = 300;

/**
 * The headers of a 200 snapshot answer by version and Server-Timing, built once:
 * a Headers object is copied by each Response in the runtime, where a plain
 * object's entries would be read and checked one by one on every request. A
 * handful per version (the lookup paths, the range's two, the POST's), kept by version and
 * then by kind, so a request finds its set with no key string built; emptied when full, as old
 * versions are never asked again.
 */
const answerHeaders = new Map<string, Map<string, Headers>>();
let answerHeaderSets = 0;
const ANSWER_HEADER_SETS = 64;

/**
 * A public GET answer that depends only on the URL and the snapshot version:
 * the version is its strong validator (ETag), so a matching If-None-Match gets
 * 304 with the same headers and no body. `body` is built only for a 200.
 */
export function snapshotResponse(
  request: Request,
  version: string,
  serverTiming: string,
  body: () => unknown,
): Response | Promise<Response> {
  if (isEtagOf(request.headers.get('If-None-Match'), version)) {
    return new Response(null, { status: 304, headers: snapshotHeaders(version, serverTiming) });
  }
  const headers = keptHeaders(version, serverTiming, () => snapshotHeaders(version, serverTiming));
  const answer = body();
  // A body at hand answers at once (a lookup held in memory: no promise, no turn of the event loop).
  return answer instanceof Promise ? answer.then((text) => jsonAnswer(text, headers)) : jsonAnswer(answer, headers);
}

/** Whether If-None-Match is `"<version>"`, the answer's ETag: compared as sent, without building it. */
const isEtagOf = (match: string | null, version: string): boolean =>
  match !== null && match.length === version.length + 2 && match.startsWith('"') && match.endsWith('"') && match.startsWith(version, 1);

const jsonAnswer = (answer: unknown, headers: Headers) =>
  new Response(answer instanceof JsonText ? answer.text : JSON.stringify(answer), { status: 200, headers });

/**
 * The headers of an answer of a snapshot version and a kind (its Server-Timing, or the route),
 * with the JSON content type, built once (answerHeaders).
 */
export function keptHeaders(version: string, kind: string, make: () => Record<string, string>): Headers {
  let byKind = answerHeaders.get(version);
  let headers = byKind?.get(kind);
  if (!headers) {
    if (answerHeaderSets >= ANSWER_HEADER_SETS) {
      answerHeaders.clear();
      answerHeaderSets = 0;
      byKind = undefined;
    }
    if (!byKind) answerHeaders.set(version, (byKind = new Map()));
    headers = new Headers({ 'Content-Type': JSON_CONTENT_TYPE, ...make() });
    byKind.set(kind, headers);
    answerHeaderSets++;
  }
  return headers;
}

function snapshotHeaders(version: string, serverTiming: string): Record<string, string> {
  return {
    ...CORS_HEADERS,
    'Cache-Control': `public, max-age=${CACHE_SECONDS}`,
    ETag: `"${version}"`,
    'X-Snapshot-Version': version,
    'Server-Timing': serverTiming,
  };
}

/** An ApiError as it is; anything else is logged (never with the query) and becomes internal_error. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // Never the message: it may quote what was being read (V8's JSON.parse error quotes the text,
  // a query, a pasted message, an e-mail). The name and where it was thrown are enough to find it.
  console.error(`cekdulu: unhandled ${(err as Error)?.name ?? typeof err}${whereThrown(err)}`);
  return new ApiError('internal_error');
}

/**
 * The stack's frames after its head ("Name: message", however many lines the message takes):
 * code positions only. Nothing when the stack does not start with that head.
 */
function whereThrown(err: unknown): string {
  if (!(err instanceof Error) || typeof err.stack !== 'string') return '';
  const head = String(err);
  if (!err.stack.startsWith(head)) return '';
  const frames = err.stack.slice(head.length).split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? `\n${frames.slice(0, 5).join('\n')}` : '';
}

/** Any thrown value becomes a JSON error with the status its code carries. */
export function errorResponse(err: unknown, request: Request): Response {
  const apiError = toApiError(err);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...CORS_HEADERS };
  if (apiError.status === 503) headers['Retry-After'] = RETRY_AFTER_SECONDS;
  if (apiError.status === 429) headers['Retry-After'] = RATE_LIMIT_PERIOD_SECONDS;
  if (apiError.code === 'method_not_allowed') headers.Allow = 'GET, HEAD, OPTIONS';
  return jsonResponse(errorBody(apiError, negotiateLang(request)), apiError.status, headers);
}
