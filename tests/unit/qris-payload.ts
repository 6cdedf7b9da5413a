// Builds QRIS payloads for tests the way an issuer does: TLV objects in order,
// then tag 63 with the CRC-16/CCITT-FALSE of everything before it including
// "6304". Written out here, not taken from worker/core/qris.ts, so a test of
// the parser does not check the parser against itself (the CRC function is
// pinned separately to the catalogue's check value).
export const tlv = (tag: string, value: string): string => `${tag}${String(value.length).padStart(2, '0')}${value}`;

export function crcOf(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    for (let bit = 7; bit >= 0; bit--) {
      const top = ((crc >> 15) & 1) ^ ((byte >> bit) & 1);
      crc = (crc << 1) & 0xffff;
      if (top) crc ^= 0x1021;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export const withCrc = (body: string): string => `${body}6304${crcOf(`${body}6304`)}`;

export interface MerchantFields {
  nmid: string;
  name: string;
  city: string;
  postalCode?: string;
  /** Reverse-domain id of the merchant-account template in tag 26. */
  provider?: string;
  amount?: string;
}

/** A static (or, with an amount, dynamic) QRIS payload as Indonesian issuers print them. */
export function qrisPayload(m: MerchantFields): string {
  return withCrc(
    tlv('00', '01') +
      tlv('01', m.amount === undefined ? '11' : '12') +
      tlv('26', tlv('00', m.provider ?? 'ID.CO.QRIS.WWW') + tlv('01', '936000000000000001') + tlv('02', m.nmid) + tlv('03', 'UMI')) +
      tlv('51', tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', m.nmid) + tlv('03', 'UMI')) +
      tlv('52', '5411') +
      tlv('53', '360') +
      (m.amount === undefined ? '' : tlv('54', m.amount)) +
      tlv('58', 'ID') +
      tlv('59', m.name) +
      tlv('60', m.city) +
      (m.postalCode === undefined ? '' : tlv('61', m.postalCode)) +
      tlv('62', tlv('07', 'A01')),
  );
}
