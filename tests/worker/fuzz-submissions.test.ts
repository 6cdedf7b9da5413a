// 10,000 generated hostile bodies against the write side of the Worker in
// workerd: POST /api/v1/reports and /api/v1/disputes (JSON, urlencoded,
// multipart, and bodies that are none of these or lie about it), and the admin
// API (list, view and decide, for reports and disputes) with and without the
// moderator token. Never a 5xx, and every API error is JSON with a known code.
// Each request comes from its own address, so the submission limiter (10 a
// minute per client) never turns the fuzzing into a test of the limiter.
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { BASE, PNG, PDF, publishListing, validReport } from './reports-fixture.ts';

const KNOWN = new Set(Object.keys(ERROR_MESSAGES));
const TOKEN = 'test-admin-token';

let clientNo = 0;
/** A new client per request: IPv4 whole, or a new IPv6 /64 (the limiter keys IPv6 by /64). */
const nextIp = () => {
  const n = clientNo++;
  return n % 2 === 0 ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : `2001:db8:${(n >> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`;
};

const BIG_TEXT = 'x'.repeat(300 * 1024); // over the text-body cap on its own
const hostile = fc.constantFrom(
  '',
  ' ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '\u0000',
  '\uD800',
  '\uFEFF',
  'ﷺ'.repeat(2_000),
  '9'.repeat(20_000),
  `Rp ${'1.000'.repeat(5_000)}`,
  '1.500.000',
  'Rp 1.500.000',
  '0812-3456-7890',
  '+62 812 3456 7890',
  '@olshop.murah.banget',
  'https://instagram.com/' + 'a'.repeat(2_000),
  'javascript:alert(1)',
  'CD-0000-0000-0000',
  'DP-0000-0000-0000',
  'a'.repeat(201),
  'kronologi '.repeat(600),
  BIG_TEXT,
);
const text = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, { weight: 3, arbitrary: hostile });
const jsonValue = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.constant(-1)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, ['bank'], { toString: 'x' }) },
);
const FIELDS = [
  'type', 'value', 'bank', 'provider', 'category', 'lossIdr', 'channel', 'profileUrl', 'chronology', 'contact',
  'statement', 'evidence', 'cf-turnstile-response', 'turnstileToken', '__proto__', 'constructor', 'decision', 'reason',
] as const;
const fieldName = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
/** A valid report or dispute with some fields replaced by hostile values, or hostile fields only. */
const fields = fc.oneof(
  fc.dictionary(fieldName, jsonValue, { maxKeys: 6 }).map((over) => ({ ...validReport(), statement: 'Rekening ini milik saya.', ...over })),
  fc.dictionary(fieldName, jsonValue, { maxKeys: 8 }),
);

const OVER_5_MB = new Uint8Array(5 * 1024 * 1024 + 1).fill(0xff);
const file = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ bytes: PNG, name: 'a.png', type: 'image/png' }) },
  { weight: 2, arbitrary: fc.constant({ bytes: PDF, name: 'b.pdf', type: 'application/pdf' }) },
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes, name: 'x.jpg', type: 'image/jpeg' })) },
  { weight: 2, arbitrary: fc.constant({ bytes: new TextEncoder().encode('<svg onload=alert(1)>'), name: '../../etc/passwd', type: 'image/svg+xml' }) },
  { weight: 1, arbitrary: fc.constant({ bytes: OVER_5_MB, name: 'big.jpg', type: 'image/jpeg' }) },
);

type Body = { body: BodyInit | null; contentType: string | null };
const asString = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
const jsonBody = fc.oneof(
  { weight: 5, arbitrary: fields.map((f): Body => ({ body: JSON.stringify(f), contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('[]', 'null', '"x"', '1e999', '{"a":', '{}'.repeat(5_000), '[' .repeat(10_000))).map((raw): Body => ({ body: raw, contentType: 'application/json; charset=utf-8' })) },
);
const urlencodedBody = fc.oneof(
  { weight: 4, arbitrary: fields.map((f): Body => ({ body: new URLSearchParams(Object.entries(f).map(([k, v]) => [k, asString(v)])).toString(), contentType: 'application/x-www-form-urlencoded' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((raw): Body => ({ body: raw, contentType: 'application/x-www-form-urlencoded' })) },
);
const multipartBody = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fields, fc.array(file, { maxLength: 6 })).map(([f, files]): Body => {
    const form = new FormData();
    for (const [k, v] of Object.entries(f)) form.append(k, asString(v));
    for (const x of files) form.append('evidence', new File([x.bytes], x.name, { type: x.type }));
    return { body: form, contentType: null }; // the runtime writes the boundary
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 80 }), fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=x')).map(([raw, type]): Body => ({ body: raw, contentType: type })) },
);
const otherBody = fc.oneof(
  fc.constant<Body>({ body: null, contentType: null }),
  fc.tuple(fc.string({ maxLength: 40 }), fc.constantFrom('text/plain', 'application/xml', '', 'application/jsonx', 'APPLICATION/JSON')).map(([raw, type]): Body => ({ body: raw, contentType: type })),
);
const body = fc.oneof({ weight: 3, arbitrary: jsonBody }, { weight: 2, arbitrary: urlencodedBody }, { weight: 2, arbitrary: multipartBody }, { weight: 1, arbitrary: otherBody });

const headerValue = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')));
const extras = fc.record({
  accept: fc.constantFrom(undefined, 'application/json', 'text/html', '*/*'),
  acceptLanguage: headerValue,
  origin: fc.constantFrom(undefined, BASE, 'https://evil.example', 'null'),
  turnstileHeader: fc.constantFrom(undefined, '', 'XXXX.DUMMY.TOKEN.XXXX'),
  lang: fc.constantFrom('', '?lang=en', '?lang=xx'),
});

/** Refs that exist (made in beforeAll), and hostile ones. */
const existing: string[] = [];
const ref = fc.oneof(
  fc.constant('').chain(() => fc.constantFrom(...(existing.length ? existing : ['CD-0000-0000-0000']))),
  hostile.map((t) => t.slice(0, 300)),
  fc.string({ maxLength: 20 }),
);
const encodeSegment = (t: string) => {
  try {
    return encodeURIComponent(t);
  } catch {
    return t.replace(/[#?/%\s]/g, '');
  }
};

async function check(request: Request, label: string): Promise<void> {
  const res = await exports.default.fetch(request);
  expect(res.status, label).toBeLessThan(500);
  const type = res.headers.get('Content-Type') ?? '';
  if (request.method === 'HEAD') {
    // No body to read; the GET of the same path is fuzzed too.
  } else if (res.status >= 400 && type.includes('application/json')) {
    const answer = await res.json<any>();
    expect(KNOWN.has(answer?.error?.code), `${label}: ${JSON.stringify(answer).slice(0, 200)}`).toBe(true);
    expect(typeof answer.error.message).toBe('string');
  } else if (res.status >= 400) {
    // Only a browser's form post (Accept: text/html) gets an HTML error page.
    expect(type, label).toContain('text/html');
    expect(request.headers.get('Accept') ?? '', label).toContain('text/html');
  }
  if (!res.bodyUsed) await res.body?.cancel();
}

type Extras = typeof extras extends fc.Arbitrary<infer T> ? T : never;

function build(method: string, path: string, b: Body, x: Extras, token: boolean): Request | undefined {
  const headers = new Headers({ 'CF-Connecting-IP': nextIp() });
  if (b.contentType !== null) headers.set('Content-Type', b.contentType);
  if (x.accept) headers.set('Accept', x.accept);
  if (x.acceptLanguage) headers.set('Accept-Language', x.acceptLanguage);
  if (x.origin) headers.set('Origin', x.origin);
  if (x.turnstileHeader !== undefined) headers.set('CF-Turnstile-Response', x.turnstileHeader);
  if (token) headers.set('Authorization', `Bearer ${TOKEN}`);
  try {
    return new Request(`${BASE}${path}${x.lang}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? null : b.body });
  } catch {
    return undefined; // not a request a client could send
  }
}

beforeAll(async () => {
  // A live snapshot that lists the account the seed dispute names (verified, then published), so a
  // dispute for an account nothing lists is 422 not_reported (as in production), not 503.
  await publishListing(env, { type: 'phone', value: '0812-3456-7890' });
  for (const path of ['/api/v1/reports', '/api/v1/reports', '/api/v1/disputes']) {
    const body = path.endsWith('reports') ? validReport() : { type: 'phone', value: '0812-3456-7890', statement: 'Milik saya.', contact: 'a@example.com' };
    const res = await exports.default.fetch(
      new Request(`${BASE}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextIp() }, body: JSON.stringify(body) }),
    );
    existing.push((await res.json<{ ref: string }>()).ref);
  }
});

test('4,500 hostile report submissions: zero 5xx, every error JSON with a known code', async () => {
  await fc.assert(
    fc.asyncProperty(body, extras, async (b, x) => {
      const request = build('POST', '/api/v1/reports', b, x, false);
      if (request) await check(request, `report ${b.contentType} ${String(b.body).slice(0, 80)}`);
    }),
    { numRuns: 4_500 },
  );
}, 300_000);

test('3,000 hostile dispute submissions: zero 5xx, every error JSON with a known code', async () => {
  await fc.assert(
    fc.asyncProperty(body, extras, async (b, x) => {
      const request = build('POST', '/api/v1/disputes', b, x, false);
      if (request) await check(request, `dispute ${b.contentType} ${String(b.body).slice(0, 80)}`);
    }),
    { numRuns: 3_000 },
  );
}, 300_000);

const adminCall = fc.oneof(
  fc.tuple(fc.constantFrom('reports', 'disputes'), fc.oneof(fc.constantFrom('pending', 'verified', 'rejected', 'disputed', 'accepted', ''), text.map(encodeSegment)))
    .map(([what, status]) => ({ method: 'GET', path: `/api/v1/admin/${what}?status=${status}` })),
  fc.tuple(fc.constantFrom('reports', 'disputes'), ref, fc.constantFrom('GET', 'HEAD', 'DELETE'))
    .map(([what, r, method]) => ({ method, path: `/api/v1/admin/${what}/${encodeSegment(r)}` })),
  fc.tuple(fc.constantFrom('reports', 'disputes'), ref, fc.constantFrom('POST', 'POST', 'PUT'))
    .map(([what, r, method]) => ({ method, path: `/api/v1/admin/${what}/${encodeSegment(r)}/decision` })),
  ref.map((r) => ({ method: 'GET', path: `/api/v1/admin/evidence/${encodeSegment(r)}-1` })),
);
const decisionBody = fc.oneof(
  { weight: 3, arbitrary: fc.record({ decision: fc.oneof(fc.constantFrom('verify', 'reject', 'accept', 'VERIFY', ''), jsonValue), reason: jsonValue }, { requiredKeys: [] })
    .map((d): Body => ({ body: JSON.stringify(d), contentType: 'application/json' })) },
  { weight: 2, arbitrary: body },
);

test('2,500 hostile admin calls (list, view, decide), with and without the token: zero 5xx, every error JSON with a known code', async () => {
  await fc.assert(
    fc.asyncProperty(adminCall, decisionBody, extras, fc.boolean(), async (call, b, x, token) => {
      const request = build(call.method, call.path, b, x, token);
      if (request) await check(request, `${call.method} ${call.path} token=${token}`);
    }),
    { numRuns: 2_500 },
  );
}, 300_000);
