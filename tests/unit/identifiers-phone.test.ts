import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeIdentifier, lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { ApiError } from '../../worker/core/errors.ts';
import { canonicalPhoneByParser, canonicalPhoneByShortcut, digitsBothWays, displayNumber } from '../../worker/core/identifiers/phone.ts';
import { outcomeOf } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
const phone = (value: string) => outcomeOf({ type: 'phone', value });

describe('phone numbers', () => {
  test('a report typed 0812-3456-7890 is found by +62 812 3456 7890', () => {
    expect(keyOf({ type: 'phone', value: '0812-3456-7890' })).toBe(keyOf({ type: 'phone', value: '+62 812 3456 7890' }));
    expect(keyOf({ type: 'phone', value: '0812-3456-7890' })).toBe('tel:+6281234567890');
  });

  test.each([
    '0812-3456-7890',
    '+62 812 3456 7890',
    '62812 3456 7890',
    '6281234567890',
    '(0812) 3456.7890',
    '+62 (0)812 3456 7890',
    '+62 (0) 812-3456-7890',
    '+62 0812 3456 7890',
    '62 0812 3456 7890',
    '0062 812 3456 7890',
    '0062812-3456-7890',
    '(+62) 812 3456 7890',
    '812 3456 7890',
    '0812\u00a03456\u00a07890',
    ' 081234567890 ',
  ])('%s is +6281234567890', (value) => {
    expect(phone(value)).toEqual({ type: 'phone', value: '+6281234567890' });
  });

  test('62 without a plus is the country code when the rest is a mobile number, even if it also reads as a landline', () => {
    // 62812345678 is also 0628-12345678, a landline in Aceh, which nobody writes without its 0.
    expect(phone('62812345678')).toEqual({ type: 'phone', value: '+62812345678' });
    expect(phone('0628 1234 5678')).toEqual({ type: 'phone', value: '+6262812345678' });
  });

  test('landlines are numbers too', () => {
    expect(phone('(021) 555-1234')).toEqual({ type: 'phone', value: '+62215551234' });
    expect(phone('+62 21 555 1234')).toEqual({ type: 'phone', value: '+62215551234' });
  });

  test.each([
    ['+60 12-345 6789', '+60123456789'],
    ['0060 12 345 6789', '+60123456789'],
    ['+1 (415) 555-0132', '+14155550132'],
    ['+44 7911 123456', '+447911123456'],
  ])('a foreign number written with its international prefix, %s, is %s', (value, e164) => {
    expect(phone(value)).toEqual({ type: 'phone', value: e164 });
  });

  test.each([
    ['12', 'too short'],
    ['0812', 'too short'],
    ['08123456789012345', 'too long'],
    ['+62 999 1234 5678', 'a range that does not exist'],
    ['halo', 'words'],
    ['0812-CALL-NOW', 'keypad letters'],
    ['call 0812 3456 7890', 'a number inside text'],
    ['0812 3456 7890 ext 12', 'an extension'],
    ['0812 3456 7890 / 0813 1111 2222', 'two numbers'],
    ['0812+3456+7890', 'a plus inside'],
    ['++6281234567890', 'two pluses'],
    ['٠٨١٢٣٤٥٦٧٨٩٠', 'digits of another script'],
  ])('%s is refused as invalid_phone (%s)', (value) => {
    expect(phone(value)).toEqual({ code: 'invalid_phone', field: 'value' });
  });

  test('a phone lookup ignores a bank or provider sent along with it', () => {
    expect(outcomeOf({ type: 'phone', value: '081234567890', bank: '999', provider: 'paypal' })).toEqual({
      type: 'phone',
      value: '+6281234567890',
    });
  });

  test('a number reads in international format', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'phone', value: '081234567890' }))).toBe('+62 812 3456 7890');
    expect(describeIdentifier(parseIdentifier({ type: 'ewallet', provider: 'ovo', value: '+60123456789' }))).toBe('+60 12 345 6789');
  });
});

describe('e-wallet numbers', () => {
  test('an e-wallet number is found by a phone lookup of the same number, and back', () => {
    expect(keyOf({ type: 'ewallet', provider: 'dana', value: '0857-1111-2222' })).toBe(keyOf({ type: 'phone', value: '+62 857 1111 2222' }));
  });

  test('the provider is read trimmed and in any case', () => {
    expect(outcomeOf({ type: 'ewallet', provider: ' DANA ', value: '0857-1111-2222' })).toEqual({
      type: 'ewallet',
      provider: 'dana',
      value: '+6285711112222',
    });
  });

  test.each<[IdentifierInput, string, string]>([
    [{ type: 'ewallet', value: '081234567890' }, 'provider_required', 'provider'],
    [{ type: 'ewallet', provider: '  ', value: '081234567890' }, 'provider_required', 'provider'],
    [{ type: 'ewallet', provider: null, value: '081234567890' }, 'provider_required', 'provider'],
    [{ type: 'ewallet', provider: 'paypal', value: '081234567890' }, 'unknown_provider', 'provider'],
    [{ type: 'ewallet', provider: 'gopay', value: '0812' }, 'invalid_phone', 'value'],
  ])('%j is refused with %s on %s', (input, code, field) => {
    expect(outcomeOf(input)).toEqual({ code, field });
  });

  test.each(['022-2034567', '(021) 5550 1234', '0274-123456', '+62 22 2034567'])(
    'a landline (%s), valid as a phone, is refused as an e-wallet number: e-wallets are on mobile numbers',
    (value) => {
      expect(outcomeOf({ type: 'phone', value })).toMatchObject({ type: 'phone' });
      expect(outcomeOf({ type: 'ewallet', provider: 'dana', value })).toEqual({ code: 'ewallet_not_mobile', field: 'value' });
    },
  );

  test('a mobile number abroad is an e-wallet number too', () => {
    expect(outcomeOf({ type: 'ewallet', provider: 'ovo', value: '+60 12 345 6789' })).toEqual({ type: 'ewallet', provider: 'ovo', value: '+60123456789' });
  });
});

// Real Indonesian mobile prefixes (after the trunk 0), followed by 6–9 digits.
const MOBILE_PREFIXES = [
  '811', '812', '813', '821', '822', '823', '851', '852', '853', '814', '815', '816', '855', '856', '857', '858',
  '817', '818', '819', '859', '877', '878', '831', '832', '833', '838', '895', '896', '897', '898', '899',
  '881', '882', '883', '884', '885', '886', '887', '888', '889',
];
const nationalMobile = fc
  .tuple(fc.constantFrom(...MOBILE_PREFIXES), fc.stringMatching(/^[0-9]{6,9}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`);
const separator = fc.constantFrom('', ' ', '-', '.', ' - ', '  ', '\t');
const EWALLETS = fc.constantFrom('gopay', 'ovo', 'dana', 'shopeepay', 'linkaja');

/** A national mobile number (without the 0) and that number typed the ways people type it. */
const typedMobile = nationalMobile.chain((national) =>
  fc
    .record({
      lead: fc.constantFrom('0', '+62', '62', '0062', '+62 (0)', '(+62) ', '+62 0'),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: national.length - 1 }), { maxLength: 4 }),
      separators: fc.array(separator, { minLength: 5, maxLength: 5 }),
      bracketed: fc.boolean(),
      padding: fc.constantFrom('', ' ', '  '),
    })
    .map(({ lead, cuts, separators, bracketed, padding }) => {
      const bounds = [0, ...cuts.sort((a, b) => a - b), national.length];
      const groups = bounds.slice(1).map((end, i) => national.slice(bounds[i], end));
      // "(0812) 3456 7890": the area-code habit applied to mobile numbers.
      if (lead === '0' && bracketed) groups[0] = `(0${groups[0]})`;
      else groups[0] = `${lead}${groups[0]}`;
      const typed = groups.map((group, i) => (i === 0 ? group : `${separators[i - 1]}${group}`)).join('');
      return { national, typed: `${padding}${typed}${padding}` };
    }),
);

describe('phone properties', () => {
  test('the one-pass reading of plain digits gives what the general reading gives, wherever it applies', () => {
    // Digits with every kind of separator, +, 00, brackets, letters and other spaces: the one-pass reading declines
    // what it does not read (undefined), and where it reads, its answer is the general one's.
    const typed = fc
      .array(fc.constantFrom('0', '0', '6', '2', '8', '1', '9', ' ', '-', '.', '+', '(', ')', '\t', 'a', '00', '(0)', '\u00a0'), { maxLength: 24 })
      .map((parts) => parts.join(''));
    let read = 0;
    fc.assert(
      fc.property(typed, (raw) => {
        const { plain, general } = digitsBothWays(raw);
        if (plain !== undefined) {
          read++;
          expect(plain).toEqual(general);
        }
      }),
      { numRuns: 5000 },
    );
    // Every number a person types with spaces, dashes or dots is read by it (most lookups).
    fc.assert(
      fc.property(typedMobile, ({ typed }) => {
        if (!/[()]/.test(typed) && !typed.includes('\t')) expect(digitsBothWays(typed.trim()).plain).toEqual(digitsBothWays(typed.trim()).general);
      }),
    );
    expect(read).toBeGreaterThan(500);
  });

  // Landlines, full-length mobiles and foreign numbers as the answer shows them: tests/unit/result-view.test.ts.
  test('a short mobile keeps its first two groups of four, the third only when there are digits for it', () => {
    const grouped = ['+628123456789', '+62812345678', '+6281234567', '+628123456'].map(displayNumber);
    expect(grouped).toEqual(['0812-3456-789', '0812-3456-78', '0812-3456-7', '0812-3456']);
  });

  test('an Indonesian mobile number typed any way is +62 and its digits, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(typedMobile, ({ national, typed }) => {
        const once = parseIdentifier({ type: 'phone', value: typed });
        expect(once).toEqual({ type: 'phone', value: `+62${national}` });
        expect(parseIdentifier({ type: 'phone', value: once.value })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  test('a phone number and an e-wallet number typed differently share one lookup key', () => {
    fc.assert(
      fc.property(typedMobile, typedMobile, EWALLETS, (a, b, provider) => {
        const asPhone = keyOf({ type: 'phone', value: a.typed });
        const asEwallet = keyOf({ type: 'ewallet', provider, value: `0${a.national}` });
        expect(asEwallet).toBe(asPhone);
        // Different numbers never share one.
        if (a.national !== b.national) expect(keyOf({ type: 'phone', value: b.typed })).not.toBe(asPhone);
      }),
    );
  });
});

describe('the shortcut for Indonesian mobile numbers', () => {
  /** The number, or the error's code: what a lookup would answer. */
  const answer = (read: (raw: string) => string | undefined, raw: string) => {
    try {
      return read(raw);
    } catch (err) {
      if (err instanceof ApiError) return err.code;
      throw err;
    }
  };
  // What people type: a trunk 0, +62, 0062, 62, another country's prefix or none,
  // then digits that are often (not always) a mobile number's, sometimes with separators.
  const prefix = fc.oneof(
    { arbitrary: fc.constantFrom('0', '+62', '0062', '+62 '), weight: 3 },
    fc.constantFrom('62', '+62 0', '+62 (0)', '(+62) ', '+', '00', '+60', '', '08'),
  );
  const rest = fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 9 }), fc.stringMatching(/^\d{5,12}$/))
        .map(([second, digits]) => `8${second}${digits}`),
      weight: 6,
    },
    fc.stringMatching(/^\d{1,15}$/),
    fc.stringMatching(/^\d[\d -]{0,17}$/),
  );

  test('answers what libphonenumber answers, wherever it answers at all', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(prefix, rest, (before, digits) => {
        const raw = `${before}${digits}`;
        const parsed = answer(canonicalPhoneByParser, raw);
        const shortcut = answer(canonicalPhoneByShortcut, raw);
        runs++;
        if (shortcut !== undefined && shortcut.startsWith('+')) {
          taken++;
          expect(shortcut).toBe(parsed);
        }
        // And the lookup as a whole (shortcut first, then the parser) answers the same as the parser.
        expect(outcomeOf({ type: 'phone', value: raw })).toEqual(
          typeof parsed === 'string' && parsed.startsWith('+') ? { type: 'phone', value: parsed } : { code: parsed, field: 'value' },
        );
      }),
      { numRuns: 20_000 },
    );
    // The comparison means something only if the shortcut answered often.
    expect(taken / runs).toBeGreaterThan(0.15);
  });

  test('leaves to the parser what it cannot be sure of', () => {
    expect(canonicalPhoneByShortcut('0812-3456-7890')).toBe('+6281234567890');
    expect(canonicalPhoneByShortcut('0062 812 3456 7890')).toBe('+6281234567890');
    expect(canonicalPhoneByShortcut('62812345678')).toBe('+62812345678');
    // A landline, the trunk 0 after +62, a foreign number, a mobile range that does not exist, too short.
    for (const raw of ['(021) 555-1234', '+62 0812 3456 7890', '+60 12-345 6789', '0840 1234 5678', '0812 345']) {
      expect(canonicalPhoneByShortcut(raw)).toBeUndefined();
    }
  });
});

describe('WhatsApp links', () => {
  test.each([
    'wa.me/6281234567890',
    'https://wa.me/6281234567890',
    'https://wa.me/6281234567890?text=Halo%20kak',
    'http://www.wa.me/+6281234567890/',
    'WA.ME/6281234567890',
    'https://api.whatsapp.com/send?phone=6281234567890',
    'https://api.whatsapp.com/send/?phone=%2B6281234567890&text=Halo&type=phone_number&app_absent=0',
    'api.whatsapp.com/send?phone=+6281234567890',
    'https://web.whatsapp.com/send?phone=6281234567890',
    'whatsapp://send?phone=6281234567890',
    'whatsapp://send?text=Halo&phone=6281234567890',
    'https://wa.me/081234567890',
  ])('%s calls +62 812 3456 7890, as a phone and as an e-wallet', (value) => {
    expect(phone(value)).toEqual({ type: 'phone', value: '+6281234567890' });
    expect(outcomeOf({ type: 'ewallet', provider: 'dana', value })).toEqual({ type: 'ewallet', provider: 'dana', value: '+6281234567890' });
  });

  test('a wa.me number is in international form, as WhatsApp reads it', () => {
    expect(phone('https://wa.me/4915123456789')).toEqual({ type: 'phone', value: '+4915123456789' });
    expect(phone('https://wa.me/622123456789')).toEqual({ type: 'phone', value: '+622123456789' });
  });

  test.each(['https://chat.whatsapp.com/AbCdEfGhIjK', 'https://wa.me/message/ABCDEFGHIJ1', 'https://wa.me/', 'https://api.whatsapp.com/send?text=Halo', 'whatsapp://send?phone=kak', 'https://wa.me/62812/34'])(
    '%s shows no number, refused as whatsapp_no_number',
    (value) => {
      expect(phone(value)).toEqual({ code: 'whatsapp_no_number', field: 'value' });
    },
  );

  test.each(['https://wa.me/62999', 'https://evil.example/wa.me/6281234567890', 'https://wa.me.evil.example/6281234567890', 'javascript:wa.me/6281234567890'])(
    '%s is not a number',
    (value) => {
      expect(phone(value)).toEqual({ code: 'invalid_phone', field: 'value' });
    },
  );

  const link = fc.constantFrom('wa.me/', 'https://wa.me/', 'https://wa.me/+', 'https://api.whatsapp.com/send?phone=', 'whatsapp://send?phone=', 'https://api.whatsapp.com/send/?phone=%2B');
  const mobileNational = fc.stringMatching(/^8[1-9][0-9]{7,10}$/).filter((n) => canonicalPhoneByShortcut(`0${n}`) !== undefined);

  test('a mobile number in any WhatsApp link is the number typed plainly', () => {
    fc.assert(
      fc.property(link, mobileNational, fc.constantFrom('', '&text=Halo', '#x'), (prefix, national, tail) => {
        const viaLink = keyOf({ type: 'phone', value: `${prefix}62${national}${prefix.startsWith('wa.me') || prefix.endsWith('/') || prefix.endsWith('+') ? '' : tail}` });
        expect(viaLink).toBe(keyOf({ type: 'phone', value: `0${national}` }));
      }),
      { numRuns: 1000 },
    );
  });

  test('any text, hostile too, gives a number or an ApiError, quickly', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...'wa.me/api.whatsapp:send?phone=+%062'), maxLength: 200 }),
      fc.nat({ max: 170 }).map((n) => `https://wa.me/${'6'.repeat(n)}x`),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const start = performance.now();
        try {
          parseIdentifier({ type: 'phone', value });
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
        }
        expect(performance.now() - start).toBeLessThan(200);
      }),
      { numRuns: 2000 },
    );
  });
});
