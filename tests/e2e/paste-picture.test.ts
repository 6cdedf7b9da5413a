// Pictures in the paste box, in Chromium at 360 px against the real Worker and
// the built site (tests/e2e/server.ts): a chat screenshot and QRIS codes,
// rendered here, chosen in the box and read on the device (Tesseract and jsQR
// in the browser; headless Chromium on Linux has no BarcodeDetector). One
// screenshot only: OCR is slow. Every request the page makes is watched: none
// may carry the picture, and none may leave CekDulu's origin.
import { readFile } from 'node:fs/promises';
import { type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
/** One context for the file: the reader's files are downloaded once, as on a phone. */
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  // Seeding and starting wrangler dev took 161 s on the loaded 2-core machine (07:41Z, load 17); the default hook limit is 180 s.
}, 400_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** README's sample message: a reported BCA account, WhatsApp number and Instagram account. */
const MESSAGE =
  'Transfer ke BCA 123-456-7890 a.n. Toko Jaya ya kak, konfirmasi WA 0812 3456 7890, testimoni di IG @olshop.murah.banget';

/** A WhatsApp-like chat at 360 px and device scale 3: a 1080×2400 screenshot, rendered from text in a page of its own. */
async function chatScreenshot(text: string): Promise<Buffer> {
  const shooter = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 3 });
  const page = await shooter.newPage();
  await page.setContent(`<body style="margin:0;background:#efeae2;font:15px/1.4 sans-serif">
    <div style="background:#075e54;color:#fff;padding:14px 16px;font-weight:bold">Toko Jaya</div>
    <div style="margin:12px;max-width:280px;background:#fff;border-radius:8px;padding:8px 10px;color:#111">Halo kak, barangnya ready?</div>
    <div style="margin:12px;max-width:280px;background:#fff;border-radius:8px;padding:8px 10px;color:#111" id="m"></div></body>`);
  await page.locator('#m').evaluate((node, t) => (node.textContent = t), text);
  const png = await page.screenshot({ type: 'png' });
  await shooter.close();
  return png;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** Every request the page makes, as it starts (one still pending at the end counts too). */
function watchRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (req) => requests.push(req));
  return requests;
}

/**
 * Nothing of the picture in any request: none to another origin, no body with
 * PNG bytes, no picture or form-data type, and every body under 4 KB by its
 * Content-Length (a body sent from a Blob, as an upload of the file would be,
 * is in neither postDataBuffer() nor sizes().requestBodySize: both are empty;
 * its Content-Length is the bytes sent).
 */
async function expectNoPictureLeft(requests: Request[], picture: Buffer): Promise<void> {
  expect(requests.length).toBeGreaterThan(0);
  for (const req of requests) {
    expect(new URL(req.url()).origin, req.url()).toBe(server.url);
    const body = req.postDataBuffer() ?? Buffer.alloc(0);
    expect(body.includes(PNG_SIGNATURE), req.url()).toBe(false);
    expect(body.includes(picture.subarray(100, 164)), req.url()).toBe(false);
    const headers = await req.allHeaders();
    expect(headers['content-type'] ?? '', req.url()).not.toMatch(/^(image\/|multipart\/)/);
    expect(Math.max(Number(headers['content-length'] ?? 0), body.length), req.url()).toBeLessThan(4_000);
  }
}

async function choosePicture(page: Page, png: Buffer): Promise<void> {
  await page.getByLabel(/^Atau pilih gambar/).setInputFiles({ name: 'gambar.png', mimeType: 'image/png', buffer: png });
}

const result = (page: Page) => page.locator('#result');
const qrisFound = (page: Page) => page.locator('[data-picture-found]');

describe('a picture in the paste box', () => {
  test('a chat screenshot chosen in the box: its text shown, editable, and the reported account, number and account answered; no request carries the picture', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const requests = watchRequests(page);
    const png = await chatScreenshot(MESSAGE);
    await choosePicture(page, png);

    await page.getByRole('status').filter({ hasText: 'Dibaca dari gambar' }).waitFor({ timeout: 150_000 });
    await result(page).getByRole('heading', { name: /^Dilaporkan: akun Instagram/ }).waitFor();
    const read = await page.getByRole('textbox', { name: /^Tempel pesan penjual/ }).inputValue();
    expect(await result(page).locator('.result__heading-text').allTextContents(), read).toEqual([
      'Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali',
      'Dilaporkan: nomor 0812-3456-7890 telah dilaporkan 4 kali',
      'Dilaporkan: akun Instagram @olshop.murah.banget telah dilaporkan 4 kali',
    ]);
    const box = page.getByRole('textbox', { name: /^Tempel pesan penjual/ });
    expect(await box.inputValue()).toContain('olshop.murah.banget');
    expect(await page.getByRole('status').filter({ hasText: 'Dibaca dari gambar' }).textContent()).toMatch(/Dibaca dari gambar: \d+ baris teks dan 0 kode QR/);
    // The engine came from this origin, under its versioned folder, and the check was a POST of text.
    expect(requests.some((r) => new URL(r.url()).pathname.startsWith('/ocr/7.0.0/lang/ind.traineddata'))).toBe(true);
    expect(requests.filter((r) => r.method() === 'POST').map((r) => new URL(r.url()).pathname)).toEqual(['/api/v1/check']);
    await expectNoPictureLeft(requests, png);
    await page.close();
  }, 200_000);

  /** The reported sample merchant's QRIS payload (scripts/dev/sample-reports.ts, README): TOKO BERKAH ELEKTRONIK, Bandung. */
  const samplePayload = async () => (await readFile('tests/fixtures/qris/sample-reported.txt', 'utf8')).trim();
  const qrPng = (payload: string) => QRCode.toBuffer(payload, { type: 'png', margin: 4, scale: 8, errorCorrectionLevel: 'M' });

  test('a QRIS image of the sample merchant: its name, city and NMID shown, and the merchant answered reported', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const requests = watchRequests(page);
    const png = await qrPng(await samplePayload());
    await choosePicture(page, png);

    await result(page).getByRole('heading', { name: /^Dilaporkan: QRIS ID ?999[\d ]*17 telah dilaporkan 3 kali$/ }).waitFor({ timeout: 150_000 });
    const shown = await qrisFound(page).textContent();
    for (const field of ['Kode QRIS di gambar', 'Nama penjual', 'TOKO BERKAH ELEKTRONIK', 'Kota', 'BANDUNG', 'NMID', 'ID9990000000017']) expect(shown).toContain(field);
    expect(shown).not.toContain('jangan bayar');
    await expectNoPictureLeft(requests, png);
    await page.close();
  }, 200_000);

  test('the same QRIS with one byte changed: the CRC warning, and the code is not checked, so never "no reports"', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const requests = watchRequests(page);
    const payload = await samplePayload();
    const altered = payload.replace('TOKO BERKAH ELEKTRONIK', 'TOKO BERKAH ELEKTRONIX');
    expect(altered).not.toBe(payload);
    const png = await qrPng(altered);
    await choosePicture(page, png);

    await qrisFound(page).getByRole('alert').filter({ hasText: 'Kode QR ini rusak atau diubah — jangan bayar dengan kode ini.' }).waitFor({ timeout: 150_000 });
    await page.getByRole('status').filter({ hasText: 'Dibaca dari gambar' }).waitFor();
    expect(await qrisFound(page).textContent()).toContain('TOKO BERKAH ELEKTRONIX');
    for (const req of requests) expect(req.postData() ?? '', req.url()).not.toContain('ELEKTRONIX');
    expect(await result(page).textContent()).not.toContain('Belum ada laporan');
    await expectNoPictureLeft(requests, png);
    await page.close();
  }, 200_000);
});

describe('without JavaScript', () => {
  test('the box says pictures need JavaScript and shows no picture field; text still goes to the result page', async () => {
    const plain = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(`${server.url}/`);
    await page.getByText('Membaca gambar butuh JavaScript. Menempel teks tetap bisa.').waitFor();
    expect(await page.getByLabel(/^Atau pilih gambar/).isVisible()).toBe(false);
    await page.getByRole('textbox', { name: /^Tempel pesan penjual/ }).fill('BCA 1234567890');
    await page.getByRole('button', { name: 'Cek pesan', exact: true }).click();
    await page.getByRole('heading', { name: /^Dilaporkan: rekening BCA 1234567890/ }).waitFor();
    await plain.close();
  });
});
