// GET /api/v1/check?type=…&value=…[&bank=…|&provider=…]
import { parseIdentifier, spelledAsTyped, type IdentifierInput } from '../core/identifiers.ts';
import { snapshotResponse, type QueryParams } from '../http.ts';
import { lookup, type LookupResult } from '../lookup/lookup.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';

/** The identifier fields of a query string (a form submits the same names). */
function identifierInput(params: QueryParams): IdentifierInput {
  return {
    type: params.get('type') ?? '',
    value: params.get('value') ?? '',
    bank: params.get('bank'),
    provider: params.get('provider'),
  };
}

/**
 * `spelled`: the answer's query carries the buyer's spelling (`display`), as
 * POST's does. The page asks for it; the GET API does not yet, because its
 * recorded answers (tests/worker/contract-golden.json) would gain the field.
 */
export function checkFromQuery(params: QueryParams, source: SnapshotSource, spelled = false): Promise<LookupResult> {
  const input = identifierInput(params);
  return lookup(spelled ? spelledAsTyped(input) : parseIdentifier(input), source);
}

export async function handleCheck(request: Request, params: QueryParams, source: SnapshotSource): Promise<Response> {
  const { body, path } = await checkFromQuery(params, source);
  // One URL gives one answer per snapshot version.
  return snapshotResponse(request, body.snapshot.version, `lookup;desc="${path}"`, () => body);
}
