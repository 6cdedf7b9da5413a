// Floods from one client get 429 JSON with Retry-After; other clients go on.
// The Worker is called with a limiter that counts without a clock (a fixed
// budget per key), so the flood's outcome does not depend on when it runs; the
// real binding's configuration is checked on its own, in a way that holds when
// its one-minute window rolls over mid-flood.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { publishFixture } from './fixture.ts';

/** wrangler.toml: [[ratelimits]] LOOKUP_LIMITER, 300 a minute. */
const LIMIT = 300;

/** A limiter that allows LIMIT calls per key and then refuses, forever: one window that never ends. */
function budgetLimiter() {
  const used = new Map<string, number>();
  return {
    used,
    async limit({ key }: { key: string }) {
      const n = (used.get(key) ?? 0) + 1;
      used.set(key, n);
      return { success: n <= LIMIT };
    },
  } satisfies RateLimit & { used: Map<string, number> };
}

const limiter = budgetLimiter();
const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
const from = (ip: string, path = '/api/v1/check?type=phone&value=081234567890') =>
  worker.fetch(new Request(`https://cekdulu.test${path}`, { headers: { 'CF-Connecting-IP': ip } }), { ...env, LOOKUP_LIMITER: limiter }, ctx);

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
    const statuses = await flood('203.0.113.7');
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    expect(limiter.used.get('v4:203.0.113.7')).toBe(LIMIT + 20);

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
    const before = limiter.used.get('v4:203.0.113.7');
    for (let i = 0; i < 5; i++) {
      expect((await from('203.0.113.7', '/api/v1/health')).status).toBe(200);
      expect((await from('203.0.113.7', '/api/v1/ping')).status).toBe(200);
    }
    expect(limiter.used.get('v4:203.0.113.7')).toBe(before);
  });
});

describe('the LOOKUP_LIMITER binding wrangler.toml configures', () => {
  test('allows 300 lookups a minute per client and refuses the 301st', async () => {
    // Windows are fixed minutes of the wall clock: a burst may straddle one boundary (never two,
    // it takes well under a minute). Of 2 × LIMIT + 1 calls, then, the first LIMIT all pass and
    // at least one is refused whenever it runs; within one minute, exactly LIMIT pass. (The
    // test's clock moves only on I/O, so it reads at most the limiter's time before the burst
    // and at least its time after.)
    const key = `test:${crypto.randomUUID()}`;
    const startedIn = Math.floor(Date.now() / 60_000);
    const allowed: boolean[] = [];
    for (let i = 0; i < 2 * LIMIT + 1; i++) allowed.push((await env.LOOKUP_LIMITER!.limit({ key })).success);
    const endedIn = Math.floor(Date.now() / 60_000);
    expect(endedIn - startedIn).toBeLessThanOrEqual(1);
    expect(allowed.slice(0, LIMIT).every(Boolean)).toBe(true);
    const passed = allowed.filter(Boolean).length;
    if (startedIn === endedIn) expect(passed).toBe(LIMIT);
    else expect(passed).toBeLessThan(2 * LIMIT + 1);
  });
});
