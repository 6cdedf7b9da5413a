// GET /api/v1/range/{prefix}: the private way to check, through the Worker with real KV.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { manifestKey } from '../../worker/core/snapshot-layout.ts';
import { publishFixture, type Fixture } from './fixture.ts';

const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request(`https://cekdulu.test${path}`, { headers }));

let fixture: Fixture;
beforeAll(async () => {
  fixture = await publishFixture(env.SNAPSHOTS);
});

/** What a private client does: hash the canonical key, send 5 hex digits, look for the rest locally. */
async function privateCheck(lookupKey: string): Promise<number | undefined> {
  const hash = await sha256Hex(lookupKey);
  const res = await get(`/api/v1/range/${hash.slice(0, 5)}`);
  expect(res.status).toBe(200);
  const body = await res.json<{ prefix: string; suffixes: Array<{ suffix: string; count: number }> }>();
  expect(body.prefix).toBe(hash.slice(0, 5));
  return body.suffixes.find((s) => s.suffix === hash.slice(5) && s.count > 0)?.count;
}

type Range = { prefix: string; suffixes: Array<{ suffix: string; count: number }> };
const range = async (prefix: string) => (await get(`/api/v1/range/${prefix}`)).json<Range>();

describe('the hash the range API is keyed by', () => {
  test('is plain SHA-256: published test vectors, and the demo account hashed independently', async () => {
    // FIPS 180-2 appendix B.1, and the empty string.
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // node -e "console.log(require('crypto').createHash('sha256').update('bank:014:1234567890').digest('hex'))"
    const demo = 'd01e935e9b7559a9a2eb5f2989abd4b33cf2918e5c7ae1d057892107fba577df';
    const body = await range(demo.slice(0, 5));
    const expected = (JSON.parse(new Map(fixture.snapshot.records()).get('bank:014:1234567890')!) as { matches: Array<{ count: number }> })
      .matches.reduce((n, m) => n + m.count, 0);
    expect(body.suffixes.filter((s) => s.count > 0)).toContainEqual({ suffix: demo.slice(5), count: expected });
  });
});

describe('the private range lookup', () => {
  test('finds every reported identifier with its verified report count, sending only 5 hex digits', async () => {
    for (const [key, value] of [...fixture.snapshot.records()].slice(0, 40)) {
      const expected = (JSON.parse(value) as { matches: Array<{ count: number }> }).matches.reduce((n, m) => n + m.count, 0);
      expect(await privateCheck(key)).toBe(expected);
    }
  });

  test('the demo BCA account is found; an unreported one is not', async () => {
    expect(await privateCheck('bank:014:1234567890')).toBe(5); // the seeded sample's five reports
    expect(await privateCheck('bank:014:9999999999')).toBeUndefined();
    expect(await privateCheck('bank:008:1300012345678')).toBeUndefined();
  });

  // The sample data's demo identities of the newer kinds (scripts/dev/sample-reports.ts), 3 verified reports each.
  test.each([
    ['web:tokomurah-promo.com', 'website', 'https://shop.TokoMurah-Promo.com/keranjang'],
    ['tt:hpmurah.sby', 'tiktok', 'tiktok.com/@HPMurah.sby'],
    ['tg:tiketkonser_murah', 'telegram', 'https://t.me/TiketKonser_Murah'],
    ['tel:+6281398765432', 'phone', 'https://wa.me/6281398765432'],
  ])('the demo %s is in its range answer with count 3, under the key a browser reading %s %s hashes', async (key, type, typed) => {
    // Hashed here with Web Crypto, not with the code under test.
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
    const hash = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    const body = await range(hash.slice(0, 5));
    expect(body.suffixes.filter((s) => s.suffix === hash.slice(5))).toEqual([{ suffix: hash.slice(5), count: 3 }]);
    // The private check hashes the lookup key of what was typed (site/src/client/private-check.ts).
    expect(lookupKey(parseIdentifier({ type, value: typed }))).toBe(key);
    expect(await privateCheck(key)).toBe(3);
  });

  test("an answer's reported entries are exactly the keys sharing all 5 hex digits, padded with count-0 entries to 128", async () => {
    const expected = new Map<string, Map<string, number>>();
    for (const [key, value] of fixture.snapshot.records()) {
      const hash = await sha256Hex(key);
      const count = (JSON.parse(value) as { matches: Array<{ count: number }> }).matches.reduce((n, m) => n + m.count, 0);
      const prefix = hash.slice(0, 5);
      expected.set(prefix, (expected.get(prefix) ?? new Map()).set(hash.slice(5), count));
    }
    // Prefixes of reported keys, and their neighbours that share 4 digits (mostly empty).
    const prefixes = [...expected.keys()].slice(0, 60).flatMap((p) => [p, p.slice(0, 4) + (p[4] === 'f' ? '0' : 'f')]);
    for (const prefix of prefixes) {
      const body = await range(prefix);
      const real = new Map(body.suffixes.filter((s) => s.count > 0).map((s) => [s.suffix, s.count]));
      expect(real, prefix).toEqual(expected.get(prefix) ?? new Map());
      expect(body.suffixes.length).toBe(128);
      expect(body.suffixes.every((s) => /^[0-9a-f]{59}$/.test(s.suffix))).toBe(true);
    }
  });

  test('every answer of the version has the same length in bytes, whatever its prefix and however many reported keys it holds', async () => {
    const reported = new Set<string>();
    for (const [key] of fixture.snapshot.records()) reported.add((await sha256Hex(key)).slice(0, 5));
    // Reported prefixes (counts of 1, 2, 3… digits) and prefixes nobody's key has.
    const prefixes = [...reported].slice(0, 40);
    for (let i = 0; prefixes.length < 80; i++) {
      const prefix = (await sha256Hex(`#absent:${i}`)).slice(0, 5);
      if (!reported.has(prefix)) prefixes.push(prefix);
    }
    const lengths = new Map<number, string[]>();
    for (const prefix of prefixes) {
      const bytes = (await (await get(`/api/v1/range/${prefix}`)).arrayBuffer()).byteLength;
      lengths.set(bytes, [...(lengths.get(bytes) ?? []), prefix]);
    }
    expect([...lengths.keys()], JSON.stringify([...lengths].map(([n, p]) => [n, p.slice(0, 3)]))).toHaveLength(1);
  });

  test('the padding is the same on every request for the version, so the ETag holds', async () => {
    const first = await range('3f2a1');
    expect(await range('3f2a1')).toEqual(first);
    expect(await range('3F2A1')).toEqual(first);
  });

  test('answers are cacheable, tied to the snapshot version, and open to any origin', async () => {
    const res = await get('/api/v1/range/ABCDE');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(res.headers.get('ETag')).toBe(`"${fixture.snapshot.manifest.version}"`);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await res.json<{ prefix: string }>()).prefix).toBe('abcde');
    const again = await get('/api/v1/range/abcde', { 'If-None-Match': `"${fixture.snapshot.manifest.version}"` });
    expect(again.status).toBe(304);
  });

  test.each(['abcd', 'abcdef', 'ghijk', '12%2034', '%F0%9F%98%80aaa'])('a prefix of %s is refused with 400', async (prefix) => {
    const res = await get(`/api/v1/range/${prefix}`);
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error.code).toBe('invalid_range_prefix');
  });
});

describe('a version whose fullest prefix holds more than 128 reported keys', () => {
  test('answers every prefix with the larger size its manifest names, still one length for all', async () => {
    const bigger = await publishFixture(env.SNAPSHOTS, 300, 29);
    // The nightly job writes the size in the manifest: 128 for any snapshot this small.
    expect(bigger.snapshot.manifest.rangeEntries).toBe(128);
    const key = manifestKey(bigger.snapshot.manifest.version);
    const manifest = JSON.parse((await env.SNAPSHOTS.get(key))!) as Record<string, unknown>;
    // As if one prefix held 200 reported keys (about 100 million identifiers).
    await env.SNAPSHOTS.put(key, JSON.stringify({ ...manifest, rangeEntries: 256 }));
    const [reported] = [...bigger.snapshot.records()];
    const prefixes = [(await sha256Hex(reported![0])).slice(0, 5), 'abcde', '00000'];
    const lengths = new Set<number>();
    for (const prefix of prefixes) {
      const res = await get(`/api/v1/range/${prefix}`);
      const text = await res.text();
      expect(res.headers.get('X-Snapshot-Version')).toBe(bigger.snapshot.manifest.version);
      expect((JSON.parse(text) as Range).suffixes).toHaveLength(256);
      lengths.add(new TextEncoder().encode(text).byteLength);
    }
    expect(lengths.size).toBe(1);
  });
});
