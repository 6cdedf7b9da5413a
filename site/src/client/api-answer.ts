// An API answer described, once for the site's lookup form, its private check
// and the <cek-dulu> widget: the request every read makes and the step from a
// response to a ResultView (worker/presentation/result-view.ts). No DOM here,
// so the private check's module stays testable in Node.
import type { CheckBatchResponse, CheckResponse } from '../../../worker/core/api-types.ts';
import type { ErrorBody } from '../../../worker/core/errors.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { describeCheck, describeError, type ResultView } from '../../../worker/presentation/result-view.ts';

/**
 * How every API read is asked. No Accept header: the API answers JSON whatever
 * is asked, and every byte counts in the widget.
 */
export const apiInit = (lang: Lang, signal: AbortSignal): RequestInit => ({ headers: { 'Accept-Language': lang }, signal });

/**
 * An API answer described: `describe` the body of a success, the error's own
 * view for an error, and "could not check, try again" when nothing readable
 * came back (offline, aborted, not JSON, not the expected shape) — never "not
 * reported". The caller makes the request, so each module's one fetch names
 * the one endpoint it reads (tests/unit/embed-bundle.test.ts).
 */
export async function describeAnswer<T, V = ResultView>(response: Promise<Response>, lang: Lang, describe: (body: T) => V): Promise<V | ResultView> {
  try {
    const res = await response;
    const body = await res.json();
    return res.ok ? describe(body as T) : describeError(body as ErrorBody, lang, res.status);
  } catch {
    return describeError(null, lang, 0);
  }
}

/** A lookup through GET /api/v1/check; `origin` is '' on CekDulu's own pages. */
export const checkView = (origin: string, query: URLSearchParams | string, lang: Lang, signal: AbortSignal): Promise<ResultView> =>
  describeAnswer(fetch(`${origin}/api/v1/check?${query}`, apiInit(lang, signal)), lang, (body: CheckResponse) => describeCheck(body, lang));

/**
 * A pasted message through POST /api/v1/check (the server reads it: no parser
 * in the browser); `describe` turns the batch into views (result-view.ts describeBatch).
 */
export const checkTextAnswer = <V>(origin: string, query: URLSearchParams, text: string, lang: Lang, signal: AbortSignal, describe: (body: CheckBatchResponse) => V): Promise<V | ResultView> =>
  describeAnswer(
    fetch(`${origin}/api/v1/check?${query}`, { method: 'POST', headers: { 'Accept-Language': lang, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }), signal }),
    lang,
    describe,
  );
