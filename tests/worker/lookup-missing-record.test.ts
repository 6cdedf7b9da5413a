// A filter hit whose record is not there: a false positive (the version's range
// bucket does not list the key) is "not reported" and remembered; a reported key
// whose record is lost or not yet propagated is 503 and remembered by nothing,
// so the answer comes back as soon as the record does. The same without a filter.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test, vi } from 'vitest';
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { shardOf } from '../../worker/core/filter-shards.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { filterKey, manifestKey, rangeKey, recordKey, type Manifest } from '../../worker/core/snapshot-layout.ts';
import { publishFixture, type Fixture } from './fixture.ts';

const get = (path: string) => exports.default.fetch(new Request(`https://cekdulu.test${path}`));
const BCA = { key: 'bank:014:1234567890', path: '/api/v1/check?type=bank&bank=014&value=1234567890' };

async function manifestOf(fixture: Fixture): Promise<Manifest> {
  return (await env.SNAPSHOTS.get<Manifest>(manifestKey(fixture.snapshot.manifest.version), 'json'))!;
}

/** Takes a key's record out of KV, as a lost write or an edge that has not caught up would; returns a way to put it back. */
async function removeRecord(fixture: Fixture, key: string): Promise<() => Promise<void>> {
  const at = recordKey((await manifestOf(fixture)).generation, key);
  const saved = await env.SNAPSHOTS.get(at);
  expect(saved, `${key} should have a record`).not.toBeNull();
  await env.SNAPSHOTS.delete(at);
  return () => env.SNAPSHOTS.put(at, saved!);
}

/** Every line written to the console while `run` runs. */
async function logged(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join('\n');
}

async function expectUnavailable(path: string): Promise<void> {
  const res = await get(path);
  expect(res.status).toBe(503);
  expect(res.headers.get('Retry-After')).toBe('30');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  expect((await res.json<any>()).error.code).toBe('snapshot_unavailable');
}

describe('a reported key whose record is missing', () => {
  test('answers 503 snapshot_unavailable, never "not reported", and "reported" again once the record is back', async () => {
    const fixture = await publishFixture(env.SNAPSHOTS, 1_500, 31);
    const restore = await removeRecord(fixture, BCA.key);
    await expectUnavailable(BCA.path);
    // Nothing was remembered: the next lookup asks KV again, and still refuses to guess.
    await expectUnavailable(BCA.path);

    await restore();
    const res = await get(BCA.path);
    expect(res.status).toBe(200);
    expect((await res.json<any>()).status).toBe('reported');
    expect(res.headers.get('Server-Timing')).toBe('lookup;desc="filter+kv"');
  });

  test('the log names the version and the range bucket, never the key looked up', async () => {
    const fixture = await publishFixture(env.SNAPSHOTS, 1_500, 47);
    const restore = await removeRecord(fixture, BCA.key);
    const log = await logged(() => expectUnavailable(BCA.path));
    const bucket = (await sha256Hex(BCA.key)).slice(0, 3);
    expect(log).toContain(`snapshot ${fixture.snapshot.manifest.version} range bucket ${bucket}`);
    for (const secret of [BCA.key, '1234567890', await sha256Hex(BCA.key)]) expect(log).not.toContain(secret);
    await restore();
  });

  test('with no usable filter (KV alone) as well', async () => {
    const fixture = await publishFixture(env.SNAPSHOTS, 1_500, 37);
    const { version } = fixture.snapshot.manifest;
    for (let i = 0; i < fixture.snapshot.filters.length; i++) await env.SNAPSHOTS.delete(filterKey(version, i));
    const restore = await removeRecord(fixture, BCA.key);
    await expectUnavailable(BCA.path);

    // An unreported key is still answered exactly, confirmed by the range bucket, then from memory.
    const unknown = '/api/v1/check?type=bank&bank=014&value=9999999999';
    const first = await get(unknown);
    expect((await first.json<any>()).status).toBe('not_reported');
    expect(first.headers.get('Server-Timing')).toBe('lookup;desc="kv"');
    expect((await get(unknown)).headers.get('Server-Timing')).toBe('lookup;desc="cache"');

    await restore();
    const back = await get(BCA.path);
    expect((await back.json<any>()).status).toBe('reported');
    expect(back.headers.get('Server-Timing')).toBe('lookup;desc="kv"');
  });
});

describe('a genuine filter false positive', () => {
  test('answers "not reported" after KV and the range bucket confirm it, then from memory', async () => {
    // A looser filter than production's 0.1%, so a false positive is quick to find.
    const fixture = await publishFixture(env.SNAPSHOTS, 1_500, 41, { falsePositiveRate: 0.05 });
    const reported = new Set([...fixture.snapshot.records()].map(([key]) => key));
    const filters = fixture.snapshot.filters.map((bytes) => BloomFilter.fromBytes(bytes));
    let value = '';
    for (let i = 0; !value; i++) {
      const candidate = `90${String(i).padStart(8, '0')}`;
      const key = `bank:014:${candidate}`;
      if (!reported.has(key) && filters[shardOf(key, filters.length)]!.has(key)) value = candidate;
    }
    const path = `/api/v1/check?type=bank&bank=014&value=${value}`;
    const res = await get(path);
    expect(res.status).toBe(200);
    expect((await res.json<any>()).status).toBe('not_reported');
    expect(res.headers.get('Server-Timing')).toBe('lookup;desc="filter+kv"');
    // Confirmed absent, so remembered for the version.
    expect((await get(path)).headers.get('Server-Timing')).toBe('lookup;desc="filter+cache"');
  });
});

describe('a range bucket missing from a snapshot that wrote every bucket', () => {
  test('is unavailable for the range API and for a missing record, not an empty answer', async () => {
    const fixture = await publishFixture(env.SNAPSHOTS, 1_500, 43);
    const manifest = await manifestOf(fixture);
    // As if the snapshot were big enough to fill all 4,096 buckets (about 35,000 identifiers).
    await env.SNAPSHOTS.put(manifestKey(manifest.version), JSON.stringify({ ...manifest, rangeBuckets: 4096 }));
    const hash = await sha256Hex(BCA.key);
    await env.SNAPSHOTS.delete(rangeKey(manifest.version, hash.slice(0, 3)));
    await expectUnavailable(`/api/v1/range/${hash.slice(0, 5)}`);
    await removeRecord(fixture, BCA.key);
    await expectUnavailable(BCA.path);
  });
});
