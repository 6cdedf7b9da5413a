// KV failing: lookups answer 503 JSON with Retry-After — never a wrong "not reported".
import { env } from 'cloudflare:workers';
import { describe, expect, test, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { publishFixture } from './fixture.ts';

/** The real KV, but every read of a key matching `failing` throws as a KV outage would (with `message`). */
function flakyKv(failing: (key: string) => boolean, message: (key: string) => string = () => 'KV GET failed: 503 Service Unavailable'): KVNamespace {
  return new Proxy(env.SNAPSHOTS, {
    get(target, prop) {
      if (prop === 'get') {
        return (key: string, options?: unknown) => {
          if (failing(key)) return Promise.reject(new Error(message(key)));
          return target.get(key, options as never);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
const call = (kv: KVNamespace, path: string, vars: Record<string, string> = {}) =>
  worker.fetch(new Request(`https://cekdulu.test${path}`), { ...env, SNAPSHOTS: kv, LIVE_POINTER_TTL_SECONDS: '0', ...vars }, ctx);

describe('when KV fails', () => {
  test('with nothing loaded yet, lookups and ranges answer 503 with Retry-After', async () => {
    await publishFixture(env.SNAPSHOTS, 300);
    const down = flakyKv(() => true);
    for (const path of ['/api/v1/check?type=phone&value=081234567890', '/api/v1/range/abcde']) {
      const res = await call(down, path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('30');
      expect((await res.json<any>()).error.code).toBe('snapshot_unavailable');
    }
  });

  test('once a snapshot is loaded, a failing record read is 503, never "not reported"; a record already read still answers', async () => {
    const healthy = flakyKv(() => false);
    expect((await (await call(healthy, '/api/v1/check?type=bank&bank=014&value=1234567890')).json<any>()).status).toBe('reported');

    const recordsDown = flakyKv((key) => key.includes('/r/'));
    const res = await call(recordsDown, '/api/v1/check?type=phone&value=0812-3456-7890');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('30');

    // This isolate read the BCA record for this version already: the same exact answer, no KV read.
    const remembered = await call(recordsDown, '/api/v1/check?type=bank&bank=014&value=1234567890');
    expect(remembered.status).toBe(200);
    expect((await remembered.json<any>()).status).toBe('reported');
    expect(remembered.headers.get('Server-Timing')).toBe('lookup;desc="filter+cache"');
  });

  test('a failing record read is logged without the error message, which may quote the key looked up', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      const quoting = flakyKv((key) => key.includes('/r/'), (key) => `KV GET failed for ${key}`);
      const res = await call(quoting, '/api/v1/check?type=phone&value=0812-3456-7890');
      expect(res.status).toBe(503);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toMatch(/KV read of a record of generation \S+ failed: Error/);
    expect(lines.join('\n')).not.toContain('81234567890');
  });

  test('with the record cache off (RECORD_CACHE_ENTRIES=0) every confirmation reads KV', async () => {
    const off = { RECORD_CACHE_ENTRIES: '0' };
    const path = '/api/v1/check?type=ewallet&provider=dana&value=0857-1111-2222';
    for (let i = 0; i < 2; i++) {
      const res = await call(flakyKv(() => false), path, off);
      expect(res.headers.get('Server-Timing')).toBe('lookup;desc="filter+kv"');
    }
    const down = await call(flakyKv((key) => key.includes('/r/')), path, off);
    expect(down.status).toBe(503);
  });

  test('a range already read by this isolate still answers while range reads fail; a new one is 503; with the cache off every range reads KV', async () => {
    const hash = await sha256Hex('bank:014:1234567890');
    const path = `/api/v1/range/${hash.slice(0, 5)}`;
    const first = await call(flakyKv(() => false), path);
    expect(first.headers.get('Server-Timing')).toBe('range;desc="kv"');
    const suffixes = (await first.json<any>()).suffixes;
    expect(suffixes).toContainEqual(expect.objectContaining({ suffix: hash.slice(5) }));

    const rangesDown = flakyKv((key) => key.includes('/range/'));
    const remembered = await call(rangesDown, path);
    expect(remembered.status).toBe(200);
    expect(remembered.headers.get('Server-Timing')).toBe('range;desc="cache"');
    expect((await remembered.json<any>()).suffixes).toEqual(suffixes);
    // Another prefix of the same bucket is another answer: not remembered, so it needs KV.
    const other = `/api/v1/range/${hash.slice(0, 3)}${hash[3] === '0' ? '1' : '0'}${hash[4]}`;
    expect((await call(rangesDown, other)).status).toBe(503);

    const off = { RECORD_CACHE_ENTRIES: '0' };
    expect((await call(flakyKv(() => false), path, off)).headers.get('Server-Timing')).toBe('range;desc="kv"');
    expect((await call(rangesDown, path, off)).status).toBe(503);
  });

  test('a failing live-pointer read keeps answering from the version in memory', async () => {
    const pointerDown = flakyKv((key) => key === LIVE_KEY);
    const reported = await call(pointerDown, '/api/v1/check?type=bank&bank=014&value=1234567890');
    expect((await reported.json<any>()).status).toBe('reported');
    const miss = await call(pointerDown, '/api/v1/check?type=bank&bank=014&value=9999999999');
    expect((await miss.json<any>()).status).toBe('not_reported');
  });
});
