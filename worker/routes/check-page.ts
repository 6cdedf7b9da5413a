// GET /cek/?type=…&value=… and /en/check/?…: the lookup without JavaScript
// (a pasted message, ?text=…, is routes/paste-page.ts).
// The page itself is the site's static result page; the Worker fills in the
// form fields and the answer with HTMLRewriter, which escapes attribute values,
// and the answer's markup comes from resultViewToHtml, which escapes every text.
import { RESULT_PAGES } from '../core/pages.ts';
import { errorBody } from '../core/errors.ts';
import { looksLikeQrisPayload, withQrisContents } from '../presentation/qris-view.ts';
import { describeCheckAt, describeError, resultViewToHtml, type ResultView } from '../presentation/result-view.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { checkFromQuery } from './check.ts';
import { fillPage, type FilledPage } from './filled-page.ts';
import { asksPaste, pastePage } from './paste-page.ts';

const resultPage = (source: SnapshotSource): FilledPage<ResultView> => ({
  pages: RESULT_PAGES,
  asks: (params) => params.has('type') || params.has('value'),
  answer: async (params, lang) => {
    const view = describeCheckAt((await checkFromQuery(params, source)).body, lang);
    return looksLikeQrisPayload(params.get('type'), params.get('value')) ? withQrisContents(view, params.get('value'), lang) : view;
  },
  failed: (error, lang) => describeError(errorBody(error, lang), lang, error.status),
  fill(rewriter, view, params) {
    const selected = (name: string) => ({
      element(el: Element) {
        if (el.getAttribute('value') === params.get(name)) el.setAttribute('selected', '');
        else el.removeAttribute('selected');
      },
    });
    rewriter
      .on('[data-result]', {
        element(el) {
          el.setInnerContent(resultViewToHtml(view), { html: true });
        },
      })
      .on('input[name="value"]', {
        element(el) {
          el.setAttribute('value', params.get('value') ?? '');
        },
      })
      .on('input[name="type"]', {
        element(el) {
          if (el.getAttribute('value') === params.get('type')) el.setAttribute('checked', '');
          else el.removeAttribute('checked');
        },
      })
      .on('select[name="bank"] option', selected('bank'))
      .on('select[name="provider"] option', selected('provider'));
  },
});

/** One identifier (`type`, `value`) as before; otherwise a pasted or shared message (routes/paste-page.ts). */
export function handleCheckPage(request: Request, assets: Fetcher, source: SnapshotSource, limiter?: Limiter): Promise<Response> {
  const single = resultPage(source);
  const params = new URL(request.url).searchParams;
  if (single.asks(params) || !asksPaste(params)) {
    return fillPage(request, assets, limiter, single);
  }
  return fillPage(request, assets, limiter, pastePage(source, (units) => enforceRateLimit(request, limiter, units)));
}
