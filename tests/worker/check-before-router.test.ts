// GET and POST /api/v1/check are answered before itty-router
// (worker/query-string.ts): whatever the query and body, the answer is the one
// the router's route gives — the same route reached through /api/v1/check/
// (trailing slash), which still goes through the router — and a partner's
// lookup is still counted.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { publishFixture } from './fixture.ts';

const BASE = 'https://cekdulu.test';
const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
const fetchWith = (path: string, bindings: Partial<Env> = {}, init?: RequestInit) =>
  worker.fetch(new Request(`${BASE}${path}`, init), { ...env, ...bindings }, ctx);
const postJson = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'Content-Type': 'application/json', ...headers },
});

beforeAll(async () => {
  await publishFixture(env.SNAPSHOTS);
});

/** Queries of every kind of answer: reported, not reported, a repeated or empty name, escapes, and errors. */
const QUERIES = [
  'type=bank&bank=014&value=123-456-7890',
  'type=phone&value=%2B62+812+3456+7890',
  'type=instagram&value=olshop.murah.banget',
  'type=phone&value=081299990000',
  'type=bank&bank=&bank=014&value=1234567890',
  'type=bank&value=1234567890',
  'type=nope&value=1',
  'value=0812',
  '?type=phone&value=081234567890',
  'type=phone&value=' + 'x'.repeat(600),
  '',
];

describe('GET /api/v1/check before the router', () => {
  test('answers every query exactly as the router route does', async () => {
    for (const query of QUERIES) {
      const direct = await fetchWith(`/api/v1/check?${query}`);
      const routed = await fetchWith(`/api/v1/check/?${query}`);
      expect(direct.status, query).toBe(routed.status);
      expect(await direct.text(), query).toBe(await routed.text());
      for (const name of ['Content-Type', 'Cache-Control', 'ETag', 'X-Snapshot-Version', 'Access-Control-Allow-Origin'])
        expect(direct.headers.get(name), `${query}: ${name}`).toBe(routed.headers.get(name));
    }
  });

  test('a lookup held in memory is answered without a promise when no limiter is to be asked', async () => {
    // One set of bindings throughout (the isolate keeps one snapshot source per set: index.ts), the pointer kept as in production.
    const unlimited = { ...env, RATE_LIMITS: 'off', LIVE_POINTER_TTL_SECONDS: '30' } as Env;
    const ask = (value: string) => worker.fetch(new Request(`${BASE}/api/v1/check?type=phone&value=${value}`), unlimited, ctx);
    const first = await ask('081299990000'); // reads the live snapshot and the key's filter shard
    const held = ask('081299990000');
    expect(held).toBeInstanceOf(Response);
    const answer = await first.text();
    expect(await (held as Response).text()).toBe(answer);
    // With a limiter, its answer comes first: a held lookup waits for it.
    const asked: string[] = [];
    const limited = {
      ...unlimited,
      RATE_LIMITS: 'on',
      LOOKUP_LIMITER: { limit: async ({ key }: { key: string }) => (asked.push(key), { success: true }) },
    } as unknown as Env;
    await worker.fetch(new Request(`${BASE}/api/v1/check?type=phone&value=081299990000`), limited, ctx);
    const waiting = worker.fetch(new Request(`${BASE}/api/v1/check?type=phone&value=081299990000`), limited, ctx);
    expect(waiting).toBeInstanceOf(Promise);
    expect(asked).toHaveLength(2);
    expect(await (await waiting).text()).toBe(answer);
  });

  test('without a limiter, a lookup that fails is still its error answer, never a thrown request', async () => {
    const unlimited = { ...env, RATE_LIMITS: 'off', LIVE_POINTER_TTL_SECONDS: '30' } as Env;
    const ask = (query: string) => worker.fetch(new Request(`${BASE}/api/v1/check?${query}`), unlimited, ctx);
    await ask('type=phone&value=081299990000'); // held from here on: the error below comes at once
    const refused = await ask('type=nope&value=1');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_type');
    const paste = await worker.fetch(new Request(`${BASE}/api/v1/check`, postJson(JSON.stringify({ text: 'BCA 1234567890' }))), unlimited, ctx);
    expect(paste.status).toBe(200);
  });

  test("counts a partner's lookup by kind, and nothing without a valid partner id", async () => {
    const points: Array<{ blobs?: string[] }> = [];
    const PARTNER_USAGE = { writeDataPoint: (point: { blobs?: string[] }) => void points.push(point) } as unknown as AnalyticsEngineDataset;
    expect((await fetchWith('/api/v1/check?type=phone&value=081234567890&partner=toko-jujur', { PARTNER_USAGE })).status).toBe(200);
    expect((await fetchWith('/api/v1/check?type=phone&value=081234567890&partner=Not%20An%20Id', { PARTNER_USAGE })).status).toBe(200);
    expect((await fetchWith('/api/v1/check?type=phone&value=081234567890', { PARTNER_USAGE })).status).toBe(200);
    expect(points.map((point) => point.blobs)).toEqual([['toko-jujur', 'phone']]);
  });
});

/** Bodies of every kind of POST answer: a message with reported and refused identifiers, queries, and errors. */
const BODIES = [
  JSON.stringify({ text: 'Transfer ke BCA 123-456-7890 a.n. Toko, WA 0812 3456 7890, IG @olshop.murah.banget, shopee.co.id/toko' }),
  JSON.stringify({ queries: [{ type: 'phone', value: '081299990000' }, { type: 'nope', value: '1' }] }),
  JSON.stringify({ text: '   ' }),
  JSON.stringify({ text: 'x'.repeat(2001) }),
  '{"text": "halo',
  '[]',
];

describe('POST /api/v1/check before the router', () => {
  test('answers every body and language exactly as the router route does', async () => {
    for (const query of ['', '?lang=en', '??lang=en', '?lang=&lang=en', '?partner=toko-jujur&lang=id']) {
      for (const [body, headers] of BODIES.flatMap((b) => [[b, {}], [b, { 'Accept-Language': 'en-US,en;q=0.9' }]] as const)) {
        const direct = await fetchWith(`/api/v1/check${query}`, {}, postJson(body, headers));
        const routed = await fetchWith(`/api/v1/check/${query}`, {}, postJson(body, headers));
        const name = `${query} ${body.slice(0, 40)} ${JSON.stringify(headers)}`;
        expect(direct.status, name).toBe(routed.status);
        expect(await direct.text(), name).toBe(await routed.text());
        for (const header of ['Content-Type', 'Cache-Control', 'X-Snapshot-Version', 'Access-Control-Allow-Origin', 'Retry-After'])
          expect(direct.headers.get(header), `${name}: ${header}`).toBe(routed.headers.get(header));
      }
    }
  });

  test('says what it could not look up in the language asked: ?lang= first, then Accept-Language, else Indonesian', async () => {
    const body = JSON.stringify({ queries: [{ type: 'nope', value: '1' }] });
    const said = async (query: string, headers: Record<string, string> = {}) =>
      ((await (await fetchWith(`/api/v1/check${query}`, {}, postJson(body, headers))).json()) as { unresolved: Array<{ message: string }> }).unresolved[0]!.message;
    expect(await said('?lang=en')).toMatch(/^Unknown type\./);
    expect(await said('?lang=id', { 'Accept-Language': 'en' })).toMatch(/^Jenis tidak dikenal\./);
    expect(await said('', { 'Accept-Language': 'en-US,en;q=0.9' })).toMatch(/^Unknown type\./);
    expect(await said('')).toMatch(/^Jenis tidak dikenal\./);
  });

  test("counts a partner's lookups by kind, one per identifier looked up", async () => {
    const points: Array<{ blobs?: string[] }> = [];
    const PARTNER_USAGE = { writeDataPoint: (point: { blobs?: string[] }) => void points.push(point) } as unknown as AnalyticsEngineDataset;
    const body = JSON.stringify({ queries: [{ type: 'phone', value: '081234567890' }, { type: 'bank', bank: '014', value: '1234567890' }] });
    expect((await fetchWith('/api/v1/check?partner=toko-jujur', { PARTNER_USAGE }, postJson(body))).status).toBe(200);
    expect((await fetchWith('/api/v1/check', { PARTNER_USAGE }, postJson(body))).status).toBe(200);
    expect(points.map((point) => point.blobs)).toEqual([['toko-jujur', 'phone'], ['toko-jujur', 'bank']]);
  });
});
