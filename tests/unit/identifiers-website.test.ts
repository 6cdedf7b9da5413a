import fc from 'fast-check';
import { parse } from 'tldts';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../worker/core/errors.ts';
import sharedHosts from '../../worker/core/shared-hosts.json' with { type: 'json' };
import { describeIdentifier, lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';
import { outcomeOf, withCase } from './identifier-outcome.ts';

const keyOf = (input: IdentifierInput) => lookupKey(parseIdentifier(input));
const website = (value: string) => outcomeOf({ type: 'website', value });
const refused = (code: string) => ({ code, field: 'value' });

describe('seller websites', () => {
  test('a report of tokomurah.com is found by any page of the shop', () => {
    expect(keyOf({ type: 'website', value: 'tokomurah.com' })).toBe(keyOf({ type: 'website', value: 'https://www.tokomurah.com/checkout?x=1' }));
    expect(keyOf({ type: 'website', value: 'tokomurah.com' })).toBe('web:tokomurah.com');
  });

  test.each([
    'tokomurah.com',
    'TokoMurah.COM',
    'www.tokomurah.com',
    'https://www.tokomurah.com/checkout?x=1',
    'http://tokomurah.com',
    'HTTPS://TOKOMURAH.COM/Produk/Baju#ulasan',
    'https://tokomurah.com:8443/',
    'tokomurah.com:8080/promo',
    '//tokomurah.com/promo',
    'promo.tokomurah.com',
    'https://m.promo.tokomurah.com/a/b?c=d',
    'https://tokomurah.com./',
    'https://pembeli:rahasia@tokomurah.com/',
    'http:tokomurah.com',
  ])('%s is tokomurah.com', (value) => {
    expect(website(value)).toEqual({ type: 'website', value: 'tokomurah.com' });
  });

  test('the registrable domain follows the Public Suffix List', () => {
    expect(website('https://www.tokomurah.co.id/katalog')).toEqual({ type: 'website', value: 'tokomurah.co.id' });
    expect(website('toko.murah.my.id')).toEqual({ type: 'website', value: 'murah.my.id' });
    expect(website('shop.tokomurah.co.uk')).toEqual({ type: 'website', value: 'tokomurah.co.uk' });
  });

  test('hosted users under a private suffix are separate sites', () => {
    expect(website('https://toko-a.blogspot.com/2024/promo.html')).toEqual({ type: 'website', value: 'toko-a.blogspot.com' });
    expect(keyOf({ type: 'website', value: 'toko-a.blogspot.com' })).not.toBe(keyOf({ type: 'website', value: 'toko-b.blogspot.com' }));
    for (const host of ['tokoa.myshopify.com', 'tokoa.netlify.app', 'tokoa.github.io', 'tokoa.pages.dev', 'tokoa.vercel.app']) {
      expect(website(`https://www.${host}/`)).toEqual({ type: 'website', value: host });
    }
  });

  test('internationalised names are punycode', () => {
    expect(website('https://Tökö.id/produk')).toEqual({ type: 'website', value: 'xn--tk-fkab.id' });
    expect(keyOf({ type: 'website', value: 'tökö.id' })).toBe(keyOf({ type: 'website', value: 'xn--tk-fkab.id' }));
  });

  test.each(['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<b>hi</b>', 'mailto:toko@tokomurah.com', 'ftp://tokomurah.com/', 'file:///etc/passwd', 'whatsapp://send?phone=62812'])(
    '%s is not a web address, refused as website_not_web',
    (value) => expect(website(value)).toEqual(refused('website_not_web')),
  );

  test.each(['127.0.0.1', 'http://192.168.1.10:8080/', 'https://[2001:db8::1]/', 'http://0x7f.1/', 'http://1234567/'])(
    '%s is an IP address, refused as website_ip_address',
    (value) => expect(website(value)).toEqual(refused('website_ip_address')),
  );

  test.each(['localhost', 'http://localhost:3000/', 'tokomurah', 'tokomurah.local', 'toko murah.com', 'https://', 'http://-', 'com', 'co.id'])(
    '%s has no public suffix or cannot be read, refused as invalid_website',
    (value) => expect(website(value)).toEqual(refused('invalid_website')),
  );

  test.each([
    ['https://www.instagram.com/tokomurah', 'website_use_instagram'],
    ['facebook.com/tokomurah', 'website_use_facebook'],
    ['https://m.facebook.com/tokomurah', 'website_use_facebook'],
    ['https://www.tiktok.com/@tokomurah', 'website_use_tiktok'],
    ['https://t.me/tokomurah', 'website_use_telegram'],
    ['https://wa.me/6281234567890', 'website_use_phone'],
    ['https://api.whatsapp.com/send?phone=62812', 'website_use_phone'],
    ['https://shopee.co.id/tokomurah', 'website_platform'],
    ['https://www.tokopedia.com/tokomurah', 'website_platform'],
    ['https://blogspot.com/', 'website_platform'],
    ['github.io', 'website_platform'],
    ['https://bit.ly/3abcDEF', 'website_shortener'],
    ['s.id/promo-murah', 'website_shortener'],
    ['https://tinyurl.com/abc', 'website_shortener'],
    ['https://wa.link/abc123', 'website_shortener'],
    ['https://shope.ee/9zXyAbC', 'website_shortener'],
    ['bit.do/promo', 'website_shortener'],
    ['https://t.ly/AbCd', 'website_shortener'],
    ['https://vt.tiktok.com/ZSabc123/', 'tiktok_short_link'],
    ['vm.tiktok.com/ZMabc123', 'tiktok_short_link'],
    ['https://www.tiktok.com/t/ZTabc123/', 'tiktok_short_link'],
    ['wordpress.com', 'website_platform'],
    ['https://www.weebly.com/', 'website_platform'],
    ['lynk.id', 'website_platform'],
    ['https://linktr.ee/', 'website_platform'],
    ['https://help.linktr.ee/en/articles/123', 'website_platform'],
    ['https://lynk.id/%F0%9F%9B%8D', 'website_platform'],
  ])('%s is a shared platform, refused as %s', (value, code) => {
    expect(website(value)).toEqual(refused(code));
  });

  test('shops on a free site builder are separate sites: toko-a.wordpress.com and toko-b.wordpress.com are two', () => {
    expect(website('https://toko-a.wordpress.com/2024/05/promo/')).toEqual({ type: 'website', value: 'toko-a.wordpress.com' });
    expect(website('www.Toko-A.WordPress.com')).toEqual({ type: 'website', value: 'toko-a.wordpress.com' });
    expect(keyOf({ type: 'website', value: 'toko-a.wordpress.com' })).not.toBe(keyOf({ type: 'website', value: 'toko-b.wordpress.com' }));
    expect(website('https://tokojaya.business.site/')).toEqual({ type: 'website', value: 'tokojaya.business.site' });
    expect(website('http://promo.tokojaya.mystrikingly.com/')).toEqual({ type: 'website', value: 'tokojaya.mystrikingly.com' });
  });

  test('a Blogger country address is the blogspot.com blog it redirects to', () => {
    expect(website('http://hadiahBRI.blogspot.co.id/2016/promo.html')).toEqual({ type: 'website', value: 'hadiahbri.blogspot.com' });
    expect(keyOf({ type: 'website', value: 'tokojaya.blogspot.my' })).toBe(keyOf({ type: 'website', value: 'https://tokojaya.blogspot.com/' }));
    expect(keyOf({ type: 'website', value: 'toko-a.blogspot.sg' })).not.toBe(keyOf({ type: 'website', value: 'toko-b.blogspot.sg' }));
  });

  test('a link-in-bio page is its host and first path segment, in lower case: https://lynk.id/TokoKu?utm=x and lynk.id/tokoku/ are one key', () => {
    expect(keyOf({ type: 'website', value: 'https://lynk.id/TokoKu?utm=x' })).toBe('web:lynk.id/tokoku');
    expect(keyOf({ type: 'website', value: 'lynk.id/tokoku/' })).toBe('web:lynk.id/tokoku');
    expect(website('https://www.lynk.id/tokoku/produk/abc123#beli')).toEqual({ type: 'website', value: 'lynk.id/tokoku' });
    expect(keyOf({ type: 'website', value: 'lynk.id/tokoku' })).not.toBe(keyOf({ type: 'website', value: 'lynk.id/tokojaya' }));
    expect(website('linktr.ee/Toko.Jaya_ID')).toEqual({ type: 'website', value: 'linktr.ee/toko.jaya_id' });
    expect(describeIdentifier(parseIdentifier({ type: 'website', value: 'https://lynk.id/TokoKu?utm=x' }))).toBe('lynk.id/tokoku');
    // Parsing the canonical value again changes nothing.
    expect(website('lynk.id/tokoku')).toEqual({ type: 'website', value: 'lynk.id/tokoku' });
  });

  test('a lookalike of a platform is a site of its own', () => {
    expect(website('https://instagram.com.tokomurah.com/login')).toEqual({ type: 'website', value: 'tokomurah.com' });
    expect(website('https://shopee-co-id.promo.com/')).toEqual({ type: 'website', value: 'promo.com' });
    expect(website('https://instagram.com@tokomurah.com/')).toEqual({ type: 'website', value: 'tokomurah.com' });
  });

  test('a site reads as its domain', () => {
    expect(describeIdentifier(parseIdentifier({ type: 'website', value: 'https://www.TokoMurah.com/checkout' }))).toBe('tokomurah.com');
  });
});

type SharedHost = { host: string; kind: string; source: string; sameAs?: string };
const SHARED: readonly SharedHost[] = sharedHosts;

describe('the shared-hosts list (worker/core/shared-hosts.json)', () => {
  test('every entry says where its fact comes from, has a known kind, and appears once', () => {
    expect(SHARED.length).toBeGreaterThan(0);
    for (const entry of SHARED) {
      expect(entry.source.trim(), entry.host).not.toBe('');
      expect(['subdomain', 'path', 'shortener'], entry.host).toContain(entry.kind);
    }
    expect(new Set(SHARED.map((entry) => entry.host)).size).toBe(SHARED.length);
  });

  test('every entry is one the Public Suffix List (tldts) does not already split: the host is its own registrable domain', () => {
    for (const { host } of SHARED) {
      expect(parse(`toko-a.${host}`, { allowPrivateDomains: true }).domain, host).toBe(host);
    }
  });

  test.each(SHARED.filter((entry) => entry.kind === 'subdomain'))('$host: two shops are two keys, the bare host is refused', ({ host, sameAs }) => {
    const a = keyOf({ type: 'website', value: `https://toko-a.${host}/produk?x=1` });
    expect(a).toBe(`web:toko-a.${sameAs ?? host}`);
    expect(keyOf({ type: 'website', value: `www.toko-a.${host}` })).toBe(a);
    expect(a).not.toBe(keyOf({ type: 'website', value: `toko-b.${host}` }));
    expect(website(host)).toEqual(refused('website_platform'));
    expect(website(`https://www.${host}/`)).toEqual(refused('website_platform'));
  });

  test.each(SHARED.filter((entry) => entry.kind === 'path'))('$host: two pages are two keys, the bare host is refused', ({ host }) => {
    const a = keyOf({ type: 'website', value: `https://www.${host}/Toko-A?utm_source=ig` });
    expect(a).toBe(`web:${host}/toko-a`);
    expect(keyOf({ type: 'website', value: `${host}/toko-a/` })).toBe(a);
    expect(a).not.toBe(keyOf({ type: 'website', value: `${host}/toko-b` }));
    expect(website(host)).toEqual(refused('website_platform'));
    expect(website(`https://${host}/`)).toEqual(refused('website_platform'));
  });

  test.each(SHARED.filter((entry) => entry.kind === 'shortener'))('$host is refused as a shortener', ({ host }) => {
    expect(website(`https://${host}/AbC123`)).toEqual(refused('website_shortener'));
    expect(website(host)).toEqual(refused('website_shortener'));
  });
});

// Registrable names under a few ICANN suffixes; labels of a-z 0-9 and inner hyphens.
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/).filter((l) => !/^xn--|^..--/.test(l));
const suffix = fc.constantFrom('com', 'co.id', 'id', 'my.id', 'web.id', 'net', 'shop', 'store', 'online', 'co.uk');
const site = fc
  .tuple(label, suffix)
  .map(([name, tld]) => `${name}.${tld}`)
  .filter((domain) => outcomeOf({ type: 'website', value: domain }).hasOwnProperty('type'));
const spelling = fc.record({
  scheme: fc.constantFrom('', 'http://', 'https://', 'HTTPS://', '//'),
  sub: fc.constantFrom('', 'www.', 'promo.', 'm.shop.', 'WWW.'),
  port: fc.constantFrom('', ':443', ':8080'),
  tail: fc.constantFrom('', '/', '/checkout?x=1', '/produk/baju#ulasan', '?utm_source=ig', '/a/b/c/'),
});

describe('website properties', () => {
  test('a site spelt any way (scheme, www or another subdomain, port, path, query, case) is its registrable domain, and parsing that again changes nothing', () => {
    fc.assert(
      fc.property(site, spelling, fc.array(fc.boolean(), { maxLength: 40 }), (domain, s, upper) => {
        const typed = `${s.scheme}${s.sub}${withCase(domain, upper)}${s.port}${s.tail}`;
        const once = parseIdentifier({ type: 'website', value: typed });
        expect(once).toEqual({ type: 'website', value: domain });
        expect(parseIdentifier({ type: 'website', value: once.value })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  test('two different sites never share a key, nor two users of one hosting platform or link-in-bio host', () => {
    const hosting = fc.constantFrom('blogspot.com', 'myshopify.com', 'netlify.app', 'github.io', 'wordpress.com', 'weebly.com', 'blogspot.co.id');
    const linkInBio = fc.constantFrom('lynk.id', 'linktr.ee', 'heylink.me');
    const user = label.filter((l) => l !== 'www');
    fc.assert(
      fc.property(site, site, hosting, linkInBio, user, user, (a, b, host, bio, u, v) => {
        if (a !== b) expect(keyOf({ type: 'website', value: `https://www.${a}/` })).not.toBe(keyOf({ type: 'website', value: b }));
        if (u !== v) expect(keyOf({ type: 'website', value: `${u}.${host}` })).not.toBe(keyOf({ type: 'website', value: `${v}.${host}` }));
        if (u !== v) expect(keyOf({ type: 'website', value: `${bio}/${u}` })).not.toBe(keyOf({ type: 'website', value: `https://${bio}/${v}/` }));
      }),
      { numRuns: 500 },
    );
  });

  test('any text, hostile too, gives a domain or an ApiError, quickly', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: fc.constantFrom(...'a.-:/@[]%?#xn-0123456789'), maxLength: 200 }),
      fc.nat({ max: 95 }).map((n) => `https://${'a.'.repeat(n)}com!`),
      fc.nat({ max: 190 }).map((n) => `${'a'.repeat(n)}:`),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const start = performance.now();
        try {
          parseIdentifier({ type: 'website', value });
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError);
        }
        expect(performance.now() - start).toBeLessThan(200);
      }),
      { numRuns: 2000 },
    );
  });
});
