// The built site's promises, checked on the running server: every page in the
// sitemap answers with a title, description, canonical URL and Open Graph tags;
// every internal link resolves; axe finds nothing on any page in either
// language; the home page stays within its weight budget with no third-party
// requests; screenshots at phone and desktop width are kept for reviewers.
// Security headers: site-headers.test.ts.
import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const HOME_BUDGET_BYTES = 50 * 1024;
let server: TestServer;
let browser: Browser;
let paths: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(),
    launchChromium(),
  ]);
  const xml = await (await fetch(`${server.url}/sitemap.xml`)).text();
  paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc!).pathname);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const html = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, text: await res.text(), headers: res.headers };
};
const attr = (text: string, pattern: RegExp) => text.match(pattern)?.[1];

describe('every page in the sitemap', () => {
  test('the sitemap lists the pages and every guide, in both languages', () => {
    expect(paths).toEqual(expect.arrayContaining(['/', '/en/', '/panduan/', '/en/guides/', '/lapor/', '/en/report/', '/lapor/status/', '/en/report/status/', '/embed/', '/en/embed/', '/privasi/', '/en/privacy/', '/cara-kerja/', '/en/how-it-works/']));
    const guides = paths.filter((p) => /^\/(panduan|en\/guides)\/[a-z-]+\/$/.test(p));
    expect(guides.filter((p) => p.startsWith('/panduan/')).length).toBeGreaterThanOrEqual(6);
    expect(guides.filter((p) => p.startsWith('/en/')).length).toBe(guides.filter((p) => p.startsWith('/panduan/')).length);
  });

  test('every guide is written in both languages, under the same slug', () => {
    const slugs = (lang: string) => readdirSync(`site/src/content/guides/${lang}`).filter((f) => f.endsWith('.md')).sort();
    expect(slugs('en')).toEqual(slugs('id'));
  });

  test('answers 200 with a title, description, canonical URL, hreflang and Open Graph tags', async () => {
    for (const path of paths) {
      const { status, text } = await html(path);
      expect(status, path).toBe(200);
      expect(attr(text, /<title>([^<]{5,})<\/title>/), path).toBeDefined();
      expect(attr(text, /<meta name="description" content="([^"]{20,})"/), path).toBeDefined();
      expect(new URL(attr(text, /<link rel="canonical" href="([^"]+)"/) ?? 'x:').pathname, path).toBe(path);
      for (const property of ['og:title', 'og:description', 'og:url', 'og:type', 'og:locale']) {
        expect(text, `${path} ${property}`).toMatch(new RegExp(`<meta property="${property}" content="[^"]+"`));
      }
      expect(text, path).toMatch(/<link rel="alternate" hreflang="en"/);
      expect(text, path).toMatch(/<link rel="alternate" hreflang="id"/);
    }
  });

  test('every internal link resolves', async () => {
    const links = new Set<string>();
    for (const path of paths) {
      for (const [, href] of (await html(path)).text.matchAll(/href="(\/[^"#]*)"/g)) links.add(href!.replace(/&amp;/g, '&'));
    }
    const broken: string[] = [];
    for (const link of links) {
      const res = await fetch(`${server.url}${link}`);
      await res.body?.cancel();
      if (res.status !== 200) broken.push(`${link}: ${res.status}`);
    }
    expect(links.size).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  test('axe finds no accessibility violations on any of them', async () => {
    const context = await browser.newContext();
    const found: string[] = [];
    for (const path of paths) {
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations) found.push(`${path}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      await page.close();
    }
    await context.close();
    expect(found).toEqual([]);
  }, 180_000);
});

describe('the home page', () => {
  test('is at most 50 KB gzipped in all, with no third-party requests and no web fonts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: Array<{ url: string; type: string }> = [];
    page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await context.close();

    expect(requests.filter((r) => new URL(r.url).origin !== server.url)).toEqual([]);
    expect(requests.filter((r) => r.type === 'font')).toEqual([]);
    let total = 0;
    for (const { url } of requests) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
    expect(total).toBeGreaterThan(1_000);
    expect(total).toBeLessThanOrEqual(HOME_BUDGET_BYTES);
  });
});

describe('screenshots for reviewers (tests/screenshots/)', () => {
  // The red-flags checklist: the guide people are most likely to open from a shared link.
  const guide = (lang: 'id' | 'en') => (lang === 'id' ? '/panduan/tanda-bahaya/' : '/en/guides/tanda-bahaya/');
  test.each([
    ['home', 'id'],
    ['home', 'en'],
    ['guide', 'id'],
    ['guide', 'en'],
  ] as const)('%s (%s) at 360 px and 1280 px: no sideways scrolling on a phone, heading visible', async (kind, lang) => {
    await mkdir('tests/screenshots', { recursive: true });
    const path = kind === 'home' ? (lang === 'id' ? '/' : '/en/') : guide(lang);
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
      expect(scrollWidth, `${path} at ${width}`).toBeLessThanOrEqual(width);
      await writeFile(`tests/screenshots/${kind}-${lang}-${width}.png`, await page.screenshot({ fullPage: true }));
      await context.close();
    }
  });
});
