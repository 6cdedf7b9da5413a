// Progressive enhancement of the lookup form (components/LookupForm.astro):
// answer in place through the API, a text filter for the bank list, and the
// result's URL in the address bar so it can be shared. Without this script
// the form still works: it submits to the result page the Worker fills in.
// Data reaches the page only through textContent, never as markup.
import type { Lang } from '../../../worker/core/lang.ts';
import { siteCheckView } from './site-answer.ts';
import { onLatestSubmit } from './latest-submit.ts';
import { findBanks } from './bank-search.ts';
import { renderView } from './view-dom.ts';

/** Long enough for a slow mobile connection; after this the person sees "try again". */

/** Only the fields of the chosen kind, in the form's order: the same query the form submits. */
function queryOf(form: HTMLFormElement): URLSearchParams {
  const data = new FormData(form);
  const type = String(data.get('type') ?? '');
  const params = new URLSearchParams({ type });
  if (type === 'bank') params.set('bank', String(data.get('bank') ?? ''));
  if (type === 'ewallet') params.set('provider', String(data.get('provider') ?? ''));
  params.set('value', String(data.get('value') ?? ''));
  return params;
}

function enhanceBankFilter(form: HTMLFormElement): void {
  const box = form.querySelector<HTMLElement>('[data-bank-filter]');
  const input = box?.querySelector('input');
  const count = box?.querySelector<HTMLElement>('[data-bank-count]');
  const select = form.querySelector<HTMLSelectElement>('select[name="bank"]');
  const popular = select?.querySelector<HTMLOptGroupElement>('optgroup[data-popular]');
  const all = select?.querySelector<HTMLOptGroupElement>('optgroup[data-all]');
  if (!box || !input || !count || !select || !popular || !all) return;
  // Searched as the widget's list is (bank-search.ts): name, code, or a name people know it by ("jenius", "blu").
  const banks = [...all.querySelectorAll('option')].map((option) => ({ code: option.value, short: option.textContent ?? '', option }));
  const template = form.dataset.filterCount ?? '{n}';
  box.hidden = false;

  input.addEventListener('input', () => {
    const query = input.value.trim();
    const matches = findBanks(query, banks).map((bank) => bank.option);
    // While filtering, the A–Z group alone, so no bank is listed twice.
    if (query) popular.remove();
    else if (!popular.isConnected) select.insertBefore(popular, all);
    all.replaceChildren(...matches);
    count.textContent = query ? template.replace('{n}', String(matches.length)) : '';
    const first = matches[0];
    if (query && first && !matches.some((o) => o.selected)) select.value = first.value;
  });
  // Enter in the filter picks the bank instead of submitting the form.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    select.focus();
  });
}

/** A numeric keyboard for numbers, a text keyboard for usernames. */
function followKind(form: HTMLFormElement): void {
  const value = form.querySelector<HTMLInputElement>('input[name="value"]');
  if (!value) return;
  const update = () => {
    const kind = form.querySelector<HTMLInputElement>('input[name="type"]:checked')?.value;
    value.inputMode = kind === 'bank' ? 'numeric' : kind === 'ewallet' || kind === 'phone' ? 'tel' : 'text';
  };
  form.addEventListener('change', update);
  update();
}

function enhance(form: HTMLFormElement): void {
  const result = document.querySelector<HTMLElement>('[data-result]');
  const button = form.querySelector<HTMLButtonElement>('[data-submit]');
  if (!result || !button) return;
  const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const langSwitch = document.querySelector<HTMLAnchorElement>('[data-lang-switch]');
  const linkOtherLanguage = (search: string) => {
    if (langSwitch && form.dataset.otherPage) langSwitch.href = `${form.dataset.otherPage}${search}`;
  };
  if (new URLSearchParams(location.search).has('type')) linkOtherLanguage(location.search);

  onLatestSubmit({
    form,
    button,
    result,
    loadingLabel: form.dataset.loading,
    run: async (signal) => {
      const params = queryOf(form);
      // The private-check box is the page's (PasteBox.astro), above this form: it serves both.
      const privately = document.querySelector<HTMLInputElement>('[data-private-toggle]')?.checked === true;
      const answer = privately
        ? await (await import('./private-check.ts')).privateCheck('', params, lang, signal)
        : await siteCheckView(params, lang, signal);
      // A whole QRIS payload typed: what the code says goes above the answer (read here, on the device).
      const type = params.get('type');
      const value = params.get('value');
      const view = type === 'qris' && (value ?? '').trim().startsWith('000201')
        ? (await import('../../../worker/presentation/qris-view.ts')).withQrisContents(answer, value, lang)
        : answer;
      return { params, privately, view };
    },
    show: ({ params, privately, view }) => {
      result.replaceChildren(renderView(view));
      // A private check keeps what was typed out of the address bar, the history and any shared link.
      if (!privately) {
        const search = `?${params}`;
        history.replaceState(null, '', `${new URL(form.action).pathname}${search}`);
        linkOtherLanguage(search);
      }
    },
  });

  enhanceBankFilter(form);
  followKind(form);
  // The private check needs this script, so its box only appears with it.
  const privateBox = document.querySelector<HTMLElement>('[data-private]');
  if (privateBox) privateBox.hidden = false;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-lookup]')) enhance(form);
