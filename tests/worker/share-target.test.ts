// The share target's POST when no service worker answers it (the first share,
// before the site was opened once): routes/share-target.ts through the whole
// Worker. A shared message becomes the same GET as a text share; a shared
// picture gets the page saying pictures are read on the phone, its bytes
// dropped as they stream by; anything else a JSON error.
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { publishFixture } from './fixture.ts';

const MESSAGE = 'Transfer ke BCA 014 1234567890 a.n. Toko Murah 🙏\nKonfirmasi WA 0812-3456-7890';
/** A PNG's signature and a marker no page could contain by chance: a picture's bytes, recognisable if they leaked. */
const PICTURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('PICTURE-BYTES-7f3a'.repeat(2000))]);

/** A multipart body as a browser's share would send it, and its Content-Type with the boundary. */
async function multipart(fields: Record<string, string | File>): Promise<{ bytes: Uint8Array; type: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const request = new Request('https://form.test/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('Content-Type')! };
}

/** The bytes as a stream of `size`-byte chunks, so a boundary falls across chunks as it does on a real upload. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
  exports.default.fetch(new Request(`https://cekdulu.test${path}`, { method: 'POST', body, headers, redirect: 'manual' }));

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

afterEach(() => vi.restoreAllMocks());

describe('a message shared before the service worker is installed', () => {
  test('becomes a 303 to /cek/?title=…&text=…&url=…, the text whole', async () => {
    const { bytes, type } = await multipart({ title: 'Toko Murah', text: MESSAGE, url: 'https://tokomurah-promo.com/' });
    const res = await post('/cek/', bytes, { 'Content-Type': type });
    expect(res.status).toBe(303);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const location = new URL(res.headers.get('Location')!, 'https://cekdulu.test');
    expect(location.pathname).toBe('/cek/');
    expect(Object.fromEntries(location.searchParams)).toEqual({ title: 'Toko Murah', text: MESSAGE, url: 'https://tokomurah-promo.com/' });
  });

  test('split into 5-byte chunks it reads the same, and the English page answers on its own path', async () => {
    const { bytes, type } = await multipart({ text: MESSAGE });
    const res = await post('/en/check/', chunked(bytes, 5), { 'Content-Type': type });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('Location')!, 'https://cekdulu.test');
    expect(location.pathname).toBe('/en/check/');
    expect(location.searchParams.get('text')).toBe(MESSAGE);
  });

  test('sent urlencoded it is the same redirect; empty fields are left out', async () => {
    const res = await post('/cek/', new URLSearchParams({ title: '', text: MESSAGE }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/cek/?${new URLSearchParams({ text: MESSAGE })}`);
  });

  test('the address it redirects to answers the message like a GET share', async () => {
    const { bytes, type } = await multipart({ text: MESSAGE });
    const location = (await post('/cek/', bytes, { 'Content-Type': type })).headers.get('Location')!;
    const res = await exports.default.fetch(new Request(`https://cekdulu.test${location}`));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Dilaporkan: rekening BCA 1234567890 telah dilaporkan');
  });
});

describe('a picture shared before the service worker is installed', () => {
  test('gets the result page saying, in both languages, that pictures are read on the phone; nothing of the picture is kept, sent back or logged', async () => {
    const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'error'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'info')];
    const { bytes, type } = await multipart({ title: 'Screenshot', gambar: new File([PICTURE], 'chat.png', { type: 'image/png' }) });
    const res = await post('/cek/', chunked(bytes, 4096), { 'Content-Type': type });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain('Gambar dibaca di HP Anda, tidak dikirim ke kami');
    expect(html).toContain('situs ini perlu dibuka sekali dulu');
    expect(html).toContain('Pictures are read on your phone, never sent to us');
    expect(html).toContain('the site must be opened once first');
    expect(html).not.toContain('PICTURE-BYTES');
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  test('on the English path the English words come first', async () => {
    const { bytes, type } = await multipart({ gambar: new File([PICTURE], 'qris.jpg', { type: 'image/jpeg' }) });
    const html = await (await post('/en/check/', bytes, { 'Content-Type': type })).text();
    expect(html.indexOf('Pictures are read on your phone')).toBeGreaterThan(-1);
    expect(html.indexOf('Pictures are read on your phone')).toBeLessThan(html.indexOf('Gambar dibaca di HP Anda'));
  });

  test('an empty file part (a form with no file chosen) is no picture: the text is redirected', async () => {
    const { bytes, type } = await multipart({ text: MESSAGE, gambar: new File([], '', { type: 'application/octet-stream' }) });
    const res = await post('/cek/', bytes, { 'Content-Type': type });
    expect(res.status).toBe(303);
  });
});

describe('what the share action refuses, as JSON', () => {
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  test('a JSON body (an API client at the wrong address) is 400 invalid_body', async () => {
    const res = await post('/cek/', JSON.stringify({ text: MESSAGE }), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect((await errorOf(res)).code).toBe('invalid_body');
  });

  test('a multipart body with no boundary, or one cut off before its closing boundary, is 400 invalid_body', async () => {
    const noBoundary = await post('/cek/', 'x', { 'Content-Type': 'multipart/form-data' });
    expect(noBoundary.status).toBe(400);
    expect((await errorOf(noBoundary)).code).toBe('invalid_body');
    const { bytes, type } = await multipart({ text: MESSAGE });
    const cut = await post('/cek/', bytes.slice(0, bytes.length - 10), { 'Content-Type': type });
    expect(cut.status).toBe(400);
    expect((await errorOf(cut)).code).toBe('invalid_body');
  });

  test('a body declared over the form cap (21 MB) is 413 body_too_large before a byte is read', async () => {
    const { bytes, type } = await multipart({ text: MESSAGE });
    const res = await post('/cek/', bytes, { 'Content-Type': type, 'Content-Length': String(21 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('body_too_large');
  });

  test('a shared text over 16 KB is 400 text_too_long, not a redirect no page could read', async () => {
    const { bytes, type } = await multipart({ text: 'a'.repeat(16 * 1024 + 1) });
    const res = await post('/cek/', bytes, { 'Content-Type': type });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('text_too_long');
  });
});
