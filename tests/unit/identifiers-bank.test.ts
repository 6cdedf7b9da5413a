import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BANKS, POPULAR_BANK_CODES, bankByCode } from '../../worker/core/banks.ts';
import { ApiError, BankAccountLengthError } from '../../worker/core/errors.ts';
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
    expect(keyOf({ type: 'bank', bank: '009', value: '0012.3456.78' })).toBe('bank:009:0012345678');
    expect(keyOf({ type: 'bank', bank: '009', value: '0012345678' })).not.toBe(keyOf({ type: 'bank', bank: '009', value: '12345678' }));
  });

  test('the same digits at another bank are another account', () => {
    expect(keyOf({ type: 'bank', bank: '014', value: '1234567890' })).not.toBe(keyOf({ type: 'bank', bank: '009', value: '1234567890' }));
  });

  test('at a bank with no documented length (BNI), 5 and 20 digits are the shortest and longest accounts', () => {
    expect(outcomeOf({ type: 'bank', bank: '009', value: '12345' })).toMatchObject({ value: '12345' });
    expect(outcomeOf({ type: 'bank', bank: '009', value: '123456789' })).toMatchObject({ value: '123456789' });
    expect(outcomeOf({ type: 'bank', bank: '009', value: '1'.repeat(20) })).toMatchObject({ value: '1'.repeat(20) });
    expect(outcomeOf({ type: 'bank', bank: '009', value: '1234' })).toEqual({ code: 'invalid_bank_account', field: 'value' });
    expect(outcomeOf({ type: 'bank', bank: '009', value: '1'.repeat(21) })).toEqual({ code: 'invalid_bank_account', field: 'value' });
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

describe('account numbers a bank never issues', () => {
  /** The refusal's code, field and message in both languages, or the identifier. */
  function refusal(input: IdentifierInput) {
    try {
      return parseIdentifier(input);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return { code: err.code, status: err.status, field: err.field, id: err.messageIn('id'), en: err.messageIn('en') };
    }
  }

  // BCA documents 10-digit accounts (banks.json cites the source); the number is written here, not read from there.
  test('a BCA account has 10 digits: 9 and 11 are refused with a message naming BCA and 10', () => {
    expect(refusal({ type: 'bank', bank: '014', value: '1234567890' })).toEqual({ type: 'bank', bank: '014', value: '1234567890' });
    for (const value of ['123456789', '12345678901', '123-456-789', '12345']) {
      expect(refusal({ type: 'bank', bank: '014', value })).toEqual({
        code: 'bank_account_length',
        status: 400,
        field: 'value',
        id: 'Nomor rekening BCA terdiri dari 10 angka. Periksa lagi nomor dan banknya.',
        en: 'BCA account numbers have 10 digits. Check the number and the bank.',
      });
    }
  });

  test('a Mandiri account has 13 digits: 10 is refused naming Mandiri and 13', () => {
    expect(refusal({ type: 'bank', bank: '008', value: '137-00-1234567-8' })).toEqual({ type: 'bank', bank: '008', value: '1370012345678' });
    expect(refusal({ type: 'bank', bank: '008', value: '1234567890' })).toMatchObject({
      code: 'bank_account_length',
      id: 'Nomor rekening Mandiri terdiri dari 13 angka. Periksa lagi nomor dan banknya.',
    });
  });

  test('the error’s JSON is the usual {code, message, field}, and its English message is the Error’s message', () => {
    try {
      parseIdentifier({ type: 'bank', bank: '014', value: '123456789' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).message).toBe('BCA account numbers have 10 digits. Check the number and the bank.');
    }
  });

  test('a bank with several lengths names them all: "10 atau 13 angka", "10, 12 or 13 digits"', () => {
    expect(new BankAccountLengthError('Bank Contoh', [10, 13]).messageIn('id')).toBe('Nomor rekening Bank Contoh terdiri dari 10 atau 13 angka. Periksa lagi nomor dan banknya.');
    expect(new BankAccountLengthError('Bank Contoh', [10, 12, 13]).messageIn('en')).toBe('Bank Contoh account numbers have 10, 12 or 13 digits. Check the number and the bank.');
  });

  test('letters are refused as letters, not as a length, whatever the bank', () => {
    expect(refusal({ type: 'bank', bank: '014', value: '12345abc90' })).toMatchObject({ code: 'invalid_bank_account' });
  });

  test('every documented length has a source, and lies within 5 to 20 digits', () => {
    const documented = BANKS.filter((bank) => bank.accountDigits !== undefined);
    expect(documented.map((bank) => bank.short)).toEqual(expect.arrayContaining(['BCA']));
    for (const bank of documented) {
      expect(bank.accountDigitsSource?.trim().length ?? 0, bank.short).toBeGreaterThan(20);
      expect(bank.accountDigitsSource, bank.short).toMatch(/https?:\/\//);
      expect(bank.accountDigits!.length, bank.short).toBeGreaterThan(0);
      for (const n of bank.accountDigits!) expect(n >= 5 && n <= 20, `${bank.short} ${n}`).toBe(true);
    }
    for (const bank of BANKS) if (bank.accountDigitsSource !== undefined) expect(bank.accountDigits, bank.short).toBeDefined();
  });
});

describe('the bank’s name typed before the digits', () => {
  test.each(['BCA 1234567890', 'bca: 123-456-7890', 'Bank BCA 1234567890', 'Bank Central Asia - 1234567890', ' BCA1234567890 '])(
    '%j with BCA chosen is BCA 1234567890',
    (value) => {
      expect(outcomeOf({ type: 'bank', bank: '014', value })).toEqual({ type: 'bank', bank: '014', value: '1234567890' });
    },
  );

  test('another bank’s name, or other words, are refused with the message that says to type the digits only', () => {
    expect(outcomeOf({ type: 'bank', bank: '014', value: 'BRI 1234567890' })).toEqual({ code: 'invalid_bank_account', field: 'value' });
    expect(outcomeOf({ type: 'bank', bank: '014', value: 'rek 1234567890' })).toEqual({ code: 'invalid_bank_account', field: 'value' });
    expect(outcomeOf({ type: 'bank', bank: '014', value: '1234567890 BCA' })).toEqual({ code: 'invalid_bank_account', field: 'value' });
    try {
      parseIdentifier({ type: 'bank', bank: '014', value: 'BRI 1234567890' });
    } catch (err) {
      expect((err as ApiError).messageIn('id')).toContain('Tulis angkanya saja');
      expect((err as ApiError).messageIn('en')).toContain('Type the digits only');
    }
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
  const anyLength = BANKS.filter((bank) => bank.accountDigits === undefined);
  const typedCode = fc
    .tuple(fc.constantFrom(...anyLength.map((bank) => bank.code)), fc.boolean(), fc.constantFrom('', ' '))
    .map(([code, unpadded, space]) => ({ code, typed: `${space}${unpadded ? code.replace(/^0+(?=\d)/, '') : code}${space}` }));

  test('at a bank with a documented length, an account of any other length is refused, and one of that length is its digits', () => {
    const documented = BANKS.filter((bank) => bank.accountDigits !== undefined);
    fc.assert(
      fc.property(fc.constantFrom(...documented), fc.stringMatching(/^[0-9]{5,20}$/), (bank, digits) => {
        const outcome = outcomeOf({ type: 'bank', bank: bank.code, value: digits });
        if (bank.accountDigits!.includes(digits.length)) expect(outcome).toEqual({ type: 'bank', bank: bank.code, value: digits });
        else expect(outcome).toEqual({ code: 'bank_account_length', field: 'value' });
      }),
      { numRuns: 300 },
    );
  });

  test('an account typed with any separators at any bank without a documented length is its digits, leading zeros kept, and parsing that again changes nothing', () => {
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
