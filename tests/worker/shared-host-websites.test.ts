// A shop on a shared host, through everything that carries a website's key:
// the report intake (D1), the moderation queue (a key with a "/" in its URL),
// the nightly job (report line, aggregation, snapshot, publish), the lookup
// and the private range check. `lynk.id/tokoku` and `toko-a.wordpress.com` are
// listed; their neighbours on the same hosts are not.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { BASE, admin, postJson, publishListing, validReport, verifyInD1 } from './reports-fixture.ts';

const check = async (value: string) =>
  (await exports.default.fetch(new Request(`${BASE}/api/v1/check?type=website&value=${encodeURIComponent(value)}`))).json<any>();

beforeAll(async () => {
  // One nightly run publishes both (two in one second would not be a newer version).
  await verifyInD1(env.DB, { type: 'website', value: 'toko-a.wordpress.com' });
  await publishListing(env, { type: 'website', value: 'https://lynk.id/TokoKu?utm=x' });
});

describe('a shop on a shared host', () => {
  test('a report of https://lynk.id/TokoKu?utm=x is stored as the website lynk.id/tokoku, and its queue group opens by that key', async () => {
    const res = await postJson('/api/v1/reports', validReport({ type: 'website', bank: undefined, value: 'https://lynk.id/TokoKu?utm=x' }));
    expect(res.status).toBe(201);
    const { ref } = await res.json<any>();
    const row = await env.DB.prepare('SELECT value, lookup_key FROM reports WHERE ref = ?').bind(ref).first<any>();
    expect(row).toEqual({ value: 'lynk.id/tokoku', lookup_key: 'web:lynk.id/tokoku' });

    const group = await admin(`/api/v1/admin/queue/${encodeURIComponent('web:lynk.id/tokoku')}`);
    expect(group.status).toBe(200);
    const body = await group.json<any>();
    expect(body.group).toMatchObject({ key: 'web:lynk.id/tokoku', type: 'website', value: 'lynk.id/tokoku' });
    expect(body.reports.map((r: any) => r.ref)).toContain(ref);
  });

  test.each([
    ['lynk.id/tokoku', 'lynk.id/tokoku'],
    ['https://www.lynk.id/TOKOKU/produk/1', 'lynk.id/tokoku'],
    ['toko-a.wordpress.com', 'toko-a.wordpress.com'],
    ['https://www.toko-a.wordpress.com/2024/promo/', 'toko-a.wordpress.com'],
  ])('published, %s is reported, read as %s', async (typed, display) => {
    const answer = await check(typed);
    expect(answer.status).toBe('reported');
    expect(answer.query).toMatchObject({ type: 'website', value: display });
  });

  test.each(['lynk.id/tokojaya', 'toko-b.wordpress.com'])('its neighbour %s on the same host is not reported', async (typed) => {
    expect((await check(typed)).status).toBe('not_reported');
  });

  test.each(['lynk.id', 'wordpress.com'])('the bare host %s is refused as a platform, never answered', async (typed) => {
    const res = await exports.default.fetch(new Request(`${BASE}/api/v1/check?type=website&value=${typed}`));
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error.code).toBe('website_platform');
  });

  test('the private range check finds lynk.id/tokoku under the hash of web:lynk.id/tokoku', async () => {
    const hash = await sha256Hex(lookupKey(parseIdentifier({ type: 'website', value: 'lynk.id/TokoKu/' })));
    const res = await exports.default.fetch(new Request(`${BASE}/api/v1/range/${hash.slice(0, 5)}`));
    const body = await res.json<{ suffixes: Array<{ suffix: string; count: number }> }>();
    expect(body.suffixes.find((s) => s.suffix === hash.slice(5))?.count).toBeGreaterThan(0);
  });
});
