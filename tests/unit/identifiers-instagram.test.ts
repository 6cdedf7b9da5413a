import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeIdentifier, lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { INSTAGRAM_NOT_PROFILE } from '../../worker/core/identifiers/instagram.ts';
import { outcomeOf, withCase } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
const instagram = (value: string) => outcomeOf({ type: 'instagram', value });

describe('Instagram sellers', () => {
  test('a report of @OlShop.Murah_ID is found by its profile link', () => {
    expect(keyOf({ type: 'instagram', value: '@OlShop.Murah_ID' })).toBe(
      keyOf({ type: 'instagram', value: 'https://www.instagram.com/olshop.murah_id/?igsh=MWx2bDR4' }),
    );
    expect(keyOf({ type: 'instagram', value: 'olshop.murah_id' })).toBe('ig:olshop.murah_id');
  });

  test.each([
    'olshop.murah_id',
    '@olshop.murah_id',
    '@OlShop.Murah_ID',
    'instagram.com/olshop.murah_id',
    'instagram.com/olshop.murah_id?hl=id',
    'https://www.instagram.com/olshop.murah_id/',
    'HTTPS://WWW.INSTAGRAM.COM/OLSHOP.MURAH_ID',
    'https://instagram.com/olshop.murah_id?igsh=MWx2bDR4&utm_source=qr',
    'http://m.instagram.com/olshop.murah_id/#',
    'www.instagram.com/olshop.murah_id#posts',
    'https://www.instagram.com/olshop.murah_id/tagged/',
    'https://www.instagram.com/olshop.murah_id/reels/',
    'https://www.instagram.com/_u/olshop.murah_id',
    'instagr.am/olshop.murah_id',
  ])('%s is @olshop.murah_id', (value) => {
    expect(instagram(value)).toEqual({ type: 'instagram', value: 'olshop.murah_id' });
  });

  test('periods and underscores are part of an Instagram username', () => {
    expect(keyOf({ type: 'instagram', value: 'olshop.murah' })).not.toBe(keyOf({ type: 'instagram', value: 'olshopmurah' }));
    expect(keyOf({ type: 'instagram', value: 'olshop_murah' })).not.toBe(keyOf({ type: 'instagram', value: 'olshopmurah' }));
  });

  test('one character and thirty characters are both usernames', () => {
    expect(instagram('x')).toEqual({ type: 'instagram', value: 'x' });
    expect(instagram('a'.repeat(30))).toEqual({ type: 'instagram', value: 'a'.repeat(30) });
  });

  test.each([
    'https://www.instagram.com/p/C1a2b3c4d5e/',
    'https://www.instagram.com/reel/C1a2b3c4d5e/?igsh=abc',
    'https://www.instagram.com/reels/C1a2b3c4d5e/',
    'https://www.instagram.com/tv/C1a2b3c4d5e/',
    'instagram.com/stories/olshop.murah_id/3301234567890',
    'https://www.instagram.com/s/aGlnaGxpZ2h0OjE3OTk?igsh=x',
    'https://www.instagram.com/explore/tags/promo/',
    'https://www.instagram.com/accounts/login/?next=%2Folshop',
    'https://www.instagram.com/direct/inbox/',
    'https://www.instagram.com/olshop.murah_id/p/C1a2b3c4d5e/',
    'https://www.instagram.com/olshop.murah_id/reel/C1a2b3c4d5e/',
  ])('%s is not a profile', (value) => {
    expect(instagram(value)).toEqual({ code: 'instagram_not_profile', field: 'value' });
  });

  test.each([
    'olshop murah',
    'a'.repeat(31),
    '.olshop',
    'olshop.',
    'ol..shop',
    'toko-murah',
    'tökö',
    '@',
    'https://tiktok.com/@olshop',
    'https://instagram.com/',
    'instagram.com',
    'https://instagram.com.evil.example/olshop',
    'https://evil.example/instagram.com/olshop',
    'javascript://instagram.com/olshop',
    'https://www.instagram.com/ol%20shop/',
  ])('%s is not a valid username', (value) => {
    expect(instagram(value)).toEqual({ code: 'invalid_instagram', field: 'value' });
  });

  test('a username reads as @handle', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'instagram', value: 'https://instagram.com/Toko.Ku' }))).toBe('@toko.ku');
  });
});

// Valid usernames: runs of a-z 0-9 _ joined by single periods, at most 30 long.
// Instagram's own first segments (and "_u", the app's deep-link prefix) can't be usernames in a link.
const username = fc
  .stringMatching(/^[a-z0-9_]{1,10}(\.[a-z0-9_]{1,9}){0,2}$/)
  .filter((name) => !INSTAGRAM_NOT_PROFILE.has(name) && name !== '_u');
const link = fc.record({
  scheme: fc.constantFrom('', 'http://', 'https://', 'HTTPS://'),
  host: fc.constantFrom('instagram.com', 'www.instagram.com', 'm.instagram.com', 'instagr.am', 'WWW.Instagram.com'),
  tail: fc.constantFrom('', '/', '/tagged/', '/reels/', '?igsh=MWx2bDR4', '/?hl=id', '#', '/?igsh=abc&utm_source=qr#top'),
});
const typedUsername = username.chain((name) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), fc.oneof(fc.constantFrom('', '@'), link))
    .map(([upper, wrapper]) => {
      const cased = withCase(name, upper);
      const typed = typeof wrapper === 'string' ? `${wrapper}${cased}` : `${wrapper.scheme}${wrapper.host}/${cased}${wrapper.tail}`;
      return { name, typed };
    }),
);

describe('Instagram properties', () => {
  test('a username in any case, bare, with @ or in any profile link is the lowercase username, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(typedUsername, ({ name, typed }) => {
        const once = parseIdentifier({ type: 'instagram', value: typed });
        expect(once).toEqual({ type: 'instagram', value: name });
        expect(parseIdentifier({ type: 'instagram', value: once.value })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });
});
