// The open statistics in a real browser against a running server: a snapshot
// published from the sample reports and the local D1 (with a month of
// moderation in it), the page in both languages with every chart, axe clean,
// no sideways scrolling at 360 px, within the 50 KB budget, and every number
// in its tables equal to GET /api/v1/stats. Screenshots for reviewers.
import AxeBuilder from '@axe-core/playwright';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runSnapshotJob } from '../../scripts/pipeline/snapshot-job.ts';
import type { Stats } from '../../worker/stats/stats-types.ts';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const BUDGET_BYTES = 50 * 1024;
const PAGES = { id: '/statistik/', en: '/en/statistics/' } as const;
let server: TestServer;
let browser: Browser;
let stats: Stats;

/** A month of moderation in the local D1: reports sent, verified and rejected, disputes; dates and statuses only matter. */
async function seedModeration(persistDir: string): Promise<void> {
  const { getPlatformProxy } = await import('wrangler');
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: join(persistDir, 'v3') } });
  try {
    const month = new Date().toISOString().slice(0, 7);
    const rows = Array.from({ length: 12 }, (_, i) => {
      const status = i < 7 ? 'verified' : i < 10 ? 'rejected' : 'pending';
      const created = `${month}-01T0${i % 10}:00:00.000Z`;
      const decided = status === 'pending' ? null : `${month}-0${2 + (i % 5)}T12:00:00.000Z`;
      return env.DB.prepare(
        `INSERT INTO reports (ref, type, value, lookup_key, category, loss_idr, chronology, reporter_contact, status, created_at, decided_at)
         VALUES (?, 'phone', ?, ?, 'online_shopping', 150000, 'test', 'test@example.id', ?, ?, ?)`,
      ).bind(`LPR-STAT${i}`, `+628129990${String(i).padStart(4, '0')}`, `tel:+628129990${String(i).padStart(4, '0')}`, status, created, decided);
    });
    await env.DB.batch(rows);
  } finally {
    await dispose();
  }
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ vars: { LIVE_POINTER_TTL_SECONDS: '0' } }), launchChromium()]);
  await seedModeration(server.persistDir);
  await runSnapshotJob({ input: server.input, d1: { persistDir: server.persistDir }, target: { kind: 'local', persistDir: server.persistDir } });
  stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The value at a dotted path of the JSON ("byMonth.3.reports"). */
const at = (path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], stats);

/** Keys that describe the answer, and keys that label a figure: no table cell of their own. */
const DESCRIBING = ['format', 'snapshot', 'license', 'suppression'];
const LABELS = ['source', 'month', 'bank', 'name', 'provider'];

/** Every published figure's path: the numbers and "< 5" cells, not the labels. */
function figurePaths(value: unknown, path: string[] = []): string[] {
  if (value !== null && typeof value === 'object') {
    // A label is a plain value under a label's key ("bank": "014"); byKind.bank is an object of figures.
    const label = (key: string, v: unknown) => DESCRIBING.includes(key) || (LABELS.includes(key) && (v === null || typeof v !== 'object'));
    return Object.entries(value).flatMap(([key, v]) => (label(key, v) ? [] : figurePaths(v, [...path, key])));
  }
  return [path.join('.')];
}

/**
 * A cell's text back to the JSON's value: "< 5" as it is, "–" null, "tidak ada data" the JSON's 0 of a
 * month with no reports (or, for a median, no loss stated) or its null median days of a month with no
 * decision, else the number in the page's language.
 */
function cellValue(text: string, lang: 'id' | 'en', path = ''): unknown {
  if (text === '< 5') return text;
  if (text === { id: 'tidak ada data', en: 'no data' }[lang]) return path.endsWith('.medianDaysToDecision') ? null : 0;
  if (text === '–') return null;
  const digits = lang === 'id' ? text.replace(/[^\d,]/g, '').replace(',', '.') : text.replace(/[^\d.]/g, '');
  return Number(digits);
}

describe('the statistics page', () => {
  test('the snapshot has figures and moderation from D1', () => {
    expect(stats.moderation.source).toBe('d1');
    // 12 received and 7 verified this month, published rounded to the nearest 5.
    expect(stats.moderation.byMonth.at(-1)).toMatchObject({ received: 10, verified: 5 });
    expect(typeof stats.totals.reports).toBe('number');
  });

  test.each(['id', 'en'] as const)('(%s) draws every chart, and its tables hold exactly the numbers of GET /api/v1/stats', async (lang) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${server.url}${PAGES[lang]}`);
    expect(response!.status()).toBe(200);
    // Kind, category, channel, bank, e-wallet; months, total loss, median loss; moderation, days to a decision, disputes.
    expect(await page.locator('svg.stats-chart').count()).toBe(11);
    for (const chart of await page.locator('svg.stats-chart').all()) {
      expect(await chart.locator('title').textContent()).not.toBe('');
      expect(await chart.locator('text').count()).toBeGreaterThan(3);
      expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
    }
    // The charts need no script; the only one is the site's service-worker registration, on every page.
    const scripts = await page.locator('script').evaluateAll((els) => els.map((el) => el.getAttribute('src') ?? 'inline'));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^\/_astro\/Base\.astro[^"]*\.js$/);
    expect(await page.locator('[data-stats-version]').textContent()).toBe(stats.snapshot.version);

    const cells = await page.locator('[data-stat]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-stat')!, el.textContent!.trim()] as const));
    for (const [path, text] of cells) {
      const value = at(path);
      // Rupiah are shown whole, days to one decimal: a number is within half a unit of the JSON's.
      if (typeof value === 'number') expect(Math.abs((cellValue(text, lang) as number) - value), `${path}: ${text}`).toBeLessThanOrEqual(0.5);
      else expect(cellValue(text, lang, path), path).toBe(value);
    }
    const shown = cells.map(([path]) => path);
    const published = figurePaths(stats);
    expect(published.filter((path) => !shown.includes(path)), 'figures without a cell').toEqual([]);
    expect(shown.filter((path) => !published.includes(path)), 'cells without a figure').toEqual([]);
    await context.close();
  }, 120_000);

  test.each(['id', 'en'] as const)('(%s) axe finds no violations, tables open or closed', async (lang) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${PAGES[lang]}`);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.locator('details.stats-table').evaluateAll((els) => els.forEach((el) => el.setAttribute('open', '')));
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  }, 300_000);

  test('is at most 50 KB gzipped in all, with no third-party requests', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}${PAGES.id}`, { waitUntil: 'networkidle' });
    await context.close();
    expect(requests.filter((url) => new URL(url).origin !== server.url)).toEqual([]);
    let total = 0;
    for (const url of requests) total += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test.each(['id', 'en'] as const)('(%s) at 360 px and 1280 px: no sideways scrolling, even with every table open', async (lang) => {
    await mkdir('tests/screenshots', { recursive: true });
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}${PAGES[lang]}`);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      if (lang === 'id') await writeFile(`tests/screenshots/statistics-id-${width}.png`, await page.screenshot({ fullPage: true }));
      await page.locator('details.stats-table').evaluateAll((els) => els.forEach((el) => el.setAttribute('open', '')));
      expect(await page.evaluate('document.documentElement.scrollWidth'), `${lang} at ${width}`).toBeLessThanOrEqual(width);
      await context.close();
    }
  });
});
