// The buyer's last metre (issue 24), on a 360 × 740 phone against the real
// Worker, the built site and the seeded sample data, one server for all:
// the answer to a shared message is on the first screen with its heading
// focused, with and without JavaScript; the language switch after a paste opens
// the same answer in English; the widget's iframe answers its own "which bank?"; the
// report form's error summary names each field; the home page does not shift
// while its script loads; and no page of the build runs
// two words together across an element boundary ("dipublikasikanbersama").
// Screenshots of each go to tests/screenshots/.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const PHONE = { width: 360, height: 740 };
const SHOTS = 'tests/screenshots';
/** A check on a shared machine can take seconds: polls wait up to 15 s. */
const POLL = { timeout: 15_000 };
const WHATSAPP_MESSAGE = [
  '[10.42, 28/11/2026] Toko Murah: Halo kak 🙏 stok ready ya',
  'Transfer ke BCA 014 1234567890 a.n. Toko Murah',
  'Konfirmasi WA 0812-3456-7890',
  'Katalog lengkap di IG @olshop.murah.banget',
].join('\n');

let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  await mkdir(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function phone(javaScriptEnabled = true): Promise<Page> {
  context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
  return context.newPage();
}

const headings = (page: Page) => page.locator('#result .result__heading-text').allTextContents();

/** The box's bottom edge, in page pixels from the top of the first screen. */
async function bottomOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  return box === null ? Infinity : box.y + box.height;
}

describe('a shared message: the answer is the first thing seen', () => {
  for (const javaScript of [false, true]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: the first answer's heading is inside the first screen${javaScript ? ' and has the focus' : ''}`, async () => {
      const page = await phone(javaScript);
      await page.goto(`${server.url}/cek/?${new URLSearchParams({ text: WHATSAPP_MESSAGE })}`);
      expect(await headings(page)).toHaveLength(3);
      expect(await bottomOf(page, '#result .result__heading')).toBeLessThanOrEqual(PHONE.height);
      // The by-field form is folded away; the message stays in its box, below the answer.
      expect(await page.locator('details[data-by-field]').getAttribute('open')).toBeNull();
      expect(await page.locator('textarea[name="text"]').inputValue()).toBe(WHATSAPP_MESSAGE);
      if (javaScript) {
        await expect.poll(() => page.evaluate('document.activeElement?.className'), POLL).toBe('result__heading');
        expect(await page.evaluate('window.scrollY')).toBeLessThan(PHONE.height);
      }
      await writeFile(`${SHOTS}/share-target-${javaScript ? 'js' : 'nojs'}-360.png`, await page.screenshot());
    });
  }
});

describe('the language switch after a pasted check', () => {
  test('opens the English page with the same answer, and the message is not put into the address', async () => {
    const page = await phone();
    await page.goto(`${server.url}/`);
    await page.locator('textarea[name="text"]').fill(WHATSAPP_MESSAGE);
    await page.locator('form[data-paste] [data-submit]').click();
    await expect.poll(() => headings(page), POLL).toHaveLength(3);
    // The answer scrolled to and its heading focused after a submit on the home page too.
    expect(await page.evaluate('document.activeElement?.className')).toBe('result__heading');
    await page.locator('[data-lang-switch]').click();
    await page.waitForURL(`${server.url}/en/`);
    await expect.poll(() => headings(page), POLL).toEqual([
      expect.stringMatching(/^Reported: BCA account 1234567890 has been reported/),
      expect.stringMatching(/^Reported: number 0812-3456-7890 has been reported/),
      expect.stringMatching(/^Reported: Instagram account @olshop\.murah\.banget has been reported/),
    ]);
    expect(page.url()).toBe(`${server.url}/en/`);
    expect(await page.locator('textarea[name="text"]').inputValue()).toBe(WHATSAPP_MESSAGE);
    // Carried once: the message is not kept in the tab after it was read.
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await writeFile(`${SHOTS}/language-switch-paste-en-360.png`, await page.screenshot());
  });
});

describe('the widget answers its own question', () => {
  test('without JavaScript, in its iframe: an account number with no bank named is asked its bank, and answered there', async () => {
    const page = await phone(false);
    await page.goto(`${server.url}/embed/frame/?${new URLSearchParams({ lang: 'id', partner: 'toko-jujur', text: 'ke rekening 5550001112 aja kak' })}`);
    const question = page.locator('form.paste-question');
    expect(await question.textContent()).toContain('5550001112');
    await question.getByLabel('Bank').selectOption('014');
    await writeFile(`${SHOTS}/widget-frame-bank-question-360.png`, await page.screenshot());
    await question.getByRole('button', { name: 'Cek rekening ini' }).click();
    await page.waitForURL(/type=bank/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ lang: 'id', partner: 'toko-jujur', type: 'bank', value: '5550001112', bank: '014' });
    expect(await page.locator('.result__heading-text').allTextContents()).toEqual([expect.stringContaining('rekening BCA 5550001112')]);
    // The answer leads on to its full result on CekDulu, like every answer of the widget.
    expect(await page.getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' }).getAttribute('href')).toBe('/cek/?type=bank&bank=014&value=5550001112');
    await writeFile(`${SHOTS}/widget-frame-bank-answered-360.png`, await page.screenshot());
  });
});

/** Sums the page's layout shifts not caused by input (what CLS adds up), from before the first paint. */
const RECORD_SHIFTS = `window.__shift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
    .observe({ type: 'layout-shift', buffered: true });`;

describe('the home page does not move while it loads (Lighthouse CLS)', () => {
  for (const path of ['/', '/en/']) {
    test(`${path}: no layout shift at 360 px when its script arrives after the first paint and reveals the private-check box`, async () => {
      const page = await phone();
      // Every script held back half a second, as on a slow phone network: the page is drawn before they run.
      await page.route('**/*.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await route.continue();
      });
      await page.addInitScript(RECORD_SHIFTS);
      await page.goto(`${server.url}${path}`);
      await page.locator('[data-private]:not([hidden])').waitFor(POLL);
      await page.waitForTimeout(300);
      expect(await page.locator('[data-private]').isVisible()).toBe(true);
      expect(await page.evaluate('window.__shift')).toBe(0);
    });
  }

  test('without JavaScript the private-check box is not shown and keeps no room', async () => {
    const page = await phone(false);
    await page.goto(`${server.url}/`);
    // Not drawn at all (display: none), so it keeps no room: nothing hidden sits between the button and the form below.
    expect(await page.locator('[data-private]').boundingBox()).toBeNull();
  });
});

describe('the report form sent empty', () => {
  for (const javaScript of [false, true]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: the summary names each missing field, each line linked to its field`, async () => {
      const page = await phone(javaScript);
      await page.goto(`${server.url}/lapor/`);
      await page.locator('form.report-form button[type="submit"]').click();
      await page.locator('[data-error-summary]:not([hidden])').waitFor();
      const lines = await page.locator('[data-error-summary] li:not([hidden])').allTextContents();
      expect(lines.length).toBeGreaterThanOrEqual(3);
      expect(lines).toContain('Kronologi: Bagian ini wajib diisi.');
      expect(lines).toContain('Kontak Anda: Bagian ini wajib diisi.');
      // No two lines alike: each says which field.
      expect(new Set(lines).size).toBe(lines.length);
      for (const link of await page.locator('[data-error-summary] li:not([hidden]) a').all()) {
        const target = (await link.getAttribute('href'))!;
        expect(await page.locator(target).count(), target).toBe(1);
      }
      if (!javaScript) await writeFile(`${SHOTS}/report-form-summary-id-360.png`, await page.screenshot());
    });
  }
});

/** Every page of the build (dist/), as the address it is served at. */
async function builtPages(): Promise<string[]> {
  const dist = 'dist';
  const paths: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.name.endsWith('.html')) paths.push(`/${relative(dist, file).split(sep).join('/')}`.replace(/index\.html$/, ''));
    }
  };
  await walk(dist);
  return paths.sort();
}

/**
 * Words run together across element boundaries, as the page lays them out: two
 * neighbouring text nodes in different elements, the first ending in a letter,
 * digit or ":;,!?)" (or a full stop before a capital), the next starting with a
 * letter or digit, whose last and first characters sit on the same line with no
 * gap between them. (Comparing innerText with the joined text nodes finds the
 * same, but also any "55" a table happens to print elsewhere; the boxes are
 * exact. Without a space or hyphen there is no line break between two letters,
 * so a run-together pair is always on one line; hidden text has no box.)
 * Each found as "…end|start…". A string: the tests compile without the DOM's types.
 */
const RUN_TOGETHER = `(() => {
  const skip = 'script,style,svg,select,textarea,noscript,template';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (!walker.currentNode.parentElement.closest(skip)) nodes.push(walker.currentNode);
  const box = (node, at) => {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const rects = range.getClientRects();
    return rects.length && rects[0].width > 0 ? rects[0] : null;
  };
  const found = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i].data, b = nodes[i + 1].data;
    if (nodes[i].parentElement === nodes[i + 1].parentElement) continue;
    const ends = /[\\p{L}\\p{N}:;,!?)]$/u.test(a) || (/\\.$/.test(a) && /^\\p{Lu}/u.test(b));
    if (!ends || !/^[\\p{L}\\p{N}]/u.test(b)) continue;
    const left = box(nodes[i], a.length - 1), right = box(nodes[i + 1], 0);
    if (!left || !right) continue;
    const sameLine = Math.abs(left.top - right.top) < 2;
    const gap = right.left - left.right;
    if (sameLine && gap > -1 && gap < 1.5) found.push(a.split(/\\s/).pop() + '|' + b.split(/\\s/)[0]);
  }
  return found;
})()`;

describe('typography: no words run together', () => {
  test('on every built page, and on the pages the Worker fills in', async () => {
    const page = await phone();
    const pages = [
      ...(await builtPages()),
      `/cek/?${new URLSearchParams({ text: WHATSAPP_MESSAGE })}`,
      `/en/check/?${new URLSearchParams({ text: 'ke rekening 5550001112 aja kak' })}`,
      '/cek/?type=bank&bank=014&value=1234567890',
      '/statistik/',
      '/en/statistics/',
    ];
    expect(pages.length).toBeGreaterThan(30);
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      for (const joined of (await page.evaluate(RUN_TOGETHER)) as string[]) found.push(`${path}: ${joined}`);
    }
    expect(found).toEqual([]);
  }, 300_000);
});
