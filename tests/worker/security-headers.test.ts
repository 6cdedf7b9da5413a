// The result pages get their security headers from the Worker itself
// (worker/security-headers.ts), not from site/public/_headers, which production
// Static Assets never apply to a Worker's response: here the page comes from a
// fake assets binding that sends no headers at all.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { handleCheckPage } from '../../worker/routes/check-page.ts';
import { KvSnapshotSource } from '../../worker/lookup/snapshot-source.ts';
import { publishFixture } from './fixture.ts';

const bareAssets = {
  fetch: async () => new Response('<!doctype html><main><div data-result></div></main>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
} as unknown as Fetcher;
const source = () => new KvSnapshotSource(env.SNAPSHOTS, '0');

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

describe('security headers on the Worker’s result pages', () => {
  test.each(['/cek/?type=bank&bank=014&value=123-456-7890', '/en/check/?type=bank&value=abc', '/cek/'])('%s', async (path) => {
    const res = await handleCheckPage(new Request(`https://cekdulu.test${path}`), bareAssets, source());
    await res.text();
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('Content-Security-Policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });
});
