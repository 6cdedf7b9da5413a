// GET /api/v1/check is answered before itty-router (worker/query-string.ts):
// whatever its query, the answer is the one the router's route gives — the
// same route reached through /api/v1/check/ (trailing slash), which still goes
// through the router — and a partner's lookup is still counted.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { publishFixture } from './fixture.ts';

const BASE = 'https://cekdulu.test';
const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
const fetchWith = (path: string, bindings: Partial<Env> = {}) => worker.fetch(new Request(`${BASE}${path}`), { ...env, ...bindings }, ctx);

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

  test("counts a partner's lookup by kind, and nothing without a valid partner id", async () => {
    const points: Array<{ blobs?: string[] }> = [];
    const PARTNER_USAGE = { writeDataPoint: (point: { blobs?: string[] }) => void points.push(point) } as unknown as AnalyticsEngineDataset;
    expect((await fetchWith('/api/v1/check?type=phone&value=081234567890&partner=toko-jujur', { PARTNER_USAGE })).status).toBe(200);
    expect((await fetchWith('/api/v1/check?type=phone&value=081234567890&partner=Not%20An%20Id', { PARTNER_USAGE })).status).toBe(200);
    expect((await fetchWith('/api/v1/check?type=phone&value=081234567890', { PARTNER_USAGE })).status).toBe(200);
    expect(points.map((point) => point.blobs)).toEqual([['toko-jujur', 'phone']]);
  });
});
