// What a person reads after a lookup, in Indonesian or English: one pure
// description of an API answer (ResultView), one tree of elements built from
// it, and two renderers of that tree — an escaped HTML string here for the
// Worker's no-JavaScript page (HTMLRewriter), and DOM nodes with textContent in
// the site's script (site/src/client/lookup-form.ts) — so both carry the same
// markup and one stylesheet styles both.
// Presentation, not a contract (worker/core holds those): its words may change
// freely; the Worker's pages, the site and the widget share it so they say the same.
// Runtime-neutral: no Node, Worker or DOM globals at module level.
import type { CheckBatchResponse, CheckQuery, CheckResponse, CheckUnresolved, Match, SnapshotRef } from '../core/api-types.ts';
import { bankByCode } from '../core/banks.ts';
import type { ErrorBody, ErrorField } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { HOW_IT_WORKS_PAGES } from '../core/pages.ts';

export type Tone = 'reported' | 'not_reported' | 'error';

export interface ResultView {
  tone: Tone;
  heading: string;
  lines: string[];
  matches: { title: string; facts: { label: string; value: string }[] }[];
  reminder?: string;
  /** The page explaining how a report becomes a listing and how a listing ends: on every answer. */
  about?: { text: string; path: string };
}

const TEXT = {
  id: {
    reportedHeading: (what: string, n: number) => `Dilaporkan: ${what} telah dilaporkan ${n} kali`,
    notReportedHeading: (what: string) => `Belum ada laporan terverifikasi untuk ${what}`,
    advice:
      'Jangan transfer uang ke sini. Jika penjual ini meminta Anda membayar, hentikan transaksi dan laporkan penjual ini.',
    alsoAs: 'Laporan untuk nomor yang sama sebagai nomor telepon atau dompet digital ikut ditampilkan di bawah.',
    notOwn: (provider: string) => `Laporannya untuk nomor ini, bukan untuk akun ${provider}-nya. Nomor yang sama dipakai untuk keduanya.`,
    disputed:
      'Pemilik akun ini menyanggah laporannya. Moderator sedang memeriksa sanggahan itu; sampai ada keputusan, akun ini tetap tercantum sebagai dilaporkan.',
    disputedLabel: 'Sanggahan pemilik',
    disputedValue: 'Sedang diperiksa',
    about: 'Bagaimana laporan masuk daftar ini, dan keluar darinya',
    snapshot: (date: string) => `Data laporan per ${date}.`,
    reminder:
      'Penting: “belum dilaporkan” bukan bukti penjual jujur. Kami hanya tahu akun yang dilaporkan orang dan sudah diverifikasi moderator. Bila bisa, pakai rekening bersama (escrow) atau bayar di tempat (COD), dan cek lagi tepat sebelum membayar.',
    count: 'Laporan terverifikasi',
    categories: 'Jenis penipuan',
    first: 'Laporan pertama',
    last: 'Laporan terakhir',
    loss: 'Total kerugian dilaporkan',
    inputHeading: 'Isian belum benar',
    failedHeading: 'Belum bisa memeriksa',
    networkMessage: 'CekDulu tidak dapat dihubungi. Periksa koneksi internet Anda.',
    fixHint: (field: string) => `Perbaiki ${field}, lalu tekan “Cek sekarang” lagi.`,
    retryHint: 'Coba lagi dalam beberapa menit. Jangan transfer dulu sebelum Anda bisa memeriksa.',
    reloadHint: 'Muat ulang halaman, lalu coba lagi.',
    fields: { type: 'pilihan jenis', value: 'nomor atau akun yang Anda isi', bank: 'pilihan bank', provider: 'pilihan dompet digital' },
    kinds: {
      bank: 'rekening', ewallet: 'dompet digital', phone: 'nomor', instagram: 'akun Instagram', facebook: 'akun Facebook',
      tiktok: 'akun TikTok', telegram: 'akun Telegram', website: 'situs web', qris: 'QRIS',
    },
    titles: { bank: 'Rekening', phone: 'Nomor telepon' },
    read: 'Terbaca: ',
    readNothing: 'tidak ada nomor atau akun yang bisa dicek',
    // The kinds counted in "Terbaca: 1 rekening, 1 akun Instagram", where they differ from `kinds`.
    counted: { phone: 'nomor HP/telepon' } as Record<string, string>,
    unchecked: 'Tidak bisa dicek:',
    noneFound: 'Tidak ada nomor rekening, nomor HP, akun atau link yang terbaca. Tempel pesan penjual, atau tulis nomornya beserta banknya.',
  },
  en: {
    reportedHeading: (what: string, n: number) =>
      `Reported: ${what} has been reported ${n} ${n === 1 ? 'time' : 'times'}`,
    notReportedHeading: (what: string) => `No verified reports for ${what}`,
    advice: 'Do not transfer money here. If this seller asked you to pay, stop and report the seller.',
    alsoAs: 'Reports of the same number as a phone number or an e-wallet are shown below too.',
    notOwn: (provider: string) => `The reports are on this number, not on its ${provider} account. The same number is behind both.`,
    disputed:
      'The owner of this account disputes the reports. A moderator is reviewing the dispute; until it is decided, the account stays listed as reported.',
    disputedLabel: 'Owner’s dispute',
    disputedValue: 'Under review',
    about: 'How a report gets on this list, and off it',
    snapshot: (date: string) => `Report data as of ${date}.`,
    reminder:
      'Important: “not reported” does not prove a seller is honest. We only know accounts that people reported and moderators verified. When you can, use escrow or cash on delivery (COD), and check again right before you pay.',
    count: 'Verified reports',
    categories: 'Reported for',
    first: 'First report',
    last: 'Latest report',
    loss: 'Total reported loss',
    inputHeading: 'Please check what you entered',
    failedHeading: 'Could not check right now',
    networkMessage: 'CekDulu could not be reached. Check your internet connection.',
    fixHint: (field: string) => `Correct ${field}, then press “Check now” again.`,
    retryHint: 'Try again in a few minutes. Do not transfer until you have been able to check.',
    reloadHint: 'Reload the page, then try again.',
    fields: { type: 'the kind you chose', value: 'the number or account you entered', bank: 'the bank you chose', provider: 'the e-wallet you chose' },
    kinds: {
      bank: 'account', ewallet: 'e-wallet', phone: 'number', instagram: 'Instagram account', facebook: 'Facebook account',
      tiktok: 'TikTok account', telegram: 'Telegram account', website: 'website', qris: 'QRIS',
    },
    titles: { bank: 'Account', phone: 'Phone number' },
    read: 'Read: ',
    readNothing: 'no number or account that can be checked',
    counted: { bank: 'bank account', phone: 'phone number' } as Record<string, string>,
    unchecked: 'Could not be checked:',
    noneFound: 'No account number, phone number, account or link could be read. Paste the seller’s message, or write the number with its bank.',
  },
} as const;

export const CATEGORY_LABELS: Record<Lang, Record<string, string>> = {
  id: {
    online_shopping: 'Belanja online',
    investment: 'Investasi',
    phishing: 'Phishing (pencurian data/OTP)',
    gambling: 'Judi online',
    loan: 'Pinjaman',
    job: 'Lowongan kerja palsu',
    romance: 'Penipuan asmara',
    other: 'Lainnya',
  },
  en: {
    online_shopping: 'Online shopping',
    investment: 'Investment',
    phishing: 'Phishing (stealing data/OTP)',
    gambling: 'Online gambling',
    loan: 'Loans',
    job: 'Fake job offer',
    romance: 'Romance scam',
    other: 'Other',
  },
};

export const PROVIDER_NAMES: Record<string, string> = {
  gopay: 'GoPay',
  ovo: 'OVO',
  dana: 'DANA',
  shopeepay: 'ShopeePay',
  linkaja: 'LinkAja',
};

type Identity = Pick<CheckQuery, 'type' | 'value' | 'bank' | 'provider' | 'display'>;

function bankName(code: string | undefined): string {
  const bank = code ? bankByCode(code) : undefined;
  return bank ? bank.short : `bank ${code ?? ''}`.trim(); // "bank" in both languages
}

/**
 * "rekening BCA 1234567890", "DANA account 0857-1111-2222": the identity inside a sentence.
 * Numbers and Facebook usernames as the answer's `display` spells them (a number
 * grouped, 0812-3456-7890; a username's periods kept): the server groups numbers
 * (worker/core/identifiers.ts spellingOf), so embed.js carries no grouping code.
 */
function describeIdentity(who: Identity, lang: Lang): string {
  const kinds = TEXT[lang].kinds;
  const bank = bankName(who.bank);
  const provider = PROVIDER_NAMES[who.provider ?? ''] ?? kinds.ewallet;
  const shown = who.display ?? who.value;
  switch (who.type) {
    case 'bank':
      return lang === 'id' ? `${kinds.bank} ${bank} ${who.value}` : `${bank} ${kinds.bank} ${who.value}`;
    case 'ewallet':
      return lang === 'id' ? `akun ${provider} ${shown}` : `${provider} account ${shown}`;
    case 'instagram':
    case 'tiktok':
    case 'telegram':
      return `${kinds[who.type]} @${who.value}`;
    default:
      return `${kinds[who.type]} ${shown}`;
  }
}

/**
 * A match's title, as a label: "Rekening BCA 1234567890", "Nomor telepon 0812-…", "DANA 0857-…";
 * TikTok, Telegram and websites as describeIdentifier (worker/core/identifiers.ts) writes them,
 * "tiktok.com/@name", "t.me/name", "tokomurah.com", not imported: it would bring the parsers into embed.js.
 */
function matchTitle(match: Match, lang: Lang, query?: Identity): string {
  // A match on the number or username asked about is spelled as the answer's query (`display`).
  const shown = (query?.value === match.value && query.display) || match.value;
  switch (match.type) {
    case 'bank':
      return `${TEXT[lang].titles.bank} ${bankName(match.bank)} ${match.value}`;
    case 'ewallet':
      return `${PROVIDER_NAMES[match.provider ?? ''] ?? TEXT[lang].kinds.ewallet} ${shown}`;
    case 'phone':
      return `${TEXT[lang].titles.phone} ${shown}`;
    case 'instagram':
      return `Instagram @${match.value}`;
    case 'facebook':
      return `Facebook ${shown}`;
    case 'tiktok':
      return `tiktok.com/@${match.value}`;
    case 'telegram':
      return `t.me/${match.value}`;
    default:
      return match.value;
  }
}

/** "Belanja online (5), Investasi (2)": most frequent first, ties by label. */
export function describeCategories(categories: Record<string, number>, lang: Lang): string {
  return Object.entries(categories)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => ({ label: CATEGORY_LABELS[lang][key] ?? key, n }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label))
    .map(({ label, n }) => `${label} (${n})`)
    .join(', ');
}

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** The day in words, in Jakarta's time zone ("28 November 2026", "28 Mei 2026"); the text as it is when it is no date. */
export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(LOCALES[lang], { dateStyle: 'long', timeZone: 'Asia/Jakarta' });
}

/** The minute in Jakarta: "6 Desember 2026 pukul 14.05 WIB", "6 December 2026 at 14:05 WIB". */
function formatMinute(iso: string, lang: Lang): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toLocaleString(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' })} WIB`;
}

/**
 * An answer as CekDulu's own pages show it (the site's, the Worker's no-JavaScript /cek/): its
 * "as of" line says the minute of the newest decision it includes (snapshot.updatedAt, the
 * same-day delta's), not only the day. The widget keeps describeCheck's day: embed.js has no
 * bytes left, and this function is not in it.
 */
export function describeCheckAt(res: CheckResponse, lang: Lang): ResultView {
  const view = describeCheck(res, lang);
  const day = TEXT[lang].snapshot(formatDate(res.snapshot.generatedAt, lang));
  const minute = TEXT[lang].snapshot(formatMinute(res.snapshot.updatedAt ?? res.snapshot.generatedAt, lang));
  return { ...view, lines: view.lines.map((line) => (line === day ? minute : line)) };
}

function formatRupiah(amount: number): string {
  return amount.toLocaleString('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
}

function matchFacts(match: Match, lang: Lang): { label: string; value: string }[] {
  const text = TEXT[lang];
  const facts: { label: string; value: string }[] = [
    { label: text.count, value: String(match.count) },
    { label: text.categories, value: describeCategories(match.categories, lang) },
    { label: text.first, value: formatDate(match.firstReportedAt, lang) },
    { label: text.last, value: formatDate(match.lastReportedAt, lang) },
  ];
  if (match.totalLossIdr > 0) facts.push({ label: text.loss, value: formatRupiah(match.totalLossIdr) });
  if (match.disputed) facts.push({ label: text.disputedLabel, value: text.disputedValue });
  return facts.filter((fact) => fact.value !== '');
}

// Outside TEXT so that pages and the widget without the private check do not carry it.
const PRIVATE_NOTE: Record<Lang, string> = {
  id: 'Cek privat: yang dikirim hanya 5 karakter awal kode sidik dari isian Anda, jadi CekDulu tidak tahu apa yang Anda cek. Rincian laporan (jenis penipuan, tanggal) hanya ada di cek biasa.',
  en: 'Private check: only the first 5 characters of a coded fingerprint of what you entered were sent, so CekDulu does not know what you checked. Report details (kinds of fraud, dates) are only in the ordinary check.',
};

/** What the private range lookup tells: how many verified reports, nothing more (worker/core/range.ts). */
export interface PrivateCheckAnswer {
  query: CheckQuery;
  count: number;
  snapshot: SnapshotRef;
}

/** The link under every answer to how listing works (site/src/pages/cara-kerja/). */
const aboutLink = (lang: Lang) => ({ text: TEXT[lang].about, path: HOW_IT_WORKS_PAGES[lang] });

/** The range answer carries no disputed flag (docs/api.md): the ordinary check says whether the owner contests it. */
export function describePrivateCheck(answer: PrivateCheckAnswer, lang: Lang): ResultView {
  const text = TEXT[lang];
  const what = describeIdentity(answer.query, lang);
  const asOf = text.snapshot(formatMinute(answer.snapshot.updatedAt ?? answer.snapshot.generatedAt, lang));
  const about = aboutLink(lang);
  if (answer.count === 0) {
    return { tone: 'not_reported', heading: text.notReportedHeading(what), lines: [PRIVATE_NOTE[lang], asOf], matches: [], reminder: text.reminder, about };
  }
  return { tone: 'reported', heading: text.reportedHeading(what, answer.count), lines: [text.advice, PRIVATE_NOTE[lang], asOf], matches: [], about };
}

export function describeCheck(res: CheckResponse, lang: Lang): ResultView {
  const text = TEXT[lang];
  const what = describeIdentity(res.query, lang);
  const asOf = text.snapshot(formatDate(res.snapshot.generatedAt, lang));
  const about = aboutLink(lang);
  if (res.status === 'not_reported' || res.matches.length === 0) {
    return { tone: 'not_reported', heading: text.notReportedHeading(what), lines: [asOf], matches: [], reminder: text.reminder, about };
  }
  const total = res.matches.reduce((sum, m) => sum + m.count, 0);
  const otherKinds = res.matches.some((m) => m.type !== res.query.type || m.provider !== res.query.provider);
  // An e-wallet whose reports are all on its number as something else (a phone,
  // another e-wallet): the heading names the number, a line says the account itself is not
  // what was reported; the match titles say what was.
  const provider = res.query.type === 'ewallet' && PROVIDER_NAMES[res.query.provider!];
  const elsewhere = provider && !res.matches.some((m) => m.type === 'ewallet' && m.provider === res.query.provider);
  const lines: string[] = [text.advice];
  if (elsewhere) lines.push(text.notOwn(provider));
  // Still reported, said beside the advice: the owner contests it (a pending dispute).
  if (res.matches.some((m) => m.disputed)) lines.push(text.disputed);
  if (otherKinds && !elsewhere) lines.push(text.alsoAs);
  lines.push(asOf);
  return {
    tone: 'reported',
    heading: text.reportedHeading(elsewhere ? describeIdentity({ ...res.query, type: 'phone' }, lang) : what, total),
    lines,
    matches: [...res.matches]
      .sort((a, b) => b.count - a.count)
      .map((m) => ({ title: matchTitle(m, lang, res.query), facts: matchFacts(m, lang) })),
    about,
  };
}

/**
 * A pasted message's answer (POST /api/v1/check): one view per identifier, in
 * the text's order, each heading saying what was understood; when the text held
 * nothing at all, one view that says so. What could not be checked is listed by
 * readingTree, above them.
 */
export function describeBatch(res: CheckBatchResponse, lang: Lang): ResultView[] {
  const text = TEXT[lang];
  const views = res.results.map((r) => describeCheck(r, lang));
  return views.length || res.unresolved.length ? views : [{ tone: 'error', heading: text.inputHeading, lines: [text.noneFound], matches: [] }];
}

/**
 * An error body from the API with its HTTP status, or null when the server could not be
 * reached or did not answer with JSON. The status, not a list of codes, says whose fault it
 * is: only a 400 is about what was typed; a 429 or 5xx asks to try again later, any other
 * 4xx to reload the page (so a new error code needs no change here, and the widget's
 * bundle carries no list of codes).
 */
export function describeError(body: ErrorBody | null, lang: Lang, status: number): ResultView {
  const text = TEXT[lang];
  const error = body?.error;
  // One return for the three cases: the widget's bundle carries this function.
  const lines = !error
    ? [text.networkMessage, text.retryHint]
    : status === 400
      ? [error.message, text.fixHint((text.fields as Partial<Record<ErrorField, string>>)[error.field ?? 'value'] ?? text.fields.value)]
      : [error.message, status === 429 || status >= 500 ? text.retryHint : text.reloadHint];
  return { tone: 'error', heading: error && status === 400 ? text.inputHeading : text.failedHeading, lines, matches: [] };
}

// ---------------------------------------------------------------------------
// The markup, once: a tree both renderers walk. Class names are the stylesheet's
// contract (site/src/styles/site.css).

export interface ViewElement {
  tag: 'div' | 'h2' | 'h3' | 'p' | 'span' | 'dl' | 'dt' | 'dd' | 'a' | 'ul' | 'li';
  className: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: ViewElement[];
}

/** The tone as a glyph beside the heading; the heading's words say the same, so colour is never the only signal. */
export const ICONS: Record<Tone, string> = { reported: '⚠\uFE0E', not_reported: 'ℹ\uFE0E', error: '✖\uFE0E' };

/**
 * The view as elements. `origin` prefixes the link to how listing works: '' on
 * CekDulu's own pages, CekDulu's origin in the widget (on a partner's page).
 */
export function resultViewTree(view: ResultView, origin = ''): ViewElement {
  const children: ViewElement[] = [
    {
      tag: 'h2',
      className: 'result__heading',
      children: [
        { tag: 'span', className: 'result__icon', attrs: { 'aria-hidden': 'true' }, text: ICONS[view.tone] },
        { tag: 'span', className: 'result__heading-text', text: view.heading },
      ],
    },
  ];
  if (view.reminder) children.push({ tag: 'p', className: 'result__reminder', text: view.reminder });
  for (const line of view.lines) children.push({ tag: 'p', className: 'result__line', text: line });
  for (const match of view.matches) {
    children.push({
      tag: 'div',
      className: 'result__match',
      children: [
        { tag: 'h3', className: 'result__match-title', text: match.title },
        {
          tag: 'dl',
          className: 'result__facts',
          children: match.facts.map((fact) => ({
            tag: 'div',
            className: 'result__fact',
            children: [
              { tag: 'dt', className: 'result__fact-label', text: fact.label },
              { tag: 'dd', className: 'result__fact-value', text: fact.value },
            ],
          })),
        },
      ],
    });
  }
  if (view.about) {
    children.push({
      tag: 'p',
      className: 'result__about',
      // On a partner's page (origin set) the link opens CekDulu in a new tab, as the widget's other links do.
      children: [{
        tag: 'a',
        className: 'result__about-link',
        attrs: origin ? { href: origin + view.about.path, target: '_blank', rel: 'noopener' } : { href: view.about.path },
        text: view.about.text,
      }],
    });
  }
  return { tag: 'div', className: `result result--${view.tone.replace('_', '-')}`, children };
}

/**
 * What a pasted message gave, above its answers, so nothing is skipped in
 * silence: "Terbaca: 1 rekening, 1 akun Instagram" (each kind counted, in the
 * order it first appears), then "Tidak bisa dicek:" and every part that looks
 * like an identifier but could not be looked up, as written, with the API's own
 * message for it (the same as the single lookup's). `read` are the identifiers
 * looked up, in text order.
 */
export function readingTree(read: Pick<CheckQuery, 'type'>[], unresolved: Pick<CheckUnresolved, 'value' | 'message'>[], lang: Lang): ViewElement {
  const text = TEXT[lang];
  const counts = new Map<string, number>();
  for (const { type } of read) counts.set(type, (counts.get(type) ?? 0) + 1);
  // English counts take a plural -s ("2 bank accounts"); Indonesian nouns do not change.
  const kinds = [...counts].map(([type, n]) => `${n} ${text.counted[type] ?? text.kinds[type as keyof typeof text.kinds]}${lang === 'en' && n > 1 ? 's' : ''}`);
  const children: ViewElement[] = [{ tag: 'p', className: 'reading__read', text: text.read + (kinds.join(', ') || text.readNothing) }];
  if (unresolved.length) {
    children.push(
      { tag: 'p', className: 'reading__unchecked', text: text.unchecked },
      { tag: 'ul', className: 'reading__list', children: unresolved.map((u) => ({ tag: 'li', className: 'reading__item', text: `${u.value} — ${u.message}` })) },
    );
  }
  return { tag: 'div', className: 'reading', children };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value → markup that shows exactly that text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Elements as HTML in which every text and attribute value is escaped. */
export function elementToHtml(el: ViewElement): string {
  const attrs = Object.entries({ class: el.className, ...el.attrs })
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  const inner = (el.text !== undefined ? escapeHtml(el.text) : '') + (el.children ?? []).map(elementToHtml).join('');
  return `<${el.tag}${attrs}>${inner}</${el.tag}>`;
}

/** The result as HTML in which every text and attribute value is escaped. */
export function resultViewToHtml(view: ResultView): string {
  return elementToHtml(resultViewTree(view));
}

