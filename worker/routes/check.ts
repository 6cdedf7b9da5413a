// GET /api/v1/check?type=…&value=…[&bank=…|&provider=…]
import { parseIdentifier, type IdentifierInput } from '../core/identifiers.ts';
import { CORS_HEADERS, jsonResponse, type QueryParams } from '../http.ts';
import { lookup, type LookupResult } from '../lookup/lookup.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';

/** Answers may be cached this long; the ETag names the snapshot version, so a revalidation is cheap. */
const CACHE_SECONDS = 300;

/** The identifier fields of a query string (a form submits the same names). */
export function identifierInput(params: QueryParams): IdentifierInput {
  return {
    type: params.get('type') ?? '',
    value: params.get('value') ?? '',
    bank: params.get('bank'),
    provider: params.get('provider'),
  };
}

export function checkFromQuery(params: QueryParams, source: SnapshotSource): Promise<LookupResult> {
  return lookup(parseIdentifier(identifierInput(params)), source);
}

export async function handleCheck(request: Request, params: QueryParams, source: SnapshotSource): Promise<Response> {
  const { body, path } = await checkFromQuery(params, source);
  // One URL gives one answer per snapshot version, so the version is a valid strong validator.
  const etag = `"${body.snapshot.version}"`;
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'Cache-Control': `public, max-age=${CACHE_SECONDS}`,
    ETag: etag,
    'X-Snapshot-Version': body.snapshot.version,
    'Server-Timing': `lookup;desc="${path}"`,
  };
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers });
  return jsonResponse(body, 200, headers);
}
