// The report form's QRIS picture (components/ReportForm.astro, client/qris-picture.ts)
// in Chromium at 360 px against the real Worker and the built site: a picture of
// the sample merchant's QRIS code, chosen in the form, fills in its NMID with the
// kind QRIS; one with a byte changed gets the CRC warning and fills nothing; the
// picture never leaves the phone (its field has no name; no request carries it).
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const PAYLOAD = readFileSync(new URL('../fixtures/qris/sample-reported.txt', import.meta.url), 'utf8').trim();
/** The NMID in the sample payload's tag 51 (README's table). */
const NMID = 'ID9990000000017';

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

async function open(path: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 360, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

const qrPng = (payload: string) => QRCode.toBuffer(payload, { type: 'png', margin: 4, scale: 8, errorCorrectionLevel: 'M' });

describe('the report form reads a QRIS picture on the phone', () => {
  test('the sample merchant’s code fills in its NMID with the kind QRIS, and the picture is sent nowhere', async () => {
    const page = await open('/lapor/');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await page.getByLabel('Apa yang ingin Anda laporkan?').selectOption('qris');
    await page.getByLabel(/^Foto atau tangkapan layar kode QRIS/).setInputFiles({ name: 'qris.png', mimeType: 'image/png', buffer: await qrPng(PAYLOAD) });
    const status = page.locator('[data-qris-picture-status]');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain(NMID);
    expect(await status.textContent()).toBe(`NMID ${NMID} (TOKO BERKAH ELEKTRONIK) sudah diisikan. Periksa lagi sebelum mengirim.`);
    expect(await page.locator('#report-value').inputValue()).toBe(NMID);
    expect(await page.locator('#report-type').inputValue()).toBe('qris');
    // The picture's field has no name: a form post would not carry it either.
    expect(await page.locator('#report-qris-picture').getAttribute('name')).toBeNull();
    expect(sent).toEqual([]);
  });

  test('a code with one byte changed gets the CRC warning and fills in nothing', async () => {
    const page = await open('/en/report/');
    const altered = PAYLOAD.replace('BANDUNG', 'BANDUNK');
    await page.getByLabel('What do you want to report?').selectOption('qris');
    await page.getByLabel(/^Photo or screenshot of the seller’s QRIS code/).setInputFiles({ name: 'qris.png', mimeType: 'image/png', buffer: await qrPng(altered) });
    const status = page.locator('[data-qris-picture-status]');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).not.toBe('Reading the QR code…');
    expect(await status.textContent()).toBe('This QR code is damaged or altered — do not pay with it.');
    expect(await page.locator('#report-value').inputValue()).toBe('');
  });

  test('without the kind QRIS chosen the picture field is not shown', async () => {
    const page = await open('/lapor/');
    await page.getByLabel('Apa yang ingin Anda laporkan?').selectOption('bank');
    expect(await page.locator('#report-qris-picture').isVisible()).toBe(false);
  });
});
