import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../worker/core/errors.ts';
import { describeIdentifier, lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { outcomeOf, withCase } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
const tiktok = (value: string) => outcomeOf({ type: 'tiktok', value });

describe('TikTok sellers', () => {
  test('a report of @TokoMurah.ID is found by a link to one of its videos', () => {
    expect(keyOf({ type: 'tiktok', value: '@TokoMurah.ID' })).toBe(
      keyOf({ type: 'tiktok', value: 'https://www.tiktok.com/@tokomurah.id/video/7301234567890123456?is_from_webapp=1&sender_device=pc' }),
    );
    expect(keyOf({ type: 'tiktok', value: 'tokomurah.id' })).toBe('tt:tokomurah.id');
  });

  test.each([
    'tokomurah.id',
    '@tokomurah.id',
    '@TokoMurah.ID',
    'tiktok.com/@tokomurah.id',
    'TIKTOK.COM/@TOKOMURAH.ID',
    'https://www.tiktok.com/@tokomurah.id',
    'https://www.tiktok.com/@tokomurah.id?lang=id-ID',
    'http://m.tiktok.com/@tokomurah.id/',
    'www.tiktok.com/@tokomurah.id#top',
    'https://www.tiktok.com/@tokomurah.id/video/7301234567890123456',
    'https://www.tiktok.com/@tokomurah.id/photo/7301234567890123456',
    'https://www.tiktok.com/@tokomurah.id/live',
    'https://www.tiktok.com/%40tokomurah.id',
  ])('%s is @tokomurah.id', (value) => {
    expect(tiktok(value)).toEqual({ type: 'tiktok', value: 'tokomurah.id' });
  });

  test('two and twenty-four characters are both usernames; periods and underscores count', () => {
    expect(tiktok('ab')).toEqual({ type: 'tiktok', value: 'ab' });
    expect(tiktok('a'.repeat(24))).toEqual({ type: 'tiktok', value: 'a'.repeat(24) });
    expect(keyOf({ type: 'tiktok', value: 'toko.murah' })).not.toBe(keyOf({ type: 'tiktok', value: 'tokomurah' }));
    expect(keyOf({ type: 'tiktok', value: 'toko_murah' })).not.toBe(keyOf({ type: 'tiktok', value: 'tokomurah' }));
  });

  test.each(['https://vt.tiktok.com/ZSabc123/', 'vm.tiktok.com/ZMabc123', 'https://www.tiktok.com/t/ZTabc123/'])(
    '%s is a short link, refused as tiktok_short_link',
    (value) => {
      expect(tiktok(value)).toEqual({ code: 'tiktok_short_link', field: 'value' });
    },
  );

  test.each(['https://www.tiktok.com/tag/promo', 'https://www.tiktok.com/music/lagu-123', 'https://www.tiktok.com/discover/baju', 'https://www.tiktok.com/video/7301234567890123456', 'https://www.tiktok.com/foryou'])(
    '%s names no account, refused as tiktok_not_profile',
    (value) => {
      expect(tiktok(value)).toEqual({ code: 'tiktok_not_profile', field: 'value' });
    },
  );

  test.each(['a', 'a'.repeat(25), 'tokomurah.', 'toko-murah', 'toko murah', 'tökö', '@', 'tiktok.com', 'https://www.tiktok.com/', 'https://tiktok.com.evil.example/@toko', 'https://instagram.com/@toko'])(
    '%s is not a valid username',
    (value) => {
      expect(tiktok(value)).toEqual({ code: 'invalid_tiktok', field: 'value' });
    },
  );

  test('a username reads as tiktok.com/@handle', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'tiktok', value: '@TokoMurah.ID' }))).toBe('tiktok.com/@tokomurah.id');
  });
});

const username = fc.stringMatching(/^[a-z0-9._]{1,23}[a-z0-9_]$/);
const link = fc.record({
  scheme: fc.constantFrom('', 'http://', 'https://', 'HTTPS://'),
  host: fc.constantFrom('tiktok.com', 'www.tiktok.com', 'm.tiktok.com', 'WWW.TikTok.com'),
  tail: fc.constantFrom('', '/', '?lang=id', '/video/7301234567890123456', '/video/7301234567890123456?is_from_webapp=1#x', '/live'),
});
const typedUsername = username.chain((name) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), fc.oneof(fc.constantFrom('', '@'), link))
    .map(([upper, wrapper]) => {
      const cased = withCase(name, upper);
      return { name, typed: typeof wrapper === 'string' ? `${wrapper}${cased}` : `${wrapper.scheme}${wrapper.host}/@${cased}${wrapper.tail}` };
    }),
);

describe('TikTok properties', () => {
  test('a username in any case, bare, with @ or in any profile or video link is the lowercase username, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(typedUsername, ({ name, typed }) => {
        const once = parseIdentifier({ type: 'tiktok', value: typed });
        expect(once).toEqual({ type: 'tiktok', value: name });
        expect(parseIdentifier({ type: 'tiktok', value: once.value })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  test('two different usernames never share a key', () => {
    fc.assert(
      fc.property(username, username, (a, b) => {
        fc.pre(a !== b);
        expect(keyOf({ type: 'tiktok', value: `@${a}` })).not.toBe(keyOf({ type: 'tiktok', value: `tiktok.com/@${b}` }));
      }),
      { numRuns: 500 },
    );
  });

  test('any text, hostile too, gives a username or an ApiError, quickly', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...'tiktok.com/@_:?=%vt'), maxLength: 200 }),
      fc.nat({ max: 180 }).map((n) => `https://tiktok.com/@${'a.'.repeat(n / 2)}!`),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const start = performance.now();
        try {
          parseIdentifier({ type: 'tiktok', value });
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
        }
        expect(performance.now() - start).toBeLessThan(200);
      }),
      { numRuns: 2000 },
    );
  });
});
