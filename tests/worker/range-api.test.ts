// GET /api/v1/range/{prefix}: the private way to check, through the Worker with real KV.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { sha256Hex } from '../../worker/core/sha256.ts';
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
  return body.suffixes.find((s) => s.suffix === hash.slice(5))?.count;
}

describe('the private range lookup', () => {
  test('finds every reported identifier with its verified report count, sending only 5 hex digits', async () => {
    for (const [key, value] of [...fixture.snapshot.records()].slice(0, 40)) {
      const expected = (JSON.parse(value) as { matches: Array<{ count: number }> }).matches.reduce((n, m) => n + m.count, 0);
      expect(await privateCheck(key)).toBe(expected);
    }
  });

  test('the demo BCA account is found; an unreported one is not', async () => {
    expect(await privateCheck('bank:014:1234567890')).toBeGreaterThanOrEqual(2);
    expect(await privateCheck('bank:014:9999999999')).toBeUndefined();
    expect(await privateCheck('bank:008:1300012345678')).toBeUndefined();
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
