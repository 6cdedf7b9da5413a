// QRIS merchants, keyed by their NMID (National Merchant ID): the id Bank
// Indonesia's national repository gives every QRIS merchant, printed under the
// code and carried in tag 51 sub-tag 02 of its payload — "ID" and 13 digits
// (sources in docs/api.md, "The kind qris"). A person types the NMID, or pastes
// the whole payload a QR reader gave them; the payload is reduced to its NMID,
// and one whose CRC fails is refused, never looked up as if it were fine.
import { ApiError } from '../errors.ts';
import { parseQris } from '../qris.ts';

const NMID = /^ID[0-9]{13}$/;

/**
 * Longest QRIS payload read: EMV QRCPS caps a merchant-presented payload at 512
 * characters, more than the 200 any other kind's value may have.
 */
export const MAX_QRIS_PAYLOAD_LENGTH = 512;

/** The NMID upper-cased ("ID9990000000017"); throws qris_invalid, qris_crc or qris_no_nmid. */
export function canonicalQrisMerchant(raw: string): string {
  const text = raw.trim();
  if (text.startsWith('000201')) return nmidOfPayload(text);
  // People copy it as printed: "NMID: ID1023 2499 49984".
  const nmid = text.replace(/^nmid\s*:?\s*/i, '').replace(/[\s.-]/g, '').toUpperCase();
  if (!NMID.test(nmid)) throw new ApiError('qris_invalid', 'value');
  return nmid;
}

function nmidOfPayload(payload: string): string {
  const parsed = parseQris(payload);
  if (parsed.kind !== 'qris') throw new ApiError('qris_invalid', 'value');
  if (!parsed.crcOk) throw new ApiError('qris_crc', 'value');
  if (parsed.nmid === undefined) throw new ApiError('qris_no_nmid', 'value');
  if (!NMID.test(parsed.nmid)) throw new ApiError('qris_invalid', 'value');
  return parsed.nmid;
}
