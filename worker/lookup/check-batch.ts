// What one POST /api/v1/check asks for: the identifiers to look up, in text
// (or query) order, and what could not be looked up. Pure: the body is already
// parsed JSON, and nothing here reads the snapshot (routes/check-post.ts does).
//
// Every identifier goes through parseIdentifier (spelledAsTyped), as a GET's does, so a POST
// answers exactly what the GET would; one that fails is an `unresolved` entry
// with the GET's error code, never an error of the whole request.
import type { CheckUnresolved } from '../core/api-types.ts';
import { ApiError } from '../core/errors.ts';
import { extractIdentifiers } from '../core/extract.ts';
import { MAX_TEXT_LENGTH } from '../core/extract-types.ts';
import { spelledAsTyped, type Identifier, type IdentifierInput } from '../core/identifiers.ts';
import type { Lang } from '../core/lang.ts';

/**
 * The most identifiers one request looks up, from `queries` or found in the
 * text: each is a lookup (and a KV read when reported), so a request stays
 * within a page's worth of work.
 */
const MAX_QUERIES = 20;

export interface Batch {
  asked: Identifier[];
  unresolved: CheckUnresolved[];
}

/** The request's `text` or `queries` (exactly one of them), as a batch of lookups. */
export function batchFrom(data: Record<string, unknown>, lang: Lang): Batch {
  const text = typeof data.text === 'string' ? data.text : undefined;
  const hasQueries = data.queries !== undefined && data.queries !== null;
  if ((text === undefined) === !hasQueries) throw new ApiError('text_or_queries');
  const batch = text !== undefined ? fromText(text, lang) : fromQueries(data.queries, lang);
  if (batch.asked.length > MAX_QUERIES) throw new ApiError('too_many_queries', text !== undefined ? 'text' : 'queries');
  return batch;
}

function fromText(text: string, lang: Lang): Batch {
  // Checked before extraction reads a character: no unbounded text reaches a regular expression.
  if (text.length > MAX_TEXT_LENGTH) throw new ApiError('text_too_long', 'text');
  if (text.trim() === '') throw new ApiError('missing_text', 'text');
  const { found, unresolved } = extractIdentifiers(text, lang);
  const asked: Identifier[] = [];
  const failed: CheckUnresolved[] = unresolved.map(({ value, code, message, start, end }) => ({ value, code, message, start, end }));
  for (const { input, start, end } of found) {
    const parsed = tryParse(input, lang);
    if ('id' in parsed) asked.push(parsed.id);
    else failed.push({ value: input.value, ...parsed.error, start, end });
  }
  // Text order, whichever list an entry came from.
  failed.sort((a, b) => a.start! - b.start!);
  return { asked, unresolved: failed };
}

function fromQueries(queries: unknown, lang: Lang): Batch {
  if (!Array.isArray(queries)) throw new ApiError('invalid_queries', 'queries');
  if (queries.length > MAX_QUERIES) throw new ApiError('too_many_queries', 'queries');
  const inputs = queries.map(inputOf);
  const asked: Identifier[] = [];
  const unresolved: CheckUnresolved[] = [];
  inputs.forEach((input, index) => {
    const parsed = tryParse(input, lang);
    if ('id' in parsed) asked.push(parsed.id);
    else unresolved.push({ index, value: input.value, ...parsed.error });
  });
  return { asked, unresolved };
}

const optionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';

/** A query's fields, or invalid_queries when it is not an object of strings: a malformed request, not a bad identifier. */
function inputOf(query: unknown): IdentifierInput {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) throw new ApiError('invalid_queries', 'queries');
  const { type, value, bank, provider } = query as Record<string, unknown>;
  if (typeof type !== 'string' || typeof value !== 'string' || !optionalString(bank) || !optionalString(provider)) {
    throw new ApiError('invalid_queries', 'queries');
  }
  return { type, value, bank: bank as string | null | undefined, provider: provider as string | null | undefined };
}

function tryParse(input: IdentifierInput, lang: Lang): { id: Identifier } | { error: { code: string; message: string } } {
  try {
    // With the buyer's spelling (a Facebook username's periods) for the answer to show.
    return { id: spelledAsTyped(input) };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { error: { code: err.code, message: err.messageIn(lang) } };
  }
}
