// <cek-dulu>: the lookup as one custom element for partner pages
// (docs/embed.md: attributes, parts, compatibility promise).
// One <script src="https://HOST/embed.js" async>, then <cek-dulu lang="id|en" mode="box|fields"
// type="bank|ewallet|phone|instagram|facebook|…" theme="light|dark|auto" partner="your-id">.
// The box sends the pasted text to POST /api/v1/check, which reads it: the
// widget carries no parser (extract.ts, libphonenumber, tldts stay on the server). Shadow DOM keeps the host page's
// CSS out and ours in; every text goes in through textContent, never as HTML;
// no cookies, no storage, nothing loaded at run time unless a visitor ticks
// "private check", or a pasted message holds digits with no bank named: only then
// is that module imported, from ORIGIN at this build's immutable address for it,
// /embed/v/<the modules' hash>/private.js or bank.js (docs/embed.md).
import type { Lang } from '../../../worker/core/lang.ts';
import type { IdentifierType } from '../../../worker/core/identifier-kinds.ts';
import { BANKS, bankByCode, POPULAR_BANK_CODES, type Bank } from '../../../worker/core/banks.ts';
import { findBanks } from '../client/bank-search.ts';
import type { CheckQuery } from '../../../worker/core/api-types.ts';
import { describeBatch, describeError, PROVIDER_NAMES, readingTree, type ResultView, type ViewElement } from '../../../worker/presentation/result-view.ts';
import { checkTextAnswer, checkView } from '../client/api-answer.ts';
import { el, renderView, toDom } from '../client/view-dom.ts';
import { PARTNER_PATTERN } from './snippets.ts';
import { WIDGET_CSS } from './widget-style.ts';
import { WIDGET_TEXT } from './widget-text.ts';

/**
 * The private check module's address, /embed/v/<the modules' hash>/private.js: set by the build
 * (site/build/embed-bundle.ts, esbuild's define), so a widget pinned by its own hash
 * imports the one module built with it.
 */
declare const PRIVATE_CHECK_PATH: string;
/**
 * The bank question's address, /embed/v/<the modules' hash>/bank.js, set by the build the same way:
 * imported only when a pasted message held digits with no bank named (bank-question-module.ts).
 */
declare const BANK_QUESTION_PATH: string;

/** The attributes, all optional (docs/embed.md). Unknown values fall back to the default. */
export interface CekDuluAttributes {
  lang: Lang; // 'id' | 'en'
  /**
   * 'box' (one box for the seller's message) | 'fields' (kind, bank, value). The default is
   * 'box', but 'fields' when `type` is set: embeds from before the box keep their look.
   */
  mode: 'box' | 'fields';
  type: IdentifierType; // 'bank' | 'ewallet' | 'phone' | 'instagram' | 'facebook'
  theme: 'light' | 'dark' | 'auto';
  /** Counts use per partner site; nothing about the visitor. */
  partner: string; // [a-z0-9-]{1,40}
}

const TAG = 'cek-dulu';
/**
 * The CekDulu origin this script was loaded from: where the API and the full
 * result live. currentScript is set while a classic script (async too) first
 * runs; the selector covers a bundler or loader that runs it otherwise.
 */
const ORIGIN = new URL(
  ((document.currentScript ?? document.querySelector('script[src*="/embed"]')) as HTMLScriptElement | null)?.src ?? location.href,
).origin;

let sheet: CSSStyleSheet | null = null;

/** An answer's view, with the query of its full result on CekDulu (none after a private check, or for an error). */
type Card = [ResultView, (URLSearchParams | CheckQuery)?];

class CekDuluElement extends HTMLElement {
  static observedAttributes: (keyof CekDuluAttributes)[] = ['lang', 'mode', 'type', 'theme', 'partner'];
  readonly #root = this.attachShadow({ mode: 'open' });
  #inFlight: AbortController | null = null;

  connectedCallback(): void {
    // Constructed stylesheets are not inline styles: a partner's strict CSP (no 'unsafe-inline') still allows them.
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    this.#root.adoptedStyleSheets = [sheet];
    this.#render();
  }

  disconnectedCallback(): void {
    this.#inFlight?.abort();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#render();
  }

  get #language(): Lang {
    return this.getAttribute('lang') === 'en' ? 'en' : 'id';
  }

  /** The API call's query: the lookup's (if any), with the partner id when it is a valid one. */
  #apiQuery(params?: URLSearchParams): URLSearchParams {
    const partner = this.getAttribute('partner');
    params = new URLSearchParams(params);
    if (partner !== null) {
      if (PARTNER_PATTERN.test(partner)) params.append('partner', partner);
      else console.warn(`[cek-dulu] partner="${partner}" ignored: [a-z0-9-]{1,40}`);
    }
    return params;
  }

  #render(): void {
    this.#inFlight?.abort();
    const lang = this.#language;
    const text = WIDGET_TEXT[lang];
    const preset = this.getAttribute('type');
    const mode = this.getAttribute('mode');

    const form = el('form', { part: 'form', novalidate: '' });
    // The title links to CekDulu itself: who answers, and where the guidance is.
    const heading = el('p', { class: 'title', part: 'title' });
    heading.append(el('a', { href: `${ORIGIN}${lang === 'en' ? '/en/' : '/'}`, target: '_blank', rel: 'noopener' }, text.title));
    const button = el('button', { type: 'submit', part: 'button' }, text.submit);
    // role=status is a polite live region: screen readers announce the answer when it arrives.
    const result = el('div', { class: 'result', part: 'result', role: 'status' });
    const field = (label: string, control: HTMLElement) => {
      const wrap = el('div', { class: 'field' });
      wrap.append(el('label', { for: control.id }, label), control);
      return wrap;
    };
    const widget = el('div', { class: 'w' });
    widget.append(heading, form, result);
    this.#root.replaceChildren(widget);

    // The box, unless asked for the fields; a `type` without a `mode` (every embed from before the box) keeps the fields.
    if (mode !== 'fields' && (mode === 'box' || preset === null)) {
      const box = el('textarea', { id: 'text', name: 'text', rows: '4', maxlength: '2000', spellcheck: 'false' });
      form.append(field(text.paste, box), button);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void this.#check(form, button, result, text, false, box.value);
      });
      return;
    }

    const type = el('select', { id: 'type', name: 'type' });
    // The kinds as the widget's words list them (every IdentifierType, in its order: tests/unit/embed-bundle.test.ts),
    // so the bundle carries no second list of them.
    for (const [kind, label] of Object.entries(text.kinds)) type.append(el('option', { value: kind }, label));
    if (preset && Object.hasOwn(text.kinds, preset)) type.value = preset;

    // The banks most transfers go to first, then all by short name (BCA, BNI, BRI, BSI, Mandiri…), as on the site;
    // above them a search by name, code or alias ("jenius", "blu", "livin": site/src/client/bank-search.ts).
    const bank = el('select', { id: 'bank', name: 'bank' });
    const popular = el('optgroup', { label: text.popularBanks });
    const all = el('optgroup', { label: text.allBanks });
    const option = (b: Bank) => el('option', { value: b.code }, b.short);
    for (const code of POPULAR_BANK_CODES) popular.append(option(bankByCode(code)!));
    const byName = [...BANKS].sort((x, y) => x.short.localeCompare(y.short));
    const options = new Map(byName.map((b) => [b, option(b)]));
    all.append(...options.values());
    bank.append(el('option', { value: '' }, text.chooseBank), popular, all);
    // No name: not part of the query.
    const search = el('input', { id: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false' });
    search.addEventListener('input', () => {
      const found = findBanks(search.value, byName);
      // While searching, the A–Z group alone (no bank twice), the best match chosen.
      if (search.value.trim()) popular.remove();
      else bank.insertBefore(popular, all);
      all.replaceChildren(...found.map((b) => options.get(b)!));
      if (search.value.trim() && found[0]) bank.value = found[0].code;
    });
    // Enter in the search picks the bank rather than submitting.
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        bank.focus();
      }
    });

    const provider = el('select', { id: 'provider', name: 'provider' });
    // The e-wallets in EWALLET_PROVIDERS's order, as PROVIDER_NAMES lists them (result-view.ts).
    for (const [p, name] of Object.entries(PROVIDER_NAMES)) provider.append(el('option', { value: p }, name));

    const value = el('input', { id: 'value', name: 'value', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '200' });
    const bankField = field(text.bankSearch, search);
    bankField.append(el('label', { for: 'bank' }, text.bank), bank);
    const providerField = field(text.provider, provider);
    const follow = () => {
      bankField.hidden = type.value !== 'bank';
      providerField.hidden = type.value !== 'ewallet';
    };
    type.addEventListener('change', follow);
    follow();

    // The private check: only a hash prefix leaves the device (site/src/embed/private-check-module.ts).
    // No name: it is not part of the query.
    const privately = el('input', { type: 'checkbox' });
    const privateField = el('label', { class: 'field check' });
    privateField.append(privately, text.private);

    form.append(field(text.kind, type), bankField, providerField, field(text.value, value), privateField, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#check(form, button, result, text, privately.checked);
    });
  }

  /** Checks the fields shown, or `pasted` (the box's text) when given. */
  async #check(form: HTMLFormElement, button: HTMLButtonElement, result: HTMLElement, text: (typeof WIDGET_TEXT)[Lang], privately: boolean, pasted?: string): Promise<void> {
    const lang = this.#language;
    const en = lang === 'en';
    // The fields of the chosen kind, in the form's order (type, bank or provider, value): the ones shown.
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (!(form.elements.namedItem(name) as HTMLElement).parentElement!.hidden) params.append(name, value as string);
    }

    this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    button.disabled = true;
    button.textContent = text.loading;
    result.setAttribute('aria-busy', 'true');

    // A cross-origin fetch sends no cookies by default; the API sets none either.
    // A pasted message's answer starts with what was read and what could not be checked (as on CekDulu's pages).
    let reading: ViewElement | undefined;
    // Digits with no bank named get the bank question, answered in place: its module, from CekDulu's origin,
    // loaded only then (no room for it in this file's budget). Blocked or offline: the reading still lists them.
    let asks: Promise<HTMLElement[]> | undefined;
    const query = this.#apiQuery();
    const answer: Card[] | ResultView = await (pasted !== undefined
      ? // One card per identifier the server read, each linking to its own full result.
        checkTextAnswer(ORIGIN, query, pasted, lang, controller.signal, (body) => {
          if (body.unresolved.length)
            asks = import(ORIGIN + BANK_QUESTION_PATH).then(
              (module: typeof import('./bank-question-module.ts')) => module.default(ORIGIN, body, query, lang),
              () => [],
            );
          if (body.results.length || body.unresolved.length) reading = readingTree(body.results.map((r) => r.query), body.unresolved, lang);
          return describeBatch(body, lang).map((view, i): Card => [view, body.results[i]?.query]);
        })
      : privately
        ? // Loaded on first use, from CekDulu's origin; never counted per partner (no identifier, no partner sent).
          import(ORIGIN + PRIVATE_CHECK_PATH)
            .then((module: typeof import('./private-check-module.ts')) => module.privateCheck(ORIGIN, params, lang, controller.signal))
            // Also a module the partner's CSP blocked: "could not check", never "not reported".
            .catch(() => describeError(null, lang, 0))
        : checkView(ORIGIN, this.#apiQuery(params), lang, controller.signal).then((view): Card[] => [[view, params]]));
    const asked = (await asks) ?? [];
    if (this.#inFlight !== controller) return; // replaced by a newer lookup
    this.#inFlight = null;

    // The full result (shareable, works without JavaScript) under each answer, and the guides on paying safely
    // under the last, on CekDulu itself; after a private check the guides only: the full result's address carries the identifier.
    const more = (node: HTMLElement, path: string, words: string) => {
      const p = el('p', { class: 'more' });
      p.append(el('a', { href: ORIGIN + path, target: '_blank', rel: 'noopener' }, words));
      node.append(p);
    };
    let last: HTMLElement | undefined;
    const nodes = (Array.isArray(answer) ? answer : [[answer] as Card]).map(([view, query]) => {
      // ORIGIN: the link to how listing works must reach CekDulu, not the partner's own site.
      const node = renderView(view, ORIGIN);
      if (view.tone !== 'error') {
        last = node;
        if (query) {
          const q = new URLSearchParams(query as unknown as Record<string, string>);
          // Not the answer's `display` (a number grouped): the page works it out again.
          q.delete('display');
          more(node, en ? `/en/check/?${q}` : `/cek/?${q}`, text.full);
        }
      }
      return node;
    });
    if (last) more(last, en ? '/en/guides/' : '/panduan/', text.guides);
    result.replaceChildren(...(reading ? [toDom(reading)] : []), ...nodes, ...asked);
    result.removeAttribute('aria-busy');
    button.disabled = false;
    button.textContent = text.submit;
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, CekDuluElement);
