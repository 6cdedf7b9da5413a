// 10,000 generated requests — random and hostile query strings, huge values,
// bad UTF-8, odd methods and headers — against the Worker in workerd: never a
// 5xx, and every API error is JSON {"error":{"code","message"}}.
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { publishFixture } from './fixture.ts';

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS, 300);
});

const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '%C3%28', // invalid UTF-8 sequence
  '%FF%FE',
  '%E0%A4%A',
  '%',
  '%%%',
  '\u0000',
  '\uD800', // lone surrogate
  'ﷺ'.repeat(50),
  '0'.repeat(10_000),
  'https://instagram.com/' + 'a'.repeat(5_000),
  '+62'.repeat(300),
  '١٢٣٤٥٦٧٨٩٠', // Arabic-Indic digits
  'javascript:alert(1)',
);
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), hostile, fc.webUrl());
/** Percent-encoded when it can be (a lone surrogate cannot), otherwise raw minus the URL's own delimiters. */
const raw = (t: string) => t.replace(/[#?&\s]/g, '');
const tryEncode = (t: string) => {
  try {
    return encodeURIComponent(t);
  } catch {
    return raw(t);
  }
};
const encoded = fc.tuple(text, fc.boolean()).map(([t, encode]) => (encode ? tryEncode(t) : raw(t)));
const type = fc.constantFrom('bank', 'ewallet', 'phone', 'instagram', 'facebook', 'BANK', '', 'x', 'phone,bank');
const param = fc.oneof(
  fc.tuple(fc.constant('type'), type.map(tryEncode)),
  fc.tuple(fc.constantFrom('value', 'bank', 'provider', 'lang', 'type'), encoded),
  fc.tuple(encoded, encoded),
);
const path = fc.oneof(
  fc.constant('/api/v1/check'),
  fc.constant('/api/v1/health'),
  fc.constant('/api/v1/ping'),
  encoded.map((p) => `/api/v1/range/${p}`),
  encoded.map((p) => `/api/v1/${p}`),
  encoded.map((p) => `/api/${p}`),
);
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND');
const headerValue = fc.oneof(fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constant('en;q=abc, id;q=-1, *;q=2'));
const request = fc.record({
  method,
  path,
  query: fc.array(param, { maxLength: 6 }),
  acceptLanguage: headerValue,
  ifNoneMatch: headerValue,
  ip: fc.ipV4(),
});

test('10,000 generated requests: zero 5xx, every API error is JSON with a known code', async () => {
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const search = r.query.map(([k, v]) => `${k}=${v}`).join('&');
      const url = `https://cekdulu.test${r.path}${search ? `?${search}` : ''}`;
      let req: Request;
      try {
        req = new Request(url, {
          method: r.method,
          headers: { 'Accept-Language': r.acceptLanguage, 'If-None-Match': r.ifNoneMatch, 'CF-Connecting-IP': r.ip },
          body: ['POST', 'PUT', 'PATCH'].includes(r.method) ? 'x'.repeat(100) : undefined,
        });
      } catch {
        return; // not a request a client could send at all
      }
      const res = await exports.default.fetch(req);
      checked++;
      expect(res.status, `${r.method} ${url}`).toBeLessThan(500);
      // A path like /api/../x leaves the API once normalised; the site's own 404 page answers it.
      if (res.status >= 400 && new URL(req.url).pathname.startsWith('/api/')) {
        expect(res.headers.get('Content-Type'), url).toContain('application/json');
        if (r.method !== 'HEAD') {
          const body = await res.json<any>();
          expect(Object.keys(ERROR_MESSAGES)).toContain(body.error.code);
          expect(typeof body.error.message).toBe('string');
        }
      }
      if (!res.bodyUsed) await res.body?.cancel();
    }),
    { numRuns: 10_000 },
  );
  expect(checked).toBeGreaterThan(9_000);
}, 120_000);
