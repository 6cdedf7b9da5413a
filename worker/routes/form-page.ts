// The report and dispute forms as the Worker serves them (/lapor/, /sanggah/
// and their English twins): the site's static page with a fresh submission
// token (worker/reports/idempotency.ts) in its hidden field, and, after a form
// post that failed, the same page filled in again — every value typed (the
// chronology too; files cannot be put back), every error beside its field, an
// error summary at the top (the GOV.UK pattern) and "Error:" before the title.
// Everything goes in as text or attribute values (escaped), never as HTML.
import { FORM_FIELDS, type SubmissionKind } from '../core/report-contract.ts';
import type { Lang } from '../core/lang.ts';

/** The form pages in each language. */
export const FORM_PAGES: Record<SubmissionKind, Record<Lang, string>> = {
  report: { id: '/lapor/', en: '/en/report/' },
  dispute: { id: '/sanggah/', en: '/en/dispute/' },
};

/** What the page shows besides the form: the token, and after a failed post the values and errors. */
export interface FormFill {
  token: string;
  /** Typed values by input name; absent when the body could not be read. */
  values?: ReadonlyMap<string, string>;
  /** Error messages by field; one naming no field of this form is shown in the summary's general line. */
  errors?: ReadonlyMap<string, string>;
}

/** Before the page's title when it shows errors (the forms' script uses the same, site/src/client/submission-form.ts). */
export const ERROR_TITLE_PREFIX: Record<Lang, string> = { id: 'Kesalahan: ', en: 'Error: ' };

/** The selects of each form; every other named input but files is text. */
const SELECTS = ['type', 'bank', 'provider', 'category', 'channel'];

export async function formPage(request: Request, assets: Fetcher, kind: SubmissionKind, lang: Lang, fill: FormFill, status = 200): Promise<Response> {
  const page = await assets.fetch(new Request(new URL(FORM_PAGES[kind][lang], request.url)));
  if (!page.ok) return page;
  const values = fill.values ?? new Map<string, string>();
  const errors = fill.errors ?? new Map<string, string>();
  const fields: readonly string[] = FORM_FIELDS[kind];
  const rewriter = new HTMLRewriter()
    .on('input[name]', {
      element(el) {
        const name = el.getAttribute('name')!;
        if (name === 'submissionToken') return void el.setAttribute('value', fill.token);
        const value = values.get(name);
        if (value !== undefined && el.getAttribute('type') !== 'file') el.setAttribute('value', value);
        if (errors.has(name)) el.setAttribute('aria-invalid', 'true');
      },
    })
    .on('textarea[name]', {
      element(el) {
        const name = el.getAttribute('name')!;
        const value = values.get(name);
        if (value !== undefined) el.setInnerContent(value, { html: false });
        if (errors.has(name)) el.setAttribute('aria-invalid', 'true');
      },
    })
    .on('select[name]', {
      element(el) {
        if (errors.has(el.getAttribute('name')!)) el.setAttribute('aria-invalid', 'true');
      },
    });
  for (const name of SELECTS) {
    const value = values.get(name);
    if (value === undefined) continue;
    rewriter.on(`select[name="${name}"] option`, {
      element(el) {
        if (el.getAttribute('value') === value) el.setAttribute('selected', '');
        else el.removeAttribute('selected');
      },
    });
  }
  if (errors.size > 0) {
    /** An error for a field this form does not show goes in the summary's general line. */
    const slotOf = (field: string) => (fields.includes(field) ? field : 'general');
    const messages = new Map<string, string>();
    for (const [field, message] of errors) if (!messages.has(slotOf(field))) messages.set(slotOf(field), message);
    rewriter
      .on('title', {
        element(el) {
          el.prepend(ERROR_TITLE_PREFIX[lang]);
        },
      })
      .on('[data-error-summary]', {
        element(el) {
          el.removeAttribute('hidden');
        },
      })
      // The others stay hidden (not removed): the forms' script may show them after a later check.
      .on('[data-summary-for]', {
        element(el) {
          if (messages.has(el.getAttribute('data-summary-for')!)) el.removeAttribute('hidden');
        },
      })
      .on('[data-summary-message]', {
        element(el) {
          const message = messages.get(el.getAttribute('data-summary-message')!);
          if (message !== undefined) el.setInnerContent(message, { html: false });
        },
      })
      .on('[data-error-for]', {
        element(el) {
          const message = messages.get(el.getAttribute('data-error-for')!);
          if (message === undefined) return;
          el.removeAttribute('hidden');
          el.setInnerContent(message, { html: false });
        },
      })
      // Files cannot be filled in again: say so where they were chosen.
      .on('[data-files-again]', {
        element(el) {
          el.removeAttribute('hidden');
        },
      });
  }
  const headers = new Headers(page.headers);
  // A fresh token each time, and never a cached copy of someone's typed values.
  headers.set('Cache-Control', 'no-store');
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return rewriter.transform(new Response(page.body, { status, headers }));
}
