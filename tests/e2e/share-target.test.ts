// Sharing to CekDulu: the web app manifest Chromium installs the site from,
// with a share target that opens /cek/?title=…&text=…&url=…, and the result
// page the Worker fills for a pasted or shared message without JavaScript
// (worker/routes/paste-page.ts), in Chromium against the real Worker, the built
// site and a published snapshot of the seeded sample data (tests/e2e/server.ts).
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const WHATSAPP_MESSAGE = [
  '[10.42, 28/11/2026] Toko Murah: Halo kak 🙏 stok ready ya',
  'Transfer ke BCA 014 1234567890 a.n. Toko Murah',
  'Konfirmasi WA 0812-3456-7890',
  'Katalog lengkap di IG @olshop.murah.banget',
].join('\n');

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

async function open(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 360, height: 800 }, ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

const headings = (page: Page) => page.locator('#result .result__heading-text').allTextContents();

describe('the web app manifest', () => {
  test('is served, linked from the page, and parses with the share target and the icons', async () => {
    const res = await fetch(`${server.url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as Record<string, any>;
    expect(manifest).toMatchObject({ short_name: 'CekDulu', start_url: '/', display: 'standalone' });
    // One share target for messages and pictures: a POST the service worker answers on the phone (a message becomes
    // GET /cek/?text=…), or the Worker before the service worker is installed (worker/routes/share-target.ts).
    expect(manifest.share_target).toEqual({
      action: '/cek/',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'gambar', accept: ['image/*'] }] },
    });
    for (const icon of manifest.icons) {
      const png = await fetch(new URL(icon.src, server.url));
      expect(png.headers.get('Content-Type')).toBe('image/png');
      const bytes = Buffer.from(await png.arrayBuffer());
      // The PNG's own width and height (IHDR) are what the manifest says.
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    expect(manifest.icons.map((i: any) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

    const page = await open('/');
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
  });

  test('Chromium finds the site installable (no service worker needed) and reads the share target', async () => {
    const page = await open('/');
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // A test browser's context is a private one, which never installs: the only error allowed.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    // `errors` is Chromium's own parse of the manifest (share_target included); `data` the manifest it read.
    const { url, errors, data } = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(url).toBe(`${server.url}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    expect(JSON.parse(data ?? '{}').share_target).toMatchObject({ action: '/cek/', method: 'POST', enctype: 'multipart/form-data', params: { text: 'text', files: [{ name: 'gambar', accept: ['image/*'] }] } });
  });
});

describe('a shared WhatsApp message without JavaScript', () => {
  test('opening the share target shows every identifier’s card, the message kept in the box', async () => {
    const page = await open(`/cek/?${new URLSearchParams({ text: WHATSAPP_MESSAGE })}`, { javaScriptEnabled: false });
    const shown = await headings(page);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatch(/^Dilaporkan: rekening BCA 1234567890 telah dilaporkan/);
    expect(shown[1]).toMatch(/^Dilaporkan: nomor 0812-3456-7890 telah dilaporkan/);
    expect(shown[2]).toMatch(/^Dilaporkan: akun Instagram @olshop\.murah\.banget telah dilaporkan/);
    expect(await page.locator('textarea[name="text"]').inputValue()).toBe(WHATSAPP_MESSAGE);
  });

  test('a shared page (title and url) is read too', async () => {
    const params = new URLSearchParams({ title: 'Olshop Murah (@olshop.murah.banget)', url: 'https://www.instagram.com/olshop.murah.banget/' });
    const page = await open(`/en/check/?${params}`, { javaScriptEnabled: false });
    expect(await headings(page)).toEqual([expect.stringMatching(/^Reported: Instagram account @olshop\.murah\.banget has been reported/)]);
  });

  test('choosing the bank for a number with no bank named re-checks it', async () => {
    const text = 'Kak transfer ke rekening 1234567890 ya, konfirmasi WA 0812-3456-7890';
    const page = await open(`/cek/?${new URLSearchParams({ text })}`, { javaScriptEnabled: false });
    expect(await headings(page)).toEqual([expect.stringMatching(/nomor 0812-3456-7890/)]);
    const question = page.locator('form.paste-question');
    await expect.poll(() => question.count()).toBe(1);
    expect(await question.textContent()).toContain('1234567890');
    await question.getByLabel('Bank').selectOption('014');
    await question.getByRole('button', { name: 'Cek rekening ini' }).click();
    await page.waitForURL(/type=bank/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ type: 'bank', value: '1234567890', bank: '014' });
    expect(await headings(page)).toEqual([expect.stringMatching(/^Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali/)]);
  });
});
