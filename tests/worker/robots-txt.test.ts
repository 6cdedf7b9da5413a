// /robots.txt (issue 24: it was a 404): crawlers may read every page but
// moderation's, and are pointed at the sitemap by its absolute address — the
// same origin the built sitemap's own addresses use (Astro's `site`).
import { exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { BASE } from './reports-fixture.ts';

const get = (path: string) => exports.default.fetch(new Request(`${BASE}${path}`));

describe('/robots.txt', () => {
  test('is served as text: everyone may crawl, except /admin/ and /api/v1/admin/', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/plain');
    const lines = (await res.text()).split('\n');
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Disallow: /admin/');
    expect(lines).toContain('Disallow: /api/v1/admin/');
    expect(lines.filter((line) => line.startsWith('Disallow:'))).toHaveLength(2);
  });

  test('names the sitemap by its absolute address, on the origin the sitemap’s own addresses use, and that sitemap is served', async () => {
    const sitemapLine = (await (await get('/robots.txt')).text()).split('\n').find((line) => line.startsWith('Sitemap: '));
    expect(sitemapLine).toBeDefined();
    const sitemapUrl = new URL(sitemapLine!.slice('Sitemap: '.length));
    expect(sitemapUrl.pathname).toBe('/sitemap.xml');
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    const firstLoc = /<loc>([^<]+)<\/loc>/.exec(await sitemap.text())?.[1];
    expect(firstLoc).toBeDefined();
    expect(sitemapUrl.origin).toBe(new URL(firstLoc!).origin);
  });
});
