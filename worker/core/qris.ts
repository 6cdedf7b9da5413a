// Reads a QRIS payload: the text inside an Indonesian payment QR code.
// QRIS is Bank Indonesia and ASPI's profile of EMVCo's Merchant-Presented Mode
// (EMV QRCPS-MPM): a flat run of tag–length–value objects (2-digit tag,
// 2-digit length, value), some of whose values are themselves TLV runs
// (templates), ending in tag 63 with a CRC-16/CCITT-FALSE over everything
// before it including the literal "6304". Where each field lives and the
// sources are in docs/api.md ("The kind qris").
//
// Pure, imports nothing but words, never throws: it goes into the browser's
// picture reader as well as the Worker, and a QR code is text a stranger chose.

import { qrisCrcWarning, qrisSummary } from './qris-words.ts';

export { qrisCrcWarning, qrisSummary };

export type QrisParse =
  | {
      kind: 'qris';
      /** Tag 63 matches the CRC of the rest; false means damaged or altered: never pay. */
      crcOk: boolean;
      /** National Merchant ID: tag 51 ("ID.CO.QRIS.WWW"), sub-tag 02. */
      nmid?: string;
      merchantName?: string;
      city?: string;
      postalCode?: string;
      /** Payment providers named by merchant-account tags 26–45: a name where known, else the reverse-domain id. */
      providers: string[];
      /** Tag 01 "12": made for one payment; "11" (or absent): static, the buyer types the amount. */
      dynamic: boolean;
      amount?: string;
      currency?: string;
      country?: string;
    }
  | { kind: 'not_qris'; reason: 'empty' | 'not_emv' | 'malformed' };

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, not reflected, xorout 0) over the UTF-8 bytes of text. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** Cheap test for the paste reader: starts like an EMV payload ("000201") and its top level reads as TLV. */
export function isQrisPayload(text: string): boolean {
  const payload = text.trim();
  return payload.startsWith(PAYLOAD_START) && readTlv(payload) !== null;
}

export function parseQris(payload: string): QrisParse {
  try {
    return parse(String(payload ?? '').trim());
  } catch {
    // readTlv and parse are written not to throw; this is the promise kept if they ever do.
    return { kind: 'not_qris', reason: 'malformed' };
  }
}

// Tag 00 "Payload Format Indicator" = "01" comes first in every EMV MPM payload.
const PAYLOAD_START = '000201';
const CRC_TAG = '63';

/** Reverse-domain ids (sub-tag 00 of tags 26–45) a buyer knows by another name. */
const PROVIDER_NAMES: Record<string, string> = {
  'ID.CO.QRIS.WWW': 'QRIS',
  'COM.GO-JEK.WWW': 'GoPay',
  'ID.DANA.WWW': 'DANA',
  'ID.CO.SHOPEE.WWW': 'ShopeePay',
  'ID.LINKAJA.WWW': 'LinkAja',
  'ID.CO.TELKOM.WWW': 'LinkAja',
  'ID.OVO.WWW': 'OVO',
  'ID.CO.BANKMANDIRI.WWW': 'Bank Mandiri',
  'ID.CO.BCA.WWW': 'BCA',
  'ID.CO.BRI.WWW': 'BRI',
  'ID.CO.BNI.WWW': 'BNI',
  'ID.CO.BTN.WWW': 'BTN',
  'ID.CO.CIMBNIAGA.WWW': 'CIMB Niaga',
  'ID.CO.PERMATABANK.WWW': 'PermataBank',
  'ID.CO.BANKBSI.WWW': 'BSI',
  'COM.DOKU.WWW': 'DOKU',
};

interface Tlv {
  tag: string;
  value: string;
  /** Index of the tag's first character in the text read. */
  at: number;
}

/** A TLV run read to its end, or null where a tag or length is not two digits or a length overruns. */
function readTlv(text: string): Tlv[] | null {
  const out: Tlv[] = [];
  let i = 0;
  while (i < text.length) {
    if (i + 4 > text.length) return null;
    const tag = text.slice(i, i + 2);
    const len = text.slice(i + 2, i + 4);
    if (!TWO_DIGITS.test(tag) || !TWO_DIGITS.test(len)) return null;
    const end = i + 4 + Number(len);
    if (end > text.length) return null;
    out.push({ tag, value: text.slice(i + 4, end), at: i });
    i = end;
  }
  return out;
}
const TWO_DIGITS = /^[0-9]{2}$/;

function parse(payload: string): QrisParse {
  if (payload === '') return { kind: 'not_qris', reason: 'empty' };
  if (!payload.startsWith(PAYLOAD_START)) return { kind: 'not_qris', reason: 'not_emv' };
  const top = readTlv(payload);
  if (top === null) return { kind: 'not_qris', reason: 'malformed' };
  // The CRC is the last object, four hex digits; anything after it, or none, is not a whole payload.
  const crc = top[top.length - 1];
  if (crc === undefined || crc.tag !== CRC_TAG || !/^[0-9A-Fa-f]{4}$/.test(crc.value)) {
    return { kind: 'not_qris', reason: 'malformed' };
  }
  const signed = payload.slice(0, crc.at + 4);
  // Upper-case hex is what the spec's examples and every issuer print; a lower-case
  // CRC is read as the same number, so a generator's casing never scares a buyer.
  const crcOk = parseInt(crc.value, 16) === crc16CcittFalse(signed);

  const fields = new Map<string, string>();
  const providers: string[] = [];
  let nmid: string | undefined;
  for (const { tag, value } of top) {
    if (!fields.has(tag)) fields.set(tag, value);
    const n = Number(tag);
    if (n >= 26 && n <= 51) {
      const inner = readTlv(value);
      const id = inner?.find((t) => t.tag === '00')?.value.trim();
      if (n <= 45 && id) {
        const name = PROVIDER_NAMES[id.toUpperCase()] ?? id;
        if (!providers.includes(name)) providers.push(name);
      }
      // Tag 51 is the national (domestic) merchant template; its sub-tag 02 is the NMID.
      if (n === 51 && nmid === undefined) {
        const found = inner?.find((t) => t.tag === '02')?.value.trim();
        if (found) nmid = found.toUpperCase();
      }
    }
  }

  const text = (tag: string): string | undefined => {
    const v = fields.get(tag)?.trim();
    return v ? v : undefined;
  };
  const merchantName = text('59');
  const city = text('60');
  const postalCode = text('61');
  const amount = text('54');
  const currency = text('53');
  const country = text('58');
  return {
    kind: 'qris',
    crcOk,
    providers,
    dynamic: fields.get('01') === '12',
    ...(nmid !== undefined && { nmid }),
    ...(merchantName !== undefined && { merchantName }),
    ...(city !== undefined && { city }),
    ...(postalCode !== undefined && { postalCode }),
    ...(amount !== undefined && { amount }),
    ...(currency !== undefined && { currency }),
    ...(country !== undefined && { country }),
  };
}
