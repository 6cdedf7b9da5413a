import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeIdentifier, lookupKey, parseIdentifier, spelledAsTyped, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { outcomeOf, withCase } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
const facebook = (value: string) => outcomeOf({ type: 'facebook', value });

describe('Facebook sellers', () => {
  test('a report of john.smith is found by JohnSmith: Facebook ignores case and periods', () => {
    expect(keyOf({ type: 'facebook', value: 'john.smith' })).toBe(keyOf({ type: 'facebook', value: 'JohnSmith' }));
    expect(keyOf({ type: 'facebook', value: 'John.Smith' })).toBe('fb:johnsmith');
  });

  test.each([
    'jual.hp.murah.official',
    'JualHPMurahOfficial',
    '@jual.hp.murah.official',
    'facebook.com/jual.hp.murah.official',
    'https://www.facebook.com/jual.hp.murah.official/',
    'https://web.facebook.com/jual.hp.murah.official?mibextid=ZbWKwL',
    'https://m.facebook.com/Jual.HP.Murah.Official/about',
    'https://mbasic.facebook.com/jual.hp.murah.official',
    'https://id-id.facebook.com/jual.hp.murah.official',
    'https://www.facebook.com/jual.hp.murah.official/photos',
    'https://www.facebook.com/jual.hp.murah.official/friends/',
    'https://www.facebook.com/jual.hp.murah.official/videos/',
    'https://www.facebook.com/pg/jual.hp.murah.official/about/',
    'fb.com/jualhpmurahofficial',
  ])('%s is facebook.com/jualhpmurahofficial', (value) => {
    expect(facebook(value)).toEqual({ type: 'facebook', value: 'jualhpmurahofficial' });
  });

  test.each([
    'https://www.facebook.com/profile.php?id=100012345678',
    'https://m.facebook.com/profile.php?id=100012345678&mibextid=abc',
    'https://www.facebook.com/profile.php?id=100012345678&sk=about',
    'https://www.facebook.com/people/Toko-Murah/100012345678/',
    'https://www.facebook.com/100012345678',
    '100012345678',
  ])('%s is the numeric profile 100012345678', (value) => {
    expect(facebook(value)).toEqual({ type: 'facebook', value: '100012345678' });
  });

  test('an old /pages/ link names the Page by its numeric id', () => {
    expect(facebook('https://www.facebook.com/pages/Toko-Murah/123456789012/')).toEqual({ type: 'facebook', value: '123456789012' });
  });

  test.each([
    'https://www.facebook.com/jual.hp.murah.official/posts/pfbid0abc',
    'https://www.facebook.com/jual.hp.murah.official/videos/1234567890/',
    'https://www.facebook.com/jual.hp.murah.official/photos/a.123/456/',
    'https://www.facebook.com/jual.hp.murah.official/photos/1234567890',
    'https://www.facebook.com/posts/123',
    'https://www.facebook.com/photo.php?fbid=123',
    'https://www.facebook.com/photo/?fbid=123&set=a.456',
    'https://www.facebook.com/permalink.php?story_fbid=1&id=2',
    'https://m.facebook.com/story.php?story_fbid=1&id=2',
    'https://www.facebook.com/share/p/1AbCdEf/',
    'https://www.facebook.com/share/1AbCdEf/',
    'https://www.facebook.com/groups/jualbelihpjakarta/',
    'https://www.facebook.com/events/123456789/',
    'https://www.facebook.com/marketplace/item/123456789/',
    'https://www.facebook.com/watch/?v=123',
    'https://www.facebook.com/watch',
    'https://www.facebook.com/reel/123456789',
    'https://www.facebook.com/hashtag/promo',
    'https://www.facebook.com/pages/create',
    'https://www.facebook.com/login/',
    'https://www.facebook.com/help/123',
    'https://fb.watch/abcDEF123/',
  ])('%s is not a profile', (value) => {
    expect(facebook(value)).toEqual({ code: 'facebook_not_profile', field: 'value' });
  });

  test.each([
    'abc',
    'a.b.c.d',
    'jual hp murah',
    'toko_murah',
    'toko-murah',
    '1234.5678',
    'a'.repeat(51),
    'https://www.facebook.com/profile.php',
    'https://www.facebook.com/profile.php?id=tokomurah',
    'https://www.facebook.com/people/Toko-Murah/',
    'https://www.facebook.com/',
    'https://evil.example/jualhp',
    'https://facebook.com.evil.example/jualhpmurah',
  ])('%s is not a valid Facebook account', (value) => {
    expect(facebook(value)).toEqual({ code: 'invalid_facebook', field: 'value' });
  });

  test('an account reads as its facebook.com address', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'facebook', value: 'Jual.HP.Murah' }))).toBe('facebook.com/jualhpmurah');
    expect(describeIdentifier(parseIdentifier({ type: 'facebook', value: '100012345678' }))).toBe('facebook.com/profile.php?id=100012345678');
  });
});

// Usernames start with a letter here so that no generated name is all digits (a numeric id).
const username = fc.stringMatching(/^[a-z][a-z0-9]{4,20}$/);
const link = fc.record({
  scheme: fc.constantFrom('', 'http://', 'https://'),
  host: fc.constantFrom('facebook.com', 'www.facebook.com', 'm.facebook.com', 'web.facebook.com', 'mbasic.facebook.com', 'fb.com'),
  tail: fc.constantFrom('', '/', '/about', '/photos', '/friends/', '?mibextid=ZbWKwL', '/videos/', '#'),
});
const typedUsername = username.chain((name) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      fc.oneof(fc.constantFrom('', '@'), link),
    )
    .map(([upper, periodBefore, wrapper]) => {
      const spelled = withCase([...name].map((c, i) => (i > 0 && periodBefore[i] ? `.${c}` : c)).join(''), upper);
      const typed = typeof wrapper === 'string' ? `${wrapper}${spelled}` : `${wrapper.scheme}${wrapper.host}/${spelled}${wrapper.tail}`;
      return { name, typed };
    }),
);
const numericId = fc.stringMatching(/^[1-9][0-9]{5,16}$/);

describe('Facebook properties', () => {
  test('a username with any periods, in any case, bare or in any profile link, is the lowercase username without periods, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(typedUsername, ({ name, typed }) => {
        const once = parseIdentifier({ type: 'facebook', value: typed });
        expect(once).toEqual({ type: 'facebook', value: name });
        expect(parseIdentifier({ type: 'facebook', value: once.value })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  test('a numeric profile id is the same account bare, in profile.php?id= and in a /people/ link', () => {
    fc.assert(
      fc.property(numericId, (id) => {
        const key = `fb:${id}`;
        expect(keyOf({ type: 'facebook', value: id })).toBe(key);
        expect(keyOf({ type: 'facebook', value: `https://m.facebook.com/profile.php?id=${id}&mibextid=x` })).toBe(key);
        expect(keyOf({ type: 'facebook', value: `facebook.com/people/Toko-Murah/${id}/` })).toBe(key);
      }),
    );
  });
});

describe('the username as typed', () => {
  test.each([
    ['jual.hp.murah.official', 'jual.hp.murah.official'],
    ['@Jual.HP.Murah', 'Jual.HP.Murah'],
    ['https://www.facebook.com/jual.hp.murah.official/', 'jual.hp.murah.official'],
    ['m.facebook.com/Jual.HP.Murah?ref=bookmarks', 'Jual.HP.Murah'],
  ])('%j is keyed without periods and shown as %j', (value, display) => {
    const id = spelledAsTyped({ type: 'facebook', value });
    expect(id.display).toBe(display);
    expect(lookupKey(id)).toBe(lookupKey(parseIdentifier({ type: 'facebook', value })));
  });

  test('a username already written as its key, or a numeric id, has no separate spelling', () => {
    expect(spelledAsTyped({ type: 'facebook', value: 'jualhpmurah' })).toEqual({ type: 'facebook', value: 'jualhpmurah' });
    expect(spelledAsTyped({ type: 'facebook', value: 'facebook.com/profile.php?id=100012345678' })).toEqual({ type: 'facebook', value: '100012345678' });
    expect(spelledAsTyped({ type: 'instagram', value: '@Toko.Ku' })).toEqual({ type: 'instagram', value: 'toko.ku' });
  });
});
