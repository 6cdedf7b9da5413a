// Floods from one client get 429 JSON with Retry-After; other clients go on.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { publishFixture } from './fixture.ts';

const from = (ip: string, path = '/api/v1/check?type=phone&value=081234567890') =>
  exports.default.fetch(new Request(`https://cekdulu.test${path}`, { headers: { 'CF-Connecting-IP': ip } }));

/** wrangler.toml: [[ratelimits]] LOOKUP_LIMITER, 300 a minute. */
const LIMIT = 300;

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS, 200);
});

describe('per-client rate limiting', () => {
  /** Statuses of LIMIT + 20 lookups from one address. */
  async function flood(ip: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 20; i++) {
      const res = await from(ip);
      statuses.push(res.status);
      await res.body?.cancel();
    }
    return statuses;
  }

  test('a flood from one address is answered 429 with Retry-After, and another address is not affected', async () => {
    let statuses = await flood('203.0.113.7');
    // The limiter counts in fixed one-minute windows: a flood that straddles a window's end
    // legitimately starts counting again, so it is repeated once from a fresh address.
    if (statuses.slice(LIMIT).includes(200)) statuses = await flood('203.0.113.8');
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);

    const limited = await from('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(limited.headers.get('Cache-Control')).toBe('no-store');
    const body = await limited.json<any>();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Terlalu banyak permintaan/);

    const other = await from('198.51.100.20');
    expect(other.status).toBe(200);

    const rangeLimited = await from('203.0.113.7', '/api/v1/range/abcde');
    expect(rangeLimited.status).toBe(429);

    const page = await from('203.0.113.7', '/cek/?type=phone&value=081234567890');
    expect(page.status).toBe(429);
    expect(page.headers.get('Content-Type')).toContain('text/html');

    // The status of a report or dispute reads D1: the JSON API and the no-JavaScript page are limited too.
    for (const path of ['/api/v1/reports/CD-0000-0000-0000', '/api/v1/disputes/DP-0000-0000-0000']) {
      const status = await from('203.0.113.7', path);
      expect(status.status, path).toBe(429);
      expect((await status.json<any>()).error.code, path).toBe('rate_limited');
    }
    const statusPage = await from('203.0.113.7', '/lapor/status/?ref=CD-0000-0000-0000');
    expect(statusPage.status).toBe(429);
    expect(statusPage.headers.get('Retry-After')).toBe('60');
    expect(await statusPage.text()).toContain('Terlalu banyak permintaan');
  });

  test('health and ping are never limited', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await from('203.0.113.7', '/api/v1/health')).status).toBe(200);
      expect((await from('203.0.113.7', '/api/v1/ping')).status).toBe(200);
    }
  });
});
