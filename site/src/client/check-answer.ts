// An answer of the API, shown: the one fetch-then-describe and the one
// view-to-DOM renderer that the site's lookup form, its private check and the
// <cek-dulu> widget share (the widget's 6 KB budget is why it is this small).
// Every text goes in through textContent, never as markup.
import type { CheckResponse } from '../../../worker/core/api-types.ts';
import type { ErrorBody } from '../../../worker/core/errors.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { describeCheck, describeError, resultViewTree, type ResultView, type ViewElement } from '../../../worker/presentation/result-view.ts';

/** An element with its attributes and its text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  // undefined empties a new element (textContent is a nullable string): no test needed.
  node.textContent = text!;
  return node;
}

function toDom(view: ViewElement): HTMLElement {
  const node = el(view.tag, { class: view.className, ...view.attrs }, view.text);
  for (const child of view.children ?? []) node.append(toDom(child));
  return node;
}

/** The result's markup (result-view.ts), as DOM. */
export const renderView = (view: ResultView): HTMLElement => toDom(resultViewTree(view));

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
export async function describeAnswer<T>(response: Promise<Response>, lang: Lang, describe: (body: T) => ResultView): Promise<ResultView> {
  try {
    const res = await response;
    const body = await res.json();
    return res.ok ? describe(body) : describeError(body as ErrorBody, lang, res.status);
  } catch {
    return describeError(null, lang, 0);
  }
}

/** A lookup through GET /api/v1/check; `origin` is '' on CekDulu's own pages. */
export const checkView = (origin: string, query: URLSearchParams | string, lang: Lang, signal: AbortSignal): Promise<ResultView> =>
  describeAnswer(fetch(`${origin}/api/v1/check?${query}`, apiInit(lang, signal)), lang, (body: CheckResponse) => describeCheck(body, lang));
