// What the no-JavaScript page shows for a pasted message (GET /cek/?text=…):
// what was read and what could not be checked (readingTree, the same words as
// the site's script and the widget), one answer card per identifier read, as
// the single lookup shows it (describeCheckAt, resultViewToHtml), then, for each
// number whose bank the text does not name, a small form asking for the bank
// that submits the ordinary single lookup (type=bank, value, bank) to the same
// page; any other part that could not be checked has no such form. Every text and
// attribute value is escaped; the pasted text itself never appears here (the
// page keeps it only in its textarea).
import type { CheckResponse, CheckUnresolved } from '../core/api-types.ts';
import { BANKS, POPULAR_BANK_CODES, bankByCode, type Bank } from '../core/banks.ts';
import type { Lang } from '../core/lang.ts';
import { RESULT_PAGES } from '../core/pages.ts';
import { describeCheckAt, elementToHtml, escapeHtml, readingTree, resultViewToHtml } from './result-view.ts';

export interface PasteAnswer {
  /** The answer for each identifier read, in text order. */
  results: CheckResponse[];
  /** What was read but could not be looked up as it stands, in text order. */
  unresolved: CheckUnresolved[];
}

const TEXT = {
  id: {
    none: 'Tidak ada nomor rekening, nomor HP atau akun yang terbaca di pesan ini. Periksa pesannya, atau isi nomor atau akunnya satu per satu di formulir cek di bawah.',
  },
  en: {
    none: 'No account number, phone number or account could be read in this message. Check the message, or enter each number or account in the check form below.',
  },
} as const;

/** The bank question's words, here and in the widget's own (site/src/embed/bank-question-module.ts). */
export const BANK_QUESTION_WORDS = {
  id: { bankLabel: 'Bank', choose: 'Pilih bank', popular: 'Bank populer', all: 'Semua bank (A–Z)', submit: 'Cek rekening ini', again: 'Pilih bank lain, lalu tekan “Cek rekening ini” lagi.' },
  en: { bankLabel: 'Bank', choose: 'Choose the bank', popular: 'Popular banks', all: 'All banks (A–Z)', submit: 'Check this account', again: 'Choose another bank, then press “Check this account” again.' },
} as const;

/** The site's picker's option text (site/src/components/LookupForm.astro). */
const bankLabel = (bank: Bank) => (bank.short === bank.name ? `${bank.name} (${bank.code})` : `${bank.short} — ${bank.name} (${bank.code})`);
const option = (bank: Bank) => `<option value="${escapeHtml(bank.code)}">${escapeHtml(bankLabel(bank))}</option>`;

/** The options once per language: popular first, as in the site's picker, then all by name. */
const bankOptions = (lang: Lang): string => {
  const popular = POPULAR_BANK_CODES.map((code) => bankByCode(code)).filter((bank) => bank !== undefined);
  const byName = [...BANKS].sort((a, b) => bankLabel(a).localeCompare(bankLabel(b), 'id'));
  const text = BANK_QUESTION_WORDS[lang];
  return (
    `<option value="">${escapeHtml(text.choose)}</option>` +
    `<optgroup label="${escapeHtml(text.popular)}">${popular.map(option).join('')}</optgroup>` +
    `<optgroup label="${escapeHtml(text.all)}">${byName.map(option).join('')}</optgroup>`
  );
};

/**
 * "Which bank is this account number at?" with a bank picker: the single lookup
 * for these digits, sent to `action` (the result page; the widget's iframe
 * page, with its partner and language as `hidden` fields).
 */
export function bankQuestion(item: Pick<CheckUnresolved, 'value' | 'message'>, n: number, lang: Lang, action = `${RESULT_PAGES[lang]}#result`, hidden: Record<string, string> = {}): string {
  const text = BANK_QUESTION_WORDS[lang];
  const id = `paste-bank-${n}`;
  return (
    `<form class="paste-question" method="get" action="${escapeHtml(action)}">` +
    `<p class="paste-question__text">${escapeHtml(item.message)} <strong class="paste-question__value">${escapeHtml(item.value)}</strong></p>` +
    Object.entries(hidden).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`).join('') +
    '<input type="hidden" name="type" value="bank" />' +
    `<input type="hidden" name="value" value="${escapeHtml(item.value)}" />` +
    `<label class="field__label" for="${id}">${escapeHtml(text.bankLabel)}</label>` +
    `<select class="select" id="${id}" name="bank" required>${bankOptions(lang)}</select>` +
    `<button class="button" type="submit">${escapeHtml(text.submit)}</button>` +
    '</form>'
  );
}

export function pasteViewToHtml(answer: PasteAnswer, lang: Lang): string {
  const text = TEXT[lang];
  if (answer.results.length === 0 && answer.unresolved.length === 0) {
    return `<div class="paste-result"><p class="paste-result__none">${escapeHtml(text.none)}</p></div>`;
  }
  const parts = [elementToHtml(readingTree(answer.results.map((r) => r.query), answer.unresolved, lang))];
  for (const result of answer.results) parts.push(resultViewToHtml(describeCheckAt(result, lang)));
  answer.unresolved.forEach((item, n) => {
    if (item.code === 'bank_not_named') parts.push(bankQuestion(item, n, lang));
  });
  return `<div class="paste-result">${parts.join('')}</div>`;
}
