// The <cek-dulu> box's bank question: bundled on its own into an ES module
// published at /embed/v/<the modules' hash>/bank.js (site/build/embed-bundle.ts), which
// the widget imports only when a pasted message held digits that named no bank
// (the API's unresolved `bank_not_named`). Apart from embed.js because the
// widget's 8 KB budget has no room for a second bank picker and its answer
// (about 400 bytes gzipped); this costs the widget one import of ~60.
// Each question is a card as the site's paste box and the no-JS iframe ask it
// (worker/presentation/paste-view.ts, same words): the digits, a bank list
// (popular first, then A–Z), a button; the answer, through GET /api/v1/check
// with the partner kept, replaces the card, with its link to the full result.
// A wrong choice (a length that bank's accounts never have) keeps the question
// under the error, so the buyer can choose again: no dead end.
import type { CheckBatchResponse } from '../../../worker/core/api-types.ts';
import { BANKS, bankByCode, POPULAR_BANK_CODES, type Bank } from '../../../worker/core/banks.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { BANK_QUESTION_WORDS } from '../../../worker/presentation/paste-view.ts';
import { describeError } from '../../../worker/presentation/result-view.ts';
import { checkView } from '../client/api-answer.ts';
import { el, renderView } from '../client/view-dom.ts';
import { WIDGET_TEXT } from './widget-text.ts';

/** Long enough for a slow mobile connection; after it the answer says "could not check", never "not reported". */
const TIMEOUT_MS = 15_000;
let ids = 0;
/** The heading of an answer about what was typed or chosen (a 400), as result-view.ts words it. */
const inputHeading = (lang: Lang) => describeError({ error: { code: 'bank_account_length', message: '' } }, lang, 400).heading;

/**
 * A card per unresolved item of a pasted message's answer that asks for its bank
 * (`bank_not_named`), none for the rest. `query` is the widget's API query (its
 * partner), `origin` CekDulu's, where the API and the full result live. The default
 * export: the widget calls it as `.default`, the shortest name it can carry.
 */
export default function bankQuestions(origin: string, { unresolved }: Pick<CheckBatchResponse, 'unresolved'>, query: URLSearchParams, lang: Lang): HTMLElement[] {
  const words = BANK_QUESTION_WORDS[lang];
    const option = (b: Bank) => el('option', { value: b.code }, b.short);
  const byName = [...BANKS].sort((x, y) => x.short.localeCompare(y.short));

  return unresolved
    .filter((item) => item.code === 'bank_not_named')
    .map(({ value, message }) => {
      const id = `bank-question-${++ids}`;
      const card = el('div', { class: 'ask', tabindex: '-1' });
      const form = el('form', { novalidate: '' });
      const select = el('select', { id, required: '' });
      const popular = el('optgroup', { label: words.popular });
      const all = el('optgroup', { label: words.all });
      popular.append(...POPULAR_BANK_CODES.map((code) => option(bankByCode(code)!)));
      all.append(...byName.map(option));
      select.append(el('option', { value: '' }, words.choose), popular, all);
      const button = el('button', { type: 'submit' }, words.submit);
      const field = el('div', { class: 'field' });
      field.append(el('label', { for: id }, words.bankLabel), select);
      const problem = el('div');
      form.append(el('p', {}, `${value}: ${message}`), field, button);
      card.append(form);

      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!select.value) return select.focus();
        button.disabled = true;
        const lookup = new URLSearchParams({ type: 'bank', bank: select.value, value });
        const params = new URLSearchParams(query);
        for (const [name, v] of lookup) params.set(name, v);
        const view = await checkView(origin, params, lang, AbortSignal.timeout(TIMEOUT_MS));
        button.disabled = false;
        if (view.tone === 'error') {
          // The question stays, under what was wrong: another bank can be chosen. For what the buyer chose (a
          // 400: a bank whose accounts never have that many digits) the hint says so, not the form's "fix the
          // number, press Cek sekarang", which names a field and a button this card does not have.
          if (view.heading === inputHeading(lang)) view.lines = [view.lines[0]!, words.again];
          problem.replaceChildren(renderView(view, origin));
          card.prepend(problem);
          return;
        }
        const answer = renderView(view, origin);
        answer.tabIndex = -1;
        const more = el('p', { class: 'more' });
        more.append(el('a', { href: `${origin}${lang === 'en' ? '/en/check/' : '/cek/'}?${lookup}`, target: '_blank', rel: 'noopener' }, WIDGET_TEXT[lang].full));
        answer.append(more);
        card.replaceWith(answer);
        answer.focus();
      });
      return card;
    });
}
