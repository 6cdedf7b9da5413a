// GET /embed/frame/?… and /en/embed/frame/?…: the widget's iframe page, which
// without JavaScript is a plain form (site/src/embed/FramePage.astro). With a
// `value` in the query the Worker fills in the answer as on /cek/ (the same
// lookup, the same words, resultViewToHtml escaping every text) and the form
// with what was asked; the partner id is carried into the form so the next
// lookup counts for the partner too. The language is the query's `lang`, else the path's.
import { errorBody } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { describeCheck, describeError, escapeHtml, resultViewToHtml, type ResultView } from '../presentation/result-view.ts';
import type { Limiter } from '../rate-limit.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { checkFromQuery } from './check.ts';
import { fillPage, type FilledPage } from './filled-page.ts';

const FRAME_PAGES: Record<Lang, string> = { id: '/embed/frame/', en: '/en/embed/frame/' };
const FULL_RESULT: Record<Lang, [path: string, words: string]> = {
  id: ['/cek/', 'Lihat hasil lengkap di CekDulu'],
  en: ['/en/check/', 'See the full result on CekDulu'],
};

const framePage = (source: SnapshotSource): FilledPage<ResultView | null> => ({
  pages: FRAME_PAGES,
  asks: (params) => params.has('value') || params.has('partner'),
  answer: async (params, lang) => (params.has('value') ? describeCheck((await checkFromQuery(params, source)).body, lang) : null),
  failed: (error, lang) => describeError(errorBody(error, lang), lang, error.status),
  fill(rewriter, view, params, lang) {
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
      .on('.frame-form select[name="provider"] option', selected('provider'));
    if (!view) return;
    // The fields of the chosen kind, as the widget links them (the form sends every select).
    const type = params.get('type') ?? '';
    const query = new URLSearchParams({ type });
    if (type === 'bank' || type === 'ewallet') query.set(type === 'bank' ? 'bank' : 'provider', params.get(type === 'bank' ? 'bank' : 'provider') ?? '');
    query.set('value', params.get('value') ?? '');
    const [path, words] = FULL_RESULT[lang];
    const more = view.tone === 'error' ? '' : `<p class="frame-nojs__more"><a href="${escapeHtml(`${path}?${query}`)}" target="_blank" rel="noopener">${escapeHtml(words)}</a></p>`;
    rewriter.on('.frame-nojs [data-result]', {
      element(el) {
        el.setInnerContent(resultViewToHtml(view) + more, { html: true });
      },
    });
  },
});

export function handleFramePage(request: Request, assets: Fetcher, source: SnapshotSource, limiter?: Limiter): Promise<Response> {
  // fillPage reads the language from the path: the query's `lang` picks the page.
  const url = new URL(request.url);
  const lang = url.searchParams.get('lang') ?? (url.pathname.startsWith('/en/') ? 'en' : 'id');
  url.pathname = FRAME_PAGES[lang === 'en' ? 'en' : 'id'];
  return fillPage(new Request(url, request), assets, limiter, framePage(source));
}
