// A QRIS payload in a pasted message (what a QR reader app's "copy" gives, or
// the picture reader's decoded code) is one qris identifier, read before
// anything else: its NMID and merchant PAN are long digit runs that would
// otherwise be read as phone or account numbers. A payload holds spaces (the
// merchant's name), so it is found by its structure, not between spaces:
// "000201", then tag–length–value objects up to the CRC, tag 63 of length 04.
// It is read on the text as pasted, before folding, because folding ("O" among
// digits to 0) would change the bytes the CRC covers. An NMID standing alone
// (as printed under a code) is read here too, so its digits are no phone number.
import { ApiError } from '../errors.ts';
import type { FoundIdentifier, Unresolved } from '../extract-types.ts';
import { MAX_QRIS_PAYLOAD_LENGTH } from '../identifiers/qris-merchant.ts';
import type { Lang } from '../lang.ts';

interface QrisReader {
  lang: Lang;
  /** Parse an input as the lookup would (throws ApiError when refused). */
  canonical: (input: { type: string; value: string }) => FoundIdentifier['input'];
}

export interface QrisInText {
  found: FoundIdentifier[];
  /** A payload the lookup refuses (a failed CRC, no NMID), with the lookup's code and words. */
  unresolved: Unresolved[];
  /** The text with each payload blanked to spaces (offsets kept), for the rest of the reading. */
  rest: string;
}

export function readQrisPayloads(text: string, reader: QrisReader): QrisInText {
  const found: FoundIdentifier[] = [];
  const unresolved: Unresolved[] = [];
  let rest = text;
  let from = 0;
  for (;;) {
    const start = text.indexOf('000201', from);
    if (start < 0) break;
    const end = payloadEnd(text, start);
    if (end === undefined) {
      from = start + 1;
      continue;
    }
    const payload = text.slice(start, end);
    try {
      const input = reader.canonical({ type: 'qris', value: payload });
      if (!found.some((f) => f.input.value === input.value)) found.push({ input, start, end });
    } catch (err) {
      if (err instanceof ApiError) unresolved.push({ value: payload, code: err.code, message: err.messageIn(reader.lang), start, end });
    }
    rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
    from = end;
  }
  // An NMID as printed under a QRIS code ("NMID : ID1020039293482"), typed or read from a picture of a sticker.
  for (const match of rest.matchAll(NMID_IN_TEXT)) {
    const start = match.index;
    const end = start + match[0].length;
    const input = reader.canonical({ type: 'qris', value: match[0] });
    if (!found.some((f) => f.input.value === input.value)) found.push({ input, start, end });
    rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  }
  found.sort((a, b) => a.start - b.start);
  return { found, unresolved, rest };
}

/** "ID" and 13 digits standing alone (identifiers/qris-merchant.ts): no letter or digit glued on either side. */
const NMID_IN_TEXT = /(?<![0-9A-Za-z])ID[0-9]{13}(?![0-9A-Za-z])/gi;

/** Where the payload starting at `start` ends (after its CRC), or undefined when its objects do not lead to one. */
function payloadEnd(text: string, start: number): number | undefined {
  let i = start;
  while (i + 4 <= text.length && i - start < MAX_QRIS_PAYLOAD_LENGTH) {
    const tag = text.slice(i, i + 2);
    const len = text.slice(i + 2, i + 4);
    if (!/^[0-9]{2}$/.test(tag) || !/^[0-9]{2}$/.test(len)) return undefined;
    const next = i + 4 + Number(len);
    if (next > text.length) return undefined;
    if (tag === '63') return len === '04' && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 4, next)) ? next : undefined;
    i = next;
  }
  return undefined;
}
