// GET /embed/frame/?… and /en/embed/frame/?…: the widget's iframe page, which
// without JavaScript is two plain forms (site/src/embed/FramePage.astro): a box
// for the seller's message and the fields. With a `text` in the query the
// Worker answers it as the widget does (the same batch as POST /api/v1/check:
// what was read and what could not be checked, then one answer per identifier);
// with a `value`, the single lookup as on /cek/. Every text is escaped
// (resultViewToHtml, elementToHtml; HTMLRewriter for the form), and the
// forms are filled with what was asked; the partner id is carried into both so
// the next lookup counts for the partner too. The language is the query's
// `lang`, else the path's.
import type { CheckQuery } from '../core/api-types.ts';
import { errorBody } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { batchFrom } from '../lookup/check-batch.ts';
import { lookupMany } from '../lookup/lookup-many.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { bankQuestion } from '../presentation/paste-view.ts';
import { describeBatch, describeCheck, describeError, elementToHtml, escapeHtml, readingTree, resultViewToHtml, type ResultView } from '../presentation/result-view.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';
import { checkFromQuery } from './check.ts';
import { fillPage, type FilledPage } from './filled-page.ts';

const FRAME_PAGES: Record<Lang, string> = { id: '/embed/frame/', en: '/en/embed/frame/' };
const FULL_RESULT: Record<Lang, [path: string, words: string]> = {
  id: ['/cek/', 'Lihat hasil lengkap di CekDulu'],
  en: ['/en/check/', 'See the full result on CekDulu'],
};

/** An answer, and under it the link to its full result on CekDulu (none for an error). */
function answerHtml(view: ResultView, query: Pick<CheckQuery, 'type' | 'value' | 'bank' | 'provider'>, lang: Lang): string {
  const [path, words] = FULL_RESULT[lang];
  // The identifier's fields only: not its `display` (a number grouped), which the page works out again.
  const params = new URLSearchParams(Object.entries(query).filter((field): field is [string, string] => typeof field[1] === 'string' && field[0] !== 'display'));
  const more = view.tone === 'error' ? '' : `<p class="frame-nojs__more"><a href="${escapeHtml(`${path}?${params}`)}" target="_blank" rel="noopener">${escapeHtml(words)}</a></p>`;
  return resultViewToHtml(view) + more;
}

const framePage = (source: SnapshotSource, charge: (units: number) => Promise<void>): FilledPage<string | null> => ({
  pages: FRAME_PAGES,
  asks: (params) => params.has('value') || params.has('partner') || params.has('text'),
  async answer(params, lang) {
    if (params.has('text')) {
      const { asked, unresolved } = batchFrom({ text: params.get('text') }, lang);
      // One unit per identifier looked up; fillPage took the first.
      await charge(asked.length - 1);
      const { results, snapshot } = await lookupMany(asked, source);
      const bodies = results.map((r) => r.body);
      // As the widget shows it (site/src/embed/cek-dulu.ts): what was read and what was not, then the answers.
      const reading = bodies.length || unresolved.length ? elementToHtml(readingTree(bodies.map((b) => b.query), unresolved, lang)) : '';
      // A number with no bank named gets the bank question, answered in this frame (with the partner and language kept).
      const hidden = Object.fromEntries(['lang', 'partner'].filter((name) => params.has(name)).map((name) => [name, params.get(name) ?? '']));
      const questions = unresolved.map((item, n) => (item.code === 'bank_not_named' ? bankQuestion(item, n, lang, FRAME_PAGES[lang], hidden) : '')).join('');
      return reading + describeBatch({ results: bodies, unresolved, snapshot }, lang).map((view, i) => (bodies[i] ? answerHtml(view, bodies[i].query, lang) : resultViewToHtml(view))).join('') + questions;
    }
    if (!params.has('value')) return null;
    // The fields of the chosen kind, as the widget links them (the form sends every select).
    const type = params.get('type') ?? '';
    const query = { type, ...(type === 'bank' && { bank: params.get('bank') ?? '' }), ...(type === 'ewallet' && { provider: params.get('provider') ?? '' }), value: params.get('value') ?? '' };
    return answerHtml(describeCheck((await checkFromQuery(params, source)).body, lang), query as CheckQuery, lang);
  },
  failed: (error, lang) => resultViewToHtml(describeError(errorBody(error, lang), lang, error.status)),
  fill(rewriter, html, params) {
    const selected = (name: string) => ({
      element(el: Element) {
        if (el.getAttribute('value') === params.get(name)) el.setAttribute('selected', '');
        else el.removeAttribute('selected');
      },
    });
    const value = (name: string) => ({
      element(el: Element) {
        el.setAttribute('value', params.get(name) ?? '');
      },
    });
    rewriter
      .on('.frame-form input[name="partner"]', value('partner'))
      .on('.frame-form input[name="value"]', value('value'))
      .on('.frame-form select[name="type"] option', selected('type'))
      .on('.frame-form select[name="bank"] option', selected('bank'))
      .on('.frame-form select[name="provider"] option', selected('provider'))
      .on('.frame-form textarea[name="text"]', {
        element(el) {
          // Text content, escaped by HTMLRewriter: the person edits it and sends it again.
          el.setInnerContent(params.get('text') ?? '');
        },
      });
    if (html === null) return;
    rewriter.on('.frame-nojs [data-result]', {
      element(el) {
        el.setInnerContent(html, { html: true });
      },
    });
  },
});

export function handleFramePage(request: Request, assets: Fetcher, source: SnapshotSource, limiter?: Limiter): Promise<Response> {
  // fillPage reads the language from the path: the query's `lang` picks the page.
  const url = new URL(request.url);
  const lang = url.searchParams.get('lang') ?? (url.pathname.startsWith('/en/') ? 'en' : 'id');
  url.pathname = FRAME_PAGES[lang === 'en' ? 'en' : 'id'];
  return fillPage(new Request(url, request), assets, limiter, framePage(source, (units) => enforceRateLimit(request, limiter, units)));
}
