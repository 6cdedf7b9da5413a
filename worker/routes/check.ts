// GET /api/v1/check?type=…&value=…[&bank=…|&provider=…]
import { spelledAsTyped, type IdentifierInput } from '../core/identifiers.ts';
import { JsonText, snapshotResponse, type QueryParams } from '../http.ts';
import { answerText, lookup, type LookupResult } from '../lookup/lookup.ts';
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
 * The lookup of a query string; its answer's query carries the buyer's spelling
 * (`display`: a Facebook username's periods, a number grouped as people write it),
 * as POST's does, so no page and no widget groups numbers itself.
 */
export function checkFromQuery(params: QueryParams, source: SnapshotSource): LookupResult | Promise<LookupResult> {
  return lookup(spelledAsTyped(identifierInput(params)), source);
}

/** The answer, at once when the lookup is (lookup.ts): a lookup held in memory waits for nothing. */
export function handleCheck(request: Request, params: QueryParams, source: SnapshotSource): Response | Promise<Response> {
  const result = checkFromQuery(params, source);
  return result instanceof Promise ? result.then((done) => respond(request, done)) : respond(request, result);
}

// One URL gives one answer per snapshot version and same-day delta (the tag).
const respond = (request: Request, result: LookupResult) =>
  snapshotResponse(request, result.tag, SERVER_TIMING[result.path], () => new JsonText(answerText(result)));

/** Which path answered, as Server-Timing says it: written out once, not per answer. */
const SERVER_TIMING: Record<LookupResult['path'], string> = {
  filter: 'lookup;desc="filter"',
  'filter+kv': 'lookup;desc="filter+kv"',
  'filter+cache': 'lookup;desc="filter+cache"',
  kv: 'lookup;desc="kv"',
  cache: 'lookup;desc="cache"',
  delta: 'lookup;desc="delta"',
};
