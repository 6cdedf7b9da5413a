// GET /cek/?type=…&value=… and /en/check/?…: the lookup without JavaScript.
// The page itself is the site's static result page; the Worker fills in the
// form fields and the answer with HTMLRewriter, which escapes attribute values,
// and the answer's markup comes from resultViewToHtml, which escapes every text.
import { RESULT_PAGES } from '../core/pages.ts';
import { errorBody } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { describeCheck, describeError, resultViewToHtml, type ResultView } from '../presentation/result-view.ts';
import { toApiError } from '../http.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';
import { applySecurityHeaders, withSecurityHeaders } from '../security-headers.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { checkFromQuery } from './check.ts';


export async function handleCheckPage(
  request: Request,
  assets: Fetcher,
  source: SnapshotSource,
  limiter?: Limiter,
): Promise<Response> {
  const url = new URL(request.url);
  const lang: Lang = url.pathname.startsWith('/en/') ? 'en' : 'id';
  const page = await assets.fetch(new Request(new URL(RESULT_PAGES[lang], url)));
  const params = url.searchParams;
  if (!page.ok || (!params.has('type') && !params.has('value'))) return withSecurityHeaders(page, url.pathname);

  let view: ResultView;
  let status = 200;
  try {
    await enforceRateLimit(request, limiter);
    view = describeCheck((await checkFromQuery(params, source)).body, lang);
  } catch (err) {
    const apiError = toApiError(err);
    status = apiError.status;
    view = describeError(errorBody(apiError, lang), lang, apiError.status);
  }

  const selected = (name: string) => ({
    element(el: Element) {
      if (el.getAttribute('value') === params.get(name)) el.setAttribute('selected', '');
      else el.removeAttribute('selected');
    },
  });
  const rewriter = new HTMLRewriter()
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

  const headers = new Headers(page.headers);
  // The answer depends on the query and the live snapshot: never cache a filled page publicly.
  headers.set('Cache-Control', 'no-store');
  applySecurityHeaders(headers, url.pathname);
  return rewriter.transform(new Response(page.body, { status, headers }));
}
