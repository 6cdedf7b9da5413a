// npm run bench -- picture [--rounds N] [--rate R] [--no-build]: the paste box
// reading a picture in Chromium, as a phone would. A 1080×2400 chat screenshot
// (360 px wide at device scale 3) is rendered here from a chat with the
// README's sample message and chosen in the home page's picture field; the
// time is from choosing it to the box saying what it read (QR search, OCR,
// cleaning; not the check that follows). With the CPU slowed R times (CDP
// Emulation.setCPUThrottlingRate, default 4) on the page, and tried on the reader's
// worker (attached before it starts). Three figures:
//   first read: a fresh browser profile, so the engine and data are downloaded;
//   next picture: the same page again (the engine already running);
//   later visit: a new page, files from the HTTP cache and the trained data
//     from IndexedDB (tesseract.js keeps it there), the engine started again.
// And the bytes the first read fetched: the reader's code and the engine's
// files, counted by the static server that serves dist/ (uncompressed; a CDN
// compresses the .wasm and .js). No Worker: the check itself is not measured.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/browser.ts';
import { buildSite } from './built-site.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 3);
const RATE = arg('rate', 4);
const TARGET_MS = 8_000;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.gz': 'application/gzip', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
};

/** dist/ over HTTP, counting the bytes of every file served (path → bytes), as Workers Static Assets would serve it. */
function staticServer(served: Map<string, number>): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = await readFile(join(DIST, path));
      served.set(path, (served.get(path) ?? 0) + body.length);
      const immutable = path.startsWith('/ocr/') || path.startsWith('/_astro/');
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"not_found","message":"not served by the bench"}}');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

/** A screen of chat, the README's sample message last: the picture a buyer screenshots. */
async function chatScreenshot(browser: Browser): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 3 });
  const page = await context.newPage();
  const bubbles = [
    ['in', 'Halo kak, masih ada stok HP yang di iklan?'], ['out', 'Masih kak, yang warna hitam tinggal 2'],
    ['in', 'Bisa COD?'], ['out', 'Maaf kak tidak bisa COD, transfer dulu ya. Barang dikirim hari ini juga pakai JNE.'],
    ['in', 'Ok kak, rekeningnya?'],
    ['out', 'Transfer ke BCA 123-456-7890 a.n. Toko Jaya ya kak, konfirmasi WA 0812 3456 7890, testimoni di IG @olshop.murah.banget'],
    ['in', 'Siap, saya transfer sore ini'], ['out', 'Ditunggu kak, kirim bukti transfernya ya 🙏'],
  ];
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const chat = bubbles
    .map(([side, text]) => `<div style="margin:10px 12px;max-width:260px;border-radius:8px;padding:8px 10px;color:#111;background:${side === 'out' ? '#d9fdd3;margin-left:auto' : '#fff'}">${escape(text!)}</div>`)
    .join('');
  await page.setContent(`<body style="margin:0;background:#efeae2;font:15px/1.4 sans-serif;height:800px">
    <div style="background:#075e54;color:#fff;padding:14px 16px;font-weight:bold">Toko Jaya</div>${chat}</body>`);
  const png = await page.screenshot({ type: 'png' });
  await context.close();
  return png;
}

/**
 * Slows the page's CPU, and tries each worker's as it starts (attached while it
 * waits for the debugger): a dedicated worker runs on its own thread, which the
 * page's throttling does not reach. Chromium refuses the worker's ("only
 * supported for pages", Chromium 14x): then the reader's worker runs at the
 * machine's speed, and the figures say so. Returns how many workers were slowed.
 */
async function throttle(session: CDPSession, rate: number): Promise<{ workers: number; refused: number }> {
  const slowed = { workers: 0, refused: 0 };
  await session.send('Emulation.setCPUThrottlingRate', { rate });
  let id = 0;
  const pending = new Map<number, string>();
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    const send = (method: string, params: object = {}) => {
      pending.set(++id, method);
      return session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => undefined);
    };
    void (async () => {
      if (targetInfo.type === 'worker') await send('Emulation.setCPUThrottlingRate', { rate });
      await send('Runtime.runIfWaitingForDebugger');
    })();
  });
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; error?: { message: string } };
    if (reply.id === undefined || pending.get(reply.id) !== 'Emulation.setCPUThrottlingRate') return;
    if (reply.error) slowed.refused++;
    else slowed.workers++;
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return slowed;
}

/** Choose the picture; ms until the box says what it read. */
async function timeRead(page: Page, png: Buffer): Promise<number> {
  await page.locator('[data-picture-status]').evaluate((node) => (node.textContent = ''));
  const started = performance.now();
  await page.locator('[data-picture-input]').setInputFiles({ name: 'chat.png', mimeType: 'image/png', buffer: png });
  await page.locator('[data-picture-status]').filter({ hasText: 'Dibaca dari gambar' }).waitFor({ timeout: 600_000 });
  return performance.now() - started;
}

async function openHome(browser: Browser, url: string, context?: Awaited<ReturnType<Browser['newContext']>>) {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 360, height: 800 } }));
  const page = await ctx.newPage();
  const slowed = await throttle(await ctx.newCDPSession(page), RATE);
  await page.goto(`${url}/`);
  return { ctx, page, slowed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

buildSite(process.argv.includes('--no-build') ? 'if-missing' : 'always');
const served = new Map<string, number>();
const { server, url } = await staticServer(served);
const browser = await launchChromium();
try {
  const png = await chatScreenshot(browser);
  const first: number[] = [];
  const next: number[] = [];
  const later: number[] = [];
  let download = { ocr: 0, code: 0, files: [] as string[] };
  let workersSlowed = 0;
  let workersRefused = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { ctx, page, slowed } = await openHome(browser, url);
    served.clear();
    first.push(await timeRead(page, png));
    const fetched = [...served.entries()];
    download = {
      ocr: fetched.filter(([p]) => p.startsWith('/ocr/')).reduce((a, [, b]) => a + b, 0),
      code: fetched.filter(([p]) => p.startsWith('/_astro/')).reduce((a, [, b]) => a + b, 0),
      files: fetched.map(([p, b]) => `${p} ${b}`),
    };
    next.push(await timeRead(page, png));
    await page.close();
    const again = await openHome(browser, url, ctx);
    later.push(await timeRead(again.page, png));
    workersSlowed += slowed.workers + again.slowed.workers;
    workersRefused += slowed.refused + again.slowed.refused;
    await ctx.close();
  }
  console.log(`picture reader, ${png.length.toLocaleString('en')} B 1080×2400 chat screenshot, CPU ${RATE}x slower (the reader's worker ${workersSlowed > 0 && workersRefused === 0 ? 'slowed too' : `NOT slowed: Chromium refused ${workersRefused} time(s), it runs at this machine's speed`}), ${ROUNDS} round(s), median:`);
  console.log(`| first read (downloads the reader) | ${seconds(median(first))} |`);
  console.log(`| next picture, same page | ${seconds(median(next))} |`);
  console.log(`| later visit (files cached) | ${seconds(median(later))} | target < ${seconds(TARGET_MS)}: ${median(later) < TARGET_MS ? 'met' : 'NOT met'}`);
  console.log(`| first-read download | ${mb(download.ocr + download.code)} (engine and data ${mb(download.ocr)}, reader code ${mb(download.code)}) |`);
  console.log(download.files.map((f) => `  ${f}`).join('\n'));
} finally {
  await browser.close();
  server.close();
}
