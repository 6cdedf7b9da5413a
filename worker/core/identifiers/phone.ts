// Phone and e-wallet numbers to E.164 with libphonenumber-js.
//
// Metadata: "max", not the default "min". Measured with esbuild (minified):
// min 121 KB / 30 KB gzipped, max 194 KB / 50 KB. "min" only checks lengths, so
// it accepts numbers in ranges that do not exist (+62 999 1234 5678), and it
// cannot tell a mobile number from a landline, which the "62…" rule below needs.
// The extra 20 KB gzipped is worth a check that means what it says.
//
// Indonesian mobile numbers, most of what people look up, skip the parser: a
// national number that matches libphonenumber's own MOBILE pattern for ID (read
// from its metadata below, compiled once) is valid as it stands. The parser
// builds its regular expressions on every call: about 5 µs and most of the
// garbage of a lookup. tests/unit/identifiers-phone.test.ts checks with
// fast-check that both ways give the same answer.
//
// WhatsApp links (wa.me/62…, api.whatsapp.com/send?phone=…, whatsapp://send?
// phone=…) are read as the number they call, for phone and e-wallet alike.
import { Metadata, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { ApiError } from '../errors.ts';
import { isDigitsFrom } from './digits.ts';

/** What people put between digits: spaces, dashes, dots and brackets. */
const SEPARATORS = /[\s().\-]/g;

/** The number in E.164 (`+6281234567890`); throws invalid_phone. */
export function canonicalPhone(raw: string): string {
  const typed = phoneDigits(raw);
  return indonesianMobile(typed) ?? parsePhone(typed).number;
}

/**
 * An e-wallet's number in E.164: a mobile number, as every
 * e-wallet (DANA, OVO, GoPay, ShopeePay, LinkAja) registers its accounts on
 * one. A valid landline (022-2034567) is refused with ewallet_not_mobile
 * rather than looked up: no e-wallet can be on it, so "not reported" would
 * mislead. Other numbers throw invalid_phone as for a phone.
 */
export function canonicalEwalletNumber(raw: string): string {
  const typed = phoneDigits(raw);
  const mobile = indonesianMobile(typed);
  if (mobile) return mobile;
  const number = parsePhone(typed);
  if (isMobile(number)) return number.number;
  throw new ApiError('ewallet_not_mobile', 'value');
}

/** The answer of libphonenumber alone, and of the shortcut alone (undefined where it does not apply): for the test that compares them. */
export function canonicalPhoneByParser(raw: string): string {
  return parsePhone(phoneDigits(raw)).number;
}
export function canonicalPhoneByShortcut(raw: string): string | undefined {
  return indonesianMobile(phoneDigits(raw));
}

/** Both readings of what was typed, for the test that compares them: the one-pass one (undefined where it does not apply) and the general one. */
export function digitsBothWays(raw: string): { plain: TypedDigits | undefined; general: TypedDigits | 'invalid_phone' } {
  let general: TypedDigits | 'invalid_phone';
  try {
    general = typedDigits(raw);
  } catch {
    general = 'invalid_phone';
  }
  return { plain: plainDigits(raw), general };
}

/** An E.164 number as people read it: `+62 812 3456 7890`. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** What was typed, as digits: `international` when they follow a + or 00. */
interface TypedDigits {
  international: boolean;
  digits: string;
}

function phoneDigits(raw: string): TypedDigits {
  return plainDigits(raw) ?? typedDigits(raw);
}

/**
 * Most numbers looked up, read in one pass: ASCII digits grouped by spaces,
 * dashes or dots, behind an optional +. The same reading as typedDigits's
 * (tests/unit/identifiers-phone.test.ts compares them), without its regular
 * expressions; anything else (letters, brackets, other spaces, a length it
 * refuses) is left to it.
 */
function plainDigits(raw: string): TypedDigits | undefined {
  let digits = '';
  let plus = false;
  let run = -1; // where the current run of digits began
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : -1;
    if (c >= 48 && c <= 57) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) digits += raw.slice(run, i);
    run = -1;
    if (c === 32 || c === 45 || c === 46 || c === -1) continue;
    if (c === 43 && digits === '' && !plus) plus = true;
    else return undefined;
  }
  if (plus) return digits.length >= 1 && digits.length <= 17 ? { international: true, digits } : undefined;
  if (digits.startsWith('00') && digits.length >= 3 && digits.length <= 19) return { international: true, digits: digits.slice(2) };
  return digits.length >= 1 && digits.length <= 17 ? { international: false, digits } : undefined;
}

/** What was typed, read in general: a WhatsApp link's number, "(0)" after a country code, any separators. */
function typedDigits(raw: string): TypedDigits {
  // "+62 (0)812…": the trunk 0 written beside the country code.
  const compact = (whatsAppNumber(raw) ?? raw).replace(/\(0\)/g, '').replace(SEPARATORS, '');
  // Digits behind an optional + or 00 and nothing else. libphonenumber would
  // otherwise pick a number out of free text ("call 0812…", "0812… ext 5",
  // letters read as a keypad's digits); a lookup should not guess which.
  const match = /^(\+|00)?(\d{1,17})$/.exec(compact);
  const digits = match?.[2];
  if (match === null || digits === undefined) throw new ApiError('invalid_phone', 'value');
  return { international: match[1] !== undefined, digits };
}

/** WhatsApp's click-to-chat links: wa.me/<number>, api.whatsapp.com/send?phone=<number>, whatsapp://send?phone=<number>. */
const WHATSAPP_HOST = /^(?:www\.)?(?:wa\.me|(?:api\.|web\.)?whatsapp\.com)$/;

/**
 * The number a WhatsApp link calls, with a + (WhatsApp reads it in full
 * international form, so wa.me/4915… is German even where 4915… could be
 * read as an Indonesian number); undefined when the text is not such a link,
 * so the digits are read as typed. Links that show no number (a group invite
 * on chat.whatsapp.com, a business's wa.me/message/… code) throw
 * whatsapp_no_number: only opening them tells whose they are.
 */
function whatsAppNumber(raw: string): string | undefined {
  if (!/[a-z]/i.test(raw)) return undefined; // digits as typed: most lookups
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return undefined;
  }
  let number: string | null = null;
  if (url.protocol === 'whatsapp:') {
    number = url.searchParams.get('phone');
  } else if (url.protocol === 'https:' || url.protocol === 'http:') {
    if (url.hostname === 'chat.whatsapp.com') throw new ApiError('whatsapp_no_number', 'value');
    if (!WHATSAPP_HOST.test(url.hostname)) return undefined;
    let [first = '', ...rest] = url.pathname.split('/').filter(Boolean);
    // wa.me/c/62…: a WhatsApp Business catalogue, of the number it names.
    if (first === 'c' && rest.length === 1) [first = '', ...rest] = rest;
    number = url.hostname.endsWith('wa.me') ? (rest.length === 0 && /^\+?[0-9]+$/.test(first) ? first : null) : url.searchParams.get('phone');
  } else {
    return undefined;
  }
  const digits = (number ?? '').replace(/[\s+]/g, '');
  if (!/^[0-9]{1,17}$/.test(digits)) throw new ApiError('whatsapp_no_number', 'value');
  // A trunk 0 (wa.me/0812…) is not what WhatsApp accepts, but its meaning is plain.
  return digits.startsWith('0') ? digits : `+${digits}`;
}

function parsePhone({ international, digits }: TypedDigits): PhoneNumber {
  const number = international ? valid(`+${digits}`) : nationalOrWithoutPlus(digits);
  if (!number) throw new ApiError('invalid_phone', 'value');
  return number;
}

/** libphonenumber's MOBILE numbering plan for Indonesia: the national number's pattern and lengths, read on first use. */
let idMobile: { pattern: RegExp; lengths: Set<number> } | undefined;
function idMobilePlan(): { pattern: RegExp; lengths: Set<number> } {
  if (!idMobile) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan('ID');
    // The library types its metadata reader only as far as possibleLengths(); type() is how it reads a number type's plan.
    const plan = metadata.numberingPlan as unknown as { type(name: 'MOBILE'): { pattern(): string; possibleLengths(): number[] } };
    const mobile = plan.type('MOBILE');
    idMobile = { pattern: new RegExp(`^(?:${mobile.pattern()})$`), lengths: new Set(mobile.possibleLengths()) };
  }
  return idMobile;
}

/**
 * `0812…`, `+62 812…`, `0062 812…`, `62812…` or `812…` when the number after
 * the 0 or the 62 is an Indonesian mobile number: what the parser would answer
 * (for `62…` too, as its national reading is never a mobile number). Otherwise
 * undefined, and the parser decides.
 */
function indonesianMobile({ international, digits }: TypedDigits): string | undefined {
  let national: string;
  if (digits.startsWith('62')) national = digits.slice(2);
  else if (international) return undefined; // another country's code
  else national = digits.startsWith('0') ? digits.slice(1) : digits;
  const { pattern, lengths } = idMobilePlan();
  if (!lengths.has(national.length) || !pattern.test(national)) return undefined;
  return `+62${national}`;
}

/**
 * A number without + or 00 is Indonesian, except "62812…", the country code
 * typed without its plus (as in wa.me links): that reading is taken when the
 * national one is not valid, and also when the national one is a landline and
 * the other a mobile. "62812345678" is both 0628-12345678 (a landline in
 * Aceh) and 0812-345-678; nobody writes a landline without its 0.
 */
function nationalOrWithoutPlus(digits: string): PhoneNumber | undefined {
  const national = valid(digits);
  if (!digits.startsWith('62')) return national;
  const international = valid(`+${digits}`);
  if (!national) return international;
  if (international && isMobile(international) && !isMobile(national)) return international;
  return national;
}

function valid(text: string): PhoneNumber | undefined {
  const number = parsePhoneNumberFromString(text, 'ID');
  return number?.isValid() ? number : undefined;
}

function isMobile(number: PhoneNumber): boolean {
  const type = number.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/**
 * Indonesian numbers as people write them: mobiles in fours (0812-3456-7890),
 * landlines as area code, dash, local number (022-2034567, 0274-123456);
 * others stay in E.164. The answer's `query.display` (spelledAsTyped): the
 * server groups the number once, so the widget ships no grouping code.
 */
export function displayNumber(e164: string): string {
  if (e164.length < 9 || !e164.startsWith('+62') || !isDigitsFrom(e164, 3)) return e164;
  // A mobile (08…) in fours: 0812-3456-7890; at least 7 digits, so the first two groups are never empty.
  if (e164[3] === '8') return e164.length > 10 ? `0${e164.slice(3, 6)}-${e164.slice(6, 10)}-${e164.slice(10)}` : `0${e164.slice(3, 6)}-${e164.slice(6)}`;
  // Area codes are 3 digits after the 0, but for the five big cities' 2:
  // Jakarta 21, Bandung 22, Semarang 24, Surabaya 31, Medan 61 (libphonenumber's
  // own grouping agrees: tests/unit/result-view.test.ts).
  const national = `0${e164.slice(3)}`;
  const area = /^0(?:21|22|24|31|61)/.test(national) ? 3 : 4;
  return `${national.slice(0, area)}-${national.slice(area)}`;
}
