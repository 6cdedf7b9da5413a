import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BANKS, POPULAR_BANK_CODES, bankByCode } from '../../worker/core/banks.ts';
import { ApiError, ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { INSTAGRAM_NOT_PROFILE } from '../../worker/core/social-profile.ts';
import {
  describeIdentifier,
  lookupKey,
  parseIdentifier,
  type IdentifierInput,
} from '../../worker/core/identifiers.ts';

const parse = (input: IdentifierInput) => parseIdentifier(input);
const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
function errorOf(input: IdentifierInput): { code: string; field: string | undefined } {
  try {
    parseIdentifier(input);
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, field: err.field };
    throw err;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

describe('phone numbers', () => {
  test('a report typed 0812-3456-7890 is found by +62 812 3456 7890', () => {
    expect(keyOf({ type: 'phone', value: '0812-3456-7890' })).toBe(keyOf({ type: 'phone', value: '+62 812 3456 7890' }));
  });

  test.each([
    '0812-3456-7890',
    '+62 812 3456 7890',
    '62812 3456 7890',
    '6281234567890',
    '(0812) 3456.7890',
    '+62 (0)812 3456 7890',
    '0062 812 3456 7890',
    ' 081234567890 ',
  ])('%s is +6281234567890', (value) => {
    expect(parse({ type: 'phone', value })).toEqual({ type: 'phone', value: '+6281234567890' });
  });

  test('foreign numbers are accepted with their country code', () => {
    expect(parse({ type: 'phone', value: '+60 12-345 6789' }).value).toBe('+60123456789');
    expect(parse({ type: 'phone', value: '+1 (415) 555-0132' }).value).toBe('+14155550132');
  });

  test.each(['12', '0812', 'halo', '0812-CALL-NOW', '+99 123', '08123456789012345'])('%s is refused as invalid_phone', (value) => {
    expect(errorOf({ type: 'phone', value })).toEqual({ code: 'invalid_phone', field: 'value' });
  });

  test('an e-wallet number shares the lookup key of the same phone number', () => {
    expect(keyOf({ type: 'ewallet', provider: 'dana', value: '0857-1111-2222' })).toBe(
      keyOf({ type: 'phone', value: '+62 857 1111 2222' }),
    );
    expect(parse({ type: 'ewallet', provider: ' DANA ', value: '0857-1111-2222' })).toEqual({
      type: 'ewallet',
      provider: 'dana',
      value: '+6285711112222',
    });
  });

  test('an e-wallet needs a known provider', () => {
    expect(errorOf({ type: 'ewallet', value: '081234567890' })).toEqual({ code: 'provider_required', field: 'provider' });
    expect(errorOf({ type: 'ewallet', provider: 'paypal', value: '081234567890' })).toEqual({
      code: 'unknown_provider',
      field: 'provider',
    });
  });
});

describe('bank accounts', () => {
  test('digits only, keyed with the bank code; leading zeros kept', () => {
    expect(parse({ type: 'bank', bank: '014', value: '123-456 7890' })).toEqual({ type: 'bank', bank: '014', value: '1234567890' });
    expect(keyOf({ type: 'bank', bank: '14', value: '0012.3456.78' })).toBe('bank:014:0012345678');
  });

  test('the same digits at another bank are another account', () => {
    expect(keyOf({ type: 'bank', bank: '014', value: '1234567890' })).not.toBe(keyOf({ type: 'bank', bank: '009', value: '1234567890' }));
  });

  test.each<[IdentifierInput, string, string]>([
    [{ type: 'bank', value: '1234567890' }, 'bank_required', 'bank'],
    [{ type: 'bank', bank: '999', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: 'BCA', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: '014', value: '1234' }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '12345abc' }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '1'.repeat(21) }, 'invalid_bank_account', 'value'],
  ])('%j is refused with %s', (input, code, field) => {
    expect(errorOf(input)).toEqual({ code, field });
  });
});

describe('Instagram sellers', () => {
  test.each([
    'olshop.murah_id',
    '@olshop.murah_id',
    '@OlShop.Murah_ID',
    'instagram.com/olshop.murah_id',
    'https://www.instagram.com/olshop.murah_id/',
    'https://instagram.com/olshop.murah_id?igsh=MWx2bDR4&utm_source=qr',
    'http://m.instagram.com/olshop.murah_id/#',
    'https://www.instagram.com/olshop.murah_id/tagged/',
    'https://www.instagram.com/olshop.murah_id/reels/',
    'instagr.am/olshop.murah_id',
  ])('%s is @olshop.murah_id', (value) => {
    expect(parse({ type: 'instagram', value })).toEqual({ type: 'instagram', value: 'olshop.murah_id' });
  });

  test('periods are part of an Instagram username', () => {
    expect(keyOf({ type: 'instagram', value: 'olshop.murah' })).not.toBe(keyOf({ type: 'instagram', value: 'olshopmurah' }));
  });

  test.each([
    'https://www.instagram.com/p/C1a2b3c4d5e/',
    'https://www.instagram.com/reel/C1a2b3c4d5e/?igsh=abc',
    'instagram.com/stories/olshop.murah_id/3301234567890',
    'https://www.instagram.com/explore/tags/promo/',
    'https://www.instagram.com/olshop.murah_id/p/C1a2b3c4d5e/',
  ])('%s is not a profile', (value) => {
    expect(errorOf({ type: 'instagram', value })).toEqual({ code: 'instagram_not_profile', field: 'value' });
  });

  test.each(['olshop murah', 'a'.repeat(31), '.olshop', 'olshop.', 'ol..shop', 'toko-murah', 'https://tiktok.com/@olshop', 'https://instagram.com/'])(
    '%s is not a valid username',
    (value) => {
      expect(errorOf({ type: 'instagram', value })).toEqual({ code: 'invalid_instagram', field: 'value' });
    },
  );
});

describe('Facebook sellers', () => {
  test.each([
    'jual.hp.murah.official',
    'JualHPMurahOfficial',
    '@jual.hp.murah.official',
    'facebook.com/jual.hp.murah.official',
    'https://www.facebook.com/jual.hp.murah.official/',
    'https://web.facebook.com/jual.hp.murah.official?mibextid=ZbWKwL',
    'https://m.facebook.com/Jual.HP.Murah.Official/about',
    'fb.com/jualhpmurahofficial',
  ])('%s is facebook.com/jualhpmurahofficial (case and periods ignored)', (value) => {
    expect(parse({ type: 'facebook', value })).toEqual({ type: 'facebook', value: 'jualhpmurahofficial' });
  });

  test.each([
    'https://www.facebook.com/profile.php?id=100012345678',
    'https://m.facebook.com/profile.php?id=100012345678&mibextid=abc',
    'https://www.facebook.com/people/Toko-Murah/100012345678/',
    '100012345678',
  ])('%s is the numeric profile 100012345678', (value) => {
    expect(parse({ type: 'facebook', value })).toEqual({ type: 'facebook', value: '100012345678' });
  });

  test.each([
    'https://www.facebook.com/jual.hp.murah.official/posts/pfbid0abc',
    'https://www.facebook.com/photo.php?fbid=123',
    'https://www.facebook.com/groups/jualbelihpjakarta/',
    'https://www.facebook.com/marketplace/item/123456789/',
    'https://www.facebook.com/share/p/1AbCdEf/',
    'https://www.facebook.com/permalink.php?story_fbid=1&id=2',
    'https://www.facebook.com/watch/?v=123',
  ])('%s is not a profile', (value) => {
    expect(errorOf({ type: 'facebook', value })).toEqual({ code: 'facebook_not_profile', field: 'value' });
  });

  test.each(['abc', 'jual hp murah', 'toko_murah', 'https://www.facebook.com/profile.php', 'https://evil.example/jualhp'])(
    '%s is not a valid Facebook account',
    (value) => {
      expect(errorOf({ type: 'facebook', value })).toEqual({ code: 'invalid_facebook', field: 'value' });
    },
  );
});

describe('every kind', () => {
  test('an unknown type, an empty value and an over-long value are refused', () => {
    expect(errorOf({ type: 'crypto', value: 'x' })).toEqual({ code: 'invalid_type', field: 'type' });
    expect(errorOf({ type: 'phone', value: '   ' })).toEqual({ code: 'missing_value', field: 'value' });
    expect(errorOf({ type: 'phone', value: '0'.repeat(201) })).toEqual({ code: 'value_too_long', field: 'value' });
  });

  test('the type is read case-insensitively', () => {
    expect(parse({ type: ' Phone ', value: '081234567890' }).type).toBe('phone');
  });

  test('identifiers read as a person writes them', () => {
    expect(describeIdentifier(parse({ type: 'bank', bank: '014', value: '1234567890' }))).toBe('BCA 1234567890');
    expect(describeIdentifier(parse({ type: 'phone', value: '081234567890' }))).toBe('+62 812 3456 7890');
    expect(describeIdentifier(parse({ type: 'instagram', value: '@Toko.Ku' }))).toBe('@toko.ku');
    expect(describeIdentifier(parse({ type: 'facebook', value: '100012345678' }))).toBe('facebook.com/profile.php?id=100012345678');
  });
});

// Generators of valid identifiers typed the many ways people type them.
const MOBILE_PREFIXES = ['811', '812', '813', '821', '822', '823', '851', '852', '853', '814', '815', '816', '855', '856', '857', '858', '817', '818', '819', '859', '877', '878', '831', '832', '833', '838', '895', '896', '897', '898', '899', '881', '882', '883', '884', '885', '886', '887', '888', '889'];
const separator = fc.constantFrom('', ' ', '-', '.', ' - ');
const indonesianMobile = fc
  .tuple(fc.constantFrom(...MOBILE_PREFIXES), fc.stringMatching(/^[0-9]{7,8}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`);
const typedPhone = fc
  .tuple(indonesianMobile, fc.constantFrom('0', '+62', '62', '+62 ', '0062'), separator)
  .map(([national, lead, sep]) => `${lead}${national.slice(0, 3)}${sep}${national.slice(3, 7)}${sep}${national.slice(7)}`);
const instagramHandle = fc
  .stringMatching(/^[a-z0-9_]{1,12}(\.[a-z0-9_]{1,8})?$/)
  .filter((h) => h.length <= 30 && !INSTAGRAM_NOT_PROFILE.has(h));
const randomCase = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
const instagramWrapper = fc.constantFrom((h: string) => h, (h: string) => `@${h}`, (h: string) => `https://www.instagram.com/${h}/?igsh=x`, (h: string) => `instagram.com/${h}`, (h: string) => `m.instagram.com/${h}/tagged/`);
const facebookName = fc.stringMatching(/^[a-z][a-z0-9]{4,14}$/);
const withPeriods = (name: string) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((dots) => [...name].map((c, i) => (dots[i] && i > 0 ? `.${c}` : c)).join(''));
const facebookWrapper = fc.constantFrom((h: string) => h, (h: string) => `https://web.facebook.com/${h}?mibextid=1`, (h: string) => `facebook.com/${h}/about`, (h: string) => `m.facebook.com/${h}`);

describe('properties', () => {
  test('phone numbers typed any way are canonical E.164, and canonicalising again changes nothing', () => {
    fc.assert(
      fc.property(indonesianMobile, typedPhone, (_, typed) => {
        const once = parse({ type: 'phone', value: typed });
        expect(once.value).toMatch(/^\+628\d{8,11}$/);
        expect(parse({ type: 'phone', value: once.value })).toEqual(once);
      }),
    );
  });

  test('the same number typed two ways, as phone or e-wallet, has one lookup key', () => {
    fc.assert(
      fc.property(indonesianMobile, separator, fc.constantFrom('gopay', 'ovo', 'dana', 'shopeepay', 'linkaja'), (national, sep, provider) => {
        const a = keyOf({ type: 'phone', value: `0${national}` });
        const b = keyOf({ type: 'ewallet', provider, value: `+62${sep}${national.slice(0, 3)}${sep}${national.slice(3)}` });
        expect(a).toBe(b);
      }),
    );
  });

  test('bank accounts with any separators canonicalise to their digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{5,16}$/), separator, fc.constantFrom(...BANKS.map((b) => b.code)), (digits, sep, bank) => {
        const typed = digits.match(/.{1,4}/g)!.join(sep);
        expect(parse({ type: 'bank', bank, value: typed })).toEqual({ type: 'bank', bank, value: digits });
      }),
    );
  });

  test('Instagram handles in any wrapper and case give the same username', () => {
    fc.assert(
      fc.property(instagramHandle.chain((h) => fc.tuple(fc.constant(h), randomCase(h), instagramWrapper)), ([handle, cased, wrap]) => {
        expect(parse({ type: 'instagram', value: wrap(cased) }).value).toBe(handle);
      }),
    );
  });

  test('Facebook usernames in any wrapper, case and periods give the same account', () => {
    fc.assert(
      fc.property(facebookName.chain((n) => fc.tuple(fc.constant(n), withPeriods(n).chain(randomCase), facebookWrapper)), ([name, typed, wrap]) => {
        expect(parse({ type: 'facebook', value: wrap(typed) }).value).toBe(name);
      }),
    );
  });

  test('any input either parses or throws an ApiError with a known code — never anything else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bank', 'ewallet', 'phone', 'instagram', 'facebook', 'other'),
        fc.oneof(fc.string({ maxLength: 250 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.webUrl()),
        fc.option(fc.string({ maxLength: 4 })),
        (type, value, extra) => {
          try {
            const id = parseIdentifier({ type, value, bank: extra, provider: extra });
            expect(lookupKey(id).length).toBeGreaterThan(0);
          } catch (err) {
            expect(err).toBeInstanceOf(ApiError);
            expect(ERROR_MESSAGES).toHaveProperty((err as ApiError).code);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the bank list', () => {
  test('codes are unique 3-digit Bank Indonesia codes, sorted, each with a name', () => {
    const codes = BANKS.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^\d{3}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
    expect(BANKS.every((b) => b.name.length > 2 && b.short.length > 1)).toBe(true);
    expect(BANKS.length).toBeGreaterThan(80);
  });

  test('the popular banks are in the list, with BCA as 014', () => {
    for (const code of POPULAR_BANK_CODES) expect(bankByCode(code)).toBeDefined();
    expect(bankByCode('014')?.short).toBe('BCA');
  });
});
