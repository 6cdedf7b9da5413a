// The answer to a report or dispute form posted without JavaScript: the site's
// static outcome page (/lapor/terkirim/, /sanggah/terkirim/ and their English
// twins) with the success or the error block shown and the reference or message
// filled in by HTMLRewriter as text (escaped), never as HTML, and the link to
// the reference's status page.
import type { Lang } from '../core/lang.ts';
import { statusPageFor } from './status-page.ts';

export type Submission = 'report' | 'dispute';

const OUTCOME_PAGES: Record<Submission, Record<Lang, string>> = {
  report: { id: '/lapor/terkirim/', en: '/en/report/sent/' },
  dispute: { id: '/sanggah/terkirim/', en: '/en/dispute/sent/' },
};

export type Outcome = { ok: true; ref: string } | { ok: false; message: string; field?: string | undefined };

export async function outcomePage(
  request: Request,
  assets: Fetcher,
  lang: Lang,
  outcome: Outcome,
  status: number,
  kind: Submission = 'report',
): Promise<Response> {
  const page = await assets.fetch(new Request(new URL(OUTCOME_PAGES[kind][lang], request.url)));
  const shown = outcome.ok ? 'ok' : 'error';
  const rewritten = new HTMLRewriter()
    .on('[data-outcome]', {
      element(el) {
        if (el.getAttribute('data-outcome') === shown) el.removeAttribute('hidden');
        else el.remove();
      },
    })
    .on('[data-outcome-ref]', {
      element(el) {
        if (outcome.ok) el.setInnerContent(outcome.ref);
      },
    })
    .on('[data-outcome-status]', {
      element(el) {
        if (outcome.ok) el.setAttribute('href', statusPageFor(lang, outcome.ref));
      },
    })
    .on('[data-outcome-message]', {
      element(el) {
        if (!outcome.ok) el.setInnerContent(outcome.message);
      },
    })
    // The label of the field the error names; the whole line goes when it names none.
    .on('[data-outcome-field]', {
      element(el) {
        if (!outcome.ok && outcome.field) el.removeAttribute('hidden');
        else el.remove();
      },
    })
    .on('[data-field]', {
      element(el) {
        if (outcome.ok || el.getAttribute('data-field') !== outcome.field) el.remove();
      },
    })
    .transform(page);
  const headers = new Headers(rewritten.headers);
  headers.set('Cache-Control', 'no-store');
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(rewritten.body, { status, headers });
}
