import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BANKS, POPULAR_BANK_CODES, bankByCode } from '../../worker/core/banks.ts';
import { describeIdentifier, lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { outcomeOf } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));

describe('bank accounts', () => {
  test('an account typed 123-456 7890 at BCA is found by 1234567890 at bank 014', () => {
    expect(keyOf({ type: 'bank', bank: '014', value: '123-456 7890' })).toBe(keyOf({ type: 'bank', bank: '014', value: '1234567890' }));
    expect(keyOf({ type: 'bank', bank: '014', value: '1234567890' })).toBe('bank:014:1234567890');
  });

  test.each([
    ['014', '1234567890'],
    ['14', '1234 5678 90'],
    [' 014 ', '1234.5678.90'],
    ['  14', '123-456-7890'],
    ['014', ' 1234567890 '],
    ['014', '12 34 - 56.78 90'],
  ])('bank %j and account %j are BCA 1234567890', (bank, value) => {
    expect(outcomeOf({ type: 'bank', bank, value })).toEqual({ type: 'bank', bank: '014', value: '1234567890' });
  });

  test('a one-digit code is padded too: 2 is BRI 002', () => {
    expect(outcomeOf({ type: 'bank', bank: '2', value: '0123-01-000456-50-1' })).toEqual({ type: 'bank', bank: '002', value: '012301000456501' });
  });

  test('leading zeros of an account are kept: 0012345678 and 12345678 are different accounts', () => {
    expect(keyOf({ type: 'bank', bank: '008', value: '0012.3456.78' })).toBe('bank:008:0012345678');
    expect(keyOf({ type: 'bank', bank: '008', value: '0012345678' })).not.toBe(keyOf({ type: 'bank', bank: '008', value: '12345678' }));
  });

  test('the same digits at another bank are another account', () => {
    expect(keyOf({ type: 'bank', bank: '014', value: '1234567890' })).not.toBe(keyOf({ type: 'bank', bank: '009', value: '1234567890' }));
  });

  test('5 and 20 digits are the shortest and longest accounts', () => {
    expect(outcomeOf({ type: 'bank', bank: '014', value: '12345' })).toMatchObject({ value: '12345' });
    expect(outcomeOf({ type: 'bank', bank: '014', value: '1'.repeat(20) })).toMatchObject({ value: '1'.repeat(20) });
  });

  test.each<[IdentifierInput, string, string]>([
    [{ type: 'bank', value: '1234567890' }, 'bank_required', 'bank'],
    [{ type: 'bank', bank: null, value: '1234567890' }, 'bank_required', 'bank'],
    [{ type: 'bank', bank: '   ', value: '1234567890' }, 'bank_required', 'bank'],
    [{ type: 'bank', bank: '999', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: '1', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: 'BCA', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: '0014', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: '01 4', value: '1234567890' }, 'unknown_bank', 'bank'],
    [{ type: 'bank', bank: '014', value: '1234' }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '1'.repeat(21) }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '12345abc' }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '1234/567890' }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '-.-.-' }, 'invalid_bank_account', 'value'],
    [{ type: 'bank', bank: '014', value: '١٢٣٤٥٦٧٨٩٠' }, 'invalid_bank_account', 'value'],
  ])('%j is refused with %s on %s', (input, code, field) => {
    expect(outcomeOf(input)).toEqual({ code, field });
  });

  test('an account reads as the bank’s short name and the digits', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'bank', bank: '14', value: '123-456-7890' }))).toBe('BCA 1234567890');
    expect(describeIdentifier(parseIdentifier({ type: 'bank', bank: '451', value: '7123456789' }))).toBe('BSI 7123456789');
  });
});

describe('bank account properties', () => {
  const typedAccount = fc
    .tuple(fc.stringMatching(/^0{0,3}$/), fc.stringMatching(/^[0-9]{5,17}$/))
    .map(([zeros, rest]) => `${zeros}${rest}`)
    .chain((digits) =>
      fc
        .tuple(
          fc.uniqueArray(fc.integer({ min: 1, max: digits.length - 1 }), { maxLength: 6 }),
          fc.array(fc.constantFrom(' ', '-', '.', ' - ', '  '), { minLength: 6, maxLength: 6 }),
        )
        .map(([cuts, separators]) => {
          const bounds = [0, ...cuts.sort((a, b) => a - b), digits.length];
          const typed = bounds.slice(1).map((end, i) => `${i === 0 ? '' : separators[i - 1]}${digits.slice(bounds[i], end)}`).join('');
          return { digits, typed };
        }),
    );
  const typedCode = fc
    .tuple(fc.constantFrom(...BANKS.map((bank) => bank.code)), fc.boolean(), fc.constantFrom('', ' '))
    .map(([code, unpadded, space]) => ({ code, typed: `${space}${unpadded ? code.replace(/^0+(?=\d)/, '') : code}${space}` }));

  test('an account typed with any separators at any bank is its digits, leading zeros kept, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(typedAccount, typedCode, (account, bank) => {
        const once = parseIdentifier({ type: 'bank', bank: bank.typed, value: account.typed });
        expect(once).toEqual({ type: 'bank', bank: bank.code, value: account.digits });
        expect(parseIdentifier({ type: 'bank', bank: once.bank, value: once.value })).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the bank list', () => {
  test('codes are unique 3-digit Bank Indonesia codes, sorted, each with a name and a short name', () => {
    const codes = BANKS.map((bank) => bank.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[0-9]{3}$/);
    expect([...codes].sort()).toEqual(codes);
    for (const bank of BANKS) {
      expect(bank.name.trim().length).toBeGreaterThan(2);
      expect(bank.short.trim().length).toBeGreaterThan(1);
    }
    expect(BANKS.length).toBeGreaterThanOrEqual(80);
  });

  test('the well-known codes name the banks people know', () => {
    const shortNames = Object.fromEntries(BANKS.map((bank) => [bank.code, bank.short]));
    expect(shortNames).toMatchObject({
      '002': 'BRI', '008': 'Mandiri', '009': 'BNI', '014': 'BCA', '022': 'CIMB Niaga', '200': 'BTN', '451': 'BSI',
      '535': 'SeaBank', '542': 'Jago',
    });
  });

  test('every popular bank is in the list, once', () => {
    expect(new Set(POPULAR_BANK_CODES).size).toBe(POPULAR_BANK_CODES.length);
    for (const code of POPULAR_BANK_CODES) expect(bankByCode(code), code).toBeDefined();
  });

  test('a code is looked up exactly: "14" is not a code, "014" is', () => {
    expect(bankByCode('14')).toBeUndefined();
    expect(bankByCode('014')?.short).toBe('BCA');
  });
});
