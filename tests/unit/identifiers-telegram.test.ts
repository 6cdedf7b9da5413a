import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../worker/core/errors.ts';
import { describeIdentifier, lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { outcomeOf, withCase } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
const telegram = (value: string) => outcomeOf({ type: 'telegram', value });

describe('Telegram sellers', () => {
  test('a report of @TokoMurah_ID is found by its t.me link', () => {
    expect(keyOf({ type: 'telegram', value: '@TokoMurah_ID' })).toBe(keyOf({ type: 'telegram', value: 'https://t.me/tokomurah_id' }));
    expect(keyOf({ type: 'telegram', value: 'tokomurah_id' })).toBe('tg:tokomurah_id');
  });

  test.each([
    'tokomurah_id',
    '@tokomurah_id',
    '@TokoMurah_ID',
    't.me/tokomurah_id',
    'T.ME/TokoMurah_ID',
    'https://t.me/tokomurah_id',
    'http://www.t.me/tokomurah_id/',
    'https://telegram.me/tokomurah_id?start=promo',
    'telegram.me/tokomurah_id',
    'https://telegram.dog/tokomurah_id',
    'https://t.me/s/tokomurah_id',
    'https://t.me/tokomurah_id/1234',
    'https://tokomurah_id.t.me/',
    'tokomurah_id.t.me',
    'TokoMurah_ID.T.Me/',
    'tg://resolve?domain=tokomurah_id',
  ])('%s is @tokomurah_id', (value) => {
    expect(telegram(value)).toEqual({ type: 'telegram', value: 'tokomurah_id' });
  });

  test('tokojaya.t.me, the subdomain form, is @tokojaya, typed with or without https://', () => {
    expect(telegram('tokojaya.t.me')).toEqual({ type: 'telegram', value: 'tokojaya' });
    expect(keyOf({ type: 'telegram', value: 'tokojaya.t.me' })).toBe(keyOf({ type: 'telegram', value: 'https://tokojaya.t.me/' }));
    expect(telegram('toko.jaya.t.me')).toEqual({ code: 'invalid_telegram', field: 'value' });
  });

  test.each(['tokojaya_', '@tokojaya_', 't.me/tokojaya_', 'toko__jaya', '@toko__jaya', 'https://t.me/toko__jaya', 'toko_jaya__', 'tokojaya_.t.me'])(
    '%s breaks Telegram\'s rule (no _ at the end, never __), refused as invalid_telegram',
    (value) => {
      expect(telegram(value)).toEqual({ code: 'invalid_telegram', field: 'value' });
    },
  );

  test('one underscore between characters is allowed anywhere but the end', () => {
    expect(telegram('toko_jaya_1')).toEqual({ type: 'telegram', value: 'toko_jaya_1' });
    expect(telegram('t_o_k_o')).toEqual({ type: 'telegram', value: 't_o_k_o' });
  });

  test('five and thirty-two characters are both usernames; underscores count', () => {
    expect(telegram('abcde')).toEqual({ type: 'telegram', value: 'abcde' });
    expect(telegram('a'.repeat(32))).toEqual({ type: 'telegram', value: 'a'.repeat(32) });
    expect(keyOf({ type: 'telegram', value: 'toko_murah' })).not.toBe(keyOf({ type: 'telegram', value: 'tokomurah' }));
  });

  test.each(['https://t.me/+AbCdEfGhIjKlMnOp', 't.me/+AbCdEf', 'https://t.me/joinchat/AAAAAEk1Xy', 'https://telegram.me/joinchat/AAAAAEk1Xy', 'https://t.me/addlist/AbCdEf'])(
    '%s is an invite link, refused as telegram_invite_link',
    (value) => {
      expect(telegram(value)).toEqual({ code: 'telegram_invite_link', field: 'value' });
    },
  );

  test.each(['https://t.me/c/1234567890/55', 'https://t.me/share/url?url=x', 'https://t.me/addstickers/Cats', 'https://t.me/proxy?server=x', 'https://t.me/tokomurah_id/info'])(
    '%s is not an account, refused as telegram_not_profile',
    (value) => {
      expect(telegram(value)).toEqual({ code: 'telegram_not_profile', field: 'value' });
    },
  );

  test.each(['abcd', 'a'.repeat(33), '1tokomurah', '_tokomurah', 'toko.murah', 'toko-murah', 'toko murah', '@', 't.me', 'https://t.me/', 'https://t.me.evil.example/tokomurah', 'https://evil.example/t.me/tokomurah', 'https://instagram.com/tokomurah'])(
    '%s is not a valid username',
    (value) => {
      expect(telegram(value)).toEqual({ code: 'invalid_telegram', field: 'value' });
    },
  );

  test('a username reads as t.me/handle', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'telegram', value: '@TokoMurah_ID' }))).toBe('t.me/tokomurah_id');
  });
});

// Telegram's rule: 5–32 of a-z 0-9 _, a letter first, no _ last, never __.
const username = fc.stringMatching(/^[a-z][a-z0-9_]{3,30}[a-z0-9]$/).filter((name) => !name.includes('__'));
const link = fc.record({
  scheme: fc.constantFrom('', 'http://', 'https://', 'HTTPS://'),
  host: fc.constantFrom('t.me', 'www.t.me', 'T.Me', 'telegram.me', 'telegram.dog', 't.me/s'),
  tail: fc.constantFrom('', '/', '/42', '?start=x', '#', '/?a=b#c'),
});
const typedUsername = username.chain((name) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), fc.oneof(fc.constantFrom('', '@'), link))
    .map(([upper, wrapper]) => {
      const cased = withCase(name, upper);
      return { name, typed: typeof wrapper === 'string' ? `${wrapper}${cased}` : `${wrapper.scheme}${wrapper.host}/${cased}${wrapper.tail}` };
    }),
);

describe('Telegram properties', () => {
  test('a username in any case, bare, with @ or in any t.me link is the lowercase username, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(typedUsername, ({ name, typed }) => {
        const once = parseIdentifier({ type: 'telegram', value: typed });
        expect(once).toEqual({ type: 'telegram', value: name });
        expect(parseIdentifier({ type: 'telegram', value: once.value })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  test('two different usernames never share a key', () => {
    fc.assert(
      fc.property(username, username, (a, b) => {
        fc.pre(a !== b);
        expect(keyOf({ type: 'telegram', value: `@${a}` })).not.toBe(keyOf({ type: 'telegram', value: `t.me/${b}` }));
      }),
      { numRuns: 500 },
    );
  });

  test('any text, hostile too, gives a username or an ApiError, quickly', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...'t.me/+@_:?=%joinchat'), maxLength: 200 }),
      fc.nat({ max: 190 }).map((n) => `https://t.me/${'a'.repeat(n)}!`),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const start = performance.now();
        try {
          parseIdentifier({ type: 'telegram', value });
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
        }
        expect(performance.now() - start).toBeLessThan(200);
      }),
      { numRuns: 2000 },
    );
  });
});
