// The private check (docs/api.md, "The private check"): the identifier is read and
// hashed here in the browser, and only the first 5 hex digits of its SHA-256
// leave the device. Loaded only when someone ticks the box, because reading
// phone numbers needs libphonenumber's metadata, too heavy for the first page load.
// The one implementation for both: the site imports it lazily (lookup.ts), the
// <cek-dulu> widget loads it as /embed/v/<hash>/private.js (site/src/embed/private-check-module.ts).
import type { RangeResponse } from '../../../worker/core/api-types.ts';
import { ApiError, errorBody } from '../../../worker/core/errors.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { lookupKey, spelledAsTyped } from '../../../worker/core/identifiers.ts';
import { RANGE_PREFIX_LENGTH, reportsIn } from '../../../worker/core/range.ts';
import { describeError, describePrivateCheck, type ResultView } from '../../../worker/presentation/result-view.ts';
import { sha256Hex } from '../../../worker/core/sha256.ts';
import { apiInit, describeAnswer } from './api-answer.ts';

/**
 * `origin` is where the range API lives: '' on CekDulu's own pages (relative to
 * the page), the widget's CekDulu origin on a partner's page.
 */
export async function privateCheck(origin: string, params: URLSearchParams, lang: Lang, signal: AbortSignal): Promise<ResultView> {
  let id;
  try {
    // Spelled as the API's answers are (`display`: a number grouped), for the heading.
    id = spelledAsTyped({
      type: params.get('type') ?? '',
      value: params.get('value') ?? '',
      bank: params.get('bank'),
      provider: params.get('provider'),
    });
  } catch (err) {
    if (err instanceof ApiError) return describeError(errorBody(err, lang), lang, err.status);
    throw err;
  }
  const hash = await sha256Hex(lookupKey(id));
  const answer = fetch(`${origin}/api/v1/range/${hash.slice(0, RANGE_PREFIX_LENGTH)}`, apiInit(lang, signal));
  return describeAnswer(answer, lang, (range: RangeResponse) =>
    // Padding entries (count 0) never count as a report, even if one matched.
    describePrivateCheck({ query: id, count: reportsIn(range.suffixes, hash), snapshot: range.snapshot }, lang),
  );
}
