import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { DELTA_KEY, HEAD_KEY, LIVE_KEY, PUBLISHING_KEY } from '../../worker/core/snapshot-layout.ts';
import { buildSnapshot, type RecordSource } from '../../scripts/pipeline/build-snapshot.ts';
import { KV_BULK_LIMIT } from '../../scripts/pipeline/kv-store.ts';
import { publishSnapshot } from '../../scripts/pipeline/publish.ts';
import { LEASE_KEY } from '../../scripts/pipeline/publish-lease.ts';
import { remoteKv } from '../../scripts/pipeline/remote-kv.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';

const keys = (records: number) => Array.from({ length: records }, (_, i) => `tel:+62812${String(i).padStart(8, '0')}`);
const source = (records: number): RecordSource => ({
  identifiers: records,
  reports: records,
  keys: () => keys(records),
  *records() {
    for (const key of keys(records)) yield [key, { matches: [] }];
  },
});

const noWait = { attempts: 3, firstDelayMs: 1 };

interface Call {
  args: string[];
  file?: unknown;
}

/** A fake `wrangler` that records each call and answers reads from what was put. */
function fakeWrangler(fail: (call: Call, n: number) => boolean = () => false) {
  const calls: Call[] = [];
  const stored = new Map<string, string>();
  const run = async (args: string[]): Promise<string> => {
    const call: Call = { args };
    if (args[1] === 'bulk') call.file = JSON.parse(await readFile(args[3]!, 'utf8'));
    calls.push(call);
    if (fail(call, calls.length)) throw new Error(`wrangler ${args.slice(0, 3).join(' ')} exited 1`);
    if (args[2] === 'put') for (const e of call.file as Array<{ key: string; value: string }>) stored.set(e.key, e.value);
    if (args[2] === 'get') return JSON.stringify(Object.fromEntries((call.file as string[]).map((k) => [k, { value: stored.get(k) ?? null }])));
    if (args[2] === 'list') return JSON.stringify([...stored.keys()].filter((k) => k.startsWith(args[4]!)).map((name) => ({ name })));
    return '';
  };
  return { calls, run };
}

describe('a real namespace through wrangler', () => {
  test('batches stay within the bulk limit, binary travels as base64, and head then live move last', async () => {
    const wrangler = fakeWrangler();
    const kv = remoteKv('ns-123', wrangler.run, noWait);
    const built = await buildSnapshot(source(KV_BULK_LIMIT + 5));
    const result = await publishSnapshot(built, kv, { state: new MemoryStateStore() });

    const puts = wrangler.calls.filter((c) => c.args[2] === 'put');
    for (const { args } of puts) expect(args).toEqual(['kv', 'bulk', 'put', args[3], '--namespace-id', 'ns-123', '--remote']);
    expect(puts.every((c) => (c.file as unknown[]).length <= KV_BULK_LIMIT)).toBe(true);
    const allKeys = puts.flatMap((c) => (c.file as Array<{ key: string }>).map((e) => e.key));
    expect(allKeys[0]).toBe(LEASE_KEY); // taken before anything else is written
    const keys = allKeys.filter((key) => key !== LEASE_KEY);
    expect(keys[0]).toBe(PUBLISHING_KEY);
    // head then live move last; the new version's empty same-day delta is written after the switch.
    expect(keys.slice(-3)).toEqual([HEAD_KEY, LIVE_KEY, DELTA_KEY]);
    expect(result.keysWritten).toBe(keys.filter((key) => key !== DELTA_KEY).length);
    expect(result.recordsWritten).toBe(KV_BULK_LIMIT + 5);
    const filter = puts.flatMap((c) => c.file as Array<{ key: string; value: string; base64?: boolean }>).find((e) => e.key.endsWith('/filter/0'))!;
    expect(filter.base64).toBe(true);
    expect(new Uint8Array(Buffer.from(filter.value, 'base64'))).toEqual(built.filters[0]);
  });

  test('a transient failure is retried; a lasting one stops the run before the live pointer moves', async () => {
    const writesRecords = (call: Call) => call.args[2] === 'put' && (call.file as Array<{ key: string }>).some((e) => e.key.includes('/r/'));
    let failed = false;
    const flaky = fakeWrangler((call) => !failed && writesRecords(call) && (failed = true));
    await publishSnapshot(await buildSnapshot(source(20)), remoteKv('ns-1', flaky.run, noWait), { state: new MemoryStateStore() });
    const switchPuts = flaky.calls.filter((c) => c.args[2] === 'put' && !(c.file as Array<{ key: string }>).every((e) => e.key === DELTA_KEY));
    expect(switchPuts.at(-1)!.file).toEqual([{ key: LIVE_KEY, value: expect.any(String) }]);
    // The records' put failed once and the next call sent the same batch again.
    const first = flaky.calls.findIndex(writesRecords);
    expect(flaky.calls[first + 1]!.args[2]).toBe('put');
    expect(flaky.calls[first + 1]!.file).toEqual(flaky.calls[first]!.file);

    const broken = fakeWrangler((call) => call.args[2] === 'put' && (call.file as Array<{ key: string }>).some((e) => e.key.includes('/r/')));
    await expect(
      publishSnapshot(await buildSnapshot(source(20)), remoteKv('ns-1', broken.run, noWait), { state: new MemoryStateStore() }),
    ).rejects.toThrow(/exited 1/);
    // The lease, the publishing marker, then every attempt at the records.
    expect(broken.calls.filter((c) => c.args[2] === 'put' && c.args[1] === 'bulk').length).toBe(2 + noWait.attempts);
    const written = broken.calls.flatMap((c) => (c.args[2] === 'put' ? (c.file as Array<{ key: string }>).map((e) => e.key) : []));
    expect(written).not.toContain(LIVE_KEY);
  });

  test('reads, listings and deletes use the bulk and key commands', async () => {
    const wrangler = fakeWrangler();
    const kv = remoteKv('ns-9', wrangler.run, noWait);
    await kv.putBatch([{ key: 'a/1', value: 'x' }, { key: 'a/2', value: 'y' }, { key: 'b', value: 'z' }]);
    expect(await kv.get('a/2')).toBe('y');
    expect(await kv.get('missing')).toBeNull();
    const listed: string[] = [];
    for await (const key of kv.list('a/')) listed.push(key);
    expect(listed).toEqual(['a/1', 'a/2']);
    await kv.deleteBatch(['a/1']);
    const del = wrangler.calls.at(-1)!;
    expect(del.args).toEqual(['kv', 'bulk', 'delete', del.args[3], '--namespace-id', 'ns-9', '--remote', '--force']);
    expect(del.file).toEqual(['a/1']);
    await expect(kv.putBatch(Array.from({ length: KV_BULK_LIMIT + 1 }, (_, i) => ({ key: `k${i}`, value: '' })))).rejects.toThrow(RangeError);
  });
});
