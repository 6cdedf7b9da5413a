// Extraction rules learnt from real messages (issue 22): each case is a shape
// found in public scam and seller texts (tests/unit/real-messages/) or named
// in the issue, and each failed on the extractor before these rules.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../worker/core/errors.ts';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';

const keys = (text: string): string[] => extractIdentifiers(text, 'id').found.map((f) => lookupKey(parseIdentifier(f.input)));
const said = (text: string, lang: 'id' | 'en' = 'id') => extractIdentifiers(text, lang).unresolved.map(({ value, code, message }) => ({ value, code, message }));
/** The code and message the single lookup gives a value. */
function refusal(input: IdentifierInput, lang: 'id' | 'en' = 'id'): { code: string; message: string } {
  try {
    parseIdentifier(input);
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, message: err.messageIn(lang) };
  }
  throw new Error(`${JSON.stringify(input)} is accepted`);
}

describe('a bank named a few words before its account', () => {
  test.each([
    ['Ini Rekeningnya. bank MANDIRI. a/n: ALI SYAMSUDIN. rek: 136-001-198-6939', 'bank:008:1360011986939'],
    ['Krim ke BNI aja a/n Ayu Suryani no rek 0215891174', 'bank:009:0215891174'],
    ['BNI 46 a.n. Toko Jaya 0123456789', 'bank:009:0123456789'],
    ['Uangnya dikirim aja ke Rekening ini, BankBNI a/n SAFITRI  No.Rekening 0282566132', 'bank:009:0282566132'],
    ['no rek BNI 0253 7915 37.Klo sdh transfer kabari', 'bank:009:0253791537'],
  ])('%s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
    expect(said(text)).toEqual([]);
  });

  test('"Rp" after a bank names an amount, not an account', () => {
    expect(keys('Bayar ke BCA Rp 2500000')).toEqual([]);
    expect(said('Bayar ke BCA Rp 2500000')).toEqual([]);
  });

  test('a mobile number after a bank name is a phone unless an account word says otherwise', () => {
    expect(keys('ATM MANDIRI. VIAIFO. 6281312345678')).toEqual(['tel:+6281312345678']);
  });
});

describe('handles written without "@" after a platform word', () => {
  test.each([
    ['Ready kak, transfer ke BCA 8720334451 an Toko Jaya. IG: olshop.murah.banget', ['bank:014:8720334451', 'ig:olshop.murah.banget']],
    ['ig olshop.murah.banget', ['ig:olshop.murah.banget']],
    ['Instagram : olshop.murah.banget', ['ig:olshop.murah.banget']],
    ['tiktok: hpmurah.sby', ['tt:hpmurah.sby']],
    ['tele: tiketkonser_murah', ['tg:tiketkonser_murah']],
    ['fb: jual.hp.murah.official', ['fb:jualhpmurahofficial']],
  ])('%s', (text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  test('plain words after a platform word stay words; an IG- suffix is no handle', () => {
    expect(keys('follow ig kami ya kak')).toEqual([]);
    expect(keys('IG-nya @gadget.murah.jkt sudah hilang')).toEqual(['ig:gadget.murah.jkt']);
  });

  test('common words after "@" are no accounts', () => {
    expect(keys('@TRIMS sudah order, @follow dulu ya, kirim ke @gmail')).toEqual([]);
  });
});

describe('"word.word" is a website only with evidence of a link', () => {
  test.each(['Ass.sy ini bank bri.no/rek.nya', 'No.ID 123', 'No.PIN anda', 'PT.HM Sampoerna', 'Dr. Budi M.Si. dosen', 'info dari RCTI.info hub kami'])(
    '%s has no website',
    (text) => {
      expect(keys(text).filter((k) => k.startsWith('web:'))).toEqual([]);
    },
  );

  test.each([
    ['Info klik :www.hadiahBRI.blogspot.com', 'web:hadiahbri.blogspot.com'],
    ['Http://www/yusiwa.com', 'web:yusiwa.com'],
    ['buka http;//tokojaya-promo.com sekarang', 'web:tokojaya-promo.com'],
    ['buka http//tokojaya-promo.com sekarang', 'web:tokojaya-promo.com'],
    ['KLIK*WWW.PTMKIOS.TK', 'web:ptmkios.tk'],
    ['cek di tokojaya-promo.shop ya', 'web:tokojaya-promo.shop'],
  ])('%s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
  });

  test('numbers glued to a full stop and a word keep their number', () => {
    expect(keys('Hub 021-27450166.tks')).toEqual(['tel:+622127450166']);
    expect(keys('wa 081234567890.makasih')).toEqual(['tel:+6281234567890']);
    expect(keys('Hub : 0853 1234 5138.IR.')).toEqual(['tel:+6285312345138']);
  });
});

describe('numbers as people really write them', () => {
  test.each([
    ['telp 021 93417219', 'tel:+622193417219'],
    ['hub (022) 2034567', 'tel:+62222034567'],
    ['hubungi 08531166 6557 ya', 'tel:+6285311666557'],
    ['bpk=081234567890', 'tel:+6281234567890'],
    ['info/081234567890', 'tel:+6281234567890'],
    ['CS:0215649770', 'tel:+62215649770'],
    ['WA/082112345678', 'tel:+6282112345678'],
    ['BRImo/082112345678', 'tel:+6282112345678'],
    ['WA(0813-1234-5678)', 'tel:+6281312345678'],
    ['Info 088980007432berlaku sampai besok', 'tel:+6288980007432'],
    ['hub;0016282333306308', 'tel:+6282333306308'],
    // A chat's time stamp after the number, as a screenshot's text has it (issue 26's held-out screenshots).
    ['rek BRI 1520-01534-8085 18.37', 'bank:002:1520015348085'],
  ])('%s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
  });

  test('two numbers side by side stay two', () => {
    expect(keys('(0812-1111-2222)(0813-3333-4444)')).toEqual(['tel:+6281211112222', 'tel:+6281333334444']);
    expect(keys('hub 081316523061/087822962308 (WA)')).toEqual(['tel:+6281316523061', 'tel:+6287822962308']);
    expect(keys('Infohub: -089664054777 -297CCFA7')).toEqual(['tel:+6289664054777']);
  });

  test.each([
    ['0851"8126"7182', 'tel:+6285181267182'],
    ['+62852=1173=0508', 'tel:+6285211730508'],
    ['0851-6690•8613', 'tel:+6285166908613'],
    ['0838+7414+5439', 'tel:+6283874145439'],
    ['(+62-0813::7072:+274-)', 'tel:+628137072274'],
    ['WA O85717O1O224', 'tel:+6285717010224'],
    ['WA 𝟎𝟖𝟏𝟑𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖', 'tel:+6281312345678'],
    ['WA ０８１２３４５６７８９０', 'tel:+6281234567890'],
    ['hub 0812–3456–7890', 'tel:+6281234567890'],
  ])('disguised %s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
  });

  test('a disguised number points at what was pasted', () => {
    const text = 'WA 𝟎𝟖𝟏𝟑𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 ya';
    const [found] = extractIdentifiers(text, 'id').found;
    expect(text.slice(found!.start, found!.end)).toBe('𝟎𝟖𝟏𝟑𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖');
  });

  test.each([
    'HALLO BCA ID: 2125769973',
    'Transfer tgl 16 OKT 2016 09.46 sudah',
    'no rek pribadi bisa dapat 125 - 200 jt dr bank',
    'pengalaman kerja 2016-2017 di Jakarta',
    'angka 07.31.19.43 tembus',
    'Use my invite code, 545075264 for a free ride',
    'berlaku s.d. 2016-08-07 23:59:59.',
    'Info hub 1500300',
  ])('%s is no identifier', (text) => {
    expect(keys(text)).toEqual([]);
    expect(said(text)).toEqual([]);
  });

  test('"O" in words and codes stays a letter', () => {
    expect(keys('kode OTO123456 dan BOOK0812')).toEqual([]);
  });
});

describe('WhatsApp links in text are the number they call', () => {
  test.each([
    ['katalog wa.me/c/6281234567890', 'tel:+6281234567890'],
    ['https://api.whatsapp.com/send?phone=62%20812%203456%207890', 'tel:+6281234567890'],
    ['whatsapp://send?phone=6281234567890', 'tel:+6281234567890'],
  ])('%s → %s', (text, key) => {
    expect(keys(text)).toEqual([key]);
  });
});

describe('nothing skipped in silence', () => {
  test.each<[string, string, IdentifierInput]>([
    ['Cek katalog kak https://vt.tiktok.com/ZSabc123/ ya', 'https://vt.tiktok.com/ZSabc123/', { type: 'tiktok', value: 'https://vt.tiktok.com/ZSabc123/' }],
    ['promo bit.ly/promo-murah klik', 'bit.ly/promo-murah', { type: 'website', value: 'bit.ly/promo-murah' }],
    ['instagram.com/p/Cx123abc ini postingannya', 'instagram.com/p/Cx123abc', { type: 'instagram', value: 'instagram.com/p/Cx123abc' }],
    ['gabung chat.whatsapp.com/AbCdEf123 ya', 'chat.whatsapp.com/AbCdEf123', { type: 'phone', value: 'chat.whatsapp.com/AbCdEf123' }],
    ['join t.me/+AbCdEfGh123', 't.me/+AbCdEfGh123', { type: 'telegram', value: 't.me/+AbCdEfGh123' }],
    ['order di shopee.co.id/tokojaya', 'shopee.co.id/tokojaya', { type: 'website', value: 'shopee.co.id/tokojaya' }],
    ['login http://103.12.4.5/bri', 'http://103.12.4.5/bri', { type: 'website', value: 'http://103.12.4.5/bri' }],
  ])('%s: the link comes back unresolved with the lookup’s own code and message', (text, value, input) => {
    for (const lang of ['id', 'en'] as const) expect(said(text, lang)).toEqual([{ value, ...refusal(input, lang) }]);
  });

  test('a handle its named platform refuses is said with the platform’s message', () => {
    expect(said('tele: toko__jaya')).toEqual([{ value: 'toko__jaya', ...refusal({ type: 'telegram', value: 'toko__jaya' }) }]);
    expect(keys('tele: toko__jaya')).toEqual([]);
  });

  test('an account number the bank cannot have is said, never answered', () => {
    const [item] = said('tf ke BCA 123456789 ya kak');
    expect(item).toEqual({ value: '123456789', ...refusal({ type: 'bank', bank: '014', value: '123456789' }) });
    expect(item!.message).toContain('BCA');
    expect(item!.message).toContain('10');
    expect(keys('tf ke BCA 123456789 ya kak')).toEqual([]);
  });
});

describe('properties of the new readers', () => {
  test('any text of digits, separators, O’s and styled digits is read without throwing, every offset inside the text', () => {
    const piece = fc.constantFrom('0', '8', '1', '2', 'O', 'o', '"', '=', '+', '•', '–', ' ', '.', '-', ':', '/', '(', ')', '𝟎', '𝟖', '０', 'a', 'wa ', 'BCA ', 'IG: ', 'www.', '.com');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), (parts) => {
        const text = parts.join('');
        const result = extractIdentifiers(text, 'id');
        for (const item of [...result.found, ...result.unresolved]) {
          expect(item.start).toBeGreaterThanOrEqual(0);
          expect(item.end).toBeLessThanOrEqual(text.length);
          expect(item.end).toBeGreaterThan(item.start);
        }
      }),
      { numRuns: 300 },
    );
  });
});
