// The result pages get their security headers from the Worker itself
// (worker/security-headers.ts), not from site/public/_headers, which production
// Static Assets never apply to a Worker's response: here the page comes from a
// fake assets binding that sends no headers at all.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { publishFixture } from './fixture.ts';

const bareAssets = {
  fetch: async () => new Response('<!doctype html><main><div data-result></div></main>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
} as unknown as Fetcher;
const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
/** Through the whole Worker, which sets the headers on every HTML answer it gives. */
const call = (path: string) =>
  worker.fetch(new Request(`https://cekdulu.test${path}`), { ...env, ASSETS: bareAssets, LIVE_POINTER_TTL_SECONDS: '0', RATE_LIMITS: 'off' }, ctx);

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('security headers on the Worker’s result pages', () => {
  test.each(['/cek/?type=bank&bank=014&value=123-456-7890', '/en/check/?type=bank&value=abc', '/cek/'])('%s', async (path) => {
    const res = await call(path);
    await res.text();
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('Content-Security-Policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });
});
