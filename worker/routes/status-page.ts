// GET /lapor/status/?ref=… and /en/report/status/?ref=…: a report's or a
// dispute's status without JavaScript. The page is the site's static status
// page (site/src/components/StatusPage.astro), which holds a plain-words
// explanation of every status; HTMLRewriter keeps the one the reference has and
// fills in the reference, the dates, the typed value or the error message, all
// as text (escaped), never as HTML.
import { STATUS_PAGES } from '../core/pages.ts';
import type { Lang } from '../core/lang.ts';
import { formatDate } from '../presentation/result-view.ts';
import type { Limiter } from '../rate-limit.ts';
import { findStatus } from '../reports/report-store.ts';
import { fillPage, type FilledPage } from './filled-page.ts';


/** The status page in `lang` for a reference: what the sent pages link to. */
export const statusPageFor = (lang: Lang, ref: string): string => `${STATUS_PAGES[lang]}?ref=${encodeURIComponent(ref)}`;

/** What the page shows: the status, or an error's message (and its code, which picks the hint under it). */
type Shown =
  | { found: true; block: string; ref: string; createdAt: string; decidedAt: string | null }
  | { found: false; code: string; message: string };

const statusPage = (db: D1Database): FilledPage<Shown> => ({
  pages: STATUS_PAGES,
  asks: (params) => params.get('ref') !== null,
  async answer(params) {
    const { table, answer } = await findStatus(db, params.get('ref')!);
    return { found: true, block: `${table}:${answer.status}`, ref: answer.ref, createdAt: answer.createdAt, decidedAt: answer.decidedAt };
  },
  failed: (error, lang) => ({ found: false, code: error.code, message: error.messageIn(lang) }),
  fill(rewriter, shown, params, lang) {
    const typed = params.get('ref')!;
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

    rewriter
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
  },
});

export function handleStatusPage(request: Request, assets: Fetcher, db: D1Database, limiter?: Limiter): Promise<Response> {
  return fillPage(request, assets, limiter, statusPage(db));
}
