// Absolute addresses (canonical, og:url, hreflang, sitemap) come from one
// setting: SITE_URL in production, the local server otherwise.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { siteUrl } from '../../site/build/site-url.ts';

describe('the site address', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('a production build with SITE_URL=https://cekdulu.example addresses pages there, never 127.0.0.1', () => {
    const site = siteUrl({ SITE_URL: 'https://cekdulu.example' });
    expect(site).toBe('https://cekdulu.example');
    // What Base.astro writes for canonical and og:url: new URL(path, Astro.site).
    expect(new URL('/en/privacy/', site).href).toBe('https://cekdulu.example/en/privacy/');
    expect(site).not.toContain('127.0.0.1');
  });

  test('without SITE_URL, the local server npm start runs: port 8787, or PORT', () => {
    expect(siteUrl({})).toBe('http://127.0.0.1:8787');
    expect(siteUrl({ SITE_URL: '', PORT: '9000' })).toBe('http://127.0.0.1:9000');
  });

  test('a trailing slash is fine; a path, another scheme or a bare host name is refused at build time', () => {
    expect(siteUrl({ SITE_URL: 'https://cekdulu.example/' })).toBe('https://cekdulu.example');
    expect(() => siteUrl({ SITE_URL: 'https://cekdulu.example/app/' })).toThrow(/without a path/);
    expect(() => siteUrl({ SITE_URL: 'ftp://cekdulu.example' })).toThrow(/http/);
    expect(() => siteUrl({ SITE_URL: 'cekdulu.example' })).toThrow(/absolute address/);
  });

  test('astro.config.mjs takes its `site` from SITE_URL', async () => {
    vi.stubEnv('SITE_URL', 'https://cekdulu.example');
    vi.resetModules();
    // A computed specifier: the config is plain JavaScript, with no types for the compiler to check.
    const configFile = new URL('../../astro.config.mjs', import.meta.url).href;
    const { default: config } = (await import(configFile)) as { default: { site?: string } };
    expect(config.site).toBe('https://cekdulu.example');
  });
});
