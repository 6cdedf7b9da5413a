import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crc16CcittFalse, isQrisPayload, parseQris, qrisCrcWarning, qrisSummary, type QrisParse } from '../../worker/core/qris.ts';
import { crcOf, qrisPayload, tlv, withCrc } from './qris-payload.ts';

// Published payloads, each with its source:
// - GUREUM_SHOP: a static QRIS (DOKU, national template 51 with NMID ID1020039293482) from the test of
//   purnama/spring-qris, src/test/java/id/purnama/qris/SpringQrisApplicationTests.java (CRC 455C).
// - SHOPEE_DYNAMIC: the decode example of sunary/qris's README (Go), a dynamic ShopeePay code for Rp 144.000.
// - PHNOM_PENH: the Merchant-Presented Mode decode example of phannaly/emv-qr-code's README, an EMVCo payload
//   from Cambodia (not QRIS: no NMID, US dollars) — EMV is read the same way whatever the country.
const GUREUM_SHOP =
  '00020101021126530012COM.DOKU.WWW011893600899000000247502042475' +
  '0303URE51440014ID.CO.QRIS.WWW0215ID10200392934820303URE520453995303360' +
  '5802ID5911GUREUM SHOP6013JAKARTA PUSAT61051064062070703A016304455C';
const SHOPEE_DYNAMIC =
  '00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID' +
  '5921PT. SHOPPEE INDONESIA6007JAKARTA62180814gen by go-qris63049635';
const PHNOM_PENH =
  '00020101021252044131153137210116372101160123456789ABCDE6010Phnom Penh5913Merchant Shop5802KH' +
  '540510.005303840622501081234567802090124444446304A0BA';

const qris = (payload: string) => {
  const parsed = parseQris(payload);
  if (parsed.kind !== 'qris') throw new Error(`not read as QRIS: ${parsed.reason}`);
  return parsed;
};

describe('CRC-16/CCITT-FALSE', () => {
  test('the catalogue check value: "123456789" gives 0x29B1', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
  });

  test('an empty text gives the initial value 0xFFFF', () => {
    expect(crc16CcittFalse('')).toBe(0xffff);
  });

  test("the published payloads' own CRCs are what it computes over everything up to and including 6304", () => {
    for (const payload of [GUREUM_SHOP, SHOPEE_DYNAMIC, PHNOM_PENH]) {
      expect(crc16CcittFalse(payload.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0')).toBe(payload.slice(-4));
    }
  });
});

describe('reading published payloads', () => {
  test('a static QRIS names its merchant, city, postal code, NMID (tag 51) and provider (tag 26)', () => {
    expect(parseQris(GUREUM_SHOP)).toEqual({
      kind: 'qris',
      crcOk: true,
      nmid: 'ID1020039293482',
      merchantName: 'GUREUM SHOP',
      city: 'JAKARTA PUSAT',
      postalCode: '10640',
      providers: ['DOKU'],
      dynamic: false,
      currency: '360',
      country: 'ID',
    });
  });

  test('a dynamic code carries its amount and is said to be for one payment', () => {
    const parsed = qris(SHOPEE_DYNAMIC);
    expect(parsed).toMatchObject({ crcOk: true, dynamic: true, amount: '144000', providers: ['ShopeePay'], merchantName: 'PT. SHOPPEE INDONESIA' });
    expect(parsed.nmid).toBeUndefined();
  });

  test('an EMV code from another country reads, with no NMID and no provider in tags 26–45', () => {
    expect(qris(PHNOM_PENH)).toMatchObject({ crcOk: true, country: 'KH', currency: '840', amount: '10.00', providers: [] });
    expect(qris(PHNOM_PENH).nmid).toBeUndefined();
  });

  test('spaces and a line break around the payload (as QR reader apps copy it) are ignored', () => {
    expect(qris(`  ${GUREUM_SHOP}\n`).nmid).toBe('ID1020039293482');
  });

  test('a provider without a known name is shown by its reverse-domain id; the same provider twice is named once', () => {
    const payload = withCrc(
      tlv('00', '01') + tlv('01', '11') + tlv('26', tlv('00', 'ID.CO.CONTOH.WWW')) + tlv('27', tlv('00', 'COM.GO-JEK.WWW')) +
        tlv('28', tlv('00', 'COM.GO-JEK.WWW')) + tlv('58', 'ID'),
    );
    expect(qris(payload).providers).toEqual(['ID.CO.CONTOH.WWW', 'GoPay']);
  });
});

describe('a changed code is caught by its CRC', () => {
  test('one changed letter in the merchant name fails the CRC', () => {
    const altered = GUREUM_SHOP.replace('GUREUM SHOP', 'GUREUM SHOQ');
    expect(qris(altered)).toMatchObject({ crcOk: false, merchantName: 'GUREUM SHOQ' });
  });

  test('a sticker pasted over another merchant: the NMID swapped, the old CRC kept', () => {
    expect(qris(GUREUM_SHOP.replace('ID1020039293482', 'ID1020039293483')).crcOk).toBe(false);
  });

  test('a lower-case CRC is the same number: not an alteration', () => {
    const lower = `${SHOPEE_DYNAMIC.slice(0, -4)}${SHOPEE_DYNAMIC.slice(-4).toLowerCase()}`;
    const upper = `${GUREUM_SHOP.slice(0, -4)}455c`;
    expect(qris(upper).crcOk).toBe(true);
    expect(qris(lower).crcOk).toBe(true);
  });
});

describe('what is not a QRIS payload', () => {
  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://tokomurah-promo.com/bayar', 'not_emv'],
    ['Transfer ke BCA 1234567890', 'not_emv'],
    ['000101', 'not_emv'],
    ['0002010102', 'malformed'],
    [GUREUM_SHOP.slice(0, -8), 'malformed'], // no CRC object
    [`${GUREUM_SHOP.slice(0, -8)}6204455C`, 'malformed'], // four hex digits last, but not in tag 63
    [`${GUREUM_SHOP}5802ID`, 'malformed'], // something after the CRC
    [GUREUM_SHOP.replace('6304455C', '6304455G'), 'malformed'], // a CRC that is not hex
  ] as const)('%j is not_qris (%s)', (text, reason) => {
    expect(parseQris(text)).toEqual({ kind: 'not_qris', reason });
  });

  test('isQrisPayload: true for a payload, false for a link, a message or a broken length', () => {
    expect(isQrisPayload(GUREUM_SHOP)).toBe(true);
    expect(isQrisPayload(` ${SHOPEE_DYNAMIC} `)).toBe(true);
    expect(isQrisPayload('https://qris.id')).toBe(false);
    expect(isQrisPayload('000201 bayar ke sini')).toBe(false);
    expect(isQrisPayload('0002010199')).toBe(false);
  });
});

describe('hostile payloads never throw', () => {
  const never = (text: unknown) => {
    let parsed: QrisParse | undefined;
    expect(() => (parsed = parseQris(text as string))).not.toThrow();
    expect(() => isQrisPayload(String(text))).not.toThrow();
    return parsed!;
  };

  test('a length that runs past the end', () => {
    expect(never('000201010211269900')).toEqual({ kind: 'not_qris', reason: 'malformed' });
  });

  test('a template whose inner length runs past its end: read, with no NMID or provider from it', () => {
    const payload = withCrc(tlv('00', '01') + tlv('51', '0099ID.CO.QRIS.WWW') + tlv('26', '00') + tlv('58', 'ID'));
    expect(never(payload)).toMatchObject({ kind: 'qris', crcOk: true, providers: [] });
    expect(qris(payload).nmid).toBeUndefined();
  });

  test('templates nested in templates, ten deep', () => {
    let nested = tlv('02', 'ID1020039293482');
    for (let i = 0; i < 10; i++) nested = tlv('51', nested);
    expect(never(withCrc(tlv('00', '01') + nested))).toMatchObject({ kind: 'qris', crcOk: true });
  });

  test('lengths that are not two digits', () => {
    expect(never('0002010102 1')).toEqual({ kind: 'not_qris', reason: 'malformed' });
    expect(never('000201011x11')).toEqual({ kind: 'not_qris', reason: 'malformed' });
    expect(never('000201010-11')).toEqual({ kind: 'not_qris', reason: 'malformed' });
  });

  test('a 10,000-byte string, and 10,000 bytes of valid TLV', () => {
    expect(never(`000201${'9'.repeat(9_994)}`)).toEqual({ kind: 'not_qris', reason: 'malformed' });
    const long = withCrc(tlv('00', '01') + tlv('62', 'x'.repeat(90)).repeat(107));
    expect(long.length).toBeGreaterThan(10_000);
    expect(never(long)).toMatchObject({ kind: 'qris', crcOk: true });
  });

  test('not even a string', () => {
    for (const value of [undefined, null, 42, {}]) expect(never(value).kind).toBe('not_qris');
  });

  test('any text at all', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => void never(`000201${text}`)));
  });
});

// Printable text an issuer could put in a field: the EMV "ans" characters, no leading or trailing space.
const field = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9.,'&-]([A-Za-z0-9 .,'&-]{0,${max - 2}}[A-Za-z0-9.,'&-])?$`));
const merchants = fc.record({
  nmid: fc.stringMatching(/^ID[0-9]{13}$/),
  name: field(25),
  city: field(15),
  postalCode: fc.option(fc.stringMatching(/^[0-9]{5}$/), { nil: undefined }),
  amount: fc.option(fc.stringMatching(/^[1-9][0-9]{0,8}(\.[0-9]{2})?$/), { nil: undefined }),
  provider: fc.constantFrom('ID.CO.QRIS.WWW', 'COM.GO-JEK.WWW', 'ID.DANA.WWW', 'ID.CO.BANKMANDIRI.WWW'),
});
const NAMES: Record<string, string> = {
  'ID.CO.QRIS.WWW': 'QRIS', 'COM.GO-JEK.WWW': 'GoPay', 'ID.DANA.WWW': 'DANA', 'ID.CO.BANKMANDIRI.WWW': 'Bank Mandiri',
};

describe('properties', () => {
  test('any generated valid payload round-trips: its fields come back as built, with a good CRC', () => {
    fc.assert(
      fc.property(merchants, (m) => {
        const parsed = qris(qrisPayload(m));
        expect(parsed).toMatchObject({ crcOk: true, nmid: m.nmid, merchantName: m.name, city: m.city, dynamic: m.amount !== undefined, providers: [NAMES[m.provider]] });
        expect(parsed.amount).toBe(m.amount);
        expect(parsed.postalCode).toBe(m.postalCode);
      }),
    );
  });

  test('any single changed byte fails the CRC, or the payload no longer reads', () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(merchants, fc.nat(), printable, (m, at, char) => {
        const payload = qrisPayload(m);
        const i = at % payload.length;
        fc.pre(payload[i] !== char);
        const changed = payload.slice(0, i) + char + payload.slice(i + 1);
        // A CRC digit changed only in case is the same number, not a change (tested above).
        fc.pre(!(i >= payload.length - 4 && changed.toUpperCase() === payload.toUpperCase()));
        const parsed = parseQris(changed);
        expect(parsed.kind === 'not_qris' || !parsed.crcOk).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  test("the test's own CRC agrees with the parser's on any text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => crcOf(text) === crc16CcittFalse(text).toString(16).toUpperCase().padStart(4, '0')));
  });
});

describe('words for the buyer', () => {
  test('the CRC warning, in both languages', () => {
    expect(qrisCrcWarning('id')).toBe('Kode QR ini rusak atau diubah — jangan bayar dengan kode ini.');
    expect(qrisCrcWarning('en')).toBe('This QR code is damaged or altered — do not pay with it.');
  });

  test('the summary puts merchant name, city and NMID first, then provider, kind and amount', () => {
    const dynamic = qris(qrisPayload({ nmid: 'ID1020039293482', name: 'TOKO CONTOH', city: 'BANDUNG', amount: '1250000', provider: 'COM.GO-JEK.WWW' }));
    expect(qrisSummary(dynamic, 'id')).toEqual([
      { label: 'Nama penjual', value: 'TOKO CONTOH' },
      { label: 'Kota', value: 'BANDUNG' },
      { label: 'NMID (nomor merchant nasional)', value: 'ID1020039293482' },
      { label: 'Penyedia pembayaran', value: 'GoPay' },
      { label: 'Jenis kode', value: 'Dinamis — dibuat untuk satu pembayaran' },
      { label: 'Jumlah', value: 'Rp 1.250.000' },
    ]);
    expect(qrisSummary(dynamic, 'en').map((row) => row.value)).toEqual([
      'TOKO CONTOH', 'BANDUNG', 'ID1020039293482', 'GoPay', 'Dynamic — made for one payment', 'Rp 1,250,000',
    ]);
  });

  test('a static code says the buyer types the amount; a missing NMID is said to be missing; a foreign code names its country', () => {
    const rows = qrisSummary(qris(PHNOM_PENH), 'id');
    expect(rows).toContainEqual({ label: 'NMID (nomor merchant nasional)', value: '(tidak tertulis)' });
    expect(rows).toContainEqual({ label: 'Jumlah', value: '10 (840)' });
    expect(rows).toContainEqual({ label: 'Negara', value: 'KH' });
    expect(qrisSummary(qris(GUREUM_SHOP), 'en')).toContainEqual({ label: 'Kind of code', value: 'Static — you type the amount yourself' });
  });
});
