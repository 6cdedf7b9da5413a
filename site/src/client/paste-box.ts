// Progressive enhancement of the paste box (components/PasteBox.astro): the
// pasted text goes to POST /api/v1/check, which reads it (worker/core/extract.ts)
// and answers one lookup per identifier. The page's result region says first
// what was read and what could not be checked (readingTree, the words the
// no-JS page and the widget use too), then has a card per identifier, in text
// order, then one per number that named no bank, asking for it. A bank
// account's card offers another bank, re-checked through GET.
// The reader itself stays out of this file: it brings libphonenumber and tldts,
// far over the home page's budget; the private check loads it on demand
// (private-paste.ts). The text is never put in the address bar: a pasted
// message can carry the buyer's own details. Data reaches the page only
// through textContent.
import type { CheckBatchResponse, CheckQuery, CheckUnresolved } from '../../../worker/core/api-types.ts';
import { bankByCode } from '../../../worker/core/banks.ts';
import type { ErrorBody } from '../../../worker/core/errors.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import { describeCheckAt, describeError, readingTree, type ResultView } from '../../../worker/presentation/result-view.ts';
import { siteCheckView } from './site-answer.ts';
import { bringIntoView, onLatestSubmit, TIMEOUT_MS } from './latest-submit.ts';
import { enhancePictures } from './paste-picture.ts';
import { el, renderView, toDom } from './view-dom.ts';

/** Long enough for a slow mobile connection; after this the person sees "try again". */

/** One identifier read from the text, as it was looked up, and its answer. */
export interface PasteAnswer {
  query: Pick<CheckQuery, 'type' | 'value' | 'bank' | 'provider'>;
  view: ResultView;
}

/** What reading a pasted text gives, by the API or by the private check. */
export interface PasteReading {
  answers: PasteAnswer[];
  unresolved: Pick<CheckUnresolved, 'value' | 'code' | 'message'>[];
}

async function readThroughApi(text: string, lang: Lang, signal: AbortSignal): Promise<PasteReading | ResultView> {
  try {
    const res = await fetch('/api/v1/check', {
      method: 'POST',
      headers: { 'Accept-Language': lang, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
      signal,
    });
    const body = await res.json();
    if (!res.ok) return describeError(body as ErrorBody, lang, res.status);
    const batch = body as CheckBatchResponse;
    return { answers: batch.results.map((r) => ({ query: r.query, view: describeCheckAt(r, lang) })), unresolved: batch.unresolved };
  } catch {
    return describeError(null, lang, 0);
  }
}

const fill = (template: string | undefined, vars: Record<string, string>) =>
  (template ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);

function enhance(form: HTMLFormElement): void {
  const result = document.querySelector<HTMLElement>('[data-result]');
  const button = form.querySelector<HTMLButtonElement>('[data-submit]');
  const textarea = form.querySelector<HTMLTextAreaElement>('textarea[name="text"]');
  // The by-field form's bank list (popular first, then A–Z), copied before its filter can narrow it.
  const bankList = document.querySelector<HTMLSelectElement>('select[name="bank"]')?.cloneNode(true) as HTMLSelectElement | undefined;
  if (!result || !button || !textarea || !bankList) return;
  for (const name of ['name', 'id', 'aria-describedby']) bankList.removeAttribute(name);
  const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const words = form.dataset;
  let ids = 0;

  /** A bank select with its label and button: another bank for `value`, answered in place of `card`. */
  function bankForm(value: string, label: string, action: string, card: HTMLElement, privately: boolean): HTMLFormElement {
    const id = `paste-bank-${++ids}`;
    const choice = el('form', { class: 'answer__bank' });
    const select = bankList!.cloneNode(true) as HTMLSelectElement;
    select.id = id;
    const submit = el('button', { class: 'button button--secondary', type: 'submit' }, action);
    choice.append(el('label', { class: 'field__label', for: id }, label), select, submit);
    choice.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!select.value) return select.focus();
      submit.disabled = true;
      const query = { type: 'bank' as const, bank: select.value, value };
      const params = new URLSearchParams(query);
      const signal = AbortSignal.timeout(TIMEOUT_MS);
      const view = privately
        ? await (await import('./private-check.ts')).privateCheck('', params, lang, signal)
        : await siteCheckView(params, lang, signal);
      const next = answerCard({ query, view }, privately);
      card.replaceWith(next);
      next.focus();
    });
    return choice;
  }

  function answerCard({ query, view }: PasteAnswer, privately: boolean): HTMLElement {
    const card = el('div', { class: 'answer', tabindex: '-1' });
    card.append(renderView(view));
    if (query.type === 'bank' && view.tone !== 'error') {
      const other = el('details', { class: 'answer__other' });
      const bank = bankByCode(query.bank ?? '')?.short ?? query.bank ?? '';
      other.append(
        el('summary', {}, fill(words.correct, { bank })),
        bankForm(query.value, fill(words.correctLabel, { value: query.value }), words.recheck ?? '', card, privately),
      );
      card.append(other);
    }
    return card;
  }

  /** Digits that named no bank (`bank_not_named`): the question, and a bank to check them at. */
  function askCard(entry: PasteReading['unresolved'][number], privately: boolean): HTMLElement {
    const card = el('div', { class: 'answer answer--ask', tabindex: '-1' });
    card.append(
      el('h2', { class: 'answer__question' }, `${entry.value}: ${entry.message}`),
      bankForm(entry.value, fill(words.askLabel, { value: entry.value }), words.ask ?? '', card, privately),
    );
    return card;
  }

  // Set when this script showed a pasted message's answer: the language switch then carries the message over.
  let shownHere = false;

  onLatestSubmit({
    form,
    button,
    result,
    loadingLabel: words.loading,
    run: async (signal) => {
      const privately = document.querySelector<HTMLInputElement>('[data-private-toggle]')?.checked === true;
      const reading = privately
        ? await (await import('./private-paste.ts')).privatePaste(textarea.value, lang, signal)
        : await readThroughApi(textarea.value, lang, signal);
      return { privately, reading };
    },
    show: ({ privately, reading }) => {
      shownHere = true;
      const none: ResultView = { tone: 'error', heading: words.none ?? '', lines: [words.noneHint ?? ''], matches: [] };
      result.replaceChildren(
        ...('tone' in reading
          ? [renderView(reading)]
          : reading.answers.length + reading.unresolved.length === 0
            ? [renderView(none)]
            : [
                // Every part that could not be checked is listed here, with its message; only a bank question gets a card.
                toDom(readingTree(reading.answers.map((a) => a.query), reading.unresolved, lang)),
                ...reading.answers.map((a) => answerCard(a, privately)),
                ...reading.unresolved.filter((u) => u.code === 'bank_not_named').map((u) => askCard(u, privately)),
              ]),
      );
    },
  });
  // A by-field lookup shown after it replaces the pasted answer: the switch then keeps that lookup's query instead (lookup-form.ts).
  document.querySelector('form[data-lookup]')?.addEventListener('submit', () => (shownHere = false));
  carryAcrossLanguages(form, textarea, () => shownHere);
  enhancePictures(form, textarea, lang);
  // A result the Worker filled in (a shared or submitted message, a field lookup): under the heading, its heading focused.
  if (result.childElementCount > 0) bringIntoView(result);
}

/** Where the language switch leaves a pasted message for the other language's page: this tab only, read once. */
const CARRIED = 'cekdulu:paste';
/** What is left there (read as untrusted: another script of the site could have written it). */
type Carried = { text?: unknown; privately?: unknown };

/**
 * The language switch keeps a pasted check: the other language's page opens
 * with the same answer. The message never goes into the address (it can carry
 * the buyer's own details): when the switch is followed after this script
 * answered a message, the message (and whether the check was private) is left
 * in this tab's sessionStorage, and the page it opens takes it out at once and
 * checks it again. Nothing is left when no answer was shown.
 */
function carryAcrossLanguages(form: HTMLFormElement, textarea: HTMLTextAreaElement, answered: () => boolean): void {
  const privateToggle = () => document.querySelector<HTMLInputElement>('[data-private-toggle]');
  document.querySelector<HTMLAnchorElement>('[data-lang-switch]')?.addEventListener('click', (event) => {
    if (!answered() || !textarea.value.trim()) return;
    const link = event.currentTarget as HTMLAnchorElement;
    try {
      sessionStorage.setItem(CARRIED, JSON.stringify({ text: textarea.value, privately: privateToggle()?.checked === true }));
      // The other page without a query: the message carried here is what it checks, not an older one in the address.
      link.href = link.pathname;
    } catch {
      // Storage refused (a browser setting): the switch opens the other page as before.
    }
  });
  let carried: Carried | null = null;
  try {
    carried = JSON.parse(sessionStorage.getItem(CARRIED) ?? 'null') as Carried | null;
    sessionStorage.removeItem(CARRIED);
  } catch {
    return;
  }
  if (typeof carried?.text !== 'string') return;
  textarea.value = carried.text;
  const toggle = privateToggle();
  if (toggle) toggle.checked = carried.privately === true;
  form.requestSubmit();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-paste]')) enhance(form);
