// The steps every page the Worker fills in shares (the no-JavaScript result and
// status pages): the language from the path, the site's static page for it,
// the static page as it is when the query asks nothing, the rate limit, a thrown
// error shown on the page with its status, and never a public cache. The
// security headers are not set here: worker/index.ts sets them on every HTML
// answer the Worker gives.
import type { ApiError } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { RATE_LIMIT_PERIOD_SECONDS, toApiError } from '../http.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';

/** One kind of filled page: what it shows for a query, and how that goes into the page. */
export interface FilledPage<Shown> {
  /** The static page in each language. */
  pages: Record<Lang, string>;
  /** Whether the query asks for an answer; otherwise the static page is the answer. */
  asks(params: URLSearchParams): boolean;
  answer(params: URLSearchParams, lang: Lang): Promise<Shown>;
  failed(error: ApiError, lang: Lang): Shown;
  /** Adds the handlers that put `shown` (and the query, for the form) into the page. */
  fill(rewriter: HTMLRewriter, shown: Shown, params: URLSearchParams, lang: Lang): void;
}

export async function fillPage<Shown>(request: Request, assets: Fetcher, limiter: Limiter | undefined, kind: FilledPage<Shown>): Promise<Response> {
  const url = new URL(request.url);
  const lang: Lang = url.pathname.startsWith('/en/') ? 'en' : 'id';
  const page = await assets.fetch(new Request(new URL(kind.pages[lang], url)));
  const params = url.searchParams;
  if (!page.ok || !kind.asks(params)) return page;

  let shown: Shown;
  let status = 200;
  try {
    await enforceRateLimit(request, limiter);
    shown = await kind.answer(params, lang);
  } catch (err) {
    const apiError = toApiError(err);
    status = apiError.status;
    shown = kind.failed(apiError, lang);
  }

  const rewriter = new HTMLRewriter();
  // Without JavaScript the language switch is the only way to the other
  // language: it keeps the query, so it opens the same answer there. (A kind may
  // set it more precisely in fill(), whose handler runs after this one.)
  const other: Lang = lang === 'id' ? 'en' : 'id';
  rewriter.on('[data-lang-switch]', {
    element(el) {
      el.setAttribute('href', `${kind.pages[other]}${url.search}`);
    },
  });
  kind.fill(rewriter, shown, params, lang);
  const headers = new Headers(page.headers);
  // The answer depends on the query and on data that changes (the live snapshot, a moderator's decision).
  headers.set('Cache-Control', 'no-store');
  if (status === 429) headers.set('Retry-After', RATE_LIMIT_PERIOD_SECONDS);
  return rewriter.transform(new Response(page.body, { status, headers }));
}
