// GET /cek/?text=…, /en/check/?text=… (and a share target's title, text and url):
// a pasted seller's message checked without JavaScript. The same batch as
// POST /api/v1/check {text} (batchFrom, lookupMany): one live snapshot, one
// rate-limit unit per identifier, any snapshot_unavailable makes the page 503
// (never a partial "not reported"), text over 2,000 characters a 400. The page
// keeps the text in its textarea (HTMLRewriter escapes text content) and
// nowhere else; it is never logged. The answers go in the page's one result
// region, [data-result], under the page's heading (site/src/components/LookupPage.astro),
// and the by-field form is folded away, so the answer is on the first screen.
import type { Lang } from '../core/lang.ts';
import { errorBody } from '../core/errors.ts';
import { RESULT_PAGES } from '../core/pages.ts';
import { batchFrom } from '../lookup/check-batch.ts';
import { lookupMany } from '../lookup/lookup-many.ts';
import type { SnapshotSource } from '../lookup/snapshot-source.ts';
import { pasteViewToHtml } from '../presentation/paste-view.ts';
import { describeError, resultViewToHtml } from '../presentation/result-view.ts';
import type { FilledPage } from './filled-page.ts';

/** What a share target sends (site/public/manifest.webmanifest, share_target.params), in reading order. */
const SHARED_FIELDS = ['title', 'text', 'url'] as const;

/** Whether the query carries a message: the paste form's `text`, or any field a share sends. */
export const asksPaste = (params: URLSearchParams): boolean => SHARED_FIELDS.some((name) => params.has(name));

/**
 * The one text read: title, text and url joined by line breaks, each once. A shared
 * WhatsApp message arrives as `text`, a shared page as `title` and `url`; some apps
 * also put the url inside the text, which then is not added again.
 */
function pastedText(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const name of SHARED_FIELDS) {
    const part = (params.get(name) ?? '').trim();
    if (part !== '' && !parts.some((earlier) => earlier.includes(part))) parts.push(part);
  }
  return parts.join('\n');
}

export const pastePage = (source: SnapshotSource, charge: (units: number) => Promise<void>): FilledPage<string> => ({
  pages: RESULT_PAGES,
  asks: asksPaste,
  async answer(params, lang: Lang) {
    const { asked, unresolved } = batchFrom({ text: pastedText(params) }, lang);
    // One unit per identifier looked up; fillPage took the first.
    await charge(asked.length - 1);
    const { results } = await lookupMany(asked, source);
    return pasteViewToHtml({ results: results.map((r) => r.body), unresolved }, lang);
  },
  failed: (error, lang) => resultViewToHtml(describeError(errorBody(error, lang), lang, error.status)),
  fill(rewriter, html, params) {
    rewriter
      .on('[data-result]', {
        element(el) {
          el.setInnerContent(html, { html: true });
        },
      })
      .on('details[data-by-field]', {
        element(el) {
          el.removeAttribute('open');
        },
      })
      .on('textarea[name="text"]', {
        element(el) {
          // Text content, escaped by HTMLRewriter: the person edits it and sends it again.
          el.setInnerContent(pastedText(params));
        },
      });
  },
});
