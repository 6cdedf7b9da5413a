// The lookup API through the whole Worker, inside workerd, with real KV.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { publishFixture, type Fixture } from './fixture.ts';

const BASE = 'https://cekdulu.test';
const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request(`${BASE}${path}`, { headers }));

let fixture: Fixture;
beforeAll(async () => {
  fixture = await publishFixture(env.SNAPSHOTS);
});

describe('GET /api/v1/check', () => {
  test('a reported bank account answers reported with its verified count, canonical query and snapshot', async () => {
    const res = await get('/api/v1/check?type=bank&bank=014&value=123-456-7890');
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.status).toBe('reported');
    expect(body.query).toEqual({ type: 'bank', bank: '014', value: '1234567890' });
    expect(body.matches[0]).toMatchObject({ type: 'bank', bank: '014', value: '1234567890' });
    expect(body.matches[0].count).toBe(5); // the seeded sample's five reports of the demo BCA account
    expect(Object.values(body.matches[0].categories as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      body.matches[0].count,
    );
    expect(body.snapshot.version).toBe(fixture.snapshot.manifest.version);
    expect(res.headers.get('Server-Timing')).toBe('lookup;desc="filter+kv"');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('ETag')).toBe(`"${fixture.snapshot.manifest.version}"`);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
  });

  test('the same lookup again is answered from the record this isolate already read, identically', async () => {
    const path = '/api/v1/check?type=instagram&value=olshop.murah.banget';
    const first = await get(path);
    const again = await get(path);
    expect(first.headers.get('Server-Timing')).toBe('lookup;desc="filter+kv"');
    expect(again.headers.get('Server-Timing')).toBe('lookup;desc="filter+cache"');
    expect(await again.json()).toEqual(await first.json());
  });

  test('a report typed 0812-3456-7890 is found by +62 812 3456 7890', async () => {
    const res = await get(`/api/v1/check?type=phone&value=${encodeURIComponent('+62 812 3456 7890')}`);
    const body = await res.json<any>();
    expect(body.status).toBe('reported');
    expect(body.query).toEqual({ type: 'phone', value: '+6281234567890', display: '0812-3456-7890' });
    expect(body.matches[0]).toMatchObject({ type: 'phone', value: '+6281234567890' });
  });

  test('a number reported as an e-wallet is found when looked up as a phone, and the other way round', async () => {
    const asPhone = await (await get('/api/v1/check?type=phone&value=085711112222')).json<any>();
    expect(asPhone.status).toBe('reported');
    expect(asPhone.matches.some((m: any) => m.type === 'ewallet' && m.provider === 'dana')).toBe(true);

    const asWallet = await (await get('/api/v1/check?type=ewallet&provider=ovo&value=0812-3456-7890')).json<any>();
    expect(asWallet.status).toBe('reported');
    expect(asWallet.query).toEqual({ type: 'ewallet', provider: 'ovo', value: '+6281234567890', display: '0812-3456-7890' });
    expect(asWallet.matches.some((m: any) => m.type === 'phone')).toBe(true);
  });

  test('the identity asked for is listed first', async () => {
    const body = await (await get('/api/v1/check?type=ewallet&provider=dana&value=+6285711112222')).json<any>();
    expect(body.matches[0]).toMatchObject({ type: 'ewallet', provider: 'dana', value: '+6285711112222' });
  });

  test('an account with only pending or rejected reports answers not_reported', async () => {
    const body = await (await get('/api/v1/check?type=bank&bank=008&value=1300012345678')).json<any>();
    expect(body.status).toBe('not_reported');
    expect(body.matches).toEqual([]);
  });

  test('an unknown account answers not_reported from the filter alone', async () => {
    const res = await get('/api/v1/check?type=instagram&value=' + encodeURIComponent('https://www.instagram.com/toko_jujur_sekali/'));
    const body = await res.json<any>();
    expect(body).toMatchObject({ status: 'not_reported', query: { type: 'instagram', value: 'toko_jujur_sekali' }, matches: [] });
    expect(res.headers.get('Server-Timing')).toBe('lookup;desc="filter"');
  });

  test('a conditional request for the same snapshot answers 304', async () => {
    const first = await get('/api/v1/check?type=phone&value=081234567890');
    const etag = first.headers.get('ETag')!;
    await first.body?.cancel();
    const again = await get('/api/v1/check?type=phone&value=081234567890', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    // Only that tag: another version's of the same length, the tag cut short or a quote out of place, gets the answer. (The runtime answers
    // 304 itself to the unquoted or weak form of the ETag it sends, as If-None-Match's weak comparison allows.)
    const version = etag.slice(1, -1);
    const other = `"${version.slice(0, -1)}${version.endsWith('0') ? '1' : '0'}"`;
    for (const stale of [other, `"${version}`, `${etag.slice(0, -2)}"`, `"${version}x`, `x${version}"`]) {
      const answer = await get('/api/v1/check?type=phone&value=081234567890', { 'If-None-Match': stale });
      expect(answer.status, stale).toBe(200);
      await answer.body?.cancel();
    }
  });
});

describe('bad input gets a clear 4xx JSON error', () => {
  const cases: Array<[string, number, string]> = [
    ['/api/v1/check', 400, 'invalid_type'],
    ['/api/v1/check?type=crypto&value=x', 400, 'invalid_type'],
    ['/api/v1/check?type=phone', 400, 'missing_value'],
    ['/api/v1/check?type=phone&value=12', 400, 'invalid_phone'],
    ['/api/v1/check?type=bank&value=1234567890', 400, 'bank_required'],
    ['/api/v1/check?type=bank&bank=999&value=1234567890', 400, 'unknown_bank'],
    ['/api/v1/check?type=bank&bank=014&value=12ab', 400, 'invalid_bank_account'],
    ['/api/v1/check?type=ewallet&value=081234567890', 400, 'provider_required'],
    ['/api/v1/check?type=instagram&value=' + encodeURIComponent('https://instagram.com/p/Cx1abc/'), 400, 'instagram_not_profile'],
    ['/api/v1/check?type=phone&value=' + '9'.repeat(5000), 400, 'value_too_long'],
    ['/api/v1/nope', 404, 'not_found'],
  ];
  test.each(cases)('%s → %i %s', async (path, status, code) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json<any>();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });

  test('a BCA account of 9 or 11 digits is a 400 naming BCA and its 10 digits, never "not reported"', async () => {
    for (const value of ['123456789', '12345678901']) {
      const res = await get(`/api/v1/check?type=bank&bank=014&value=${value}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: 'bank_account_length', message: 'Nomor rekening BCA terdiri dari 10 angka. Periksa lagi nomor dan banknya.', field: 'value' },
      });
    }
    const en = await get('/api/v1/check?type=bank&bank=014&value=123456789&lang=en');
    expect((await en.json<any>()).error.message).toBe('BCA account numbers have 10 digits. Check the number and the bank.');
    // A bank with no documented length still takes 9 digits.
    expect((await (await get('/api/v1/check?type=bank&bank=009&value=123456789')).json<any>()).status).toBe('not_reported');
  });

  test('messages are Indonesian by default and English by Accept-Language', async () => {
    const id = await (await get('/api/v1/check?type=phone&value=12')).json<any>();
    const en = await (await get('/api/v1/check?type=phone&value=12', { 'Accept-Language': 'en-US,en;q=0.9,id;q=0.5' })).json<any>();
    expect(id.error.message).toMatch(/Nomor telepon tidak valid/);
    expect(en.error.message).toMatch(/Not a valid phone number/);
  });

  test('a PUT to the lookup answers 405 naming the allowed methods (POST: tests/worker/check-post.test.ts)', async () => {
    const res = await exports.default.fetch(new Request(`${BASE}/api/v1/check`, { method: 'PUT', body: '{}' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await res.json<any>()).error.code).toBe('method_not_allowed');
  });

  test('a CORS preflight is answered for any origin', async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/api/v1/check`, { method: 'OPTIONS', headers: { Origin: 'https://toko.example', 'Access-Control-Request-Method': 'GET' } }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('GET');
  });
});

describe('GET /api/v1/health', () => {
  test('names the live version, its age and counts, rounded to the nearest 5 as the open statistics are', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    const { manifest } = fixture.snapshot;
    const nearest5 = (n: number) => Math.round(n / 5) * 5;
    expect(body).toMatchObject({
      status: 'ok',
      mode: 'filter',
      snapshot: { version: manifest.version, identifiers: nearest5(manifest.identifiers), reports: nearest5(manifest.reports) },
    });
    // The fixture's count of identifiers is not a multiple of 5, so an unrounded answer fails above.
    expect(manifest.identifiers % 5).not.toBe(0);
    expect(body.snapshot.ageSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('personal data of reporters', () => {
  test('never reaches the snapshot', async () => {
    const reporters = fixture.raw.map((r) => r.reporter as { name: string; email: string }).filter(Boolean);
    expect(reporters.length).toBeGreaterThan(100);
    const listed = await env.SNAPSHOTS.list();
    const values = await Promise.all(listed.keys.map((k) => env.SNAPSHOTS.get(k.name)));
    const stored = values.join('\n');
    expect(stored).not.toContain('reporter');
    for (const { name, email } of reporters) {
      expect(stored).not.toContain(email);
      expect(stored).not.toContain(`"${name}"`);
    }
  });
});
