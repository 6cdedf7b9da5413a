// GET /lapor/status/?ref=… and /en/report/status/?ref=…: a report's or a
// dispute's status without JavaScript. The page is the site's static status
// page (site/src/components/StatusPage.astro), which holds a plain-words
// explanation of every status; HTMLRewriter keeps the one the reference has and
// fills in the reference, the dates, the typed value or the error message, all
// as text (escaped), never as HTML.
import { STATUS_PAGES } from '../core/pages.ts';
import type { Lang } from '../core/lang.ts';
import { formatDate } from '../presentation/result-view.ts';
import { RATE_LIMIT_PERIOD_SECONDS, toApiError } from '../http.ts';
import { enforceRateLimit, type Limiter } from '../rate-limit.ts';
import { applySecurityHeaders, withSecurityHeaders } from '../security-headers.ts';
import { findStatus } from '../reports/report-store.ts';


/** The status page in `lang` for a reference: what the sent pages link to. */
export const statusPageFor = (lang: Lang, ref: string): string => `${STATUS_PAGES[lang]}?ref=${encodeURIComponent(ref)}`;

/** What the page shows: the status, or an error's message (and its code, which picks the hint under it). */
type Shown =
  | { found: true; block: string; ref: string; createdAt: string; decidedAt: string | null }
  | { found: false; code: string; message: string };

export async function handleStatusPage(request: Request, assets: Fetcher, db: D1Database, limiter?: Limiter): Promise<Response> {
  const url = new URL(request.url);
  const lang: Lang = url.pathname.startsWith('/en/') ? 'en' : 'id';
  const page = await assets.fetch(new Request(new URL(STATUS_PAGES[lang], url)));
  const typed = url.searchParams.get('ref');
  if (!page.ok || typed === null) return withSecurityHeaders(page, url.pathname);

  let shown: Shown;
  let status = 200;
  try {
    await enforceRateLimit(request, limiter);
    const { table, answer } = await findStatus(db, typed);
    shown = { found: true, block: `${table}:${answer.status}`, ref: answer.ref, createdAt: answer.createdAt, decidedAt: answer.decidedAt };
  } catch (err) {
    const apiError = toApiError(err);
    status = apiError.status;
    shown = { found: false, code: apiError.code, message: apiError.messageIn(lang) };
  }

  const text = (content: string) => ({
    element(el: Element) {
      el.setInnerContent(content, { html: false });
    },
  });
  const date = (iso: string) => ({
    element(el: Element) {
      el.setAttribute('datetime', iso);
      el.setInnerContent(formatDate(iso, lang), { html: false });
    },
  });
  /** Keeps the elements whose `name` attribute is `value` (unhidden); removes the others. */
  const keep = (name: string, value: string) => ({
    element(el: Element) {
      if (el.getAttribute(name) === value) el.removeAttribute('hidden');
      else el.remove();
    },
  });

  const rewriter = new HTMLRewriter()
    .on('input[name="ref"]', {
      element(el) {
        el.setAttribute('value', typed);
      },
    })
    // The other language's page answers for the same reference.
    .on('[data-lang-switch]', {
      element(el) {
        el.setAttribute('href', statusPageFor(lang === 'id' ? 'en' : 'id', typed));
      },
    })
    .on('[data-answer]', keep('data-answer', shown.found ? 'found' : 'error'));
  if (shown.found) {
    rewriter
      .on('[data-status]', keep('data-status', shown.block))
      .on('[data-status-ref]', text(shown.ref))
      .on('[data-status-created]', date(shown.createdAt))
      .on('[data-decided]', keep('data-decided', shown.decidedAt ? 'yes' : 'no'));
    if (shown.decidedAt) rewriter.on('[data-status-decided]', date(shown.decidedAt));
  } else {
    rewriter
      .on('[data-status-message]', text(shown.message))
      .on('[data-error-hint]', keep('data-error-hint', shown.code));
  }

  const headers = new Headers(page.headers);
  // The answer changes when a moderator decides: never cache a filled page.
  headers.set('Cache-Control', 'no-store');
  if (status === 429) headers.set('Retry-After', RATE_LIMIT_PERIOD_SECONDS);
  applySecurityHeaders(headers, url.pathname);
  return rewriter.transform(new Response(page.body, { status, headers }));
}
