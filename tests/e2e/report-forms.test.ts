// The report and dispute forms in Chromium against the real server (wrangler
// dev, local D1/R2/KV, the sample snapshot), with and without JavaScript, as
// issue 16 asks: a refresh of the sent page files nothing new (D1 counted), a
// double submit gives one reference, the outcome follows the form's language
// and not the browser's, every error is shown at once with the values kept,
// only the select the kind needs is visible, and a dispute for an account
// nothing lists is refused. Also writes tests/screenshots/report-form-errors-id-360.png.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PHONE = { width: 360, height: 740 };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Rate limits off: this file sends more than the 10 submissions a minute one client may, and
  // what it tests is the forms (a refused post keeping its values: tests/worker/report-forms.test.ts).
  [server, browser] = await Promise.all([startServer({ vars: { RATE_LIMITS: 'off' } }), launchChromium()]);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Rows in a table of the server's local D1: its SQLite file under the persist
 * directory, read-only (`wrangler d1 execute` takes ~20 s a call on this machine).
 */
async function d1Count(table: 'reports' | 'disputes'): Promise<number> {
  const dir = join(server.persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = (await readdir(dir)).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  const db = new DatabaseSync(join(dir, file!), { readOnly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function withContext<T>(options: { javaScript: boolean; locale?: string }, use: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    viewport: PHONE,
    ...(options.locale ? { locale: options.locale, extraHTTPHeaders: { 'Accept-Language': options.locale } } : {}),
  });
  try {
    return await use(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** A valid report typed into the form at `path` (not sent). */
async function fillReport(page: Page, path: string, value: string) {
  await page.goto(`${server.url}${path}`);
  await page.locator('select[name="type"]').selectOption('phone');
  await page.locator('input[name="value"]').fill(value);
  await page.locator('select[name="category"]').selectOption('online_shopping');
  await page.locator('input[name="lossIdr"]').fill('750.000');
  await page.locator('textarea[name="chronology"]').fill('Bayar DP 750 ribu lewat transfer, lalu nomor saya diblokir.');
  await page.locator('input[name="evidence"]').setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('input[name="contact"]').fill('korban@example.com');
}

const refOn = async (page: Page) => {
  await page.locator('[data-outcome-ref]').waitFor();
  return (await page.locator('[data-outcome-ref]').textContent())?.trim() ?? '';
};

describe('sending a report', () => {
  for (const javaScript of [false, true]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: a double submit files one report; refreshing the sent page files nothing new`, async () => {
      await withContext({ javaScript }, async (page) => {
        const before = await d1Count('reports');
        await fillReport(page, '/lapor/', javaScript ? '0857-2222-0001' : '0857-2222-0002');
        await page.locator('button[type="submit"]').dblclick();
        const ref = await refOn(page);
        expect(ref).toMatch(/^CD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        expect(page.url()).toBe(`${server.url}/lapor/terkirim/?ref=${ref}`);
        expect(await d1Count('reports')).toBe(before + 1);

        await page.reload();
        expect(await refOn(page)).toBe(ref);
        expect(await d1Count('reports')).toBe(before + 1);
      });
    }, 120_000);
  }

  test('the outcome and the status link follow the form’s language, not the browser’s', async () => {
    for (const [path, locale, sentPath, heading, statusPath] of [
      ['/lapor/', 'en-US', '/lapor/terkirim/', 'Laporan Anda sudah kami terima', '/lapor/status/'],
      ['/en/report/', 'id-ID', '/en/report/sent/', 'We have received your report', '/en/report/status/'],
    ] as const) {
      for (const javaScript of [false, true]) {
        await withContext({ javaScript, locale }, async (page) => {
          await fillReport(page, path, '0857-2222-0003');
          await page.locator('button[type="submit"]').click();
          const ref = await refOn(page);
          expect(page.url(), `${path} js=${javaScript}`).toBe(`${server.url}${sentPath}?ref=${ref}`);
          expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
          expect(await page.locator('[data-outcome-status]').getAttribute('href')).toBe(`${statusPath}?ref=${ref}`);
        });
      }
    }
  }, 180_000);
});

describe('errors', () => {
  /** A report with five mistakes: a number too short, no category, a loss in words, no chronology, a bad e-mail. */
  async function sendBroken(page: Page, path: string) {
    await page.goto(`${server.url}${path}`);
    await page.locator('select[name="type"]').selectOption('phone');
    await page.locator('input[name="value"]').fill('0812');
    await page.locator('input[name="lossIdr"]').fill('sejuta');
    await page.locator('select[name="channel"]').selectOption('whatsapp');
    await page.locator('input[name="contact"]').fill('korban@example.com');
    await page.locator('input[name="email"]').fill('bukan email');
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-error-summary]:not([hidden])').waitFor();
  }

  const visibleErrors = (page: Page) =>
    page.locator('[data-error-for]:not([hidden])').evaluateAll((els) => els.map((el) => el.getAttribute('data-error-for')));

  for (const javaScript of [false, true]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: every error beside its field and in the summary, the values kept, nothing filed`, async () => {
      await withContext({ javaScript }, async (page) => {
        const before = await d1Count('reports');
        await sendBroken(page, '/en/report/');
        expect(await visibleErrors(page)).toEqual(['value', 'category', 'lossIdr', 'chronology', 'email']);
        const summary = await page.locator('[data-error-summary] li:not([hidden])').allTextContents();
        expect(summary).toHaveLength(5);
        // Each line names its field, then says what is wrong, and links to the field.
        expect(summary[1]).toBe('Kind of fraud: Choose the kind of fraud.');
        expect(summary[3]).toBe('What happened: This field is required.');
        await page.locator('[data-error-summary] a', { hasText: 'Choose the kind of fraud.' }).click();
        expect(new URL(page.url()).hash).toBe('#report-category');
        // The values as typed.
        expect(await page.locator('input[name="value"]').inputValue()).toBe('0812');
        expect(await page.locator('input[name="lossIdr"]').inputValue()).toBe('sejuta');
        expect(await page.locator('select[name="channel"]').inputValue()).toBe('whatsapp');
        expect(await page.locator('input[name="email"]').inputValue()).toBe('bukan email');
        expect(await page.locator('input[name="value"]').getAttribute('aria-invalid')).toBe('true');
        expect(await page.title()).toMatch(/^Error: /);
        // Corrected, it goes through.
        await page.locator('input[name="value"]').fill('0812-3333-0004');
        await page.locator('select[name="category"]').selectOption('investment');
        await page.locator('input[name="lossIdr"]').fill('1.000.000');
        await page.locator('textarea[name="chronology"]').fill('Dijanjikan untung 10% per minggu.\nSetelah transfer, akun hilang.');
        await page.locator('input[name="email"]').fill('');
        await page.locator('button[type="submit"]').click();
        await refOn(page);
        expect(await d1Count('reports')).toBe(before + 1);
      });
    }, 120_000);
  }

  test('without JavaScript the chronology typed comes back in its textarea; a screenshot at 360 px', async () => {
    await withContext({ javaScript: false }, async (page) => {
      await page.goto(`${server.url}/lapor/`);
      await page.locator('select[name="type"]').selectOption('bank');
      await page.locator('input[name="value"]').fill('12');
      const chronology = 'Tanggal 3 saya transfer <b>Rp 500.000</b> untuk sepatu.\nPenjual tidak membalas lagi.';
      await page.locator('textarea[name="chronology"]').fill(chronology);
      await page.locator('input[name="contact"]').fill('korban@example.com');
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-error-summary]:not([hidden])').waitFor();
      expect(await page.locator('textarea[name="chronology"]').inputValue()).toBe(chronology);
      expect(await page.locator('textarea[name="chronology"] b').count()).toBe(0);
      expect(await page.locator('[data-error-summary] li:not([hidden])').allTextContents()).toEqual([
        'Bank: Pilih bank untuk nomor rekening ini.',
        'Jenis penipuan: Pilih kategori penipuan.',
      ]);
      await writeFile('tests/screenshots/report-form-errors-id-360.png', await page.screenshot({ fullPage: false }));
    });
  });

  test('the form with errors has no accessibility violations axe can find', async () => {
    await withContext({ javaScript: true }, async (page) => {
      await sendBroken(page, '/lapor/');
      // The form itself (the page around it is checked by tests/e2e/reports.test.ts).
      const { violations } = await new AxeBuilder({ page }).include('form.report-form').analyze();
      expect(violations.map((v) => `${v.id} ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join(', ')}`)).toEqual([]);
    });
  });
});

describe('the bank and e-wallet selects', () => {
  for (const javaScript of [false, true]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: only the one the kind needs is visible`, async () => {
      await withContext({ javaScript }, async (page) => {
        for (const path of ['/lapor/', '/en/dispute/']) {
          await page.goto(`${server.url}${path}`);
          const shown = async () => ({
            bank: await page.locator('select[name="bank"]').isVisible(),
            provider: await page.locator('select[name="provider"]').isVisible(),
          });
          expect(await shown(), path).toEqual({ bank: true, provider: false });
          await page.locator('select[name="type"]').selectOption('ewallet');
          expect(await shown(), path).toEqual({ bank: false, provider: true });
          await page.locator('select[name="type"]').selectOption('instagram');
          expect(await shown(), path).toEqual({ bank: false, provider: false });
        }
      });
    });
  }
});

describe('the dispute form', () => {
  test('asks about the owner’s own account, links the privacy page, and asks for a proof of ownership', async () => {
    for (const [path, question, privacy] of [
      ['/sanggah/', 'Apa jenis akun Anda yang dilaporkan?', '/privasi/'],
      ['/en/dispute/', 'Which of your accounts was reported?', '/en/privacy/'],
    ]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).toContain(question);
      expect(html, path).not.toMatch(/Apa yang ingin Anda laporkan|What do you want to report/);
      expect(html, path).toContain(`href="${privacy}"`);
      expect(html, path).toMatch(/<input[^>]*type="file"[^>]*name="proof"[^>]*required/);
    }
  });

  for (const javaScript of [false, true]) {
    test(`${javaScript ? 'with' : 'without'} JavaScript: a dispute for an account nothing lists is refused, saying so beside the number`, async () => {
      await withContext({ javaScript }, async (page) => {
        const before = await d1Count('disputes');
        await page.goto(`${server.url}/en/dispute/`);
        await page.locator('select[name="type"]').selectOption('bank');
        // BNI: no documented account length, so 13 digits are a possible account that nothing lists.
        await page.locator('select[name="bank"]').selectOption('009');
        await page.locator('input[name="value"]').fill('9876543210123');
        await page.locator('textarea[name="statement"]').fill('This is my shop’s account.');
        await page.locator('input[name="proof"]').setInputFiles({ name: 'statement.png', mimeType: 'image/png', buffer: PNG });
        await page.locator('input[name="contact"]').fill('owner@example.com');
        await page.locator('button[type="submit"]').click();
        await page.locator('[data-error-for="value"]:not([hidden])').waitFor();
        expect(await page.locator('[data-error-for="value"]').textContent()).toBe('This account has no verified reports, so there is nothing to dispute.');
        expect(await page.locator('input[name="value"]').inputValue()).toBe('9876543210123');
        expect(await d1Count('disputes')).toBe(before);
      });
    });
  }
});

describe('every form links the privacy page', () => {
  test('in both languages', async () => {
    for (const [path, href] of [['/lapor/', '/privasi/'], ['/en/report/', '/en/privacy/'], ['/sanggah/', '/privasi/'], ['/en/dispute/', '/en/privacy/']]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).toMatch(new RegExp(`<p class="form-privacy"><a href="${href}">`));
    }
  });
});
