// The lookup form in Chromium against the real Worker, the built site and a
// published snapshot of the seeded sample data (tests/e2e/server.ts): with
// JavaScript (answer in place through the API) and without (the form lands on
// the result page the Worker fills in). No request is faked.
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
});

async function open(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 360, height: 800 }, ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  // On the home page the paste box leads and this form is one tap away (LookupPage.astro).
  if (path === '/' || path === '/en/') await page.locator('details[data-by-field] > summary').click();
  return page;
}

const result = (page: Page) => page.locator('#result');

describe('the lookup form with JavaScript', () => {
  test('a private check sends only 5 hex digits of the hash, never the value, and still finds the reported account', async () => {
    const page = await open('/');
    const sent: string[] = [];
    page.on('request', (req) => sent.push(req.url()));
    await page.getByRole('radio', { name: 'Rekening bank' }).check();
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('1234567890');
    await page.getByRole('checkbox', { name: 'Cek secara privat' }).check();
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await page.getByRole('heading', { name: /^Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali/ }).waitFor();
    expect(await result(page).textContent()).toContain('Cek privat');

    const api = sent.filter((url) => url.includes('/api/'));
    expect(api).toHaveLength(1);
    expect(api[0]).toMatch(/\/api\/v1\/range\/[0-9a-f]{5}$/);
    expect(sent.join(' ')).not.toContain('1234567890');
    // Nothing typed reaches the address bar either.
    expect(new URL(page.url()).search).toBe('');

    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('9999999999');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await page.getByRole('heading', { name: /^Belum ada laporan terverifikasi/ }).waitFor();
  });

  test('a private check finds the demo Telegram seller typed as a t.me link, and neither the name nor the link leaves the page', async () => {
    const page = await open('/');
    const sent: string[] = [];
    page.on('request', (req) => sent.push(req.url()));
    await page.getByRole('radio', { name: 'Telegram' }).check();
    await page.getByRole('textbox', { name: 'Akun Telegram' }).fill('https://t.me/TiketKonser_Murah');
    await page.getByRole('checkbox', { name: 'Cek secara privat' }).check();
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    // The sample data's tg:tiketkonser_murah has three verified reports.
    await page.getByRole('heading', { name: 'Dilaporkan: akun Telegram @tiketkonser_murah telah dilaporkan 3 kali', exact: true }).waitFor();
    expect(await result(page).textContent()).toContain('Cek privat');
    const api = sent.filter((url) => url.includes('/api/'));
    expect(api).toHaveLength(1);
    expect(api[0]).toMatch(/\/api\/v1\/range\/[0-9a-f]{5}$/);
    expect(sent.join(' ')).not.toMatch(/tiketkonser/i);
  });

  test('a buyer types a reported BCA account into the form and sees "reported" with the count', async () => {
    const page = await open('/');
    await page.getByRole('radio', { name: 'Rekening bank' }).check();
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('1234567890');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();

    const heading = page.getByRole('heading', { name: /^Dilaporkan: rekening BCA 1234567890/ });
    await heading.waitFor();
    // The seeded demo account has five verified reports.
    expect(await heading.textContent()).toContain('telah dilaporkan 5 kali');
    expect(await result(page).textContent()).toContain('Jangan transfer');
    expect(await result(page).getByRole('definition').first().textContent()).toBe('5');
    // The answer can be shared: the address is the no-JavaScript result page for the same query.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/cek/?type=bank&bank=014&value=1234567890');
    // The answer's heading takes the focus (issue 24), so a screen reader starts there.
    expect(await page.evaluate('document.activeElement?.className')).toBe('result__heading');
    expect(await page.getByRole('button', { name: 'Cek sekarang' }).isEnabled()).toBe(true);
  });

  test('typing +62 812 3456 7890 as a phone finds the number reported as 0812-3456-7890', async () => {
    const page = await open('/');
    await page.getByRole('radio', { name: 'Nomor HP/WhatsApp' }).check();
    await page.getByRole('textbox', { name: 'Nomor HP/WhatsApp' }).fill('+62 812 3456 7890');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();

    await page.getByRole('heading', { name: /^Dilaporkan: nomor 0812-3456-7890 telah dilaporkan 4 kali$/ }).waitFor();
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toContain('Nomor telepon 0812-3456-7890');
  });

  test('an unreported account shows "not reported" with the reminder that this proves nothing', async () => {
    const page = await open('/');
    await page.getByLabel('Bank', { exact: true }).selectOption('008');
    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('1300012345678');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();

    await page.getByRole('heading', { name: 'Belum ada laporan terverifikasi untuk rekening Mandiri 1300012345678' }).waitFor();
    const text = await result(page).textContent();
    expect(text).toContain('bukan bukti penjual jujur');
    expect(text).toContain('cek lagi tepat sebelum membayar');
  });

  test('a post link typed as an Instagram seller shows the clear error message', async () => {
    const page = await open('/');
    await page.getByRole('radio', { name: 'Instagram' }).check();
    await page.getByRole('textbox', { name: 'Akun Instagram' }).fill('https://instagram.com/p/abc123/');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();

    await page.getByRole('heading', { name: 'Isian belum benar' }).waitFor();
    expect(await result(page).textContent()).toContain(ERROR_MESSAGES.instagram_not_profile.id);
  });

  test('the English page answers in English on the English result address', async () => {
    const page = await open('/en/');
    await page.getByRole('radio', { name: 'Instagram' }).check();
    await page.getByRole('textbox', { name: 'Instagram account' }).fill('@olshop.murah.banget');
    await page.getByRole('button', { name: 'Check now' }).click();

    await page.getByRole('heading', { name: /^Reported: Instagram account @olshop\.murah\.banget has been reported 4 times$/ }).waitFor();
    expect(await result(page).textContent()).toContain('Do not transfer');
    expect(new URL(page.url()).pathname).toBe('/en/check/');
    // The language switch now leads to the same answer in Indonesian.
    expect(await page.getByRole('link', { name: /Bahasa Indonesia/ }).first().getAttribute('href')).toBe(
      '/cek/?type=instagram&value=%40olshop.murah.banget',
    );
  });

  test('searching the bank list narrows it and picks the match', async () => {
    const page = await open('/');
    const banks = page.getByLabel('Bank', { exact: true });
    await page.getByRole('searchbox', { name: 'Cari bank' }).fill('central asia');
    expect(await banks.inputValue()).toBe('014');
    expect(await banks.locator('option:not([value=""])').allTextContents()).toEqual(['BCA — Bank Central Asia (014)']);
    // By a name people know it by, as in the widget (worker/core/bank-aliases.json).
    await page.getByRole('searchbox', { name: 'Cari bank' }).fill('jenius');
    expect(await banks.locator('option:not([value=""])').allTextContents()).toEqual([expect.stringMatching(/\(213\)$/)]);
    await page.getByRole('searchbox', { name: 'Cari bank' }).fill('');
    expect(await banks.locator('option').count()).toBeGreaterThan(20);
  });

  test('when the connection drops, the page says so and to try again', async () => {
    const page = await open('/');
    await page.getByRole('radio', { name: 'Nomor HP/WhatsApp' }).check();
    await page.getByRole('textbox', { name: 'Nomor HP/WhatsApp' }).fill('0812-3456-7890');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Cek sekarang' }).click();

    await page.getByRole('heading', { name: 'Belum bisa memeriksa' }).waitFor();
    expect(await result(page).textContent()).toContain('koneksi internet');
  });
});

describe('the lookup form without JavaScript', () => {
  test('the form submit lands on /cek/ and the Worker-filled page shows the answer and keeps the typed value', async () => {
    const page = await open('/', { javaScriptEnabled: false });
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('123-456-7890');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await page.waitForURL(/\/cek\/\?/);

    const url = new URL(page.url());
    expect(url.searchParams.get('type')).toBe('bank');
    expect(url.searchParams.get('value')).toBe('123-456-7890');
    await page.getByRole('heading', { name: /^Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali$/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).inputValue()).toBe('123-456-7890');
    expect(await page.getByLabel('Bank', { exact: true }).inputValue()).toBe('014');
    expect(await page.getByRole('radio', { name: 'Rekening bank' }).isChecked()).toBe(true);
  });

  test('a phone lookup shows only the phone field and answers on the English page too', async () => {
    const page = await open('/en/', { javaScriptEnabled: false });
    await page.getByRole('radio', { name: 'Phone/WhatsApp number' }).check();
    expect(await page.getByLabel('Bank', { exact: true }).isVisible()).toBe(false);
    await page.getByRole('textbox', { name: 'Phone/WhatsApp number' }).fill('0812 3456 7890');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.waitForURL(/\/en\/check\/\?/);

    await page.getByRole('heading', { name: /^Reported: number 0812-3456-7890/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Phone/WhatsApp number' }).inputValue()).toBe('0812 3456 7890');
  });
});

describe('the pages', () => {
  test('carry no inline script or style, so a strict Content Security Policy can apply', async () => {
    for (const path of ['/', '/en/', '/cek/', '/en/check/', '/cek/?type=bank&bank=014&value=1234567890', '/no-such-page/']) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, path).not.toMatch(/<style[\s>]|\sstyle=/);
    }
  });

  test('the form and a filled result have no accessibility violations axe can find', async () => {
    for (const path of ['/', '/en/check/?type=phone&value=0812-3456-7890', '/cek/?type=bank&bank=008&value=1300012345678']) {
      const page = await open(path);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
  });
});
