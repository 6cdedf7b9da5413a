// Faults: a missing or corrupt filter, and no snapshot at all. Never a wrong
// "not reported", never a 500.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { filterKey, LIVE_KEY, manifestKey } from '../../worker/core/snapshot-layout.ts';
import { shardOf } from '../../worker/core/filter-shards.ts';
import { publishFixture } from './fixture.ts';

const get = (path: string) => exports.default.fetch(new Request(`https://cekdulu.test${path}`));

describe('with no snapshot published', () => {
  test('lookups answer 503 JSON with Retry-After, and health says unavailable', async () => {
    await env.SNAPSHOTS.delete(LIVE_KEY);
    const res = await get('/api/v1/check?type=phone&value=081234567890');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('30');
    expect((await res.json<any>()).error.code).toBe('snapshot_unavailable');
    const health = await get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({
      status: 'unavailable',
      snapshot: null,
      mode: 'none',
      retention: { lastSuccessAt: null, lastErrorAt: null },
    });
  });

  test('a live pointer naming a version whose manifest is missing is unavailable, not "not reported"', async () => {
    await env.SNAPSHOTS.put(LIVE_KEY, '20260101T000000Z-deadbeef');
    const res = await get('/api/v1/check?type=phone&value=081234567890');
    expect(res.status).toBe(503);
  });
});

describe('with the filter missing', () => {
  test('lookups answer from KV alone and health names the problem', async () => {
    // Another seed than the next test's, so the two snapshots are two versions.
    const { snapshot } = await publishFixture(env.SNAPSHOTS, 1_500, 13);
    await env.SNAPSHOTS.delete(filterKey(snapshot.manifest.version, 0));
    const reported = await get('/api/v1/check?type=phone&value=0812-3456-7890');
    expect((await reported.json<any>()).status).toBe('reported');
    expect(reported.headers.get('Server-Timing')).toBe('lookup;desc="kv"');
    const health = await (await get('/api/v1/health')).json<any>();
    expect(health).toMatchObject({ status: 'degraded', mode: 'kv-only', problem: 'filter missing' });
  });
});

describe('with a corrupt filter', () => {
  test('lookups answer from KV alone, stay exact, and health says degraded', async () => {
    const { snapshot } = await publishFixture(env.SNAPSHOTS);
    const { version } = snapshot.manifest;
    const bytes = snapshot.filters[0]!.slice();
    bytes[bytes.length - 1]! ^= 0xff;
    await env.SNAPSHOTS.put(filterKey(version, 0), bytes);
    expect(await env.SNAPSHOTS.get(manifestKey(version))).not.toBeNull();

    const reported = await get('/api/v1/check?type=bank&bank=014&value=1234567890');
    expect((await reported.json<any>()).status).toBe('reported');
    expect(reported.headers.get('Server-Timing')).toBe('lookup;desc="kv"');

    const unknown = await get('/api/v1/check?type=bank&bank=014&value=9999999999');
    expect((await unknown.json<any>()).status).toBe('not_reported');
    expect(unknown.headers.get('Server-Timing')).toBe('lookup;desc="kv"');

    const health = await (await get('/api/v1/health')).json<any>();
    expect(health).toMatchObject({ status: 'degraded', mode: 'kv-only', problem: 'filter checksum mismatch' });
  });
});

describe('with the filter in shards', () => {
  test('lookups load only their shard; a corrupt shard sends only its lookups to KV, still exact, and health names it', async () => {
    // Small shards, so that 1,500 reports make several (production: 256 KiB each).
    const { snapshot } = await publishFixture(env.SNAPSHOTS, 1_500, 17, { maxShardBytes: 256 });
    const { version, filter } = snapshot.manifest;
    expect(filter.shards.length).toBeGreaterThanOrEqual(4);
    const demo = { bank: 'bank:014:1234567890', phone: 'tel:+6281234567890' };
    const broken = shardOf(demo.bank, filter.shards.length);
    expect(shardOf(demo.phone, filter.shards.length), 'the two demo keys should fall in different shards').not.toBe(broken);
    const bytes = snapshot.filters[broken]!.slice();
    bytes[bytes.length - 1]! ^= 0xff;
    await env.SNAPSHOTS.put(filterKey(version, broken), bytes);

    const bank = await get('/api/v1/check?type=bank&bank=014&value=1234567890');
    expect((await bank.json<any>()).status).toBe('reported');
    expect(bank.headers.get('Server-Timing')).toBe('lookup;desc="kv"');
    const phone = await get('/api/v1/check?type=phone&value=0812-3456-7890');
    expect((await phone.json<any>()).status).toBe('reported');
    expect(phone.headers.get('Server-Timing')).toBe('lookup;desc="filter+kv"');
    // Unreported keys in a sound shard are answered by the filter alone; in the broken one, by KV.
    for (let i = 0; i < 40; i++) {
      const value = `08129${String(i).padStart(7, '0')}`;
      const res = await get(`/api/v1/check?type=phone&value=${value}`);
      const body = await res.json<any>();
      expect(body.status).toBe('not_reported');
      const inBroken = shardOf(`tel:+62${value.slice(1)}`, filter.shards.length) === broken;
      expect(res.headers.get('Server-Timing')).toBe(inBroken ? 'lookup;desc="kv"' : 'lookup;desc="filter"');
    }
    const health = await (await get('/api/v1/health')).json<any>();
    expect(health).toMatchObject({ status: 'degraded', mode: 'kv-only' });
    expect(health.problem).toBe(`filter shard ${broken}: filter checksum mismatch (of ${filter.shards.length})`);
  });
});
