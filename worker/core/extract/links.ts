// Links in a seller's message: whitespace-delimited chunks read as a profile
// link, a WhatsApp link or a website. A chunk is a link only with evidence a
// reader would see: a scheme (also mistyped: "http;//", "http//",
// "Http://www/…"), "www.", a host identifiers.ts knows (instagram.com, wa.me,
// bit.ly, shopee.co.id…), an IP address with a scheme, or a bare "name.tld"
// under a suffix people really use for shops (.com, .id, .shop, .tk …) whose
// name is not a short word or all digits. So "No.PIN", "PT.HM", "bri.no",
// "RCTI.info" and "081234567890.makasih" stay words and numbers.
// A link the lookup refuses (a post, a marketplace, a shortener, an IP) is not
// dropped: it comes back in `unresolved` with the lookup's own code and
// message, and its digits are never read as a number.
import { ApiError } from '../errors.ts';
import type { FoundIdentifier, Unresolved } from '../extract-types.ts';
import { canonicalWebsite } from '../identifiers/website.ts';
import type { Lang } from '../lang.ts';
import { aliasTable } from './aliases.ts';

const LEADING = new Set(['(', '[', '<', '"', "'", '“', '‘', '*', ':', '=']);
const TRAILING = new Set([')', ']', '>', '"', "'", '”', '’', '.', ',', ';', ':', '!', '?', '*']);

/** Suffixes a bare "name.tld" (no scheme, no www.) is read under: what shops and scam pages use. */
const SHOP_SUFFIXES = new Set(
  'com net org id biz info shop store online site website xyz top tk ml ga cf gq icu vip club live space fun tech link click asia io co cc me pw app store web id'.split(' '),
);
/** Short words glued to a period that are no site names: "No.ID", "Jl.Patuha", "Tks.com"… (bare chunks only). */
const NOT_SITE_NAMES = new Set('no nomor pt cv jl jln kel kec rt rw tks thx dll dsb yth ass sy bpk ibu dr ir prof mr mrs www'.split(' '));

export interface LinkReader {
  found: FoundIdentifier[];
  unresolved: Unresolved[];
  lang: Lang;
  /** Parse an input as the lookup would (throws ApiError when refused). */
  canonical: (input: { type: string; value: string }) => FoundIdentifier['input'];
}

/** Link and e-mail ranges (start, end) in text order; found links are pushed to `found`, refused ones to `unresolved`. */
export function readLinks(text: string, reader: LinkReader): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isGap(text.charCodeAt(i))) i++;
    let end = i;
    // A link has a "." in its host, or a ":" ("whatsapp:…", a scheme); an e-mail address an "@".
    // Read by character code: every character of the message passes here.
    let marked = false;
    for (let c = text.charCodeAt(end); end < text.length && !isGap(c); c = text.charCodeAt(++end)) if (c === DOT || c === COLON || c === AT) marked = true;
    let start = i;
    let stop = end;
    i = end;
    // A chunk with none of them is no link and no e-mail address: most words, read no further.
    if (!marked) continue;
    // "KLIK*WWW.PTMKIOS.TK": a word glued before "www." is not part of the link.
    const www = text.slice(start, stop).toLowerCase().indexOf('www.');
    if (www > 0 && !/[a-z0-9/.]/i.test(text[start + www - 1]!)) start += www;
    while (start < stop && LEADING.has(text[start]!)) start++;
    while (stop > start && TRAILING.has(text[stop - 1]!)) stop--;
    // "web:tokojaya.com", "IG:instagram.com/x": a label glued to the link.
    let colon = start;
    while (colon < stop && colon - start <= 12 && isLetter(text[colon])) colon++;
    if (colon > start && text[colon] === ':' && text[colon + 1] !== '/' && !/^https?$/i.test(text.slice(start, colon))) start = colon + 1;
    if (stop - start < 4) continue;
    const chunk = text.slice(start, stop);
    if (chunk.startsWith('@')) continue;
    const at = chunk.indexOf('@');
    const slash = chunk.indexOf('/');
    if (at > 0 && (slash === -1 || slash > at) && !chunk.includes('://')) {
      ranges.push([start, stop]); // an e-mail address: its domain is a mail host, its digits no number
      continue;
    }
    const value = repairScheme(chunk);
    const kind = linkKind(value, wordBefore(text, start, isPlatformWord), wordBefore(text, start, (word) => WEB_WORDS.has(word)));
    if (kind === undefined) continue;
    ranges.push([start, stop]);
    try {
      reader.found.push({ input: reader.canonical({ type: kind, value }), start, end: stop });
    } catch (err) {
      // Refused by the lookup (a post, a marketplace, a shortener, an IP): said, never dropped.
      if (err instanceof ApiError) {
        reader.unresolved.push({ value: chunk, code: err.code, message: err.messageIn(reader.lang), start, end: stop });
      }
    }
  }
  return ranges;
}

/** '.', ':' and '@' by character code. */
const DOT = 0x2e;
const COLON = 0x3a;
const AT = 0x40;
/** What separates chunks, by character code: space, tab, no-break and narrow no-break space, CR, LF, line and paragraph separator. */
const isGap = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x0d || c === 0x202f || c === 0x0a || c === 0x2028 || c === 0x2029;
const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** "http;//x", "http//x", "http:/x", "Http://www/x.com": the scheme and "www." a reader sees through. */
function repairScheme(chunk: string): string {
  const typo = /^(https?)(?::\/{1,3}|;\/\/|\/\/|:\\\\)(?=[a-z0-9])/i.exec(chunk);
  if (!typo) return chunk;
  let rest = chunk.slice(typo[0].length);
  if (/^www\//i.test(rest)) rest = `www.${rest.slice(4)}`;
  return `${typo[1]!.toLowerCase()}://${rest}`;
}

/** Words that name what follows as a site: "web a.com", "situs: tokojaya.id", "klik tokojaya.shop". */
const WEB_WORDS = new Set('web website situs site link url klik click kunjungi visit buka open www'.split(' '));

/** The word right before `start` (past up to 4 spaces, ":", "-", "=") passes `test`. */
function wordBefore(text: string, start: number, test: (word: string) => boolean): boolean {
  let k = start - 1;
  while (k >= 0 && k >= start - 4 && /[ :=\t-]/.test(text[k]!)) k--;
  let w = k;
  while (w >= 0 && w > k - 12 && isLetter(text[w])) w--;
  if (w >= 0 && /[0-9A-Za-z]/.test(text[w]!)) return false;
  const word = text.slice(w + 1, k + 1).toLowerCase();
  return word !== '' && test(word);
}

/**
 * A platform word right before the chunk ("IG: tokojaya.id", "tiktok hpmurah.sby"): the chunk is
 * that platform's username, not a website, unless it is itself a link with a path.
 */
const isPlatformWord = (word: string): boolean => {
  const alias = aliasTable().get(word);
  return alias?.kind === 'platform' && alias.value !== '';
};

/** The kind a link is read as, or undefined when the chunk is no link. */
function linkKind(chunk: string, afterPlatformWord: boolean, afterWebWord: boolean): string | undefined {
  const scheme = chunk.indexOf('://');
  let rest = chunk;
  if (scheme !== -1) {
    if (!/^[a-z]+$/i.test(chunk.slice(0, scheme))) return undefined;
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
  const hostAsWritten = rest.slice(0, hostEnd);
  const host = hostAsWritten.toLowerCase();
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  const tld = labels[labels.length - 1]!;
  const ip = labels.length === 4 && labels.every((label) => /^[0-9]{1,3}$/.test(label));
  if (ip) return scheme !== -1 || hostEnd < rest.length ? 'website' : undefined;
  if (!/^[a-z]{2,24}$/.test(tld) && !/^xn--[a-z0-9-]{1,59}$/.test(tld)) return undefined;
  if (labels.some((label) => !/^[a-z0-9\u00a1-\uffff-]{1,63}$/.test(label))) return undefined;
  const ends = (domain: string): boolean => host === domain || host.endsWith(`.${domain}`);
  let kind = 'website';
  if (ends('instagram.com') || ends('instagr.am')) kind = 'instagram';
  else if (ends('facebook.com') || ends('fb.com')) kind = 'facebook';
  else if (ends('tiktok.com')) kind = 'tiktok';
  else if (ends('t.me') || ends('telegram.me') || ends('telegram.dog')) kind = 'telegram';
  else if (ends('wa.me') || ends('whatsapp.com')) kind = 'phone';
  const explicit = scheme !== -1 || chunk.startsWith('//') || host.startsWith('www.') || afterWebWord;
  if (explicit) return kind;
  const hasPath = hostEnd < rest.length && rest[hostEnd] === '/' && rest.length > hostEnd + 1;
  if (kind !== 'website') return afterPlatformWord && !hasPath ? undefined : kind;
  if (afterPlatformWord && !hasPath) return undefined; // "IG: tokojaya.id" is a username
  if (knownHost(host)) return kind; // bit.ly, s.id, shopee.co.id…: the lookup's own word on them
  return bareSite(hostAsWritten, labels) ? kind : undefined;
}

/** A host identifiers.ts knows as a platform, marketplace or shortener (refused with its own message). */
function knownHost(host: string): boolean {
  try {
    canonicalWebsite(host);
    return false;
  } catch (err) {
    return err instanceof ApiError && err.code !== 'invalid_website' && err.code !== 'website_not_web';
  }
}

/** A bare "name.tld" a reader takes for a site: a shop suffix, a name of 2+ characters with a letter, one case throughout. */
function bareSite(asWritten: string, labels: string[]): boolean {
  const secondLevelId = labels.length >= 3 && labels[labels.length - 1] === 'id' && labels[labels.length - 2]!.length <= 4;
  const suffixLabels = secondLevelId ? 2 : 1;
  if (!SHOP_SUFFIXES.has(labels[labels.length - 1]!)) return false;
  const name = labels[labels.length - 1 - suffixLabels];
  if (name === undefined || name.length < 2 || !/[a-z]/.test(name) || NOT_SITE_NAMES.has(name)) return false;
  if (labels.some((label) => /^[0-9]+$/.test(label))) return false;
  // "RCTI.info", "Ass.sy": a capitalised word and a lower-case one joined by a full stop are two words.
  const parts = asWritten.split('.');
  const upper = parts.map((p) => /[A-Z]/.test(p) && !/[a-z]/.test(p));
  const lower = parts.map((p) => /[a-z]/.test(p) && !/[A-Z]/.test(p));
  if (upper.some(Boolean) && !upper.every((u, k) => u || !/[a-z]/i.test(parts[k]!))) return false;
  if (lower.some(Boolean) && parts.some((p, k) => !lower[k] && /^[A-Z][a-z]/.test(p) && k > 0)) return false;
  return true;
}
