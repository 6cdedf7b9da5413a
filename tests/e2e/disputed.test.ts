// A listing its owner disputes (issue 17), in Chromium against the real Worker
// and the seeded sample data (tests/e2e/server.ts; its demo BNI account carries
// a pending dispute): still "reported", with the owner's dispute said in words,
// with JavaScript (the form's and the paste box's answers in place) and without
// (the Worker's result page); every answer links to how listing works.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
});

async function open(path: string, javaScriptEnabled = true): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

const ID_WORDS = 'Pemilik akun ini menyanggah laporannya.';
const EN_WORDS = 'The owner of this account disputes the reports.';

describe('a disputed listing', () => {
  test('with JavaScript, the lookup form answers reported and says the owner contests it, linking to how listing works', async () => {
    const page = await open('/');
    await page.locator('details[data-by-field] > summary').click();
    await page.getByRole('radio', { name: 'Rekening bank' }).check();
    await page.getByLabel('Bank', { exact: true }).selectOption('009');
    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('0987654321');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    const result = page.locator('#result');
    await result.getByRole('heading', { name: /^Dilaporkan: rekening BNI 0987654321/ }).waitFor();
    expect(await result.textContent()).toContain(ID_WORDS);
    expect(await result.getByRole('link', { name: /Bagaimana laporan masuk daftar ini/ }).getAttribute('href')).toBe('/cara-kerja/');
  });

  test('with JavaScript, the paste box\'s card for the account says it too, in English', async () => {
    const page = await open('/en/');
    await page.getByRole('textbox', { name: /^Paste the seller/ }).fill('Please transfer to BNI 0987654321, thanks');
    await page.getByRole('button', { name: 'Check message', exact: true }).click();
    await page.locator('#result').getByText(EN_WORDS).waitFor();
    expect(await page.getByRole('link', { name: /How a report gets on this list/ }).first().getAttribute('href')).toBe('/en/how-it-works/');
  });

  test('without JavaScript, the result page says it, and its link leads to the page on listing', async () => {
    const page = await open('/cek/?type=bank&bank=009&value=0987654321', false);
    const main = await page.locator('main').textContent();
    expect(main).toMatch(/Dilaporkan: rekening BNI 0987654321/);
    expect(main).toContain(ID_WORDS);
    await page.getByRole('link', { name: /Bagaimana laporan masuk daftar ini/ }).click();
    await page.waitForURL(`${server.url}/cara-kerja/`);
    expect((await page.goto(`${server.url}/en/check/?type=bank&bank=014&value=1234567890`))?.status()).toBe(200);
    expect(await page.locator('main').textContent()).not.toContain(EN_WORDS);
  });
});
