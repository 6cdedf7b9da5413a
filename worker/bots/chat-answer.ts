// What the chat bots write back, in Indonesian or English: plain text, the same
// for Telegram and WhatsApp (no markup: neither app is asked to parse any, so
// nothing a seller wrote can turn into formatting). The lookup's words are the
// site's own — each identifier's heading from describeCheck, "Terbaca: …" and
// "Tidak bisa dicek:" from readingTree, the reminder that "no reports" is no
// proof — so the chat never says something the result page does not. Only the
// chat's own lines live here: commands, the link to each full result, and what
// is said when the answer is cut to fit one message.
import type { CheckQuery, CheckResponse, CheckUnresolved } from '../core/api-types.ts';
import type { Lang } from '../core/lang.ts';
import { HOW_IT_WORKS_PAGES, PRIVACY_PAGES, RESULT_PAGES } from '../core/pages.ts';
import { describeCheck, ICONS, readingTree } from '../presentation/result-view.ts';

/**
 * The longest message either app takes: Telegram's sendMessage text is 1–4,096
 * characters (UTF-16 units, after entity parsing) and a WhatsApp text body at most
 * 4,096 characters. Measured in UTF-16 units, which never count fewer than characters.
 */
const CHAT_MESSAGE_LIMIT = 4096;

/** The report forms (site/src/pages/lapor/, en/report/). */
const REPORT_PAGES = { id: '/lapor/', en: '/en/report/' } as const satisfies Record<Lang, string>;

const TEXT = {
  id: {
    title: 'CekDulu',
    details: 'Rincian',
    disputed: 'Pemiliknya menyanggah laporan ini; moderator sedang memeriksa. Sampai ada keputusan, tetap dianggap dilaporkan.',
    advice: 'Jangan transfer ke rekening, nomor atau akun yang dilaporkan.',
    more: (n: number) => `…dan ${n} lagi tidak muat di satu pesan. Kirim lebih sedikit sekaligus.`,
    help: (origin: string) => [
      'CekDulu: cek dulu sebelum transfer.',
      'Teruskan (forward) atau tempel pesan penjual ke sini. Saya baca nomor rekening, nomor HP, dompet digital, akun Instagram/Facebook/TikTok/Telegram dan link toko di dalamnya, lalu bilang mana yang sudah dilaporkan dan terverifikasi.',
      'Perintah: /lapor melaporkan penipuan, /bahasa ganti ke English, /help bantuan ini.',
      `Isi pesan Anda tidak disimpan. Privasi: ${origin}${PRIVACY_PAGES.id}`,
    ].join('\n\n'),
    report: (origin: string) => `Laporkan penipuan lewat formulir ini (butuh bukti, diperiksa moderator): ${origin}${REPORT_PAGES.id}`,
    switched: 'Bahasa: Indonesia. Ketik /bahasa untuk English.',
    picture: (origin: string) =>
      `Saya belum bisa membaca gambar. Kirim teksnya: salin pesan penjual (nomor rekening, nomor HP, akun) lalu kirim ke sini, atau cek di situs: ${origin}/`,
    limited: 'Pesan Anda terlalu banyak dalam satu menit. Tunggu sebentar, lalu kirim lagi.',
    failed: 'Data laporan sedang tidak bisa dibaca. Coba lagi dalam beberapa menit, dan jangan transfer dulu sebelum bisa memeriksa.',
    noneFound: 'Tidak ada nomor rekening, nomor HP, akun atau link yang terbaca. Teruskan pesan penjual, atau tulis nomornya beserta banknya. Ketik /help untuk bantuan.',
    how: 'Cara kerja daftar ini',
  },
  en: {
    title: 'CekDulu',
    details: 'Details',
    disputed: 'Its owner disputes the reports; a moderator is reviewing. Until decided, it stays listed as reported.',
    advice: 'Do not transfer to an account, number or profile that has been reported.',
    more: (n: number) => `…and ${n} more did not fit in one message. Send fewer at a time.`,
    help: (origin: string) => [
      'CekDulu: check before you transfer.',
      'Forward or paste the seller’s message here. I read the bank accounts, phone numbers, e-wallets, Instagram/Facebook/TikTok/Telegram accounts and shop links in it, and tell you which have verified fraud reports.',
      'Commands: /lapor to report fraud, /bahasa for Bahasa Indonesia, /help for this help.',
      `Your message is not stored. Privacy: ${origin}${PRIVACY_PAGES.en}`,
    ].join('\n\n'),
    report: (origin: string) => `Report fraud with this form (evidence needed, checked by a moderator): ${origin}${REPORT_PAGES.en}`,
    switched: 'Language: English. Send /bahasa for Bahasa Indonesia.',
    picture: (origin: string) =>
      `I cannot read pictures yet. Send the text: copy the seller’s message (account number, phone number, profile) and send it here, or check on the site: ${origin}/en/`,
    limited: 'Too many messages in one minute. Wait a moment, then send again.',
    failed: 'The report data cannot be read right now. Try again in a few minutes, and do not transfer until you have been able to check.',
    noneFound: 'No account number, phone number, profile or link could be read. Forward the seller’s message, or write the number with its bank. Send /help for help.',
    how: 'How this list works',
  },
} as const;

/** What a pasted message gave: the answer for each identifier read and what could not be checked, both in text order. */
export interface ChatLookup {
  results: CheckResponse[];
  unresolved: Pick<CheckUnresolved, 'value' | 'message'>[];
}

/** The full result page for one identifier: the no-JavaScript page answers it (routes/check-page.ts). */
function resultLink(query: CheckQuery, lang: Lang, origin: string): string {
  const params = new URLSearchParams({ type: query.type, value: query.value });
  if (query.bank) params.set('bank', query.bank);
  if (query.provider) params.set('provider', query.provider);
  return `${origin}${RESULT_PAGES[lang]}?${params}`;
}

/** One identifier: its heading as the result page words it, the owner's dispute if any, the link. */
function entry(res: CheckResponse, lang: Lang, origin: string): string {
  const view = describeCheck(res, lang);
  const lines = [`${ICONS[view.tone]} ${view.heading}`];
  if (res.matches.some((m) => m.disputed)) lines.push(TEXT[lang].disputed);
  lines.push(`${TEXT[lang].details}: ${resultLink(res.query, lang, origin)}`);
  return lines.join('\n');
}

/**
 * The answer to a message, within CHAT_MESSAGE_LIMIT: "Terbaca: …", one entry per
 * identifier, what could not be checked ("value (why)"), then the advice (when
 * something is reported) and the reminder (when something is not). When it does
 * not fit, entries are dropped from the end and a line says how many.
 */
export function renderChatAnswer(answer: ChatLookup, lang: Lang, origin: string): string {
  const text = TEXT[lang];
  if (answer.results.length === 0 && answer.unresolved.length === 0) return text.noneFound;
  const reading = readingTree(answer.results.map((r) => r.query), answer.unresolved, lang);
  const readLine = reading.children?.[0]?.text ?? '';
  const uncheckedHeading = reading.children?.[1]?.text ?? '';
  const parts: string[] = [
    ...answer.results.map((r) => entry(r, lang, origin)),
    ...answer.unresolved.map((u) => `• ${u.value} (${u.message})`),
  ];
  const footer: string[] = [];
  if (answer.results.some((r) => r.status === 'reported')) footer.push(`${ICONS.reported} ${text.advice}`);
  const reminder = answer.results.map((r) => describeCheck(r, lang).reminder).find((r) => r !== undefined);
  if (reminder) footer.push(reminder);
  footer.push(`${text.how}: ${origin}${HOW_IT_WORKS_PAGES[lang]}`);

  const compose = (shown: number): string => {
    const entries = parts.slice(0, Math.min(shown, answer.results.length));
    const unresolved = parts.slice(answer.results.length, Math.max(shown, answer.results.length));
    const blocks = [`${text.title} — ${readLine}`, ...entries];
    if (unresolved.length) blocks.push(`${uncheckedHeading}\n${unresolved.join('\n')}`);
    if (shown < parts.length) blocks.push(text.more(parts.length - shown));
    blocks.push(footer.join('\n\n'));
    return blocks.join('\n\n');
  };
  for (let shown = parts.length; shown > 0; shown--) {
    const message = compose(shown);
    if (message.length <= CHAT_MESSAGE_LIMIT) return message;
  }
  return compose(0).slice(0, CHAT_MESSAGE_LIMIT);
}

/** The chat's own replies: help (/start, /help), the report form (/lapor), the language switched (/bahasa), and the rest. */
export const chatReply = {
  help: (lang: Lang, origin: string) => TEXT[lang].help(origin),
  report: (lang: Lang, origin: string) => TEXT[lang].report(origin),
  switched: (lang: Lang) => TEXT[lang].switched,
  picture: (lang: Lang, origin: string) => TEXT[lang].picture(origin),
  limited: (lang: Lang) => TEXT[lang].limited,
  failed: (lang: Lang) => TEXT[lang].failed,
};
