// Sharing to CekDulu through its one share target, a POST (site/public/manifest.webmanifest),
// in Chromium at 360 px against the real Worker, the built site and the seeded
// sample data (tests/e2e/server.ts). The OS's share is played by a form POST
// navigation to the share action, the request an installed app receives.
// - With the service worker installed (site/src/service-worker/): a picture is
//   kept on the phone, read on /cek/?gambar=1 and its identifiers answered, and
//   no request that reaches the network carries its bytes; a message opens
//   GET /cek/?text=… and its answer.
// - Before it is installed (the first share): the Worker answers the POST
//   (worker/routes/share-target.ts).
import { createServer, request as httpRequest, type Server } from 'node:http';
import { type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const MESSAGE = 'Transfer ke BCA 014 1234567890 a.n. Toko Murah\nKonfirmasi WA 0812-3456-7890';

/** What reached the Worker: every request's method, path and body, as the proxy in front of it saw them. */
interface Received {
  method: string;
  path: string;
  body: Buffer;
}

/**
 * A pass-through proxy in front of the test server that records every request
 * body: the browser talks only to it, so whatever reaches the Worker is here
 * (Chromium's DevTools leave a form's file bytes out of a request's post data).
 */
async function recordingProxy(target: string): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: incoming.method ?? '', path: incoming.url ?? '', body });
      const upstream = httpRequest(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      upstream.on('error', () => outgoing.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, received, server };
}

let server: TestServer;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
  proxy = await recordingProxy(server.url);
});

afterAll(async () => {
  await browser?.close();
  proxy?.server.close();
  await server?.stop();
});

afterEach(async () => {
  await context?.close();
});

/** A page of the site in a fresh context; `installed` waits until the service worker controls the site. */
async function open(path: string, options: { serviceWorkers: 'allow' | 'block'; installed?: boolean }): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 360, height: 800 }, serviceWorkers: options.serviceWorkers });
  const page = await context.newPage();
  await page.goto(`${proxy.url}${path}`);
  if (options.installed) await page.evaluate(async () => void (await (globalThis as any).navigator.serviceWorker.ready));
  return page;
}

/**
 * What the OS does when a picture or message is shared to the installed app: a
 * multipart POST navigation to the share action. `picture`: a PNG drawn in the
 * page (a line of the message in large type: one small picture, so OCR is quick).
 */
async function share(page: Page, fields: { text?: string; picture?: string }): Promise<void> {
  await page.evaluate(async ({ text, picture }) => {
    // In the page: the DOM's own names (this file is typed without the DOM lib).
    const { document, DataTransfer } = globalThis as any;
    const form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.action = '/cek/';
    if (text !== undefined) {
      const field = document.createElement('textarea');
      field.name = 'text';
      field.value = text;
      form.append(field);
    }
    if (picture !== undefined) {
      const canvas = document.createElement('canvas');
      canvas.width = 720;
      canvas.height = 120;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.fillStyle = '#000';
      g.font = '40px sans-serif';
      g.fillText(picture, 24, 74);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b: Blob) => resolve(b), 'image/png'));
      const input = document.createElement('input');
      input.type = 'file';
      input.name = 'gambar';
      const files = new DataTransfer();
      files.items.add(new File([blob], 'tangkapan-layar.png', { type: 'image/png' }));
      input.files = files.files;
      form.append(input);
    }
    form.hidden = true;
    document.body.append(form);
    form.submit();
  }, fields);
}

const headings = (page: Page) => page.locator('#result .result__heading-text').allTextContents();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('with the service worker installed', () => {
  test('a shared picture is read on the phone and its account answered; no request to the Worker carries its bytes', async () => {
    const page = await open('/', { serviceWorkers: 'allow', installed: true });
    const requests: Request[] = [];
    context.on('request', (request) => requests.push(request));
    proxy.received.length = 0;
    await share(page, { picture: 'Transfer ke BCA 014 1234567890' });
    await page.waitForURL((url) => url.pathname === '/cek/');
    // OCR of one small picture: the engine's first download and the reading, on a loaded machine.
    await page.locator('#result .result__heading-text', { hasText: 'rekening BCA 1234567890' }).first().waitFor({ timeout: 90_000 });
    expect(await headings(page)).toContainEqual(expect.stringMatching(/^Dilaporkan: rekening BCA 1234567890 telah dilaporkan/));
    // The page took the picture out of the cache and dropped ?gambar=1 from its address.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(async () => (await (await (globalThis as any).caches.open('cekdulu-shared-picture')).keys()).length)).toBe(0);

    // The share's POST was answered by the service worker, and no request that reached the Worker carried the picture.
    const sharePost = requests.find((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/cek/');
    expect((await sharePost?.response())?.fromServiceWorker()).toBe(true);
    expect(proxy.received.filter((r) => r.body.includes(PNG_SIGNATURE)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(proxy.received.some((r) => r.method === 'POST' && r.path.startsWith('/cek/'))).toBe(false);
    // And the check went to the API as text.
    expect(requests.some((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/check')).toBe(true);
  });

  test('a shared message opens /cek/?text=… with its answer on the first screen, as a GET share does', async () => {
    const page = await open('/', { serviceWorkers: 'allow', installed: true });
    await share(page, { text: MESSAGE });
    // A form sends its line breaks as CRLF; an OS share may send LF. Either is read the same.
    await page.waitForURL((url) => url.pathname === '/cek/' && url.searchParams.get('text')?.replace(/\r\n/g, '\n') === MESSAGE);
    const first = page.locator('#result .result__heading-text').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/^Dilaporkan: rekening BCA 1234567890 telah dilaporkan/);
    expect((await first.boundingBox())!.y).toBeLessThan(800);
  });

  test('it keeps only the hashed build files and the reader engine, never a page or an answer', async () => {
    const page = await open('/', { serviceWorkers: 'allow', installed: true });
    // A page, an answer and an API answer, asked through the controlled page.
    await page.goto(`${proxy.url}/cek/?type=bank&bank=014&value=1234567890`);
    await page.evaluate(async () => void (await fetch('/api/v1/check?type=bank&bank=014&value=1234567890')));
    const kept = await page.evaluate(async () => {
      const caches = (globalThis as any).caches;
      const paths: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) paths.push(`${name} ${new URL(request.url).pathname}`);
      return paths;
    });
    expect(kept.length).toBeGreaterThan(0);
    for (const entry of kept) expect(entry).toMatch(/^cekdulu-static-v1 \/_astro\/|^cekdulu-static-v1 \/ocr\/\d+\.\d+\.\d+\//);
  });
});

describe('before the service worker is installed (the first share)', () => {
  test('a shared message gets the Worker’s 303 to /cek/?text=… and its answer', async () => {
    const page = await open('/', { serviceWorkers: 'block' });
    await share(page, { text: MESSAGE });
    await page.waitForURL((url) => url.searchParams.get('text')?.replace(/\r\n/g, '\n') === MESSAGE);
    expect((await headings(page))[0]).toMatch(/^Dilaporkan: rekening BCA 1234567890 telah dilaporkan/);
  });

  test('a shared picture gets the page saying, in both languages, that pictures are read on the phone', async () => {
    const page = await open('/', { serviceWorkers: 'block' });
    proxy.received.length = 0;
    await share(page, { picture: 'BCA 1234567890' });
    await page.waitForURL((url) => url.pathname === '/cek/');
    await page.locator('[data-shared-picture]').waitFor();
    expect(await headings(page)).toEqual(['Gambar dibaca di HP Anda, tidak dikirim ke kami']);
    expect(await page.locator('[data-shared-picture] [lang="en"]').first().textContent()).toBe('Pictures are read on your phone, never sent to us');
    // Without a service worker the picture did reach the Worker (which dropped it): the proxy sees such bytes when they pass.
    expect(proxy.received.filter((r) => r.body.includes(PNG_SIGNATURE)).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /cek/']);
  });
});
