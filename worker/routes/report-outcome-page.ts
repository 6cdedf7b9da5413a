// The "sent" pages (/lapor/terkirim/, /sanggah/terkirim/ and their English
// twins): a form post is answered 303 See Other to here with the reference in
// the URL (?ref=…), so a refresh or the back button reloads this page and
// never posts the form again. The Worker keeps the success block when the
// reference exists (worker/reports/report-store.ts, findStatus), fills it in as
// text (escaped), never as HTML, and points the status link at the
// reference's status page, in the page's own language — the form's.
import type { SubmissionKind } from '../core/report-contract.ts';
import type { Lang } from '../core/lang.ts';
import type { Limiter } from '../rate-limit.ts';
import { findStatus } from '../reports/report-store.ts';
import { fillPage, type FilledPage } from './filled-page.ts';
import { statusPageFor } from './status-page.ts';

const OUTCOME_PAGES: Record<SubmissionKind, Record<Lang, string>> = {
  report: { id: '/lapor/terkirim/', en: '/en/report/sent/' },
  dispute: { id: '/sanggah/terkirim/', en: '/en/dispute/sent/' },
};

/** Where a form post in `lang` that filed `ref` is sent on to. */
export const outcomePageFor = (kind: SubmissionKind, lang: Lang, ref: string): string =>
  `${OUTCOME_PAGES[kind][lang]}?ref=${encodeURIComponent(ref)}`;

type Shown = { ok: true; ref: string } | { ok: false; message: string };

const outcomePage = (db: D1Database, kind: SubmissionKind): FilledPage<Shown> => ({
  pages: OUTCOME_PAGES[kind],
  // Without a reference the page says so too: there is nothing else it can show.
  asks: () => true,
  async answer(params) {
    const { answer } = await findStatus(db, params.get('ref') ?? '', kind === 'report' ? 'reports' : 'disputes');
    return { ok: true, ref: answer.ref };
  },
  failed: (error, lang) => ({ ok: false, message: error.messageIn(lang) }),
  fill(rewriter, shown, _params, lang) {
    const block = shown.ok ? 'ok' : 'error';
    rewriter
      .on('[data-outcome]', {
        element(el) {
          if (el.getAttribute('data-outcome') === block) el.removeAttribute('hidden');
          else el.remove();
        },
      })
      .on('[data-outcome-ref]', {
        element(el) {
          if (shown.ok) el.setInnerContent(shown.ref, { html: false });
        },
      })
      .on('[data-outcome-status]', {
        element(el) {
          if (shown.ok) el.setAttribute('href', statusPageFor(lang, shown.ref));
        },
      })
      .on('[data-outcome-message]', {
        element(el) {
          if (!shown.ok) el.setInnerContent(shown.message, { html: false });
        },
      });
  },
});

export function handleOutcomePage(request: Request, assets: Fetcher, db: D1Database, kind: SubmissionKind, limiter?: Limiter): Promise<Response> {
  return fillPage(request, assets, limiter, outcomePage(db, kind));
}
