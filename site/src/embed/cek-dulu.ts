// <cek-dulu>: the lookup as one custom element for partner pages
// (docs/embed.md: attributes, parts, compatibility promise).
// One <script src="https://HOST/embed.js" async>, then <cek-dulu lang="id|en" type="bank|ewallet|phone|instagram|facebook"
// theme="light|dark|auto" partner="your-id">. Shadow DOM keeps the host page's
// CSS out and ours in; every text goes in through textContent, never as HTML;
// no cookies, no storage, nothing loaded at run time unless a visitor ticks
// "private check": only then is ORIGIN/embed/private.js imported (docs/embed.md).
import type { Lang } from '../../../worker/core/lang.ts';
import { IDENTIFIER_TYPES, EWALLET_PROVIDERS, type IdentifierType } from '../../../worker/core/identifier-kinds.ts';
import { BANKS } from '../../../worker/core/banks.ts';
import { describeError, PROVIDER_NAMES } from '../../../worker/presentation/result-view.ts';
import { checkView } from '../client/api-answer.ts';
import { el, renderView } from '../client/view-dom.ts';
import { PARTNER_PATTERN } from './snippets.ts';
import { WIDGET_CSS } from './widget-style.ts';
import { WIDGET_TEXT } from './widget-text.ts';

/** The attributes, all optional (docs/embed.md). Unknown values fall back to the first. */
export interface CekDuluAttributes {
  lang: Lang; // 'id' | 'en'
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

class CekDuluElement extends HTMLElement {
  static observedAttributes: (keyof CekDuluAttributes)[] = ['lang', 'type', 'theme', 'partner'];
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

  /** The lookup's query, with the partner id when it is a valid one ([a-z0-9-]: it needs no escaping). */
  #apiQuery(params: URLSearchParams): string {
    const partner = this.getAttribute('partner');
    if (partner === null) return `${params}`;
    if (PARTNER_PATTERN.test(partner)) return `${params}&partner=${partner}`;
    console.warn(`[cek-dulu] partner="${partner}" ignored: [a-z0-9-]{1,40}`);
    return `${params}`;
  }

  #render(): void {
    this.#inFlight?.abort();
    const lang = this.#language;
    const text = WIDGET_TEXT[lang];
        const preset = this.getAttribute('type');

    const form = el('form', { part: 'form', novalidate: '' });
    // The title links to CekDulu itself: who answers, and where the guidance is.
    const heading = el('p', { class: 'title', part: 'title' });
    heading.append(el('a', { href: `${ORIGIN}${lang === 'en' ? '/en/' : '/'}`, target: '_blank', rel: 'noopener' }, text.title));

    const type = el('select', { id: 'type', name: 'type' });
    for (const kind of IDENTIFIER_TYPES) type.append(el('option', { value: kind }, text.kinds[kind]));
    if (preset && (IDENTIFIER_TYPES as readonly string[]).includes(preset)) type.value = preset;

    const bank = el('select', { id: 'bank', name: 'bank' });
    bank.append(el('option', { value: '' }, text.chooseBank));
    // By short name, as people know them (BCA, BNI, BRI, BSI, Mandiri…); typing a letter jumps there.
    for (const b of [...BANKS].sort((x, y) => x.short.localeCompare(y.short))) bank.append(el('option', { value: b.code }, b.short));

    const provider = el('select', { id: 'provider', name: 'provider' });
    for (const p of EWALLET_PROVIDERS) provider.append(el('option', { value: p }, PROVIDER_NAMES[p]));

    const value = el('input', { id: 'value', name: 'value', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '200' });
    const button = el('button', { type: 'submit', part: 'button' }, text.submit);
    // role=status is a polite live region: screen readers announce the answer when it arrives.
    const result = el('div', { class: 'result', part: 'result', role: 'status' });

    const field = (label: string, control: HTMLElement) => {
      const wrap = el('div', { class: 'field' });
      wrap.append(el('label', { for: control.id }, label), control);
      return wrap;
    };
    const bankField = field(text.bank, bank);
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

    const widget = el('div', { class: 'w' });
    widget.append(heading, form, result);
    this.#root.replaceChildren(widget);
  }

  async #check(form: HTMLFormElement, button: HTMLButtonElement, result: HTMLElement, text: (typeof WIDGET_TEXT)[Lang], privately: boolean): Promise<void> {
    const lang = this.#language;
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

    const view = await (privately
      ? // Loaded on first use, from CekDulu's origin; never counted per partner (no identifier, no partner sent).
        import(ORIGIN + '/embed/private.js')
          .then((module: typeof import('./private-check-module.ts')) => module.privateCheck(ORIGIN, params, lang, controller.signal))
          // Also a module the partner's CSP blocked: "could not check", never "not reported".
          .catch(() => describeError(null, lang, 0))
      : // A cross-origin fetch sends no cookies by default; the API sets none either.
        checkView(ORIGIN, this.#apiQuery(params), lang, controller.signal));
    if (this.#inFlight !== controller) return; // replaced by a newer lookup
    this.#inFlight = null;

    const answer = renderView(view);
    if (view.tone !== 'error') {
      // The full result (shareable, works without JavaScript) and the guides on paying safely, on CekDulu itself;
      // after a private check the guides only: the full result's address carries the identifier.
      const en = lang === 'en';
      for (const [path, words] of [[en ? `/en/check/?${params}` : `/cek/?${params}`, text.full], [en ? '/en/guides/' : '/panduan/', text.guides]].slice(+privately)) {
        const more = el('p', { class: 'more' });
        more.append(el('a', { href: ORIGIN + path, target: '_blank', rel: 'noopener' }, words));
        answer.append(more);
      }
    }
    result.replaceChildren(answer);
    result.removeAttribute('aria-busy');
    button.disabled = false;
    button.textContent = text.submit;
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, CekDuluElement);
