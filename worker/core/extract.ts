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
import { ApiError } from './errors.ts';
import { aliasPrefixes, aliasTable, MAX_ALIAS_WORDS, MONEY_AFTER, MONTHS, NOT_HANDLES, type Alias } from './extract/aliases.ts';
import { readLinks } from './extract/links.ts';
import { readQrisPayloads } from './extract/qris-text.ts';
import { fold, type Folded } from './extract/normalise.ts';
import { isLandline, isMobile, scanNumber, type NumToken } from './extract/numbers.ts';
import type { Extraction, FoundIdentifier, Unresolved } from './extract-types.ts';
import { MAX_TEXT_LENGTH } from './extract-types.ts';
import { bankByCode } from './banks.ts';
import { lookupKey, parseIdentifier, type Identifier, type IdentifierInput } from './identifiers.ts';
import type { Lang } from './lang.ts';

const LABEL_WINDOW = 5;
/** "not an identifier" words reach only this far: "order bisa ke nomor ini ya 0812…" is a phone. */
const NONE_WINDOW = 2;
/** A bank alone on its line names the account on the next lines ("Bank: Mandiri\nNo rek: …"), this many. */
const CARRY_LINES = 2;
const DANA_WINDOW = 3;
/**
 * An account word this many words after a bank keeps the bank named: "bank MANDIRI. a/n: ALI
 * SYAMSUDIN. rek: 136-…", "BNI aja a/n Ayu Suryani no rek 0215…" (an a/n name sits between).
 */
const ACCOUNT_AFTER_BANK = 8;

const BANK_NOT_NAMED = {
  id: 'Nomor ini rekening bank apa?',
  en: 'Which bank is this account number at?',
} as const;
/** Words after "dana" that make it "funds", not the e-wallet. */
const FUNDS_AFTER = new Set(['masuk', 'dikembalikan', 'kembali', 'balik', 'sudah', 'udah', 'sdh', 'dah', 'telah', 'refund', 'direfund', 'ditransfer', 'dikirim', 'terkirim', 'cair', 'dicairkan', 'nya', 'saya', 'aku', 'kami', 'kamu', 'anda', 'talangan', 'darurat', 'pinjaman', 'hibah', 'bantuan', 'awal', 'tambahan', 'sebesar', 'senilai', 'rp', 'idr', 'hilang', 'ditahan', 'tertahan', 'belum', 'blm', 'akan', 'segera', 'pasti', 'aman', 'via', 'lewat']);
const FUNDS_BEFORE = new Set(['pengembalian', 'pencairan', 'penarikan', 'sumber', 'kirim', 'transfer', 'tf', 'refund', 'pengiriman', 'cairkan', 'kembalikan', 'balikin', 'balikkan', 'dapat', 'dapet']);
/** Words that join e-wallet names into one label ("Gopay atau OVO"). */
const CONNECTORS = new Set(['atau', 'or', 'dan', 'and', 'ato']);

type Token =
  | { kind: 'word'; start: number; end: number; text: string }
  | NumToken
  | { kind: 'handle'; start: number; end: number; name: string }
  | { kind: 'link'; start: number; end: number }
  | { kind: 'punct'; start: number; end: number; ch: string }
  | { kind: 'nl'; start: number; end: number };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
/** An ASCII digit or letter by character code, for the loops that read every character of a word. */
const isAlnumCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: string | undefined): boolean => c !== undefined && isAlnumCode(c.charCodeAt(0));
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u00a0' || c === '\r' || c === '\u202f';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\u2028' || c === '\u2029';
const isHandleChar = (c: string | undefined): boolean => isAlnum(c) || c === '_' || c === '.';
/** Between the digit groups of one number. */
const isNumSep = (c: string | undefined): boolean => isSpace(c) || c === '-' || c === '.' || c === '(' || c === ')';

/** Read the pasted text; never throws. */
export function extractIdentifiers(text: string, lang: Lang): Extraction {
  const found: FoundIdentifier[] = [];
  const unresolved: Unresolved[] = [];
  const language: Lang = lang === 'en' ? 'en' : 'id';
  let folded: Folded | null = null;
  // QRIS payloads are read first, on the text as pasted (extract/qris-text.ts); the rest reads the text without them.
  let qris: { found: FoundIdentifier[]; unresolved: Unresolved[] } = { found: [], unresolved: [] };
  try {
    const pasted = String(text ?? '').slice(0, MAX_TEXT_LENGTH);
    const { rest: original, ...payloads } = readQrisPayloads(pasted, { lang: language, canonical: canonicalInput });
    qris = payloads;
    folded = fold(original);
    const source = folded?.text ?? original;
    const links = readLinks(source, { found, unresolved, lang: language, canonical: canonicalInput });
    classify(tokenize(source, links), found, unresolved, language);
  } catch {
    // A bug must not lose what was read so far: return it.
  }
  const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;
  return {
    found: [...qris.found, ...dedupe(found).map((f) => placed(f, folded))].sort(byStart),
    unresolved: [...qris.unresolved, ...dedupeUnresolved(unresolved, found).map((u) => placed(u, folded))].sort(byStart),
  };
}

/** Offsets in the folded text mapped back to the text as pasted. */
function placed<T extends { start: number; end: number }>(item: T, folded: Folded | null): T {
  if (!folded || item.end <= item.start) return item;
  return { ...item, start: folded.from[item.start] ?? item.start, end: folded.to[item.end - 1] ?? item.end };
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
      const num = scanNumber(text, i, aliasEnd ?? limit, afterAlias, namesAccount(tokens));
      aliasDigitsEndAt = aliasEnd;
      if (num) {
        tokens.push(num);
        i = num.end;
      } else {
        tokens.push({ kind: 'punct', start: i, end: i + 1, ch: c });
        i++;
      }
    } else if (isLetter(c) && handleAfterPlatform(text, i, tokens)) {
      let end = i;
      while (end < text.length && isHandleChar(text[end])) end++;
      while (end > i && text[end - 1] === '.') end--;
      if (link) end = Math.min(end, link[0]);
      tokens.push({ kind: 'handle', start: i, end, name: text.slice(i, end) });
      i = Math.max(end, i + 1);
    } else if (isLetter(c)) {
      let end = i + 1;
      while (end < text.length && isAlnumCode(text.charCodeAt(end))) end++;
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
 * Whether the words right before a number (past ":" and the like) name a bank or an account:
 * "BRI 0812 3456 789 012" is then one account of 15 digits, not a mobile number and a rest.
 */
function namesAccount(tokens: Token[]): boolean {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last]!.kind === 'punct') last--;
  if (last < 0 || tokens[last]!.kind !== 'word') return false;
  const table = aliasTable();
  for (let from = last; from >= 0 && from > last - MAX_ALIAS_WORDS * 2; from--) {
    const match = matchAlias(tokens, from, table);
    if (match?.last === last && (match.alias.kind === 'bank' || match.alias.kind === 'account')) return true;
  }
  return false;
}

/**
 * A username written without "@" after a platform word: "IG: olshop.murah.banget", "tiktok: hpmurah.sby",
 * "ig olshop.murah.banget". After a colon any name but a common word; without one only a name a
 * reader sees is a handle (a period, an underscore or a digit in it), so "follow ig kami" stays words.
 */
function handleAfterPlatform(text: string, start: number, tokens: Token[]): boolean {
  let k = tokens.length - 1;
  let colon = false;
  while (k >= 0 && tokens[k]!.kind === 'punct') {
    const ch = (tokens[k] as Extract<Token, { kind: 'punct' }>).ch;
    // "IG: x", "tiktok = x", "tele - x"; a dash glued to both words is a suffix ("IG-nya").
    if (ch !== ':' && ch !== '=' && !(ch === '-' && text[tokens[k]!.end] === ' ')) return false;
    colon = true;
    k--;
  }
  const word = tokens[k];
  if (word?.kind !== 'word' || (tokens.length - 1 - k > 2)) return false;
  const alias = aliasTable().get(word.text);
  if (alias?.kind !== 'platform' || alias.value === '') return false;
  let end = start;
  while (end < text.length && isHandleChar(text[end])) end++;
  while (end > start && text[end - 1] === '.') end--;
  const name = text.slice(start, end);
  if (name.length < 2 || NOT_HANDLES.has(name.toLowerCase()) || aliasTable().has(name.toLowerCase())) return false;
  if (text[end] === '@') return false; // an e-mail address
  return colon || /[._0-9]/.test(name);
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

// ---------------------------------------------------------------------------
// Labels and classification.

interface Label {
  alias: Alias;
  /** Words and numbers read since the label. */
  gap: number;
  /** Only connectors and punctuation since the label (for "Gopay/OVO"). */
  joined: boolean;
  /** An account word ("rek", "no rek") went with this bank label: a mobile-shaped number is then an account. */
  account?: boolean;
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
        if (NOT_HANDLES.has(token.name.toLowerCase())) break; // "@TRIMS", "@follow"
        readHandle('instagram');
        if (platform === undefined) handle = { token, words: 0 };
        // A platform named and its rules refuse the name ("tele: toko__jaya"): said, not dropped.
        else if (platform !== '') pushOrSay(found, unresolved, lang, { type: platform, value: token.name }, token.start, token.end);
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
            pushOrSay(found, unresolved, lang, { type: 'bank', bank: alias.value, value: pending.token.digits }, pending.token.start, pending.token.end);
            pending = undefined;
          } else {
            flush();
          }
        }
        if (alias.kind === 'account' && label?.alias.kind === 'bank' && label.gap <= ACCOUNT_AFTER_BANK) {
          // "BCA no rek 123…", "BNI aja a/n Ayu Suryani no rek 0215…": the bank stays named.
          label.gap = 0;
          label.account = true;
        } else if (alias.kind === 'ewallet' && label?.alias.kind === 'ewallet' && label.joined) {
          label.gap = 0; // "Gopay/OVO": the first provider named
        } else {
          label = { alias, gap: 0, joined: true };
        }
        break;
      }
      case 'num':
        flush();
        const near = label && label.gap <= (label.alias.kind === 'none' ? NONE_WINDOW : LABEL_WINDOW) ? label : undefined;
        // Glued to "/", "=", ":" it needs a label right before or a mobile number's shape ("CS:021…", "WA/0821…").
        const glueOk = (!token.soft || isMobile(token) || (near !== undefined && near.gap === 0)) && (!token.mobileOnly || isMobile(token));
        if (!token.skip && glueOk && !isAmountOrDate(tokens, i)) {
          const length = token.digits.length;
          const accountLike = near?.alias.kind === 'account' ? length >= 6 && length <= 20 : near === undefined && length >= 8 && length <= 16 && !isMobile(token);
          if (carried && accountLike) {
            if (tryPush(found, { type: 'bank', bank: carried.code, value: token.digits }, token.start, token.end)) carried = undefined;
          } else if (readNumber(token, near, found, unresolved, lang)) {
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
  const prefixes = aliasPrefixes();
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
    // No alias begins with these words: no longer phrase can be one either.
    if (!prefixes.has(phrase)) break;
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

/** "125 - 200 jt", "150 rb": an amount; "16 OKT 2016 09.46": a date. */
function isAmountOrDate(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next?.kind === 'word' && MONEY_AFTER.has(next.text)) return true;
  const prev = tokens[i - 1];
  return prev?.kind === 'word' && MONTHS.has(prev.text);
}

/** Classify one number by its label; true when it waits for a bank named after it (else unresolved). */
function readNumber(token: NumToken, label: Label | undefined, found: FoundIdentifier[], unresolved: Unresolved[], lang: Lang): boolean {
  const { digits, raw, start, end } = token;
  if (digits.length < 5) return false;
  const near = label?.alias;
  switch (near?.kind) {
    case 'none':
      // "Pin: 7Y7R8K9Z 0896…": a mobile number past the code it labelled is a phone again.
      if (label!.gap >= 1 && isMobile(token)) tryPush(found, { type: 'phone', value: raw }, start, end);
      return false;
    case 'bank':
      if (digits.length < 6 || digits.length > 20) return false;
      // A mobile number is a phone, not an account, unless an account word says otherwise ("ATM MANDIRI. 62813…").
      // "BCA 0812345678" has the 10 digits a BCA account has: checked both ways, neither reading dropped.
      if (!label!.account && isMobile(token)) {
        tryPush(found, { type: 'phone', value: raw }, start, end);
        if (label!.gap === 0 && bankByCode(near.value)?.accountDigits?.includes(digits.length)) tryPush(found, { type: 'bank', bank: near.value, value: digits }, start, end);
        return false;
      }
      pushOrSay(found, unresolved, lang, { type: 'bank', bank: near.value, value: digits }, start, end);
      return false;
    case 'ewallet':
      if (label!.gap <= DANA_WINDOW) tryPush(found, { type: 'ewallet', provider: near.value, value: raw }, start, end);
      return false;
    case 'phone':
      // Indonesians write the trunk 0 (or +62): "hub 1500300" is a company's short number, "91066949" no phone.
      if (/^[0+]/.test(raw) || /^(?:62|\(0)/.test(raw)) tryPush(found, { type: 'phone', value: raw }, start, end);
      return false;
    case 'account':
      return digits.length <= 20;
  }
  if (isMobile(token) || token.plus || isLandline(token)) {
    tryPush(found, { type: 'phone', value: raw }, start, end);
    return false;
  }
  return digits.length >= 8 && digits.length <= 16;
}

function unresolvedOf(token: NumToken, lang: Lang): Unresolved {
  return { value: token.digits, code: 'bank_not_named', message: BANK_NOT_NAMED[lang], start: token.start, end: token.end };
}

/**
 * A bank account the lookup refuses ("BCA 123456789": BCA accounts have 10 digits) is said in
 * `unresolved` with the lookup's own code and message, never answered and never dropped.
 */
function pushOrSay(found: FoundIdentifier[], unresolved: Unresolved[], lang: Lang, input: IdentifierInput, start: number, end: number): void {
  try {
    found.push({ input: canonicalInput(input), start, end });
  } catch (err) {
    if (err instanceof ApiError) {
      const value = input.type === 'bank' ? input.value.replace(/[^0-9]/g, '') : input.value;
      unresolved.push({ value, code: err.code, message: err.messageIn(lang), start, end });
    }
  }
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

/**
 * The first mention of each lookup key. Every input here is canonical (canonicalInput, also for links), and
 * parsing a canonical input gives it back (each kind's "parsing that again changes nothing" test), so its key is
 * read from it as it stands rather than parsed a third time.
 */
function dedupe(found: FoundIdentifier[]): FoundIdentifier[] {
  const seen = new Set<string>();
  return [...found]
    .sort((a, b) => a.start - b.start)
    .filter((item) => {
      const key = lookupKey(item.input as Identifier);
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
