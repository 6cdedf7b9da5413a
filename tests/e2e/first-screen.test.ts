// The phone's first screen (issue 16): on a 360 × 740 screen the check — the
// box and its button — is visible without scrolling, the header takes at most
// two lines of text, and identifiers (numbers, references) never break at their
// dashes or spaces. A screenshot of that first screen is kept for reviewers.
import { mkdir, writeFile } from 'node:fs/promises';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const PHONE = { width: 360, height: 740 };
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phonePage(path: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Whether the element's whole box is inside the first screen (no scrolling). */
async function onFirstScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width;
}

// Measured in the page (strings: the tests compile without the DOM's types).

/** How many lines of text the header's row takes: its content height over the line height of its text. */
const headerLines = async (page: Page) =>
  Number(
    await page.evaluate(`(() => {
      const inner = document.querySelector('.site-header__inner');
      const style = getComputedStyle(inner);
      const content = inner.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return content / parseFloat(getComputedStyle(document.body).lineHeight);
    })()`),
  );

/** Each visible identifier in the lookup form, with the number of lines its text is laid out on (its client rects' tops). */
const identifierLines = async (page: Page) =>
  (await page.evaluate(`[...document.querySelectorAll('.lookup .identifier')]
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return { text: el.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
    })`)) as Array<{ text: string; lines: number }>;

/** The chosen bank's option text width against the room the closed select gives it (less padding and the arrow, about 24 px). */
const bankFit = async (page: Page) =>
  (await page.evaluate(`(() => {
    const select = document.querySelector('select[name="bank"]');
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
    return {
      text: context.measureText(select.selectedOptions[0].text).width,
      room: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24,
    };
  })()`)) as { text: number; room: number };

describe('the first screen of a 360 × 740 phone', () => {
  test.each([
    ['/', 'Cek pesan'],
    ['/en/', 'Check message'],
  ])('%s: the box and the check button are visible without scrolling', async (path, button) => {
    const page = await phonePage(path);
    expect(await onFirstScreen(page.locator('textarea[name="text"]')), 'the box').toBe(true);
    expect(await onFirstScreen(page.locator('form[data-paste]').getByRole('button', { name: button })), 'the button').toBe(true);
    await page.context().close();
  });

  test.each(['/', '/en/', '/panduan/jika-tertipu/', '/privasi/'])('%s: the header is at most two lines of text, and one row', async (path) => {
    const page = await phonePage(path);
    expect(await headerLines(page)).toBeLessThanOrEqual(2);
    await page.context().close();
  });

  test('the menu opens without JavaScript and leads to every page in it', async () => {
    const page = await phonePage('/', false);
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await menu.getByRole('link', { name: 'Panduan' }).isVisible()).toBe(false);
    await page.getByText('Menu', { exact: true }).click();
    expect(await menu.getByRole('link', { name: 'Panduan' }).isVisible()).toBe(true);
    await menu.getByRole('link', { name: 'Panduan' }).click();
    await page.waitForURL(/\/panduan\/$/);
    await page.context().close();
  });

  test('on a wide screen the links are in the header itself, and there is one navigation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(await page.getByText('Menu', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Menu utama' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Lapor' }).isVisible()).toBe(true);
    await context.close();
  });

  test('the bank list shows a long option whole: "BCA — Bank Central Asia (014)"', async () => {
    const page = await phonePage('/');
    await page.getByText('Isi per kolom', { exact: true }).click();
    const banks = page.getByLabel('Bank', { exact: true });
    await banks.selectOption('014');
    const fits = await bankFit(page);
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    await page.context().close();
  });

  test('an identifier is never broken across lines (the examples under the box, at 360 px)', async () => {
    const page = await phonePage('/');
    await page.getByText('Isi per kolom', { exact: true }).click();
    await page.getByRole('radio', { name: 'Nomor HP/WhatsApp' }).check(); // its hint: "Contoh: 0812-3456-7890, +62 812 3456 7890 …"
    const identifiers = await identifierLines(page);
    expect(identifiers.map((i) => i.text)).toContain('+62 812 3456 7890');
    for (const { text, lines } of identifiers) expect(lines, text).toBe(1);
    await page.context().close();
  });

  test('screenshot of the first screen at 360 px (tests/screenshots/home-id-360-first-screen.png)', async () => {
    await mkdir('tests/screenshots', { recursive: true });
    const page = await phonePage('/');
    await writeFile('tests/screenshots/home-id-360-first-screen.png', await page.screenshot({ fullPage: false }));
    await page.context().close();
  });
});
