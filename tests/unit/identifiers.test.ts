// The identifier contract as a whole: the type and value checks every kind
// shares, the lookup keys, and what any input at all can come to. Each kind's
// spellings are in identifiers-<kind>.test.ts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BANKS } from '../../worker/core/banks.ts';
import { ApiError, ERROR_MESSAGES, type ErrorCode } from '../../worker/core/errors.ts';
import {
  EWALLET_PROVIDERS,
  IDENTIFIER_TYPES,
  MAX_VALUE_LENGTH,
  describeIdentifier,
  lookupKey,
  parseIdentifier,
  type Identifier,
  type IdentifierInput,
} from '../../worker/core/identifiers.ts';
import { outcomeOf } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));

describe('every kind of identifier', () => {
  test.each(['crypto', '', 'bank account', 'telepon'])('the type %j is refused as invalid_type', (type) => {
    expect(outcomeOf({ type, value: '081234567890' })).toEqual({ code: 'invalid_type', field: 'type' });
  });

  test('the type is read trimmed and in any case', () => {
    expect(outcomeOf({ type: ' Phone ', value: '081234567890' })).toEqual({ type: 'phone', value: '+6281234567890' });
    expect(outcomeOf({ type: 'INSTAGRAM', value: 'toko.ku' })).toEqual({ type: 'instagram', value: 'toko.ku' });
  });

  test.each(IDENTIFIER_TYPES)('an empty or blank %s value is refused as missing_value', (type) => {
    for (const value of ['', '   ', '\n\t']) {
      expect(outcomeOf({ type, value, bank: '014', provider: 'ovo' })).toEqual({ code: 'missing_value', field: 'value' });
    }
  });

  // A QRIS payload may run to 512 characters (identifiers-qris.test.ts).
  test.each(IDENTIFIER_TYPES.filter((type) => type !== 'qris'))('a %s value over 200 characters is refused as value_too_long before the kind reads it', (type) => {
    expect(outcomeOf({ type, value: '1'.repeat(MAX_VALUE_LENGTH + 1), bank: '014', provider: 'ovo' })).toEqual({
      code: 'value_too_long',
      field: 'value',
    });
  });

  test('200 characters are read, and the spaces around a value do not count', () => {
    expect(outcomeOf({ type: 'bank', bank: '009', value: '1'.repeat(MAX_VALUE_LENGTH) })).toEqual({ code: 'invalid_bank_account', field: 'value' });
    expect(outcomeOf({ type: 'phone', value: `${' '.repeat(150)}081234567890${' '.repeat(150)}` })).toEqual({ type: 'phone', value: '+6281234567890' });
  });

  test('each kind has its own key, so the same digits as a phone and as an account never meet', () => {
    expect(keyOf({ type: 'phone', value: '081234567890' })).toBe('tel:+6281234567890');
    expect(keyOf({ type: 'ewallet', provider: 'gopay', value: '081234567890' })).toBe('tel:+6281234567890');
    expect(keyOf({ type: 'bank', bank: '009', value: '081234567890' })).toBe('bank:009:081234567890');
    expect(keyOf({ type: 'instagram', value: 'toko.ku' })).toBe('ig:toko.ku');
    expect(keyOf({ type: 'facebook', value: 'toko.ku.id' })).toBe('fb:tokokuid');
    expect(keyOf({ type: 'facebook', value: '100012345678' })).toBe('fb:100012345678');
    expect(keyOf({ type: 'tiktok', value: '@Toko.Ku' })).toBe('tt:toko.ku');
    expect(keyOf({ type: 'telegram', value: '@Toko_Ku_ID' })).toBe('tg:toko_ku_id');
    expect(keyOf({ type: 'website', value: 'https://www.TokoKu.id/promo' })).toBe('web:tokoku.id');
  });

  test('identifiers read as a person writes them', () => {
    const read = (input: IdentifierInput) => describeIdentifier(parseIdentifier(input));
    expect(read({ type: 'bank', bank: '014', value: '1234567890' })).toBe('BCA 1234567890');
    expect(read({ type: 'phone', value: '081234567890' })).toBe('+62 812 3456 7890');
    expect(read({ type: 'ewallet', provider: 'dana', value: '081234567890' })).toBe('+62 812 3456 7890');
    expect(read({ type: 'instagram', value: '@Toko.Ku' })).toBe('@toko.ku');
    expect(read({ type: 'facebook', value: 'Toko.Ku.ID' })).toBe('facebook.com/tokokuid');
    expect(read({ type: 'facebook', value: '100012345678' })).toBe('facebook.com/profile.php?id=100012345678');
    expect(read({ type: 'tiktok', value: '@Toko.Ku' })).toBe('tiktok.com/@toko.ku');
    expect(read({ type: 'telegram', value: 't.me/Toko_Ku_ID' })).toBe('t.me/toko_ku_id');
    expect(read({ type: 'website', value: 'https://promo.tokomurah.com/checkout' })).toBe('tokomurah.com');
  });
});

/** The field each refusal points at, so a form can mark the right input. */
const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  invalid_type: 'type',
  bank_required: 'bank',
  unknown_bank: 'bank',
  provider_required: 'provider',
  unknown_provider: 'provider',
};

// Text that reaches each parser's corners: phone punctuation, link syntax, digits.
const phoneish = fc.string({ unit: fc.constantFrom(...'0123456789+-.() 62'), maxLength: 30 });
const linkish = fc.string({ unit: fc.constantFrom(...'instagram.comfacebook/?=#@_:%0123456789p'), maxLength: 60 });
const anyValue = fc.oneof(
  fc.string({ maxLength: 250 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  phoneish,
  linkish,
);
const anyType = fc.oneof(fc.constantFrom(...IDENTIFIER_TYPES, ' Bank ', 'PHONE'), fc.string({ maxLength: 10 }));
const anyBank = fc.option(fc.oneof(fc.constantFrom(...BANKS.map((bank) => bank.code), '14', ' 2 '), fc.string({ maxLength: 5 })));
const anyProvider = fc.option(fc.oneof(fc.constantFrom(...EWALLET_PROVIDERS, ' OVO'), fc.string({ maxLength: 8 })));

// Inputs shaped like each kind's (a known type with its bank or provider, a value typed with
// separators, a link or an @), so that a good share of the runs reach the round trip below:
// random text alone is valid about once in a hundred. Some are still refused (a mobile range
// that does not exist, an account too short), which is fine.
const mobile = fc
  .tuple(fc.constantFrom('0', '+62', '62', '+62 ', '(+62) '), fc.stringMatching(/^8[1-9]\d{1,2}[ -]?\d{3,4}[ -]?\d{3,4}$/))
  .map(([lead, rest]) => `${lead}${rest}`);
const nearValid: fc.Arbitrary<IdentifierInput> = fc.oneof(
  fc.record({ type: fc.constantFrom('phone', ' Phone '), value: mobile }),
  fc.record({ type: fc.constant('ewallet'), value: mobile, provider: fc.constantFrom(...EWALLET_PROVIDERS, ' OVO') }),
  fc.record({
    type: fc.constantFrom('bank', 'BANK'),
    value: fc.stringMatching(/^\d{3,6}(?:[ .-]?\d{2,6}){1,3}$/),
    bank: fc.constantFrom(...BANKS.map((bank) => bank.code), '14'),
  }),
  fc.record({
    type: fc.constant('instagram'),
    value: fc
      .tuple(fc.constantFrom('', '@', 'https://www.instagram.com/', 'instagram.com/'), fc.stringMatching(/^[a-z0-9][a-z0-9._]{0,28}[a-z0-9]$/))
      .map(([lead, name]) => `${lead}${name}`),
  }),
  fc.record({
    type: fc.constant('facebook'),
    value: fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.]{4,40}$/), fc.stringMatching(/^1000\d{8,11}$/)),
  }),
  fc.record({
    type: fc.constant('tiktok'),
    value: fc
      .tuple(fc.constantFrom('', '@', 'https://www.tiktok.com/@', 'tiktok.com/@'), fc.stringMatching(/^[a-z0-9._]{1,23}[a-z0-9_]$/))
      .map(([lead, name]) => `${lead}${name}`),
  }),
  fc.record({
    type: fc.constant('telegram'),
    value: fc
      .tuple(fc.constantFrom('', '@', 'https://t.me/', 'telegram.me/'), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{4,31}$/))
      .map(([lead, name]) => `${lead}${name}`),
  }),
  fc.record({
    type: fc.constant('website'),
    value: fc
      .tuple(fc.constantFrom('', 'https://', 'http://www.'), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}[a-z0-9]$/), fc.constantFrom('.com', '.co.id', '.id', '.blogspot.com'), fc.constantFrom('', '/', '/checkout?x=1'))
      .map((parts) => parts.join('')),
  }),
);
const anyInput: fc.Arbitrary<IdentifierInput> = fc.oneof(
  fc.record({ type: anyType, value: anyValue, bank: anyBank, provider: anyProvider }),
  nearValid,
);

describe('any input at all', () => {
  test('is either an identifier whose canonical form parses to itself, or an ApiError with a known code on the right field', () => {
    let runs = 0;
    let roundTrips = 0;
    fc.assert(
      fc.property(anyInput, (input) => {
        runs++;
        let id: Identifier;
        try {
          id = parseIdentifier(input);
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
          const { code, field } = err as ApiError;
          expect(Object.keys(ERROR_MESSAGES)).toContain(code);
          expect(ERROR_MESSAGES[code].status).toBe(400);
          expect(field).toBe(FIELD_OF[code] ?? 'value');
          return;
        }
        expect(lookupKey(id)).toMatch(
          /^(?:tel:\+[0-9]{6,15}|bank:[0-9]{3}:[0-9]{5,20}|ig:[a-z0-9._]{1,30}|fb:[a-z0-9]{5,50}|tt:[a-z0-9._]{2,24}|tg:[a-z][a-z0-9_]{4,31}|web:[a-z0-9.-]{3,253})$/,
        );
        expect(describeIdentifier(id).length).toBeGreaterThan(0);
        expect(parseIdentifier({ type: id.type, value: id.value, bank: id.bank, provider: id.provider })).toEqual(id);
        roundTrips++;
      }),
      { numRuns: 3000 },
    );
    // The round trip means something only if many runs reach it.
    expect(roundTrips / runs).toBeGreaterThan(0.3);
  });
});
