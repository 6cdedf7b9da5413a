// The home page's paste box in Chromium against the real Worker, the built
// site and a published snapshot of the seeded sample data (tests/e2e/server.ts):
// a seller's message pasted as it is, read by POST /api/v1/check (or, checked
// privately, in the browser), one card per identifier. No request is faked.
import AxeBuilder from '@axe-core/playwright';
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

async function open(path: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

const MESSAGE =
  'Transfer ke BCA 123-456-7890 a.n. Toko Jaya ya kak, konfirmasi WA 0812 3456 7890, testimoni di IG @olshop.murah.banget';
const REPORTED_IN_ORDER = [
  'Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali',
  'Dilaporkan: nomor 0812-3456-7890 telah dilaporkan 4 kali',
  'Dilaporkan: akun Instagram @olshop.murah.banget telah dilaporkan 4 kali',
];

const result = (page: Page) => page.locator('#result');
/** Each card's heading without its icon: what was read, and its answer or question. */
const cardHeadings = (page: Page) => result(page).locator('.result__heading-text, .answer__question').allTextContents();

async function paste(page: Page, text: string, button = 'Cek pesan'): Promise<void> {
  await page.getByRole('textbox', { name: /^(Tempel pesan penjual|Paste the seller)/ }).fill(text);
  await page.getByRole('button', { name: button, exact: true }).click();
}

describe('the paste box with JavaScript', () => {
  test("a seller's message with an account, a WhatsApp number and an Instagram account shows three reported cards in text order", async () => {
    const page = await open('/');
    const posted: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/')) posted.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    await paste(page, MESSAGE);
    await result(page).getByRole('heading', { name: REPORTED_IN_ORDER[2] }).waitFor();

    expect((await cardHeadings(page))).toEqual(REPORTED_IN_ORDER);
    expect(posted).toEqual(['POST /api/v1/check']);
    expect(await result(page).textContent()).toContain('Jangan transfer');
    expect(await page.evaluate('document.activeElement?.className')).toBe('result__heading');
    expect(await result(page).getAttribute('aria-live')).toBe('polite');
    // The message stays out of the address bar.
    expect(new URL(page.url()).search).toBe('');
  });

  test('"Not BCA?" re-checks that one account at BNI through GET and replaces only its card', async () => {
    const page = await open('/');
    await paste(page, MESSAGE);
    await result(page).getByRole('heading', { name: REPORTED_IN_ORDER[2] }).waitFor();
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));

    await result(page).getByText('Bukan BCA? Pilih bank lain').click();
    await result(page).getByLabel('Bank untuk rekening 1234567890').selectOption('009');
    await result(page).getByRole('button', { name: 'Cek lagi' }).click();
    await result(page).getByRole('heading', { name: 'Belum ada laporan terverifikasi untuk rekening BNI 1234567890' }).waitFor();

    const headings = (await cardHeadings(page));
    expect(headings).toEqual(['Belum ada laporan terverifikasi untuk rekening BNI 1234567890', ...REPORTED_IN_ORDER.slice(1)]);
    expect(requests.filter((url) => url.includes('/api/'))).toEqual([`${server.url}/api/v1/check?type=bank&bank=009&value=1234567890`]);
  });

  test('an account number with no bank named asks for the bank, and checking it answers in place', async () => {
    const page = await open('/');
    await paste(page, 'Silakan transfer ke rek 1234567890 ya kak, WA 0812 3456 7890');
    const question = result(page).getByRole('heading', { name: /^1234567890: / });
    await question.waitFor();
    expect(await cardHeadings(page)).toHaveLength(2);

    await result(page).getByLabel('Bank untuk 1234567890').selectOption('014');
    await result(page).getByRole('button', { name: 'Cek rekening ini' }).click();
    await result(page).getByRole('heading', { name: /^Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali$/ }).waitFor();
    expect(await question.count()).toBe(0);
  });

  test('a private check reads the message in the browser and sends only 5-hex-digit range prefixes', async () => {
    const page = await open('/');
    const sent: { url: string; body: string | null }[] = [];
    page.on('request', (req) => sent.push({ url: req.url(), body: req.postData() }));
    await page.getByRole('checkbox', { name: 'Cek secara privat' }).check();
    await paste(page, MESSAGE);
    await result(page).getByRole('heading', { name: REPORTED_IN_ORDER[2] }).waitFor();

    expect((await cardHeadings(page))).toEqual(REPORTED_IN_ORDER);
    expect(await result(page).textContent()).toContain('Cek privat');
    const api = sent.filter((r) => r.url.includes('/api/'));
    expect(api).toHaveLength(3);
    for (const r of api) expect(r.url).toMatch(/\/api\/v1\/range\/[0-9a-f]{5}$/);
    expect(sent.every((r) => r.body === null)).toBe(true);
    expect(sent.map((r) => r.url).join(' ')).not.toMatch(/1234567890|3456|olshop|Toko/i);
  });

  test('the English page answers in English', async () => {
    const page = await open('/en/');
    await paste(page, 'Pay to BCA 1234567890 please', 'Check message');
    await result(page).getByRole('heading', { name: /^Reported: BCA account 1234567890 has been reported 5 times$/ }).waitFor();
    expect(await result(page).getByText('Not BCA? Choose another bank').count()).toBe(1);
  });

  test('a text with nothing to check says so, and a dropped connection says to try again', async () => {
    const page = await open('/');
    await paste(page, 'Halo kak, barangnya masih ada?');
    await result(page).getByRole('heading', { name: /Tidak ada rekening, nomor HP atau akun yang terbaca/ }).waitFor();

    await context.setOffline(true);
    await paste(page, MESSAGE);
    await result(page).getByRole('heading', { name: 'Belum bisa memeriksa' }).waitFor();
    expect(await result(page).textContent()).toContain('koneksi internet');
  });

  test('the by-field form is one tap away and still answers', async () => {
    const page = await open('/');
    expect(await page.getByRole('radio', { name: 'Rekening bank' }).count()).toBe(0);
    await page.getByText('Isi per kolom', { exact: true }).click();
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByRole('textbox', { name: 'Nomor rekening', exact: true }).fill('1234567890');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await result(page).getByRole('heading', { name: /^Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali$/ }).waitFor();
  });
});

describe('the paste box without JavaScript', () => {
  test('is a GET form of one field, text, to the result page, in both languages', async () => {
    for (const [path, action] of [['/', '/cek/'], ['/en/', '/en/check/']] as const) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      const form = /<form[^>]*data-paste[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
      expect(form, path).toMatch(new RegExp(`action="${action}#result"`));
      expect(form, path).toMatch(/method="get"/);
      expect(form, path).toMatch(/<textarea[^>]*name="text"[^>]*maxlength="2000"|<textarea[^>]*maxlength="2000"[^>]*name="text"/);
      expect(form.match(/\sname="/g), path).toHaveLength(1);
    }
  });

  test('on a 360 px phone the box and its button are within the first screen', async () => {
    const page = await open('/');
    const button = await page.getByRole('button', { name: 'Cek pesan' }).boundingBox();
    expect(button!.y + button!.height).toBeLessThan(800);
  });
});

describe('accessibility', () => {
  test('the home page in both languages, with answer cards and a bank choice open, has no violations axe can find', async () => {
    for (const [path, button] of [['/', 'Cek pesan'], ['/en/', 'Check message']] as const) {
      const page = await open(path);
      await paste(page, `${MESSAGE} rek 9876543210`, button);
      await result(page).locator('.answer--ask').waitFor();
      await result(page).locator('.answer__other summary').first().click();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
  });
});
