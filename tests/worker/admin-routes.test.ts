// Every admin route against the requests an attacker can make, through the
// whole Worker: no credentials, a wrong token, a forged Access JWT (with and
// without Access configured), a write from another site or as text/plain, and
// hostile references. Each must answer a 4xx JSON error, never a 5xx, and
// never the data. The routes point at a real report, evidence file and dispute,
// so a route that lost its authentication answers 200 here and the table fails.
//
// Writes from another origin or with a non-JSON body are both 403 (not 415):
// the same refusal of a request the admin page never sends (worker/admin/write-guard.ts).
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { BASE, PNG, disputeFormOf, formOf, publishListing, postForm, validReport } from './reports-fixture.ts';

interface Route {
  name: string;
  method: 'GET' | 'POST';
  /** The path with `{ref}` standing for the reference or evidence id. */
  path: string;
  body?: unknown;
}

const ROUTES: Route[] = [
  { name: 'list reports', method: 'GET', path: '/api/v1/admin/reports?status=pending' },
  { name: 'view report', method: 'GET', path: '/api/v1/admin/reports/{report}' },
  // Before the decision below, which leaves the account no pending report to show.
  { name: 'view group', method: 'GET', path: '/api/v1/admin/queue/{group}' },
  { name: 'decide report', method: 'POST', path: '/api/v1/admin/reports/{report}/decision', body: { decision: 'reject', reason: 'table test' } },
  { name: 'evidence', method: 'GET', path: '/api/v1/admin/evidence/{evidence}' },
  { name: 'list disputes', method: 'GET', path: '/api/v1/admin/disputes?status=pending' },
  { name: 'view dispute', method: 'GET', path: '/api/v1/admin/disputes/{dispute}' },
  { name: 'decide dispute', method: 'POST', path: '/api/v1/admin/disputes/{dispute}/decision', body: { decision: 'reject', reason: 'ownership_not_proven' } },
  { name: 'queue', method: 'GET', path: '/api/v1/admin/queue?limit=5' },
  { name: 'reasons', method: 'GET', path: '/api/v1/admin/reasons' },
  { name: 'metrics', method: 'GET', path: '/api/v1/admin/metrics' },
];
const WRITES = ROUTES.filter((r) => r.method === 'POST');
/** The reads that write: each answer shows personal data and writes an audit row in the moderator's name. */
const AUDITED_READS = ROUTES.filter((r) => ['view report', 'evidence', 'view dispute', 'view group'].includes(r.name));
const WITH_REF = ROUTES.filter((r) => r.path.includes('{'));

const TOKEN = { Authorization: 'Bearer test-admin-token' };
/** What the admin page itself sends with a write. */
const SAME_ORIGIN_JSON = { 'Content-Type': 'application/json', Origin: BASE, 'Sec-Fetch-Site': 'same-origin' };

const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const claims = () =>
  b64url(JSON.stringify({ aud: ['aud'], email: 'attacker@example.com', exp: Math.floor(Date.now() / 1000) + 600, iss: 'https://cekdulu.cloudflareaccess.com' }));
/** Tokens refused before any key is fetched, so the table never reaches for the network. */
const FORGED_JWTS = {
  'alg none': () => `${b64url('{"alg":"none","typ":"JWT"}')}.${claims()}.`,
  'HS256': () => `${b64url('{"alg":"HS256","typ":"JWT","kid":"k"}')}.${claims()}.${b64url('not-a-signature')}`,
  'garbage': () => 'a.b.c',
};
const ACCESS_ENV = { ACCESS_TEAM_DOMAIN: 'cekdulu.cloudflareaccess.com', ACCESS_AUD: 'aud' };

const HOSTILE = {
  'a lone %': '%',
  'a bad escape %zz': '%zz',
  'a truncated UTF-8 escape': '%E0%A4%A',
  'an escaped NUL': 'CD-0000-0000-0000%00',
  'a trailing %': 'CD-0000-0000-0000%',
  'very long': 'C'.repeat(8_000),
  'encoded ../': '..%2F..%2Fetc%2Fpasswd',
  'literal ../': '../../x',
  'unicode': 'CD-ÅÅÅÅ-0000-ΩΩΩΩ',
  'an emoji escape': '%F0%9F%92%A5',
  'the other kind of reference': 'XX-0000-0000-0000',
};

let refs: Record<'report' | 'evidence' | 'dispute' | 'group', string>;
const pathOf = (route: Route, ref?: string) => route.path.replace(/\{(\w+)\}/, (_, key: keyof typeof refs) => ref ?? refs[key]);

function call(route: Route, headers: Record<string, string>, ref?: string, body = route.body === undefined ? undefined : JSON.stringify(route.body)) {
  return exports.default.fetch(new Request(`${BASE}${pathOf(route, ref)}`, { method: route.method, headers, ...(route.method === 'POST' ? { body } : {}) }));
}

/** The same request to the Worker with Cloudflare Access configured. */
async function callWithAccess(route: Route, headers: Record<string, string>): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${pathOf(route)}`, {
    method: route.method,
    headers,
    ...(route.method === 'POST' ? { body: JSON.stringify(route.body) } : {}),
  });
  const res = await worker.fetch(request, { ...(env as unknown as Env), ...ACCESS_ENV }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A 4xx JSON error with this status (and code, when given); never a 5xx, never data. */
async function expectError(res: Response, status: number | number[], code?: string) {
  const body = await res.json<any>();
  expect(res.headers.get('Content-Type')).toContain('application/json');
  expect([status].flat()).toContain(res.status);
  expect(body.error.code).toEqual(code ?? expect.any(String));
  expect(body.error.message).toEqual(expect.any(String));
}

const writeHeaders = (route: Route) => (route.method === 'POST' ? SAME_ORIGIN_JSON : {});

beforeAll(async () => {
  const filed = await postForm('/api/v1/reports', formOf(validReport({ value: '5559990001' }), [{ bytes: PNG, name: 'a.png', type: 'image/png' }]), {
    Accept: 'application/json',
  });
  const report = (await filed.json<any>()).ref as string;
  // A dispute needs a listed account and a proof of ownership (issue 17).
  await publishListing(env, { type: 'bank', bank: '014', value: '5559990001' });
  const disputed = await postForm(
    '/api/v1/disputes',
    disputeFormOf({ type: 'bank', bank: '014', value: '5559990001', statement: 'Bukan saya.', contact: 'z@example.com' }),
    { Accept: 'application/json' },
  );
  refs = { report, evidence: `${report}-1`, dispute: (await disputed.json<any>()).ref, group: encodeURIComponent('bank:014:5559990001') };
  expect(refs.report).toMatch(/^CD-/);
  expect(refs.dispute).toMatch(/^DP-/);
});

describe.each(ROUTES)('$method $path ($name)', (route) => {
  test('no credentials: 401', async () => {
    await expectError(await call(route, writeHeaders(route)), 401, 'unauthorized');
  });

  test('a wrong token, or the right one not as a Bearer token: 401', async () => {
    for (const auth of ['Bearer wrong', 'Bearer test-admin-toke', 'test-admin-token', 'Basic dGVzdC1hZG1pbi10b2tlbg==']) {
      await expectError(await call(route, { ...writeHeaders(route), Authorization: auth }), 401, 'unauthorized');
    }
  });

  test('a forged Access JWT: 401, whether Access is configured or not', async () => {
    for (const forge of Object.values(FORGED_JWTS)) {
      const headers = { ...writeHeaders(route), 'Cf-Access-Jwt-Assertion': forge() };
      await expectError(await call(route, headers), 401, 'unauthorized');
      await expectError(await callWithAccess(route, headers), 401, 'unauthorized');
    }
  });

  test('with Access configured the local token is refused: 401', async () => {
    await expectError(await callWithAccess(route, { ...writeHeaders(route), ...TOKEN }), 401, 'unauthorized');
  });
});

describe.each(WRITES)('$method $path ($name) from another site', (route) => {
  test('a foreign Origin, or a cross-site fetch: 403', async () => {
    const crossSite: Array<Record<string, string>> = [
      { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      { 'Content-Type': 'application/json', Origin: 'null' },
      { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      await expectError(await call(route, { ...TOKEN, ...headers }), 403, 'cross_site_request');
    }
  });

  test('a text/plain (or form) body, even from the same origin: 403', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      await expectError(await call(route, { ...TOKEN, Origin: BASE, 'Content-Type': type }), 403, 'json_required');
    }
  });
});

const auditRows = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_log').first<{ n: number }>())!.n;

describe.each(AUDITED_READS)('$method $path ($name), a read that writes the audit log, from another site', (route) => {
  test('a cross-site GET carrying the credentials: 403 cross_site_request, and no audit row', async () => {
    const crossSite: Array<Record<string, string>> = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
      { Origin: 'https://evil.example' },
      { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
    ];
    const before = await auditRows();
    for (const headers of crossSite) {
      await expectError(await call(route, { ...TOKEN, ...headers }), 403, 'cross_site_request');
    }
    expect(await auditRows()).toBe(before);
  });

  test('from the admin page (same-origin) or a client that is not a browser (no header): 200, audited', async () => {
    const allowed: Array<Record<string, string>> = [{ 'Sec-Fetch-Site': 'same-origin' }, { Origin: BASE, 'Sec-Fetch-Site': 'same-origin' }, {}];
    for (const headers of allowed) {
      const before = await auditRows();
      const res = await call(route, { ...TOKEN, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
      await res.arrayBuffer();
      expect(await auditRows()).toBeGreaterThan(before);
    }
  });
});

describe.each(WITH_REF)('$method $path ($name) with a hostile reference', (route) => {
  test.each(Object.entries(HOSTILE))('%s: a 4xx JSON error, never a 5xx', async (_name, ref) => {
    const res = await call(route, { ...TOKEN, ...writeHeaders(route) }, ref);
    expect(res.status, `${res.status} for ${pathOf(route, ref).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await expectError(res, [400, 404]);
  });
});

describe('the same routes with a moderator and same-origin JSON', () => {
  // Last, because the decisions change the report and the dispute: proves the table's references are real.
  test.each(ROUTES)('$method $path ($name): 200', async (route) => {
    const res = await call(route, { ...TOKEN, ...writeHeaders(route) });
    expect(res.status).toBe(200);
  });
});
