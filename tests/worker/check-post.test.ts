// POST /api/v1/check through the whole Worker, inside workerd, with real KV:
// a pasted message (or a list of queries) answers one GET answer per
// identifier, in text order, from one snapshot; errors are the usual JSON.
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { MAX_TEXT_LENGTH } from '../../worker/core/extract-types.ts';
import { manifestKey, recordKey, type Manifest } from '../../worker/core/snapshot-layout.ts';
import type { LiveSnapshot, SnapshotSource } from '../../worker/lookup/snapshot-source.ts';
import { handleCheckPost } from '../../worker/routes/check-post.ts';
import { publishFixture, type Fixture } from './fixture.ts';

const BASE = 'https://cekdulu.test';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const post = (body: BodyInit | null, headers: Record<string, string> = JSON_TYPE, init: RequestInit = {}) =>
  exports.default.fetch(new Request(`${BASE}/api/v1/check`, { method: 'POST', headers, body, ...init }));
const postJson = (data: unknown, headers: Record<string, string> = {}) => post(JSON.stringify(data), { ...JSON_TYPE, ...headers });
const get = (query: Record<string, string | undefined>) => {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  return exports.default.fetch(new Request(`${BASE}/api/v1/check?${params}`));
};

/** The README's demo identities, as a seller would send them. */
const MESSAGE =
  'Halo kak, untuk pembayaran silakan transfer ke BCA 014 1234567890 a.n. Toko Murah. ' +
  'Konfirmasi via WA 0812-3456-7890 ya, katalog lengkap di IG @olshop.murah.banget';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await publishFixture(env.SNAPSHOTS);
});

describe('a pasted message', () => {
  test('a reported BCA account, phone and Instagram handle answer three results in text order', async () => {
    const res = await postJson({ text: MESSAGE });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const { version, generatedAt } = fixture.snapshot.manifest;
    expect(res.headers.get('X-Snapshot-Version')).toBe(version);
    const body = await res.json<any>();
    expect(Object.keys(body).sort()).toEqual(['results', 'snapshot', 'unresolved']);
    // updatedAt: the newest decision included; with no same-day delta, the snapshot's build time.
    expect(body.snapshot).toEqual({ version, generatedAt, updatedAt: generatedAt });
    expect(body.results.map((r: any) => [r.status, r.query])).toEqual([
      ['reported', { type: 'bank', bank: '014', value: '1234567890' }],
      ['reported', { type: 'phone', value: '+6281234567890', display: '0812-3456-7890' }],
      ['reported', { type: 'instagram', value: 'olshop.murah.banget' }],
    ]);
    expect(body.unresolved).toEqual([]);
  });

  test('each result is exactly the GET answer for the same identifier', async () => {
    const text = `${MESSAGE}. Atau ke Mandiri 008 1300012345678, atau IG @toko_jujur_sekali`;
    const body = await (await postJson({ text })).json<any>();
    expect(body.results.length).toBe(5);
    for (const result of body.results) {
      expect(Object.keys(result).sort()).toEqual(['matches', 'query', 'snapshot', 'status']);
      const answer = await (await get(result.query)).json();
      expect(result).toEqual(answer);
    }
    expect(body.results.map((r: any) => r.status)).toEqual(['reported', 'reported', 'reported', 'not_reported', 'not_reported']);
  });

  test('digits with no bank named come back unresolved with a code and a question, not guessed', async () => {
    const res = await postJson({ text: 'transfer ke rekening 9876543210 ya kak, WA 0812-3456-7890' });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.results.map((r: any) => r.query)).toEqual([{ type: 'phone', value: '+6281234567890', display: '0812-3456-7890' }]);
    expect(body.unresolved).toHaveLength(1);
    expect(body.unresolved[0]).toMatchObject({ value: '9876543210', code: expect.any(String), message: expect.any(String) });
    expect(typeof body.unresolved[0].start).toBe('number');
  });

  test('a message with nothing to look up answers no results, with the snapshot', async () => {
    const body = await (await postJson({ text: 'Barang ready kak, silakan diorder.' })).json<any>();
    expect(body).toEqual({ results: [], unresolved: [], snapshot: { version: fixture.snapshot.manifest.version, generatedAt: fixture.snapshot.manifest.generatedAt, updatedAt: fixture.snapshot.manifest.generatedAt } });
  });
});

describe('a list of queries', () => {
  test('answers in query order, each the GET answer; an invalid one is unresolved with its index and the GET error code', async () => {
    const queries = [
      { type: 'instagram', value: '@olshop.murah.banget' },
      { type: 'phone', value: '12' },
      { type: 'bank', bank: '008', value: '1300012345678' },
      { type: 'ewallet', provider: 'dana', value: '0857-1111-2222' },
      { type: 'bank', value: '1234567890' },
    ];
    const res = await postJson({ queries }, { 'Accept-Language': 'en' });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.results.map((r: any) => [r.status, r.query.type])).toEqual([
      ['reported', 'instagram'],
      ['not_reported', 'bank'],
      ['reported', 'ewallet'],
    ]);
    for (const [i, q] of [queries[0]!, queries[2]!, queries[3]!].entries()) expect(body.results[i]).toEqual(await (await get(q)).json());
    expect(body.unresolved).toEqual([
      { index: 1, value: '12', code: 'invalid_phone', message: 'Not a valid phone number. Example: 0812-3456-7890 or +62 812 3456 7890.' },
      { index: 4, value: '1234567890', code: 'bank_required', message: 'Choose the bank for this account number.' },
    ]);
  });

  test('a Facebook username’s answer carries the buyer’s spelling in query.display; value stays the key', async () => {
    const res = await postJson({ queries: [{ type: 'facebook', value: 'facebook.com/jual.hp.murah.official' }] });
    const body = await res.json<any>();
    expect(body.results[0].query).toEqual({ type: 'facebook', value: 'jualhpmurahofficial', display: 'jual.hp.murah.official' });
    expect(body.results[0].matches[0].value).toBe('jualhpmurahofficial');
  });

  test('20 queries are answered', async () => {
    const res = await postJson({ queries: Array.from({ length: 20 }, () => ({ type: 'phone', value: '0812-3456-7890' })) });
    expect(res.status).toBe(200);
    expect((await res.json<any>()).results).toHaveLength(20);
  });
});

describe('bad requests get a clear 4xx JSON error', () => {
  const overCap = JSON.stringify({ text: 'a'.repeat(40 * 1024) });
  const cases: Array<[string, () => Promise<Response>, number, string]> = [
    ['text over 2,000 characters', () => postJson({ text: 'a'.repeat(MAX_TEXT_LENGTH + 1) }), 400, 'text_too_long'],
    ['21 queries', () => postJson({ queries: Array.from({ length: 21 }, () => ({ type: 'phone', value: '081234567890' })) }), 400, 'too_many_queries'],
    ['a text naming 21 identifiers', () => postJson({ text: Array.from({ length: 21 }, (_, i) => `IG @toko.nomor${i}`).join(', ') }), 400, 'too_many_queries'],
    ['both text and queries', () => postJson({ text: MESSAGE, queries: [] }), 400, 'text_or_queries'],
    ['neither', () => postJson({ value: MESSAGE }), 400, 'text_or_queries'],
    ['text that is not a string', () => postJson({ text: 12 }), 400, 'text_or_queries'],
    ['an empty text', () => postJson({ text: '   ' }), 400, 'missing_text'],
    ['queries that are not a list', () => postJson({ queries: { type: 'phone', value: '0812' } }), 400, 'invalid_queries'],
    ['a query that is not an object', () => postJson({ queries: ['081234567890'] }), 400, 'invalid_queries'],
    ['a query whose value is a number', () => postJson({ queries: [{ type: 'phone', value: 81234567890 }] }), 400, 'invalid_queries'],
    ['malformed JSON', () => post('{"text": "halo'), 400, 'invalid_json'],
    ['a JSON array', () => post('[]'), 400, 'invalid_json'],
    ['an empty body', () => post(''), 400, 'invalid_json'],
    ['no Content-Type', () => post(JSON.stringify({ text: MESSAGE }), {}), 415, 'json_content_type'],
    ['a form', () => post(new URLSearchParams({ text: MESSAGE }), {}), 415, 'json_content_type'],
    ['text/plain', () => post(JSON.stringify({ text: MESSAGE }), { 'Content-Type': 'text/plain' }), 415, 'json_content_type'],
    ['a body over 32 KB with its length declared', () => post(overCap), 413, 'request_too_large'],
    [
      'a body over 32 KB streamed without a length',
      () => {
        const bytes = new TextEncoder().encode(overCap);
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
            controller.close();
          },
        });
        return post(stream, JSON_TYPE, { duplex: 'half' } as RequestInit);
      },
      413,
      'request_too_large',
    ],
  ];
  test.each(cases)('%s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const body = await res.json<any>();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });

  test('exactly 2,000 characters are read', async () => {
    const text = `IG @olshop.murah.banget ${'x'.repeat(MAX_TEXT_LENGTH)}`.slice(0, MAX_TEXT_LENGTH);
    expect((await postJson({ text })).status).toBe(200);
  });

  test('messages are Indonesian by default and English by Accept-Language', async () => {
    const id = await (await postJson({ text: MESSAGE, queries: [] })).json<any>();
    const en = await (await postJson({ text: MESSAGE, queries: [] }, { 'Accept-Language': 'en-US,en;q=0.9' })).json<any>();
    expect(id.error.message).toMatch(/Kirim salah satu saja/);
    expect(en.error.message).toMatch(/Send exactly one of/);
  });

  test('other methods answer 405 naming GET, HEAD, POST and OPTIONS', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await exports.default.fetch(new Request(`${BASE}/api/v1/check`, { method, body: '{}' }));
      expect(res.status, method).toBe(405);
      expect(res.headers.get('Allow')).toBe('GET, HEAD, POST, OPTIONS');
      expect((await res.json<any>()).error.code).toBe('method_not_allowed');
    }
  });
});

describe('CORS for partners', () => {
  test('the preflight of /api/v1/check allows POST with Content-Type from any origin', async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/api/v1/check`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://toko.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD, POST, OPTIONS');
    expect(res.headers.get('Access-Control-Allow-Headers')).toContain('Content-Type');
  });

  test('other API paths still allow no cross-origin POST', async () => {
    const res = await exports.default.fetch(new Request(`${BASE}/api/v1/reports`, { method: 'OPTIONS', headers: { Origin: 'https://toko.example' } }));
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD, OPTIONS');
  });
});

describe('rate limiting counts one unit per identifier looked up', () => {
  const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
  function countingLimiter(budget = Infinity) {
    const calls: string[] = [];
    return { calls, limit: async ({ key }: { key: string }) => (calls.push(key), { success: calls.length <= budget }) };
  }
  const send = (limiter: RateLimit, data: unknown, ip = '203.0.113.9') =>
    worker.fetch(
      new Request(`${BASE}/api/v1/check`, { method: 'POST', headers: { ...JSON_TYPE, 'CF-Connecting-IP': ip }, body: JSON.stringify(data) }),
      { ...env, LOOKUP_LIMITER: limiter },
      ctx,
    );

  test('three identifiers cost three; invalid ones cost nothing; a request with none still costs one', async () => {
    const three = countingLimiter();
    expect((await send(three, { text: MESSAGE })).status).toBe(200);
    expect(three.calls).toEqual(['v4:203.0.113.9', 'v4:203.0.113.9', 'v4:203.0.113.9']);

    const queries = countingLimiter();
    await send(queries, { queries: [{ type: 'phone', value: '081234567890' }, { type: 'phone', value: '12' }, { type: 'instagram', value: 'abc' }] });
    expect(queries.calls).toHaveLength(2);

    for (const data of [{ text: 'Barang ready kak.' }, { queries: [] }, { text: 'a'.repeat(MAX_TEXT_LENGTH + 1) }]) {
      const none = countingLimiter();
      await (await send(none, data)).text();
      expect(none.calls, JSON.stringify(data).slice(0, 40)).toHaveLength(1);
    }
  });

  test('a request that would go over the budget answers 429 with Retry-After', async () => {
    const res = await send(countingLimiter(2), { text: MESSAGE });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('60');
    expect((await res.json<any>()).error.code).toBe('rate_limited');
  });
});

describe('partner usage', () => {
  const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
  test("a partner's pasted message counts one lookup per identifier, by kind, and nothing of the text", async () => {
    const points: Array<{ blobs?: string[] }> = [];
    const dataset = { writeDataPoint: (point: { blobs?: string[] }) => void points.push(point) };
    const res = await worker.fetch(
      new Request(`${BASE}/api/v1/check?partner=toko-jujur`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ text: MESSAGE }) }),
      { ...env, PARTNER_USAGE: dataset as unknown as AnalyticsEngineDataset },
      ctx,
    );
    expect(res.status).toBe(200);
    const kinds = ((await res.json<any>()).results as Array<{ query: { type: string } }>).map((r) => r.query.type);
    expect(points.map((p) => p.blobs)).toEqual(kinds.map((kind) => ['toko-jujur', kind]));
    // Without a partner id, nothing is counted.
    await worker.fetch(new Request(`${BASE}/api/v1/check`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ text: MESSAGE }) }), { ...env, PARTNER_USAGE: dataset as unknown as AnalyticsEngineDataset }, ctx);
    expect(points).toHaveLength(kinds.length);
  });
});

describe('one snapshot, looked up concurrently', () => {
  /** A snapshot with no filter whose records all answer "not reported" after a tick, counting what is asked. */
  function fakeSource() {
    const counts = { live: 0, inFlight: 0, maxInFlight: 0 };
    const source: SnapshotSource = {
      async live() {
        counts.live++;
        const version = `v${counts.live}`;
        return {
          version,
          manifest: { generatedAt: `2026-01-0${counts.live}T00:00:00.000Z` },
          filterFor: async () => null,
          async record() {
            counts.maxInFlight = Math.max(counts.maxInFlight, ++counts.inFlight);
            await new Promise((r) => setTimeout(r, 5));
            counts.inFlight--;
            return { record: null, cached: false };
          },
        } as unknown as LiveSnapshot;
      },
    };
    return { source, counts };
  }

  test('every result names the one version read, and the lookups overlap', async () => {
    const { source, counts } = fakeSource();
    const request = new Request(`${BASE}/api/v1/check`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ text: MESSAGE }) });
    const res = await handleCheckPost(request, { source, charge: async () => undefined });
    const body = await res.json<any>();
    expect(counts.live).toBe(1);
    expect(body.results).toHaveLength(3);
    for (const r of body.results) expect(r.snapshot).toEqual(body.snapshot);
    expect(counts.maxInFlight).toBe(3);
  });
});

describe('no log line or answer holds the pasted text beyond the identifiers found', () => {
  const SECRET = 'Rahasia-9137 alamat Jl. Mawar No. 7';
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  afterEach(() => vi.restoreAllMocks());

  test('while messages are answered or refused for any reason', async () => {
    const spies = methods.map((m) => vi.spyOn(console, m));
    const text = `${SECRET}. ${MESSAGE}`;
    const answers: string[] = [];
    const keep = async (res: Promise<Response>) => answers.push(await (await res).text());
    await keep(postJson({ text }));
    await keep(postJson({ text: `${text} ${'x'.repeat(MAX_TEXT_LENGTH)}` }));
    await keep(postJson({ text, queries: [] }));
    await keep(post(`{"text": "${SECRET}`));
    await keep(post(JSON.stringify({ text }), { 'Content-Type': 'text/plain' }));
    // A lookup that fails deep down (KV throws): logged as an unhandled error, without the text.
    const broken: SnapshotSource = { live: async () => { throw new Error('KV down'); } };
    const request = new Request(`${BASE}/api/v1/check`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ text }) });
    const { errorResponse } = await import('../../worker/http.ts');
    await keep(handleCheckPost(request, { source: broken, charge: async () => undefined }).catch((err) => errorResponse(err, request)));

    const logged = spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' ')));
    expect(logged.length).toBeGreaterThan(0); // the broken source was logged …
    for (const line of logged) {
      // … and not one line carries the message or what it names.
      for (const secret of ['Rahasia', 'Mawar', '1234567890', '3456', 'olshop']) expect(line).not.toContain(secret);
    }
    for (const answer of answers) for (const secret of ['Rahasia', 'Mawar', 'Toko Murah', 'Halo kak']) expect(answer).not.toContain(secret);
  });
});

describe('a reported key whose record is missing', () => {
  test('makes the whole answer 503 snapshot_unavailable, never a partial "not reported"', async () => {
    const published = await publishFixture(env.SNAPSHOTS, 1_500, 31);
    const manifest = (await env.SNAPSHOTS.get<Manifest>(manifestKey(published.snapshot.manifest.version), 'json'))!;
    const at = recordKey(manifest.generation, 'bank:014:1234567890');
    const saved = (await env.SNAPSHOTS.get(at))!;
    expect(saved).not.toBeNull();
    await env.SNAPSHOTS.delete(at);
    try {
      const res = await postJson({ text: MESSAGE });
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('30');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect((await res.json<any>()).error.code).toBe('snapshot_unavailable');
      // The other two alone are answered.
      const rest = await postJson({ text: 'WA 0812-3456-7890, IG @olshop.murah.banget' });
      expect(rest.status).toBe(200);
    } finally {
      await env.SNAPSHOTS.put(at, saved);
    }
    expect((await postJson({ text: MESSAGE })).status).toBe(200);
  });
});
