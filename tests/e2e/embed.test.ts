// The widget on a partner's page: another origin (its own port), a hostile
// stylesheet and a strict CSP of its own that allows only CekDulu's script and
// API. Checked by keyboard, through the script and through the iframe version,
// and the private check with every request recorded.
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../scripts/dev/processes.ts';
import { frameSnippet, scriptSnippet } from '../../site/src/embed/snippets.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let cekdulu: TestServer;
let partner: Server;
let partnerUrl: string;
let browser: Browser;
let context: BrowserContext;

/**
 * What a careless or hostile host stylesheet does to everything it can reach,
 * the <cek-dulu> element itself included (only the page heading and the iframe stay).
 */
const HOSTILE_CSS = `
* { font-size: 2px !important; color: red !important; font-family: serif !important; letter-spacing: 3px !important }
body *:not(h1):not(iframe) { display: none !important }
form, input, select, button, label, p, div, a, h2 { display: none !important; border: 9px dashed red !important }
button { background: red !important; color: red !important; font-size: 40px !important; padding: 90px !important }
`;
/**
 * For every expect.poll: its default gives up after 1 s, and an answer that crosses two origins,
 * a cold Worker and Chromium on CI's shared 2-core machine can take longer. Not a timed test.
 */
const POLL = { timeout: 20_000 };
const SHOTS = 'tests/screenshots';
/** Building the sample snapshot, migrating D1 and starting wrangler dev, on a shared machine under load: not a timed test. */
const SERVER_START_MS = 600_000;
/** The host page's listener exactly as the embed page writes it (served as a file: the partner's CSP forbids inline scripts). */
const HOST_SCRIPT = (origin: string) => /<script>([\s\S]*)<\/script>/.exec(frameSnippet(origin, { lang: 'id' }))![1]!;

/** A release of embed.js under its immutable address (site/build/embed-bundle.ts). */
interface Release {
  path: string;
  integrity: string;
}

/** This build's immutable release of embed.js, as the embed page states it (data-release-*). */
async function currentRelease(): Promise<Release> {
  const embedPage = await (await fetch(`${cekdulu.url}/embed/`)).text();
  return {
    path: /data-release-path="([^"]+)"/.exec(embedPage)![1]!,
    integrity: /data-release-integrity="([^"]+)"/.exec(embedPage)![1]!,
  };
}

/** Partner pages with the pinned release and Subresource Integrity, as the embed page writes it; and the same with a wrong hash. */
function sriPages(origin: string, release: Release): Record<string, [string, string]> {
  return {
    '/sri.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Aman</title></head>
       <body><h1>Toko Aman</h1>${scriptSnippet(origin, { lang: 'id' }, release)}</body></html>`,
    ],
    '/sri-bad.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Aman</title></head>
       <body><h1>Toko Aman</h1>${scriptSnippet(origin, { lang: 'id' }, { ...release, integrity: `sha384-${'A'.repeat(64)}` })}</body></html>`,
    ],
  };
}

function partnerPages(origin: string) {
  const csp = `default-src 'none'; script-src 'self' ${origin}; connect-src ${origin}; style-src 'self'; frame-src ${origin}; img-src 'self'`;
  // [content type, body, the page's own CSP if not the one above]
  const pages: Record<string, [string, string, string?]> = {
    '/shop.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Jujur</title><link rel="stylesheet" href="/hostile.css"></head>
       <body><h1>Toko Jujur</h1><script src="${origin}/embed.js" async></script><cek-dulu lang="id" mode="fields" partner="toko-jujur"></cek-dulu></body></html>`,
    ],
    // The default since the box: no mode, no type.
    '/box.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Jujur</title><link rel="stylesheet" href="/hostile.css"></head>
       <body><h1>Toko Jujur</h1><script src="${origin}/embed.js" async></script><cek-dulu lang="id" partner="toko-jujur"></cek-dulu></body></html>`,
    ],
    // An embed pasted before the box existed: a type, no mode.
    '/legacy.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Lama</title></head>
       <body><h1>Toko Lama</h1><script src="${origin}/embed.js" async></script><cek-dulu lang="id" type="bank"></cek-dulu></body></html>`,
    ],
    '/frame.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Tanpa Skrip</title><link rel="stylesheet" href="/hostile.css"></head>
       <body><iframe id="frame" title="CekDulu" src="${origin}/embed/frame/?lang=id&mode=fields&partner=toko-jujur" height="150" width="400"></iframe>
       <script src="/host.js"></script></body></html>`,
    ],
    '/shop-en.html': [
      'text/html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Honest Shop</title><link rel="stylesheet" href="/hostile.css"></head>
       <body><h1>Honest Shop</h1><cek-dulu lang="en" type="ewallet" theme="dark"></cek-dulu><script src="${origin}/embed.js" async></script></body></html>`,
    ],
    // A partner whose CSP allows embed.js alone, by its full address: the private check's module is blocked.
    '/shop-pinned.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Ketat</title></head>
       <body><h1>Toko Ketat</h1><script src="${origin}/embed.js" async></script><cek-dulu lang="id" mode="fields"></cek-dulu></body></html>`,
      `default-src 'none'; script-src ${origin}/embed.js; connect-src ${origin}`,
    ],
    // The box on a page whose CSP allows embed.js alone: the bank question's module is blocked.
    '/box-pinned.html': [
      'text/html',
      `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Ketat</title></head>
       <body><h1>Toko Ketat</h1><script src="${origin}/embed.js" async></script><cek-dulu lang="id"></cek-dulu></body></html>`,
      `default-src 'none'; script-src ${origin}/embed.js; connect-src ${origin}`,
    ],
    '/hostile.css': ['text/css', HOSTILE_CSS],
    '/host.js': ['text/javascript', HOST_SCRIPT(origin)],
  };
  return createServer(async (req, res) => {
    // The SRI pages from the release the embed page states now (the build it serves may be newer than this server).
    if (req.url?.startsWith('/sri')) Object.assign(pages, sriPages(origin, await currentRelease()));
    const page = pages[req.url ?? ''];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': page[0], 'Content-Security-Policy': page[2] ?? csp }).end(page[1]);
  });
}

beforeAll(async () => {
  [cekdulu, browser] = await Promise.all([
    startServer(),
    launchChromium(),
  ]);
  const port = await freePort();
  partner = partnerPages(cekdulu.url);
  await new Promise<void>((resolve) => partner.listen(port, '127.0.0.1', resolve));
  partnerUrl = `http://127.0.0.1:${port}`;
}, SERVER_START_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => partner?.close(resolve));
  await cekdulu?.stop();
}, SERVER_START_MS);

afterEach(async () => {
  await context?.close();
});

async function shop(): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused/i.test(m.text())) problems.push(m.text());
  });
  await page.goto(`${partnerUrl}/shop.html`);
  await page.getByLabel('Nomor atau akun').waitFor();
  return { page, requests, problems };
}

const status = (page: Page) => page.getByRole('status');

describe('<cek-dulu> on a partner page with a hostile stylesheet and a strict CSP', () => {
  test('keeps its own look: the host CSS does not reach inside', async () => {
    const { page, problems } = await shop();
    const input = page.getByLabel('Nomor atau akun');
    expect(await input.isVisible()).toBe(true);
    // Runs in the page; this file is type-checked without the DOM's types, hence globalThis.
    const fontSize = await input.evaluate((el) => (globalThis as any).getComputedStyle(el).fontSize as string);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(14);
    expect(await page.getByRole('button', { name: 'Cek sekarang' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  test('a buyer checks a reported account by keyboard and sees the answer with a link to the full result', async () => {
    const { page, requests, problems } = await shop();
    await page.getByLabel('Apa yang dicek?').focus();
    await page.keyboard.press('Tab'); // the bank search: typing picks the best match in the list below it
    await page.keyboard.type('BCA');
    expect(await page.getByLabel('Bank', { exact: true }).inputValue()).toBe('014');
    await page.keyboard.press('Tab'); // the list
    await page.keyboard.press('Tab');
    await page.keyboard.type('123-456-7890');
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali/);
    const full = status(page).getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' });
    expect(await full.getAttribute('href')).toBe(`${cekdulu.url}/cek/?type=bank&bank=014&value=123-456-7890`);
    const guides = status(page).getByRole('link', { name: 'Panduan agar tidak tertipu' });
    expect(await guides.getAttribute('href')).toBe(`${cekdulu.url}/panduan/`);

    const api = requests.filter((url) => url.includes('/api/v1/check'));
    expect(api).toHaveLength(1);
    expect(new URL(api[0]!).searchParams.get('partner')).toBe('toko-jujur');
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(problems).toEqual([]);
  });

  test('an unreported account says so, with the reminder that this proves nothing', async () => {
    const { page } = await shop();
    await page.getByLabel('Apa yang dicek?').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mandiri'); // Mandiri by name before BSI, found by its old name "Bank Syariah Mandiri"
    expect(await page.getByLabel('Bank', { exact: true }).inputValue()).toBe('008');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1300012345678');
    await page.keyboard.press('Tab'); // the private check box, left unticked
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the button
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Belum ada laporan terverifikasi untuk rekening Mandiri 1300012345678/);
    expect(await status(page).textContent()).toMatch(/bukan bukti penjual jujur/);
    const full = status(page).getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' });
    expect(await full.getAttribute('href')).toBe(`${cekdulu.url}/cek/?type=bank&bank=008&value=1300012345678`);
  });

  test('a private check sends no identifier: the module loads on first use, and only a 5-hex-digit prefix goes to the range API', async () => {
    const { page, requests, problems } = await shop();
    // Everything each request carries: method, address, headers and body.
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`));
    expect(requests.filter((url) => url.endsWith('/private.js'))).toEqual([]); // nothing loaded before it is asked for

    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByLabel('Nomor atau akun').fill('123-456-7890');
    await page.getByRole('checkbox', { name: 'Cek secara privat' }).check();
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali/);
    expect(await status(page).textContent()).toContain('Cek privat');
    // No link to the full result (its address would carry the identifier); the guides are there.
    expect(await status(page).getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' }).count()).toBe(0);
    expect(await status(page).getByRole('link', { name: 'Panduan agar tidak tertipu' }).getAttribute('href')).toBe(`${cekdulu.url}/panduan/`);

    await page.getByLabel('Bank', { exact: true }).selectOption('008');
    await page.getByLabel('Nomor atau akun').fill('1300012345678');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Belum ada laporan terverifikasi untuk rekening Mandiri 1300012345678/);
    expect(await status(page).textContent()).toMatch(/bukan bukti penjual jujur/);

    const prefix = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 5);
    const api = requests.filter((url) => url.includes('/api/'));
    expect(api).toEqual([`${cekdulu.url}/api/v1/range/${prefix('bank:014:1234567890')}`, `${cekdulu.url}/api/v1/range/${prefix('bank:008:1300012345678')}`]);
    // Once, then cached; from this release's pinned address, never the moving /embed/private.js.
    expect(requests.filter((url) => url.endsWith('/private.js'))).toEqual([expect.stringMatching(new RegExp(`^${cekdulu.url}/embed/v/[0-9a-f]{16}/private\\.js$`))]);
    expect(sent.join('\n')).not.toMatch(/1234567890|123-456-7890|1300012345678|toko-jujur/);
    expect(problems).toEqual([]);
  });

  test('a partner CSP that blocks the private check module gets "could not check", never "not reported"', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const refused: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => void (/Content Security Policy/.test(m.text()) && refused.push(m.text())));
    await page.goto(`${partnerUrl}/shop-pinned.html`);
    await page.getByLabel('Bank', { exact: true }).selectOption('008');
    await page.getByLabel('Nomor atau akun').fill('1300012345678');
    await page.getByRole('checkbox', { name: 'Cek secara privat' }).check();
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Belum bisa memeriksa.*CekDulu tidak dapat dihubungi/);
    expect(await status(page).textContent()).not.toMatch(/Belum ada laporan/);
    expect(await page.getByRole('button', { name: 'Cek sekarang' }).isDisabled()).toBe(false);
    expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
    expect(refused.join('\n')).toMatch(/\/embed\/v\/[0-9a-f]{16}\/private\.js/); // blocked by the page's CSP, not by anything else
  });

  test('markup typed into the widget, or sent back by the API, is shown as text: no element is made from it, no script runs', async () => {
    const { page, problems } = await shop();
    const XSS = '<img src=x onerror=alert(1)>';
    const images = () =>
      page.evaluate("document.querySelectorAll('img').length + document.querySelector('cek-dulu').shadowRoot.querySelectorAll('img').length");
    await page.getByLabel('Apa yang dicek?').selectOption('instagram');
    await page.getByLabel('Nomor atau akun').fill(XSS);
    await page.getByLabel('Nomor atau akun').press('Enter');
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Nama pengguna Instagram tidak valid/);
    expect(await images()).toBe(0);

    // An API that echoed markup (a bug, or a man in the middle) is still only text.
    await context.route(`${cekdulu.url}/api/v1/check?**`, (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          status: 'not_reported',
          query: { type: 'instagram', value: XSS },
          matches: [],
          snapshot: { version: 'x', generatedAt: '2026-11-28T02:00:00.000Z' },
        }),
      }),
    );
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toContain(`akun Instagram @${XSS}`);
    expect(await images()).toBe(0);
    expect(problems).toEqual([]);
  });

  test('while it waits it says so; rate limits and a dead network get a clear answer, not a silent failure', async () => {
    const { page } = await shop();
    const cors = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(`${cekdulu.url}/api/v1/check?**`, async (route) => {
      await held;
      await route.fulfill({
        status: 429,
        headers: { ...cors, 'Retry-After': '60' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Terlalu banyak permintaan. Tunggu sebentar.' } }),
      });
    });
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByLabel('Nomor atau akun').fill('1234567890');
    await page.getByLabel('Nomor atau akun').press('Enter');
    const button = page.getByRole('button', { name: 'Memeriksa…' });
    await button.waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await status(page).getAttribute('aria-busy')).toBe('true');
    release();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Belum bisa memeriksa.*Terlalu banyak permintaan.*Coba lagi dalam beberapa menit/);

    await context.unroute(`${cekdulu.url}/api/v1/check?**`);
    await context.route(`${cekdulu.url}/api/v1/check?**`, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Cek sekarang' }).press('Enter');
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/CekDulu tidak dapat dihubungi/);
    expect(await status(page).getByRole('link').count()).toBe(0);
  });

  test('a partner id that is not [a-z0-9-]{1,40} is never sent, and the console says why', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${partnerUrl}/shop.html`);
    await page.locator('cek-dulu').evaluate((el) => (el as unknown as { setAttribute(n: string, v: string): void }).setAttribute('partner', 'Toko Jujur <b>'));
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByLabel('Nomor atau akun').fill('1234567890');
    await page.getByLabel('Nomor atau akun').press('Enter');
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Dilaporkan/);
    const api = requests.filter((url) => url.includes('/api/v1/check'));
    expect(api.map((url) => new URL(url).searchParams.has('partner'))).toEqual([false]);
    expect(warnings.join('\n')).toMatch(/^\[cek-dulu\] partner=/m);
  });

  test('the bank list puts the popular banks first and finds a bank by name, code or alias (jenius, blu, jago)', async () => {
    const { page } = await shop();
    const bank = page.getByLabel('Bank', { exact: true });
    const search = page.getByLabel('Cari bank (nama atau aplikasi)');
    const groups = () => bank.evaluate((el) => [...(el as any).querySelectorAll('optgroup')].map((g: any) => [g.label, [...g.children].map((o: any) => o.textContent)]));
    const [popular, all] = (await groups()) as [string, string[]][];
    expect(popular![0]).toBe('Bank populer');
    expect(popular![1].slice(0, 5)).toEqual(['BCA', 'BRI', 'Mandiri', 'BNI', 'BSI']);
    expect(all![0]).toBe('Semua bank (A–Z)');
    expect(all![1]).toHaveLength(92);
    for (const [typed, code, shown] of [
      ['jenius', '213', ['SMBC Indonesia']],
      ['blu', '501', ['blu by BCA']],
      ['Bank Jago', '542', ['Jago']],
      ['livin', '008', ['Mandiri']],
      ['bni 46', '009', ['BNI']],
    ] as const) {
      await search.fill(typed);
      expect(await bank.inputValue(), typed).toBe(code);
      // While searching, only the matches, once each (the popular group is set aside).
      expect(await groups(), typed).toEqual([['Semua bank (A–Z)', shown]]);
    }
    await search.fill('');
    expect(((await groups()) as [string, string[]][]).map(([label, options]) => [label, options.length])).toEqual([['Bank populer', 11], ['Semua bank (A–Z)', 92]]);
    // Enter in the search goes to the list; it does not submit.
    await search.fill('seabank');
    await search.press('Enter');
    expect(await bank.evaluate((el) => el === (el.getRootNode() as any).activeElement)).toBe(true);
    expect(await status(page).textContent()).toBe('');
  });

  test('a reported answer is as unmistakable as on the site: icon apart from the words, bold heading and advice, a thick red frame', async () => {
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${partnerUrl}/legacy.html`);
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByLabel('Nomor atau akun').fill('1234567890');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Dilaporkan: rekening BCA 1234567890/);
    const look = await page.locator('cek-dulu').evaluate((host) => {
      const root = (host as any).shadowRoot;
      const style = (el: any) => (globalThis as any).getComputedStyle(el);
      const box = root.querySelector('.result--reported');
      const icon = root.querySelector('.result--reported .result__icon');
      const words = root.querySelector('.result--reported .result__heading-text');
      const advice = root.querySelector('.result--reported .result__line');
      return {
        icon: icon.textContent,
        iconHidden: icon.getAttribute('aria-hidden'),
        gap: words.getBoundingClientRect().left - icon.getBoundingClientRect().right,
        heading: words.textContent,
        headingWeight: Number(style(words).fontWeight),
        advice: advice.textContent,
        adviceWeight: Number(style(advice).fontWeight),
        border: [style(box).borderTopWidth, style(box).borderLeftWidth, style(box).borderTopColor],
        about: root.querySelector('.result--reported .result__about-link').href,
      };
    });
    // How listing works is on CekDulu, not on the partner's site.
    expect(look.about).toBe(`${cekdulu.url}/cara-kerja/`);
    expect(look.icon).toBe('⚠\uFE0E');
    expect(look.iconHidden).toBe('true'); // the words say it for screen readers
    expect(look.gap).toBeGreaterThanOrEqual(4); // "⚠︎ Dilaporkan", not "⚠︎Dilaporkan"
    expect(look.heading).toMatch(/^Dilaporkan: /);
    expect(look.headingWeight).toBeGreaterThanOrEqual(700);
    expect(look.advice).toMatch(/^Jangan transfer uang ke sini/);
    expect(look.adviceWeight).toBeGreaterThanOrEqual(700);
    expect(look.border).toEqual(['6px', '6px', 'rgb(212, 53, 28)']);
    await mkdir('tests/screenshots', { recursive: true });
    await writeFile('tests/screenshots/widget-reported-360.png', await page.locator('cek-dulu').screenshot());
  });

  test('an account whose owner contests the listing is still reported, and the answer says in words that it is contested', async () => {
    const { page } = await shop();
    await context.route(`${cekdulu.url}/api/v1/check?**`, (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          status: 'reported',
          query: { type: 'bank', bank: '014', value: '5559990001' },
          matches: [
            { type: 'bank', bank: '014', value: '5559990001', count: 2, categories: { online_shopping: 2 }, firstReportedAt: '2026-10-01T00:00:00.000Z', lastReportedAt: '2026-11-01T00:00:00.000Z', totalLossIdr: 0, disputed: true },
          ],
          snapshot: { version: 'x', generatedAt: '2026-11-28T02:00:00.000Z' },
        }),
      }),
    );
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByLabel('Nomor atau akun').fill('5559990001');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Dilaporkan: rekening BCA 5559990001 telah dilaporkan 2 kali/);
    const text = await status(page).textContent();
    expect(text).toMatch(/Pemilik akun ini menyanggah laporannya/);
    expect(text).toMatch(/Sanggahan pemilik\s*Sedang diperiksa/);
    expect(await page.locator('cek-dulu').evaluate((el) => (el as any).shadowRoot.querySelectorAll('.result--reported').length)).toBe(1);
  });

  test('has no accessibility violations axe can find inside the widget, before and after an answer', async () => {
    const { page } = await shop();
    const before = await new AxeBuilder({ page }).include('cek-dulu').analyze();
    expect(before.violations.map((v) => v.id)).toEqual([]);
    await page.getByLabel('Nomor atau akun').fill('1234567890');
    await page.getByLabel('Bank', { exact: true }).selectOption('014');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Dilaporkan/);
    const after = await new AxeBuilder({ page }).include('cek-dulu').analyze();
    expect(after.violations.map((v) => v.id)).toEqual([]);
  });
});

const BOX = 'Tempel pesan penjual, nomor rekening, nomor HP atau link akun';
/** A seller's message naming the sample's reported BCA account and phone, in that order. */
const SELLER_MESSAGE = 'Halo kak, stok ready! Transfer ke BCA 014 1234567890 a.n. Toko Murah ya.\nKonfirmasi ke WA 0812-3456-7890, makasih';

describe('<cek-dulu> with the box (the default, mode="box")', () => {
  test('a pasted message gets one answer per identifier, in its order, each saying what was read; sent by POST with CORS', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => void (/Content Security Policy|Refused|CORS/i.test(m.text()) && problems.push(m.text())));
    const calls: { method: string; url: string; origin?: string; body: string | null; allowOrigin?: string }[] = [];
    page.on('response', async (r) => {
      const req = r.request();
      if (!req.url().includes('/api/')) return;
      const origin = (await req.headerValue('origin')) ?? undefined; // all headers, not only the provisional ones
      calls.push({ method: req.method(), url: req.url(), origin, body: req.postData(), allowOrigin: r.headers()['access-control-allow-origin'] });
    });
    await page.goto(`${partnerUrl}/box.html`);
    await page.getByLabel(BOX).fill(SELLER_MESSAGE);
    expect(await page.getByLabel('Apa yang dicek?').count()).toBe(0); // no fields in box mode
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    const headings = () => status(page).getByRole('heading', { level: 2 }).allTextContents();
    await expect.poll(headings, POLL).toHaveLength(2);
    const [bank, phone] = await headings();
    expect(bank).toMatch(/Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali/);
    expect(phone).toMatch(/Dilaporkan: nomor 0812-3456-7890 telah dilaporkan \d+ kali/);
    // Each answer links to its own full result; the guides once, after the last.
    const full = await status(page).getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' }).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(full).toEqual([`${cekdulu.url}/cek/?type=bank&value=1234567890&bank=014`, `${cekdulu.url}/cek/?type=phone&value=%2B6281234567890`]);
    expect(await status(page).getByRole('link', { name: 'Panduan agar tidak tertipu' }).count()).toBe(1);

    await expect.poll(() => calls.length, POLL).toBe(1);
    const [call] = calls;
    expect(call!.method).toBe('POST');
    expect(new URL(call!.url).pathname).toBe('/api/v1/check');
    expect(new URL(call!.url).searchParams.get('partner')).toBe('toko-jujur');
    expect(JSON.parse(call!.body!)).toEqual({ text: SELLER_MESSAGE });
    expect(call!.origin).toBe(partnerUrl); // a cross-origin request, allowed by the API's CORS
    expect([partnerUrl, '*']).toContain(call!.allowOrigin);
    expect(problems).toEqual([]);
  });

  test('digits with no bank named are listed as not checked, with the API\'s question; a message with nothing to check says so', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${partnerUrl}/box.html`);
    await page.getByLabel(BOX).fill('transfer ke 9876543210 ya kak');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Terbaca: tidak ada nomor atau akun yang bisa dicek.*Tidak bisa dicek:.*9876543210 — Nomor ini rekening bank apa\?/);
    expect(await status(page).getByRole('link').count()).toBe(0);
    await page.getByLabel(BOX).fill('barang ready kak, dikirim besok');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Isian belum benar.*Tidak ada nomor rekening/);
    const { violations } = await new AxeBuilder({ page }).include('cek-dulu').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  test('at 360 px, digits with no bank named are asked their bank in place: a bank that cannot hold them says why and asks again, the right one answers, the partner kept', async () => {
    context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => void (/Content Security Policy|Refused|CORS|Error/i.test(m.text()) && problems.push(m.text())));
    await page.goto(`${partnerUrl}/box.html`);
    await page.getByLabel(BOX).fill('ke rekening 5550001112 aja kak');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    const ask = page.locator('cek-dulu form:has(select[required])');
    await ask.waitFor(POLL);
    expect(await ask.textContent()).toContain('5550001112: Nomor ini rekening bank apa?');
    // The module came from this release's pinned address on CekDulu, once, and only now.
    expect(requests.filter((url) => url.endsWith('/bank.js'))).toEqual([expect.stringMatching(new RegExp(`^${cekdulu.url}/embed/v/[0-9a-f]{16}/bank\\.js$`))]);
    const bank = ask.getByLabel('Bank', { exact: true });
    // Popular banks first, as in the widget's fields.
    expect(await bank.locator('optgroup').first().locator('option').first().textContent()).toBe('BCA');
    await writeFile(`${SHOTS}/widget-bank-question-360.png`, await page.locator('cek-dulu').screenshot());

    // Mandiri accounts have 13 digits: the error says so, and the question stays to choose again.
    await bank.selectOption('008');
    await ask.getByRole('button', { name: 'Cek rekening ini' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Isian belum benar.*Mandiri terdiri dari 13 angka.*Pilih bank lain, lalu tekan “Cek rekening ini” lagi\./);
    expect(await status(page).textContent()).not.toContain('Cek sekarang” lagi');
    expect(await ask.isVisible()).toBe(true);
    await bank.selectOption('014');
    await ask.getByRole('button', { name: 'Cek rekening ini' }).click();
    const headings = () => status(page).locator('.result__heading-text').allTextContents();
    await expect.poll(headings, POLL).toEqual(['Belum ada laporan terverifikasi untuk rekening BCA 5550001112']);
    expect(await ask.count()).toBe(0);
    // The answer leads on to its full result on CekDulu, like every answer of the widget, and has the focus.
    expect(await status(page).getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' }).getAttribute('href')).toBe(`${cekdulu.url}/cek/?type=bank&bank=014&value=5550001112`);
    expect(await page.locator('cek-dulu').evaluate((el) => el.shadowRoot?.activeElement?.className)).toMatch(/^result /);
    const lookups = requests.filter((url) => url.includes('/api/v1/check?') && url.includes('type=bank')).map((url) => Object.fromEntries(new URL(url).searchParams));
    expect(lookups).toEqual([
      { partner: 'toko-jujur', type: 'bank', bank: '008', value: '5550001112' },
      { partner: 'toko-jujur', type: 'bank', bank: '014', value: '5550001112' },
    ]);
    // Nothing wider than the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await writeFile(`${SHOTS}/widget-bank-answered-360.png`, await page.locator('cek-dulu').screenshot());
    expect(problems).toEqual([]);
    const { violations } = await new AxeBuilder({ page }).include('cek-dulu').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  test('a partner CSP that blocks the bank question\'s module still lists the digits and their question, and answers the rest', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${partnerUrl}/box-pinned.html`);
    await page.getByLabel(BOX).fill('ke rekening 5550001112 aja kak, WA 0812-3456-7890');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Tidak bisa dicek:.*5550001112 — Nomor ini rekening bank apa\?.*Dilaporkan: nomor 0812-3456-7890/);
    expect(await page.getByRole('button', { name: 'Cek sekarang' }).isDisabled()).toBe(false);
  });

  test('mode="fields" shows the fields; an unknown mode falls back to the box; an embed with type= and no mode keeps the fields', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${partnerUrl}/box.html`);
    await page.getByLabel(BOX).waitFor();
    const setMode = (mode: string) => page.locator('cek-dulu').evaluate((el, m) => (el as unknown as { setAttribute(n: string, v: string): void }).setAttribute('mode', m), mode);
    await setMode('fields');
    await page.getByLabel('Nomor atau akun').waitFor();
    expect(await page.getByLabel('Apa yang dicek?').inputValue()).toBe('bank');
    expect(await page.getByLabel(BOX).count()).toBe(0);
    await setMode('kotak');
    await page.getByLabel(BOX).waitFor();
    expect(await page.getByLabel('Nomor atau akun').count()).toBe(0);

    await page.goto(`${partnerUrl}/legacy.html`);
    await page.getByLabel('Nomor atau akun').waitFor();
    expect(await page.getByLabel('Apa yang dicek?').inputValue()).toBe('bank');
    expect(await page.getByRole('checkbox', { name: 'Cek secara privat' }).isVisible()).toBe(true);
    expect(await page.getByLabel(BOX).count()).toBe(0);
  });
});

describe('<cek-dulu lang="en" type="ewallet" theme="dark">', () => {
  test('starts on the e-wallet fields, in English and dark, answers in English, and stays accessible', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${partnerUrl}/shop-en.html`);
    await page.getByLabel('Number or account').waitFor();
    expect(await page.getByLabel('What do you want to check?').inputValue()).toBe('ewallet');
    expect(await page.getByLabel('E-wallet', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel('Bank', { exact: true }).isVisible()).toBe(false);
    const background = await page.locator('cek-dulu').evaluate(
      (el) => (globalThis as any).getComputedStyle((el as any).shadowRoot.querySelector('.w')).backgroundColor as string,
    );
    expect(background).toBe('rgb(27, 31, 35)');
    await page.getByLabel('E-wallet', { exact: true }).selectOption('dana');
    await page.getByLabel('Number or account').fill('0857-1111-2222');
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/Reported: DANA account 0857-1111-2222 has been reported/);
    expect(await status(page).getByRole('link', { name: 'See the full result on CekDulu' }).getAttribute('href')).toBe(
      `${cekdulu.url}/en/check/?type=ewallet&provider=dana&value=0857-1111-2222`,
    );
    const { violations } = await new AxeBuilder({ page }).include('cek-dulu').analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  });
});

describe('the iframe version', () => {
  test('resizes its frame through postMessage and answers inside it', async () => {
    context = await browser.newContext({ viewport: { width: 500, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${partnerUrl}/frame.html`);
    const frameHeight = () => page.locator('#frame').evaluate((el) => Number((el as unknown as { height: string }).height));
    await expect.poll(frameHeight, POLL).toBeGreaterThan(300);
    const first = await frameHeight();

    const frame = page.frameLocator('#frame');
    await frame.getByLabel('Bank', { exact: true }).selectOption('014');
    await frame.getByLabel('Nomor atau akun').fill('1234567890');
    await frame.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => frame.getByRole('status').textContent(), POLL).toMatch(/telah dilaporkan 5 kali/);
    await expect.poll(frameHeight, POLL).toBeGreaterThan(first);
  });

  test('offers the private check too: an e-wallet number (read by libphonenumber) found without sending it', async () => {
    context = await browser.newContext({ viewport: { width: 500, height: 900 } });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`));
    await page.goto(`${partnerUrl}/frame.html`);
    const frame = page.frameLocator('#frame');
    await frame.getByLabel('Apa yang dicek?').selectOption('ewallet');
    await frame.getByLabel('Dompet digital', { exact: true }).selectOption('dana');
    await frame.getByLabel('Nomor atau akun').fill('0857-1111-2222');
    await frame.getByRole('checkbox', { name: 'Cek secara privat' }).check();
    await frame.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => frame.getByRole('status').textContent(), POLL).toMatch(/Dilaporkan: akun DANA 0857-1111-2222 telah dilaporkan 4 kali/);
    const api = sent.map((line) => line.split(' ')[0]!).filter((url) => url.includes('/api/'));
    expect(api).toHaveLength(1);
    expect(api[0]).toMatch(/\/api\/v1\/range\/[0-9a-f]{5}$/);
    expect(sent.join('\n')).not.toMatch(/0857-?1111-?2222|85711112222/);
  });

  test('without JavaScript the iframe is a plain form: a lookup submitted in it is answered by the Worker, in the frame', async () => {
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 500, height: 900 } });
    const page = await context.newPage();
    page.setDefaultNavigationTimeout(120_000); // two pages the Worker fills in, on a shared machine
    await page.goto(`${partnerUrl}/frame.html`);
    const frame = page.frameLocator('#frame');
    await frame.getByLabel('Bank', { exact: true }).selectOption('014');
    await frame.getByLabel('Nomor atau akun').fill('123-456-7890');
    await frame.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => frame.getByRole('status').textContent(), POLL).toMatch(/Dilaporkan: rekening BCA 1234567890 telah dilaporkan 5 kali/);
    expect(await frame.getByRole('status').textContent()).toMatch(/Jangan transfer uang ke sini/);
    // The form keeps what was asked, and the partner id for the next lookup.
    expect(await frame.getByLabel('Nomor atau akun').inputValue()).toBe('123-456-7890');
    expect(await frame.getByLabel('Bank', { exact: true }).inputValue()).toBe('014');
    const inner = page.frames().find((f) => f.url().includes('/embed/frame/'))!;
    expect(new URL(inner.url()).searchParams.get('partner')).toBe('toko-jujur');
    // Both forms (the message box and the fields) carry it.
    for (const n of [0, 1]) expect(await inner.locator('input[name="partner"]').nth(n).inputValue()).toBe('toko-jujur');
    const full = frame.getByRole('status').getByRole('link', { name: 'Lihat hasil lengkap di CekDulu' });
    expect(await full.getAttribute('href')).toBe('/cek/?type=bank&bank=014&value=123-456-7890');
    // The answered page may still be framed.
    const res = await fetch(inner.url());
    expect(res.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(res.headers.get('Cache-Control')).toBe('no-store');

    // In English, from the query's lang, and an unreported account with the reminder.
    await page.goto(`${cekdulu.url}/embed/frame/?lang=en`);
    await page.getByLabel('What do you want to check?').selectOption('ewallet');
    await page.getByLabel('E-wallet', { exact: true }).selectOption('ovo');
    await page.getByLabel('Number or account').fill('0813-0000-0000');
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/No verified reports for OVO account 0813-0000-0000/);
    expect(await page.getByRole('status').textContent()).toMatch(/does not prove a seller is honest/);
    expect(new URL(page.url()).pathname).toBe('/en/embed/frame/');
  });

  test('only the iframe page may be framed; the rest of the site forbids it', async () => {
    const framed = await fetch(`${cekdulu.url}/embed/frame/?lang=id`);
    expect(framed.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(framed.headers.get('X-Frame-Options')).toBeNull();
    for (const path of ['/', '/embed/', '/cek/?type=phone&value=081234567890']) {
      const res = await fetch(`${cekdulu.url}${path}`);
      expect(res.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
      await res.body?.cancel();
    }
  });
});

describe('the embed page', () => {
  test('the snippet and the live preview follow the options', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${cekdulu.url}/en/embed/`);
    const snippet = page.locator('[data-snippet="script"]');
    expect(await snippet.textContent()).toBe(`<script src="${cekdulu.url}/embed.js" async></script>\n<cek-dulu lang="en"></cek-dulu>`);
    await page.getByLabel('Kind chosen at first').selectOption('phone');
    await page.getByLabel('Look').selectOption('dark');
    await page.getByLabel('Partner id (optional)').fill('toko-jujur');
    expect(await snippet.textContent()).toBe(
      `<script src="${cekdulu.url}/embed.js" async></script>\n<cek-dulu lang="en" type="phone" theme="dark" partner="toko-jujur"></cek-dulu>`,
    );
    const preview = page.locator('[data-embed-preview] cek-dulu');
    expect(await preview.getAttribute('theme')).toBe('dark');
    expect(await page.locator('[data-embed-preview]').getByLabel('What do you want to check?').inputValue()).toBe('phone');
    expect(await page.locator('[data-snippet="frame"]').textContent()).toContain('/embed/frame/?lang=en&type=phone&theme=dark&partner=toko-jujur');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('without JavaScript the default snippets are shown as text', async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${cekdulu.url}/embed/`);
    expect(await page.locator('[data-snippet="script"]').textContent()).toContain('<cek-dulu lang="id"></cek-dulu>');
    expect(await page.locator('[data-snippet="frame"]').textContent()).toContain('/embed/frame/?lang=id');
  });
  test('a partner id the code cannot carry is said so beside the field, and left out of the code', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${cekdulu.url}/embed/`);
    const field = page.getByLabel('ID mitra (opsional)');
    const error = page.locator('#embed-partner-error');
    expect(await error.isVisible()).toBe(false);
    await field.fill('Toko Jujur');
    // The pattern compiles (with the v flag browsers use) and rejects the id: the field says what is wrong.
    expect(await field.evaluate((el) => (el as any).validity.patternMismatch)).toBe(true);
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/hanya huruf kecil a–z, angka 0–9 dan tanda hubung/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('embed-partner-error');
    expect(await page.locator('[data-snippet="script"]').textContent()).not.toContain('partner');
    await field.fill('toko-jujur');
    expect(await error.isVisible()).toBe(false);
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('[data-snippet="script"]').textContent()).toContain('partner="toko-jujur"');
  });

  test('the copy buttons look like buttons that work: not the pale secondary style', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${cekdulu.url}/embed/`);
    const copy = page.getByRole('button', { name: 'Salin kode' }).first();
    expect(await page.getByRole('button', { name: 'Salin kode' }).count()).toBe(3);
    const look = await copy.evaluate((el) => {
      const style = (globalThis as any).getComputedStyle(el);
      return [style.backgroundColor, style.color, style.opacity];
    });
    expect(look).toEqual(['rgb(0, 112, 60)', 'rgb(255, 255, 255)', '1']);
  });

  test('the SRI snippet pins this release: its integrity is the sha384 of the file served, cached for good, open to CORS', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${cekdulu.url}/embed/`);
    const code = (await page.locator('[data-snippet="sri"]').textContent())!;
    const [, src, integrity] = /<script src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous" async><\/script>/.exec(code)!;
    expect(src).toMatch(new RegExp(`^${cekdulu.url}/embed/v/[0-9a-f]{16}/embed\\.js$`));
    const res = await fetch(src!);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(integrity).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    // The same widget as the moving /embed.js of this build.
    expect(bytes.equals(Buffer.from(await (await fetch(`${cekdulu.url}/embed.js`)).arrayBuffer()))).toBe(true);
    // The two modules it can import are pinned too: one folder named by the SHA-384 of both, cached for good, open to CORS.
    const paths = [...bytes.toString('utf8').matchAll(/"(\/embed\/[^"]*\.js)"/g)].map((m) => m[1]!).sort();
    expect(paths).toEqual([expect.stringMatching(/^\/embed\/v\/[0-9a-f]{16}\/bank\.js$/), expect.stringMatching(/^\/embed\/v\/[0-9a-f]{16}\/private\.js$/)]);
    const modules: string[] = [];
    for (const path of paths.reverse()) {
      const pinned = await fetch(`${cekdulu.url}${path}`);
      expect(pinned.status).toBe(200);
      expect(pinned.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(pinned.headers.get('Access-Control-Allow-Origin')).toBe('*');
      modules.push(await pinned.text());
    }
    // private.js then bank.js, each length-prefixed (site/build/embed-bundle.ts moduleReleases).
    const folder = createHash('sha384').update(modules.map((m) => `${m.length}\n${m}`).join('')).digest('hex').slice(0, 16);
    expect(paths.map((path) => path.split('/')[3])).toEqual([folder, folder]);
    // The options follow into it too.
    await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
    expect(await page.locator('[data-snippet="sri"]').textContent()).toContain('<cek-dulu lang="en"></cek-dulu>');
  });

  test('on a partner page the SRI snippet loads and works; a wrong hash is refused by the browser', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    // Refusals (integrity, CSP); not Chromium's "Failed to load resource" for the partner's missing favicon.
    page.on('console', (m) => void (/integrity|Content Security Policy|Refused/i.test(m.text()) && problems.push(m.text())));
    page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.url()} ${r.status()}`)));
    await page.goto(`${partnerUrl}/sri.html`);
    // The widget appears, and nothing was refused on the way (the problems say why if not).
    await expect.poll(async () => [await page.getByLabel(BOX).count(), problems], POLL).toEqual([1, []]);
    await page.getByLabel(BOX).fill('transfer ke BCA 1234567890 ya kak');
    await page.getByRole('button', { name: 'Cek sekarang' }).click();
    await expect.poll(() => status(page).textContent(), POLL).toMatch(/telah dilaporkan 5 kali/);
    expect(problems).toEqual([]);

    await page.goto(`${partnerUrl}/sri-bad.html`);
    await expect.poll(() => problems.join('\n'), POLL).toMatch(/integrity/);
    expect(await page.evaluate("customElements.get('cek-dulu') === undefined")).toBe(true);
  });
});
