// POST /api/v1/check {"text": "…"} | {"queries": [{type, value, bank?, provider?}, …]}:
// several lookups in one request, for the paste box and partners
// (docs/api.md, "POST /api/v1/check"). Each result is exactly the GET's answer
// for its identifier. All of them read one live snapshot, concurrently; one
// that cannot be answered makes the whole answer 503, never a partial "not
// reported". The text is read, never stored, logged or sent back.
import { ApiError } from '../core/errors.ts';
import { CORS_HEADERS, keptHeaders, negotiateLang } from '../http.ts';
import { batchFrom } from '../lookup/check-batch.ts';
import { answerText } from '../lookup/lookup.ts';
import { lookupMany } from '../lookup/lookup-many.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import type { Lang } from '../core/lang.ts';
import { readTextCapped } from '../reports/request-body.ts';

/**
 * The largest body read: 2,000 characters of text or 20 queries of 200-character
 * values fit even fully \u-escaped (6 bytes a character), with room to spare.
 */
const MAX_CHECK_BODY_BYTES = 32 * 1024;

export interface CheckPostDeps {
  source: SnapshotSource;
  /** The answer's language, when the caller has read it already (negotiateLang). */
  lang?: Lang;
  /** Takes `units` more from the client's rate limit (the route has taken one already); throws rate_limited. Absent: no limit to keep. */
  charge?(units: number): Promise<void>;
  /** Counts one lookup of this kind for the partner named in the query, if any (worker/partner-usage.ts). */
  countKind?(kind: string): void;
}

export async function handleCheckPost(request: Request, deps: CheckPostDeps): Promise<Response> {
  const lang = deps.lang ?? negotiateLang(request);
  const { asked, unresolved } = batchFrom(await readJsonObject(request), lang);
  // One unit per identifier looked up; the first was taken before the body was read.
  if (deps.charge) await deps.charge(asked.length - 1);
  const { results, snapshot, snapshotJson } = await lookupMany(asked, deps.source);
  for (const id of asked) deps.countKind?.(id.type);
  // JSON.stringify of a CheckBatchResponse, its results joined from their kept parts as the GET's are (answerText).
  const body = `{"results":[${results.map(answerText).join(',')}],"unresolved":${JSON.stringify(unresolved)},"snapshot":${snapshotJson}}`;
  // The answer depends on the body, which no cache keys on: never stored.
  const headers = keptHeaders(snapshot.version, 'POST', () => ({ ...CORS_HEADERS, 'Cache-Control': 'no-store', 'X-Snapshot-Version': snapshot.version }));
  return new Response(body, { status: 200, headers });
}

/** The body as a JSON object: 415 unless declared JSON, 413 over the cap (counted as it streams), 400 unless an object. */
async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const contentType = (request.headers.get('Content-Type') ?? '').toLowerCase();
  if (!contentType.startsWith('application/json')) throw new ApiError('json_content_type');
  const declared = request.headers.get('Content-Length');
  if (Number(declared ?? '0') > MAX_CHECK_BODY_BYTES) throw new ApiError('request_too_large');
  let text: string | null;
  try {
    // A declared length is the body's (the runtime frames the body by it): read whole, at once (an empty one is no JSON,
    // below). Without one it is counted as it streams.
    if (declared !== null && /^[0-9]+$/.test(declared)) text = await request.text();
    else if (request.body) text = await readTextCapped(request.body, MAX_CHECK_BODY_BYTES);
    else throw new ApiError('invalid_json');
  } catch {
    throw new ApiError('invalid_json');
  }
  // Each character is at least one byte: more characters than the cap is more bytes, whatever a header said.
  if (text === null || text.length > MAX_CHECK_BODY_BYTES) throw new ApiError('request_too_large');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ApiError('invalid_json');
  return data as Record<string, unknown>;
}
