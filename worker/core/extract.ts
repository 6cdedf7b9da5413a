// Reading a seller's message: every identifier in pasted free text (Bahasa
// Indonesia or English), in text order, de-duplicated by lookup key. Pure and
// runtime-neutral: the Worker's POST /api/v1/check, the site's paste box and
// the widget share it. docs/api.md, "Extraction", gives the rules for people.
//
// Linear by construction: one tokenizer pass over the text (each character is
// read a bounded number of times; the number scanner looks at most 4 separator
// characters ahead), then one pass over the tokens (an alias is looked up at
// most MAX_ALIAS_WORDS times per word). No regular expression here runs over
// more than one token, and none has nested quantifiers.
//
// The rules:
// - Links (a whitespace-delimited chunk with a scheme or a host with a letter
//   TLD) go to their kind by host: instagram, facebook, tiktok, telegram,
//   wa.me / whatsapp.com (phone), anything else website. A link identifiers.ts
//   refuses (a post, a marketplace, a shortener) is skipped, and its digits are
//   never read as a number. E-mail addresses are skipped whole.
// - Numbers: digits grouped by spaces, dashes, dots or brackets are one number
//   ("0812 3456 7890", "123-456-7890", "+62 (0)812…"). Space-grouping joins only
//   short groups (≤ 7 digits each, or after a country code; a first group of
//   1–2 digits never: "2 0812…" is a quantity and a phone), so two numbers
//   side by side stay two. A number glued to letters or to / # @ (INV/2026/…,
//   JP1234567890, 150rb, 150k, 50%), in thousands format (1.500.000), or shaped
//   like a date (12-03-2026) is never an identifier.
// - A number takes the nearest label before it on the same line, at most
//   LABEL_WINDOW words back: a bank (bank-aliases.json, then every short and
//   full name in banks.json; longest alias wins, so "BNI 46" is the bank and 46
//   not part of the account) → bank account; an e-wallet (DANA, OVO, GoPay,
//   ShopeePay, LinkAja) → e-wallet when the number is a valid phone number;
//   WA / HP / telp … → phone; rek / rekening / account → unresolved
//   (bank_not_named) unless a bank is named right after; "rek"/"account" just
//   after a bank keeps the bank ("BCA no rek …"). A "not an identifier" word
//   (Rp, IDR, resi, JNE, J&T, invoice, order, pesanan, IMEI, kode pos, NIK, tgl,
//   jam …) → nothing, but only NONE_WINDOW words back.
// - A bank alone at the end of its line ("Bank: Mandiri\nNo rek: 137…",
//   "BCA\n1234567890") names the first account-like number on the next
//   CARRY_LINES lines that has no other label (a mobile number excepted).
//   A label glued by a dash counts ("BCA-1234567890"; "INV-2026-…" does not).
//   A bank label more than 2 words before an Indonesian mobile number gives way
//   to the phone ("BCA ya kak, kalau ada apa-apa 0812…").
// - "Gopay/OVO 0812…": e-wallet names joined by / , & atau or dan and are one
//   label, the FIRST provider named; a number is reported once (phone and
//   e-wallet share a lookup key), as the kind of its first mention.
// - "dana" is the e-wallet only when no "funds" word follows it (masuk,
//   dikembalikan, kembali, sudah, refund …) or precedes it (pengembalian,
//   pencairan, sumber …), and a number follows within 3 words; "dananya" never.
// - Unlabelled: an Indonesian mobile number (08…, 628…, +628…, 00628…) or any
//   +-prefixed valid number → phone. Otherwise 8–16 digits → a bank named right
//   after it ("1234567890 (BCA)", within 2 words) or else unresolved
//   (bank_not_named: never guessed). Anything shorter or longer is ignored.
// - @handles: the platform is the nearest platform word before it on the same
//   line (IG, Instagram, TikTok, TT, tele, Telegram, TG, FB, Facebook); with none
//   before, a platform word within 2 words after it that does not itself lead a
//   handle ("@toko (TikTok)"); else Instagram, the most common in Indonesian
//   social commerce. Handles after LINE, Shopee, Twitter … (kinds not looked
//   up) and handles their platform refuses are skipped.
// - "a.n. Toko Jaya" and other names are words: never identifiers.
import { BANKS } from './banks.ts';
import bankAliases from './bank-aliases.json' with { type: 'json' };
import type { Extraction, FoundIdentifier, Unresolved } from './extract-types.ts';
import { MAX_TEXT_LENGTH } from './extract-types.ts';
import { lookupKey, parseIdentifier, type IdentifierInput } from './identifiers.ts';
import type { Lang } from './lang.ts';

const LABEL_WINDOW = 5;
/** "not an identifier" words reach only this far: "order bisa ke nomor ini ya 0812…" is a phone. */
const NONE_WINDOW = 2;
/** A bank alone on its line names the account on the next lines ("Bank: Mandiri\nNo rek: …"), this many. */
const CARRY_LINES = 2;
const DANA_WINDOW = 3;
/** Space-grouped digits join only groups this short: "1234567890 0812…" stays two numbers. */
const MAX_SPACED_GROUP = 7;
/** The longest alias: "Bank of China (Hong Kong) Jakarta". */
const MAX_ALIAS_WORDS = 6;

type LabelKind = 'bank' | 'ewallet' | 'phone' | 'account' | 'none' | 'platform';
interface Alias {
  kind: LabelKind;
  /** Bank code, e-wallet provider or platform type. */
  value: string;
}

const BANK_NOT_NAMED = {
  id: 'Nomor ini rekening bank apa?',
  en: 'Which bank is this account number at?',
} as const;

/** Words of an alias as the tokenizer reads them: lower-case letter/digit runs. */
const aliasKey = (phrase: string): string => phrase.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ');

let aliases: Map<string, Alias> | undefined;
function aliasTable(): Map<string, Alias> {
  if (aliases) return aliases;
  const table = new Map<string, Alias>();
  const add = (kind: LabelKind, value: string, words: string): void => {
    for (const phrase of words.split(',')) table.set(aliasKey(phrase), { kind, value });
  };
  for (const bank of BANKS) {
    add('bank', bank.code, bank.short);
    add('bank', bank.code, bank.name);
  }
  for (const [phrase, code] of Object.entries(bankAliases)) add('bank', code, phrase);
  add('ewallet', 'gopay', 'gopay,go pay,gopay id');
  add('ewallet', 'ovo', 'ovo');
  add('ewallet', 'dana', 'dana');
  add('ewallet', 'shopeepay', 'shopeepay,shopee pay,spay');
  add('ewallet', 'linkaja', 'linkaja,link aja');
  add('phone', '', 'wa,whatsapp,whatsap,watsap,wasap,whatsapp business,hp,no hp,nomor hp,telp,tlp,telepon,telpon,phone,call,sms,hubungi,hub,kontak,contact,chat,cp');
  add('account', '', 'rek,rekening,norek,no rek,account,acc,akun bank,bank account,account number');
  add('none', '', 'rp,idr,harga,total,ongkir,nominal,sebesar,senilai,dp,resi,no resi,awb,tracking,track,jne,j t,jnt,sicepat,anteraja,jx,jet,tiki,ninja,spx,pos indonesia,lion parcel,idexpress,wahana,invoice,inv,order,pesanan,no pesanan,transaksi,trx,ref,imei,kode pos,kodepos,pos,nik,ktp,npwp,tgl,tanggal,jam,pukul,qty,jumlah,va,virtual account,otp,pin,kode,id pesanan,order id');
  add('platform', 'instagram', 'ig,instagram,insta,igs');
  add('platform', 'tiktok', 'tiktok,tik tok,tt');
  add('platform', 'telegram', 'tele,telegram,tg,tlg');
  add('platform', 'facebook', 'fb,facebook');
  // Handles on platforms CekDulu does not look up: not read as Instagram.
  add('platform', '', 'line,line id,twitter,threads,shopee,tokopedia,tokped,lazada,bukalapak,youtube,yt,email,gmail,discord,snapchat,linkedin,pinterest');
  aliases = table;
  return table;
}

/** Words after "dana" that make it "funds", not the e-wallet. */
const FUNDS_AFTER = new Set(['masuk', 'dikembalikan', 'kembali', 'balik', 'sudah', 'udah', 'sdh', 'dah', 'telah', 'refund', 'direfund', 'ditransfer', 'dikirim', 'terkirim', 'cair', 'dicairkan', 'nya', 'saya', 'aku', 'kami', 'kamu', 'anda', 'talangan', 'darurat', 'pinjaman', 'hibah', 'bantuan', 'awal', 'tambahan', 'sebesar', 'senilai', 'rp', 'idr', 'hilang', 'ditahan', 'tertahan', 'belum', 'blm', 'akan', 'segera', 'pasti', 'aman', 'via', 'lewat']);
const FUNDS_BEFORE = new Set(['pengembalian', 'pencairan', 'penarikan', 'sumber', 'kirim', 'transfer', 'tf', 'refund', 'pengiriman', 'cairkan', 'kembalikan', 'balikin', 'balikkan', 'dapat', 'dapet']);
/** Words that join e-wallet names into one label ("Gopay atau OVO"). */
const CONNECTORS = new Set(['atau', 'or', 'dan', 'and', 'ato']);

type Token =
  | { kind: 'word'; start: number; end: number; text: string }
  | { kind: 'num'; start: number; end: number; digits: string; raw: string; plus: boolean; skip: boolean }
  | { kind: 'handle'; start: number; end: number; name: string }
  | { kind: 'link'; start: number; end: number }
  | { kind: 'punct'; start: number; end: number; ch: string }
  | { kind: 'nl'; start: number; end: number };

type NumToken = Extract<Token, { kind: 'num' }>;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isLetter(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u00a0' || c === '\r' || c === '\u202f';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\u2028' || c === '\u2029';
const isHandleChar = (c: string | undefined): boolean => isAlnum(c) || c === '_' || c === '.';
/** Between the digit groups of one number. */
const isNumSep = (c: string | undefined): boolean => isSpace(c) || c === '-' || c === '.' || c === '(' || c === ')';

/** Read the pasted text; never throws. */
export function extractIdentifiers(text: string, lang: Lang): Extraction {
  const found: FoundIdentifier[] = [];
  const unresolved: Unresolved[] = [];
  try {
    const source = String(text ?? '').slice(0, MAX_TEXT_LENGTH);
    const links = readLinks(source, found);
    classify(tokenize(source, links), found, unresolved, lang === 'en' ? 'en' : 'id');
  } catch {
    // A bug must not lose what was read so far: return it.
  }
  return { found: dedupe(found), unresolved: dedupeUnresolved(unresolved, found) };
}

// ---------------------------------------------------------------------------
// Links: whitespace-delimited chunks.

const LEADING = new Set(['(', '[', '<', '"', "'", '“', '‘', '*']);
const TRAILING = new Set([')', ']', '>', '"', "'", '”', '’', '.', ',', ';', ':', '!', '?', '*']);

/** Link and e-mail ranges (start, end) in text order; found links are pushed to `found`. */
function readLinks(text: string, found: FoundIdentifier[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (isSpace(text[i]) || isBreak(text[i]))) i++;
    let end = i;
    while (end < text.length && !isSpace(text[end]) && !isBreak(text[end])) end++;
    let start = i;
    let stop = end;
    i = end;
    while (start < stop && LEADING.has(text[start]!)) start++;
    while (stop > start && TRAILING.has(text[stop - 1]!)) stop--;
    // "web:tokojaya.com", "IG:instagram.com/x": a label glued to the link.
    let colon = start;
    while (colon < stop && colon - start <= 12 && isLetter(text[colon])) colon++;
    if (colon > start && text[colon] === ':' && text[colon + 1] !== '/') start = colon + 1;
    if (stop - start < 4) continue;
    const chunk = text.slice(start, stop);
    if (chunk.startsWith('@')) continue;
    const at = chunk.indexOf('@');
    const slash = chunk.indexOf('/');
    if (at > 0 && (slash === -1 || slash > at) && !chunk.includes('://')) {
      ranges.push([start, stop]); // an e-mail address: its domain is a mail host, its digits no number
      continue;
    }
    const kind = linkKind(chunk);
    if (kind === undefined) continue;
    ranges.push([start, stop]);
    try {
      found.push({ input: canonicalInput({ type: kind, value: chunk }), start, end: stop });
    } catch {
      // A link its kind refuses (a post, a marketplace, a shortener): not an identifier.
    }
  }
  return ranges;
}

function isSpaceOnly(text: string): boolean {
  for (const c of text) if (!isSpace(c)) return false;
  return true;
}

function isWordOnly(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isLetter(text[k])) return false;
  return true;
}

/** The kind a link is read as, or undefined when the chunk is no link. */
function linkKind(chunk: string): string | undefined {
  const scheme = chunk.indexOf('://');
  let rest = chunk;
  if (scheme !== -1) {
    if (!isWordOnly(chunk, 0, scheme)) return undefined;
    rest = chunk.slice(scheme + 3);
  } else if (/^whatsapp:/i.test(chunk)) {
    return 'phone';
  } else if (chunk.startsWith('//')) {
    rest = chunk.slice(2);
  }
  let hostEnd = rest.length;
  for (const c of ['/', '?', '#', ':']) {
    const k = rest.indexOf(c);
    if (k !== -1 && k < hostEnd) hostEnd = k;
  }
  const host = rest.slice(0, hostEnd).toLowerCase();
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  const tld = labels[labels.length - 1]!;
  if (!/^[a-z]{2,24}$/.test(tld) && !/^xn--[a-z0-9-]{1,59}$/.test(tld)) return undefined;
  if (labels.some((label) => !/^[a-z0-9\u00a1-\uffff-]{1,63}$/.test(label))) return undefined;
  const ends = (domain: string): boolean => host === domain || host.endsWith(`.${domain}`);
  if (ends('instagram.com') || ends('instagr.am')) return 'instagram';
  if (ends('facebook.com') || ends('fb.com')) return 'facebook';
  if (ends('tiktok.com')) return 'tiktok';
  if (ends('t.me') || ends('telegram.me') || ends('telegram.dog')) return 'telegram';
  if (ends('wa.me') || ends('whatsapp.com')) return 'phone';
  return 'website';
}

// ---------------------------------------------------------------------------
// Tokens.

function tokenize(text: string, links: Array<[number, number]>): Token[] {
  const tokens: Token[] = [];
  let next = 0; // the next link range
  let aliasDigitsEndAt: number | undefined; // where "BNI 46"'s digits ended
  let i = 0;
  while (i < text.length) {
    const link = links[next];
    if (link && i >= link[0]) {
      tokens.push({ kind: 'link', start: link[0], end: link[1] });
      i = Math.max(i, link[1]);
      next++;
      continue;
    }
    const c = text[i]!;
    if (isBreak(c)) {
      tokens.push({ kind: 'nl', start: i, end: i + 1 });
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (isDigit(c) || ((c === '+' || c === '(') && (isDigit(text[i + 1]) || (c === '(' && text[i + 1] === '+' && isDigit(text[i + 2]))))) {
      const limit = link ? link[0] : text.length;
      const aliasEnd = aliasDigitsEnd(text, i, tokens[tokens.length - 1]);
      // After "BNI 46", a dash or dot before the account is no code's: "BNI 46-0123…".
      const afterAlias =
        (aliasDigitsEndAt !== undefined && i - aliasDigitsEndAt <= 4 && [...text.slice(aliasDigitsEndAt, i)].every(isNumSep)) ||
        isLabelDash(text, i, tokens[tokens.length - 2]);
      const num = scanNumber(text, i, aliasEnd ?? limit, afterAlias);
      aliasDigitsEndAt = aliasEnd;
      if (num) {
        tokens.push(num);
        i = num.end;
      } else {
        tokens.push({ kind: 'punct', start: i, end: i + 1, ch: c });
        i++;
      }
    } else if (isLetter(c)) {
      let end = i;
      while (end < text.length && isAlnum(text[end])) end++;
      if (link) end = Math.min(end, link[0]);
      tokens.push({ kind: 'word', start: i, end, text: text.slice(i, end).toLowerCase() });
      i = Math.max(end, i + 1);
    } else if (c === '@' && !isHandleChar(text[i - 1]) && isHandleChar(text[i + 1])) {
      let end = i + 1;
      while (end < text.length && isHandleChar(text[end])) end++;
      while (end > i + 1 && text[end - 1] === '.') end--;
      tokens.push({ kind: 'handle', start: i, end, name: text.slice(i + 1, end) });
      i = end;
    } else {
      tokens.push({ kind: 'punct', start: i, end: i + 1, ch: c });
      i++;
    }
  }
  return tokens;
}

/**
 * Where the digits of a bank's name end when they start a number: "BNI 46-0123…",
 * "BNI 46 - 0123…" (the word before and the 1–3 digits make an alias), else undefined.
 */
function aliasDigitsEnd(text: string, start: number, previous: Token | undefined): number | undefined {
  if (previous?.kind !== 'word' || !isDigit(text[start])) return undefined;
  let end = start;
  while (end < text.length && end - start <= 3 && isDigit(text[end])) end++;
  if (end - start > 3 || isDigit(text[end])) return undefined;
  return aliasTable().get(`${previous.text} ${text.slice(start, end)}`)?.kind === 'bank' ? end : undefined;
}

/** "BCA-1234567890", "OVO-0812…": a bank, e-wallet or phone word, a dash, the number (unlike "INV-2026-…"). */
function isLabelDash(text: string, start: number, word: Token | undefined): boolean {
  if (text[start - 1] !== '-' || word?.kind !== 'word' || word.end !== start - 1) return false;
  const kind = aliasTable().get(word.text)?.kind;
  return kind === 'bank' || kind === 'ewallet' || kind === 'phone';
}

/**
 * One number from `start`: digit groups joined by up to 4 separator characters.
 * A digit run glued to a letter is read as a word by the caller's caller
 * (tokenize sees letters first), so here only its tail: flagged `skip`.
 */
function scanNumber(text: string, start: number, limit: number, afterAlias = false): NumToken | undefined {
  let i = start;
  let plus = false;
  if (text[i] === '(') i++;
  if (text[i] === '+') {
    plus = true;
    i++;
  }
  const groups: string[] = [];
  const seps: string[] = [];
  let end = i;
  while (i < limit && isDigit(text[i])) {
    let j = i;
    while (j < limit && isDigit(text[j])) j++;
    groups.push(text.slice(i, j));
    end = j;
    // Look ahead over at most 4 separators to the next group ("(0812) - 3456").
    let k = j;
    while (k < limit && k - j < 4 && isNumSep(text[k])) k++;
    if (k === j || !isDigit(text[k]) || k >= limit) break;
    const sep = text.slice(j, k);
    if (isSpaceOnly(sep)) {
      // Space-grouped: both groups short, or after a country code; never "2 0812…".
      let m = k;
      while (m < limit && isDigit(text[m])) m++;
      const prev = groups[groups.length - 1]!;
      const countryCode = groups.length === 1 && (prev === '62' || prev === '0062' || (plus && prev.length <= 3));
      // A country code glued to the first group is not part of its length: "+628123 4567 890".
      const prefix = groups.length === 1 ? (prev.startsWith('0062') ? 4 : plus || prev.startsWith('62') ? 2 : 0) : 0;
      if (!countryCode && (prev.length - prefix > MAX_SPACED_GROUP || m - k > MAX_SPACED_GROUP)) break;
      if (!countryCode && groups.length === 1 && prev.length <= 2 && !plus) break;
    }
    seps.push(sep);
    i = k;
  }
  if (groups.length === 0) return undefined;
  // A closing bracket right after the number belongs to it: "(0812)".
  if (text[end] === ')' && text[start] === '(') end++;
  const digits = groups.join('');
  return { kind: 'num', start, end, digits, raw: text.slice(start, end), plus, skip: notAnIdentifier(text, afterAlias ? -1 : start, end, groups, seps) };
}

/** Glued to a code or a price, a thousands amount, or a date (`start` -1: nothing before counts). */
function notAnIdentifier(text: string, start: number, end: number, groups: string[], seps: string[]): boolean {
  const before = start < 1 ? undefined : text[start - 1];
  if (isAlnum(before) || (before !== undefined && '/#@_&*=\\'.includes(before))) return true;
  if (before === '-' && isAlnum(text[start - 2])) return true;
  if (before === '.' && isDigit(text[start - 2])) return true;
  const after = text[end];
  if (isAlnum(after) || (after !== undefined && '/@_&*=%\\'.includes(after))) return true;
  if ((after === ',' || after === '.') && isDigit(text[end + 1])) return true;
  if (after === '-' && isAlnum(text[end + 1])) return true;
  if (groups.length >= 2 && seps.every((s) => s === '.') && groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3)) return true;
  if (groups.length === 3 && seps.every((s) => s === '-' || s === '.')) {
    const [a, b, c] = groups.map((g) => g.length) as [number, number, number];
    if ((a <= 2 && b <= 2 && (c === 2 || c === 4)) || (a === 4 && b <= 2 && c <= 2)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Labels and classification.

interface Label {
  alias: Alias;
  /** Words and numbers read since the label. */
  gap: number;
  /** Only connectors and punctuation since the label (for "Gopay/OVO"). */
  joined: boolean;
}

function classify(tokens: Token[], found: FoundIdentifier[], unresolved: Unresolved[], lang: Lang): void {
  const table = aliasTable();
  let label: Label | undefined;
  let platform: string | undefined;
  // An unlabelled account-like number waiting for a bank named right after it.
  let pending: { token: NumToken; words: number } | undefined;
  // A bank named alone on an earlier line.
  let carried: { code: string; lines: number } | undefined;
  const flush = (): void => {
    if (pending) unresolved.push(unresolvedOf(pending.token, lang));
    pending = undefined;
  };
  // A handle with no platform before it, waiting for one named right after ("@toko (TikTok)").
  let handle: { token: Extract<Token, { kind: 'handle' }>; words: number } | undefined;
  const readHandle = (type: string): void => {
    if (handle && type !== '') tryPush(found, { type, value: handle.token.name }, handle.token.start, handle.token.end);
    handle = undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.kind) {
      case 'nl':
        flush();
        readHandle('instagram');
        if (label?.alias.kind === 'bank' && label.gap === 0) carried = { code: label.alias.value, lines: 0 };
        else if (carried && ++carried.lines > CARRY_LINES) carried = undefined;
        label = undefined;
        platform = undefined;
        break;
      case 'link':
        flush();
        readHandle('instagram');
        label = undefined;
        break;
      case 'punct':
        break;
      case 'handle':
        readHandle('instagram');
        if (platform === undefined) handle = { token, words: 0 };
        else if (platform !== '') tryPush(found, { type: platform, value: token.name }, token.start, token.end);
        if (label) label.gap++;
        break;
      case 'word': {
        const match = matchAlias(tokens, i, table);
        if (!match || (match.alias.value === 'dana' && isFunds(tokens, i))) {
          if (label && !CONNECTORS.has(token.text)) {
            label.gap++;
            label.joined = false;
          }
          if (pending && ++pending.words > 2) flush();
          if (handle && ++handle.words > 2) readHandle('instagram');
          break;
        }
        const { alias, last } = match;
        i = last;
        if (alias.kind === 'platform') {
          // "@toko (TikTok)" names the handle before; "@toko, tiktok @toko_tt" the one after.
          if (handle && !handleFollows(tokens, last)) readHandle(alias.value);
          else platform = alias.value;
          break;
        }
        if (pending) {
          if (alias.kind === 'bank') {
            tryPush(found, { type: 'bank', bank: alias.value, value: pending.token.digits }, pending.token.start, pending.token.end);
            pending = undefined;
          } else {
            flush();
          }
        }
        if (alias.kind === 'account' && label?.alias.kind === 'bank' && label.gap <= 2) {
          // "BCA no rek 123…", "Danamon account 321…": the bank stays named.
        } else if (alias.kind === 'ewallet' && label?.alias.kind === 'ewallet' && label.joined) {
          label.gap = 0; // "Gopay/OVO": the first provider named
        } else {
          label = { alias, gap: 0, joined: true };
        }
        break;
      }
      case 'num':
        flush();
        if (!token.skip) {
          const near = label && label.gap <= (label.alias.kind === 'none' ? NONE_WINDOW : LABEL_WINDOW) ? label : undefined;
          const length = token.digits.length;
          const accountLike = near?.alias.kind === 'account' ? length >= 6 && length <= 20 : near === undefined && length >= 8 && length <= 16 && !isMobile(token);
          if (carried && accountLike) {
            if (tryPush(found, { type: 'bank', bank: carried.code, value: token.digits }, token.start, token.end)) carried = undefined;
          } else if (readNumber(token, near, found)) {
            pending = { token, words: 0 };
          }
        }
        if (label) {
          label.gap++;
          label.joined = false;
        }
        break;
    }
  }
  flush();
  readHandle('instagram');
}

/**
 * The longest alias starting at word `i`: its words joined by spaces, dashes, dots, "&" or
 * brackets only. "BNI 46": the tokenizer reads the 46 as a number of its own (aliasDigitsEnd),
 * too short to be anything.
 */
function matchAlias(tokens: Token[], i: number, table: Map<string, Alias>): { alias: Alias; last: number } | undefined {
  let phrase = '';
  let best: { alias: Alias; last: number } | undefined;
  for (let j = i; j < tokens.length && j < i + MAX_ALIAS_WORDS * 2; j++) {
    const t = tokens[j]!;
    if (t.kind === 'word') {
      phrase = phrase === '' ? t.text : `${phrase} ${t.text}`;
    } else if (t.kind === 'punct' && j > i && '-.&()'.includes(t.ch)) {
      continue;
    } else {
      break;
    }
    const alias = table.get(phrase);
    if (alias) best = { alias, last: j };
  }
  return best;
}

/** Whether a handle comes right after token `i`, past punctuation. */
function handleFollows(tokens: Token[], i: number): boolean {
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    const kind = tokens[j]!.kind;
    if (kind !== 'punct') return kind === 'handle';
  }
  return false;
}

/** "dana" as "funds": a funds word right before or after it, or no number within DANA_WINDOW words. */
function isFunds(tokens: Token[], i: number): boolean {
  const prev = previousWord(tokens, i);
  if (prev !== undefined && FUNDS_BEFORE.has(prev)) return true;
  let words = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'nl' || t.kind === 'link' || t.kind === 'handle') return true;
    if (t.kind === 'num') return false;
    if (t.kind === 'word') {
      if (words === 0 && FUNDS_AFTER.has(t.text)) return true;
      if (++words > DANA_WINDOW) return true;
    }
  }
  return true;
}

function previousWord(tokens: Token[], i: number): string | undefined {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const t = tokens[j]!;
    if (t.kind === 'word') return t.text;
    if (t.kind !== 'punct') return undefined;
  }
  return undefined;
}

/** Classify one number by its label; true when it waits for a bank named after it (else unresolved). */
function readNumber(token: NumToken, label: Label | undefined, found: FoundIdentifier[]): boolean {
  const { digits, raw, start, end } = token;
  if (digits.length < 5) return false;
  const near = label?.alias;
  switch (near?.kind) {
    case 'none':
      return false;
    case 'bank':
      if (digits.length < 6 || digits.length > 20) return false;
      if (label!.gap > 2 && isMobile(token)) return tryPush(found, { type: 'phone', value: raw }, start, end), false;
      tryPush(found, { type: 'bank', bank: near.value, value: digits }, start, end);
      return false;
    case 'ewallet':
      if (label!.gap <= DANA_WINDOW) tryPush(found, { type: 'ewallet', provider: near.value, value: raw }, start, end);
      return false;
    case 'phone':
      tryPush(found, { type: 'phone', value: raw }, start, end);
      return false;
    case 'account':
      return digits.length <= 20;
  }
  if (isMobile(token) || token.plus) {
    tryPush(found, { type: 'phone', value: raw }, start, end);
    return false;
  }
  return digits.length >= 8 && digits.length <= 16;
}

/** An Indonesian mobile number as people write it: 08…, 628…, 00628…, +628…, valid. */
function isMobile(token: NumToken): boolean {
  const d = token.digits;
  if (!(d.startsWith('08') || d.startsWith('628') || d.startsWith('00628') || d.startsWith('6208'))) return false;
  try {
    return parseIdentifier({ type: 'phone', value: token.raw }).value.startsWith('+628');
  } catch {
    return false;
  }
}

function unresolvedOf(token: NumToken, lang: Lang): Unresolved {
  return { value: token.digits, code: 'bank_not_named', message: BANK_NOT_NAMED[lang], start: token.start, end: token.end };
}

/** Push the identifier when identifiers.ts accepts it; true if it did. */
function tryPush(found: FoundIdentifier[], input: IdentifierInput, start: number, end: number): boolean {
  try {
    found.push({ input: canonicalInput(input), start, end });
    return true;
  } catch {
    return false;
  }
}

/** The input as GET /api/v1/check takes it, canonical (throws when refused). */
function canonicalInput(input: IdentifierInput): IdentifierInput {
  const id = parseIdentifier(input);
  return { type: id.type, value: id.value, ...(id.bank ? { bank: id.bank } : {}), ...(id.provider ? { provider: id.provider } : {}) };
}

function dedupe(found: FoundIdentifier[]): FoundIdentifier[] {
  const seen = new Set<string>();
  return [...found]
    .sort((a, b) => a.start - b.start)
    .filter((item) => {
      let key: string;
      try {
        key = lookupKey(parseIdentifier(item.input));
      } catch {
        return false;
      }
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function dedupeUnresolved(items: Unresolved[], found: FoundIdentifier[]): Unresolved[] {
  // Digits also found as a bank account elsewhere in the text are not asked about.
  const known = new Set(found.filter((f) => f.input.type === 'bank').map((f) => f.input.value));
  const seen = new Set<string>();
  return [...items]
    .sort((a, b) => a.start - b.start)
    .filter((item) => !known.has(item.value) && !seen.has(item.value) && (seen.add(item.value), true));
}
