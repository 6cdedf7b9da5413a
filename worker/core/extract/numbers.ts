// Numbers in a seller's message: digit groups read as one number the way a
// person reads them, and the shapes that are never an identifier (amounts,
// dates, codes glued to words).
// - Strict grouping: groups joined by up to 4 separator characters (spaces,
//   dashes, dots, brackets): "0812 3456 7890", "123-456-7890", "+62 (0)812…".
//   Space-grouping joins only short groups (≤ 7 digits each, or after a
//   country code, or an area code and its local number "021 93417219", or a
//   mobile number split once "08531166 6557"); two bracketed numbers side by
//   side ")(" stay two.
// - Disguised: digits broken by anything a reader skips ("0851"8126"7182",
//   "+62852=1173=0508", "0838+7414+5439") are one number only where the
//   digits spell an Indonesian mobile number; otherwise the strict reading.
// - Never an identifier: glued to letters or to # @ _ & * \ (INV/2026, 150rb,
//   50%), a thousands amount (1.500.000), a date shape (12-03-2026) or a year
//   range (2016-2017). Glued to "/" "=" ":" it is read only when it is a
//   mobile number ("WA/0821…", "bpk=0812…").
import { parseIdentifier } from '../identifiers.ts';

export interface NumToken {
  kind: 'num';
  start: number;
  end: number;
  digits: string;
  /** What parseIdentifier reads for a phone: as written, or the spelled digits of a disguised number. */
  raw: string;
  plus: boolean;
  /** Never an identifier. */
  skip: boolean;
  /** Glued to / = : — an identifier only if it is a mobile number or a label names it. */
  soft: boolean;
  /** Glued to letters after it ("088980007432berlaku") — an identifier only if it is a mobile number. */
  mobileOnly: boolean;
  /** The first digit group (an area code in "021 93417219"), and how many groups. */
  firstGroup: string;
  groups: number;
}

const MAX_SPACED_GROUP = 7;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isLetter(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u00a0' || c === '\r' || c === '\u202f';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\u2028' || c === '\u2029';
/** Between the digit groups of one number. */
const isNumSep = (c: string | undefined): boolean => isSpace(c) || c === '-' || c === '.' || c === '(' || c === ')';
const isSpaceOnly = (text: string): boolean => [...text].every(isSpace);

/** One number from `start`: the disguised reading when it spells a mobile number, else the strict one. */
export function scanNumber(text: string, start: number, limit: number, afterAlias = false, account = false): NumToken | undefined {
  return scanDisguised(text, start, limit, afterAlias) ?? scanStrict(text, start, limit, afterAlias, account);
}

/** `account`: a bank or an account word comes right before, so a mobile-like start does not end the number. */
function scanStrict(text: string, start: number, limit: number, afterAlias: boolean, account: boolean): NumToken | undefined {
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
    if (/\).*\(/.test(sep)) break; // "(0812…)(0813…)": two numbers
    // "089664054777 -297CCFA7": a whole mobile number takes no more groups.
    if (!account && / /.test(sep) && groups.join('').length >= 10 && spellsMobile(groups.join('')) && !spellsMobile(groups.join('') + digitsAt(text, k, limit))) break;
    if (isSpaceOnly(sep)) {
      // "…1520-01534-8085 18.37": a chat's time stamp after the number is no part of it.
      if (groups.length >= 2 && /^(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9](?![0-9.:])/.test(text.slice(k, limit))) break;
      let m = k;
      while (m < limit && isDigit(text[m])) m++;
      const prev = groups[groups.length - 1]!;
      const next = m - k;
      const countryCode = groups.length === 1 && (prev === '62' || prev === '0062' || (plus && prev.length <= 3));
      // A country code glued to the first group is not part of its length: "+628123 4567 890".
      const prefix = groups.length === 1 ? (prev.startsWith('0062') ? 4 : plus || prev.startsWith('62') ? 2 : 0) : 0;
      // "021 93417219": an area code and its local number.
      const areaCode = groups.length === 1 && !plus && /^0[2-79][0-9]{1,2}$/.test(prev) && next >= 5 && next <= 8;
      // "08531166 6557": a mobile number too short alone, completed by the next group.
      const mobileTail = groups.length === 1 && /^08/.test(prev) && prev.length < 10 && prev.length + next >= 10 && prev.length + next <= 13 && next <= 5;
      if (!countryCode && !areaCode && !mobileTail && (prev.length - prefix > MAX_SPACED_GROUP || next > MAX_SPACED_GROUP)) break;
      if (!countryCode && groups.length === 1 && prev.length <= 2 && !plus) break;
    }
    seps.push(sep);
    i = k;
  }
  if (groups.length === 0) return undefined;
  // A closing bracket right after the number belongs to it: "(0812)".
  if (text[end] === ')' && text[start] === '(') end++;
  let digits = groups.join('');
  let raw = text.slice(start, end);
  // "0016282333306308": an operator's international prefix (001, 007, 008, 017) before +62.
  const idd = /^(?:001|007|008|017)(628[0-9]{8,11})$/.exec(digits);
  if (idd) {
    digits = idd[1]!;
    raw = `+${digits}`;
    plus = true;
  }
  const glued = notAnIdentifier(text, afterAlias ? -1 : start, end, groups, seps);
  return {
    kind: 'num', start, end, digits, raw, plus,
    skip: glued === true, soft: glued === 'soft', mobileOnly: glued === 'mobile', firstGroup: groups[0]!, groups: groups.length,
  };
}

/** Characters a disguise puts between digits; letters and line breaks end a number. */
const isDisguise = (c: string | undefined): boolean => c !== undefined && !isAlnum(c) && !isBreak(c) && c !== '@' && c !== '/';

/**
 * "0851"8126"7182", "+62852=1173=0508", "(+62-0813::7072:+274-)": digit groups split by up to 3
 * characters a reader skips, at least one of which strict grouping does not take. Read only when
 * the digits (a leading "620" read as "62") spell a valid Indonesian mobile number.
 */
function scanDisguised(text: string, start: number, limit: number, afterAlias: boolean): NumToken | undefined {
  let i = start;
  if (text[i] === '(') i++;
  let plus = false;
  if (text[i] === '+') {
    plus = true;
    i++;
  }
  let digits = '';
  let odd = false;
  let best: { end: number; digits: string } | undefined;
  while (i < limit && isDigit(text[i]) && digits.length <= 15) {
    let j = i;
    while (j < limit && isDigit(text[j])) j++;
    digits += text.slice(i, j);
    if (odd && spellsMobile(digits)) best = { end: j, digits };
    let k = j;
    while (k < limit && k - j < 3 && isDisguise(text[k])) k++;
    if (k === j || !isDigit(text[k])) break;
    if (![...text.slice(j, k)].every(isNumSep)) odd = true;
    i = k;
  }
  if (!best) return undefined;
  const spelled = best.digits.startsWith('620') ? `62${best.digits.slice(3)}` : best.digits;
  const raw = spelled.startsWith('62') ? `+${spelled}` : spelled;
  let end = best.end;
  if (text[end] === ')' && text[start] === '(') end++;
  const before = afterAlias ? undefined : text[start - 1];
  return {
    kind: 'num', start, end, digits: spelled, raw, plus: plus || spelled.startsWith('62'),
    skip: isAlnum(before) || isAlnum(text[end]), soft: false, mobileOnly: false, firstGroup: spelled, groups: 1,
  };
}

function digitsAt(text: string, start: number, limit: number): string {
  let end = start;
  while (end < limit && isDigit(text[end])) end++;
  return text.slice(start, end);
}

function spellsMobile(digits: string): boolean {
  const d = digits.startsWith('620') ? `62${digits.slice(3)}` : digits;
  if (!/^(?:08|628)/.test(d) || d.length < 10 || d.length > 14) return false;
  try {
    return parseIdentifier({ type: 'phone', value: d.startsWith('62') ? `+${d}` : d }).value.startsWith('+628');
  } catch {
    return false;
  }
}

/** Glued to a code or a price, a thousands amount, a date or a year range (`start` -1: nothing before counts). */
function notAnIdentifier(text: string, start: number, end: number, groups: string[], seps: string[]): boolean | 'soft' | 'mobile' {
  let soft = false;
  // "WA(0813-…)": a bracket parts the number from the word before it.
  const before = start < 1 || text[start] === '(' ? undefined : text[start - 1];
  if (isAlnum(before) || (before !== undefined && '#@_&*\\'.includes(before))) return true;
  if (before !== undefined && '/=:'.includes(before)) {
    if (isDigit(text[start - 2]) && !/^(?:08|62)/.test(groups[0]!)) return true; // "2026/05", "12:30"; not "…61/0878…"
    soft = true;
  }
  if (before === '-' && isAlnum(text[start - 2])) return true;
  if (before === '.' && isDigit(text[start - 2])) return true;
  const after = text[end];
  // "088980007432berlaku": a word glued after a whole number (a code has letters before, or digits after).
  if (isLetter(after) && /^[A-Za-z]{3}/.test(text.slice(end, end + 3)) && groups.join('').length >= 10) return soft ? true : 'mobile';
  if (isAlnum(after) || (after !== undefined && '@_&*=%\\×'.includes(after))) return true;
  if (after === '/') {
    if (isDigit(text[end + 1]) && !/^0?8/.test(text.slice(end + 1, end + 3))) return true; // "12/03", not "0812…/0813…"
    soft = true;
  }
  if ((after === ',' || after === '.') && isDigit(text[end + 1])) return true;
  if (after === '-' && isAlnum(text[end + 1])) return true;
  if (groups.length >= 2 && seps.every((s) => s === '.') && groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3)) return true;
  // Dates and times, also with more groups after them ("2016-07-08 11:47"); lottery numbers "07.31.19.43".
  if (groups.length >= 3 && seps.slice(0, 2).every((s) => s === '-' || s === '.' || s === '/')) {
    const [a, b, c] = groups.map((g) => g.length) as [number, number, number];
    if ((a <= 2 && b <= 2 && (c === 2 || c === 4)) || (a === 4 && b <= 2 && c <= 2)) return true;
  }
  if (groups.length >= 3 && groups.every((g) => g.length <= 2) && seps.every((s) => s === '.')) return true;
  if (groups.length === 2 && groups.every((g) => /^(?:19|20)[0-9]{2}$/.test(g))) return true; // "2016-2017"
  return soft ? 'soft' : false;
}

/** An Indonesian mobile number as people write it: 08…, 628…, 00628…, +628…, valid. */
export function isMobile(token: NumToken): boolean {
  const d = token.digits;
  if (!(d.startsWith('08') || d.startsWith('628') || d.startsWith('00628') || d.startsWith('6208'))) return false;
  try {
    return parseIdentifier({ type: 'phone', value: token.raw }).value.startsWith('+628');
  } catch {
    return false;
  }
}

/**
 * A landline written as Indonesians write one, its area code apart: "021 93417219", "(022) 2034567",
 * "021-27450166", "0361.234567". Unseparated "0215891174" stays account-like: BNI accounts start so too.
 */
export function isLandline(token: NumToken): boolean {
  if (token.groups !== 2 || !/^\(?0[2-79][0-9]{1,2}$/.test(token.firstGroup)) return false;
  try {
    return parseIdentifier({ type: 'phone', value: token.raw }).value.startsWith('+62');
  } catch {
    return false;
  }
}
