// Security headers on the running server (wrangler dev): static pages get them
// from site/public/_headers through Workers Static Assets, the Worker's own
// result and outcome pages from worker/security-headers.ts. Only the widget's
// iframe page may be framed, and the JSON API keeps its open CORS.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const get = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${server.url}${path}`, init);
  await res.body?.cancel();
  return res;
};

function expectStrictPage(res: Response, path: string) {
  const csp = res.headers.get('Content-Security-Policy') ?? '';
  expect(csp, path).toContain("default-src 'self'");
  expect(csp, path).toContain("script-src 'self'");
  expect(csp, path).toContain("style-src 'self'");
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).not.toContain('unsafe-inline');
  expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
  expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy'), path).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('Permissions-Policy'), path).toContain('camera=()');
}

describe('security headers', () => {
  test.each(['/', '/en/', '/panduan/', '/panduan/jika-tertipu/', '/en/guides/jika-tertipu/', '/embed/'])(
    'the static page %s refuses framing and inline code',
    async (path) => {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expectStrictPage(res, path);
    },
  );

  test('the Worker’s result and status pages carry the same headers, with an answer or an error', async () => {
    for (const path of [
      '/cek/?type=phone&value=0812-3456-7890', '/en/check/?type=instagram&value=%40olshop.murah.banget', '/cek/?type=bank&value=abc', '/cek/',
      '/lapor/status/?ref=CD-0000-0000-0000', '/en/report/status/?ref=nope', '/lapor/status/',
    ]) {
      const res = await get(path);
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/);
      expectStrictPage(res, path);
    }
  });

  test('a form post without JavaScript gets its outcome page with the same headers', async () => {
    const res = await get('/api/v1/reports', { method: 'POST', headers: { Accept: 'text/html' }, body: new FormData() });
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expectStrictPage(res, 'POST /api/v1/reports');
  });

  test('the widget iframe page, in each language that is built, may be framed by any site', async () => {
    const built = ['/embed/frame/', '/en/embed/frame/'].filter((path) => existsSync(`dist${path}index.html`));
    expect(built).toContain('/embed/frame/');
    for (const path of built) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Security-Policy'), path).toContain('frame-ancestors *');
      expect(res.headers.get('Content-Security-Policy'), path).not.toContain("frame-ancestors 'none'");
      expect(res.headers.get('X-Frame-Options'), path).toBeNull();
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
    }
  });

  test("only the picture reader's engine may compile WebAssembly ('wasm-unsafe-eval', never 'unsafe-eval'), cached as immutable; no page may", async () => {
    for (const path of ['/ocr/7.0.0/worker.min.js', '/ocr/7.0.0/tesseract-core-simd-lstm.wasm', '/ocr/7.0.0/lang/ind.traineddata.gz']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, path).toContain("connect-src 'self'");
      expect(csp, path).not.toContain("'unsafe-eval'");
      expect(res.headers.get('Cache-Control'), path).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/', '/en/', '/cek/?type=phone&value=0812-3456-7890']) {
      expect((await get(path)).headers.get('Content-Security-Policy'), path).not.toContain('wasm');
    }
  });

  test('the JSON API is unaffected: open CORS, no page policy', async () => {
    for (const path of ['/api/v1/check?type=phone&value=0812-3456-7890', '/api/v1/health', '/api/v1/check?type=bank&value=abc']) {
      const res = await get(path, { headers: { Origin: 'https://toko.example' } });
      expect(res.headers.get('Content-Type'), path).toMatch(/^application\/json/);
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe('*');
      expect(res.headers.get('Content-Security-Policy'), path).toBeNull();
      expect(res.headers.get('X-Frame-Options'), path).toBeNull();
    }
    const preflight = await get('/api/v1/check', { method: 'OPTIONS', headers: { Origin: 'https://toko.example', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});
