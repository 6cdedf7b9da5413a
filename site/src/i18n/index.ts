// UI strings: one flat JSON per language with dotted keys (Starlight's habit).
// Indonesian is the source; English must have exactly the same keys, which the
// `satisfies` below checks at build time.
import type { Lang } from '../../../worker/core/lang.ts';
import { HOW_IT_WORKS_PAGES, PRIVACY_PAGES, RESULT_PAGES, STATUS_PAGES } from '../../../worker/core/pages.ts';
import en from './en.json';
import id from './id.json';

export type { Lang };
export type UiKey = keyof typeof id;

const STRINGS: Record<Lang, Record<UiKey, string>> = { id, en: en satisfies Record<UiKey, string> };

/** The string for `key`; `{name}` placeholders are filled from `vars`. */
export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole));
}

/** The same page in each language (the result pages have their own slugs). */
export const PAGES = {
  home: { id: '/', en: '/en/' },
  check: RESULT_PAGES,
  report: { id: '/lapor/', en: '/en/report/' },
  reportSent: { id: '/lapor/terkirim/', en: '/en/report/sent/' },
  status: STATUS_PAGES,
  dispute: { id: '/sanggah/', en: '/en/dispute/' },
  disputeSent: { id: '/sanggah/terkirim/', en: '/en/dispute/sent/' },
  embed: { id: '/embed/', en: '/en/embed/' },
  guides: { id: '/panduan/', en: '/en/guides/' },
  privacy: PRIVACY_PAGES,
  howItWorks: HOW_IT_WORKS_PAGES,
} as const satisfies Record<string, Record<Lang, string>>;

export type PageName = keyof typeof PAGES;

export const otherLang = (lang: Lang): Lang => (lang === 'id' ? 'en' : 'id');

/** A guide's address in a language (site/src/content/guides/<lang>/<slug>.md). */
export const guidePath = (lang: Lang, slug: string): string => `${PAGES.guides[lang]}${slug}/`;
