import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import { buildSnapshot, SnapshotCheckError, type BuiltSnapshot } from '../../scripts/lib/build-snapshot.ts';
import { KV_BULK_LIMIT, publishSnapshot } from '../../scripts/lib/publish.ts';
import { remoteKvSink } from '../../scripts/lib/remote-kv.ts';

const snapshot = (records: number): Promise<BuiltSnapshot> =>
  buildSnapshot(
    Array.from({ length: records }, (_, i) => [`tel:+62812${i}`, { matches: [] }] as [string, { matches: [] }]),
    { reports: records, generatedAt: new Date('2026-11-28T02:00:00Z') },
  );

describe('publishing to a real namespace with wrangler kv bulk put', () => {
  test('batches stay within the bulk limit, binary travels as base64, and the live pointer moves last', async () => {
    const calls: Array<{ args: string[]; entries: Array<{ key: string; value: string; base64?: boolean }> }> = [];
    const sink = remoteKvSink('ns-123', async (args) => {
      calls.push({ args, entries: JSON.parse(await readFile(args[3]!, 'utf8')) });
    });
    const built = await snapshot(KV_BULK_LIMIT + 5);
    const result = await publishSnapshot(built, sink);

    const dataKeys = KV_BULK_LIMIT + 5 + built.ranges.size;
    expect(result.keysWritten).toBe(dataKeys + 3);
    expect(calls.map((c) => c.entries.length)).toEqual([KV_BULK_LIMIT, dataKeys - KV_BULK_LIMIT, 2, 1]);
    for (const { args } of calls) expect(args).toEqual(['kv', 'bulk', 'put', args[3], '--namespace-id', 'ns-123', '--remote']);
    const filter = calls[2]!.entries.find((e) => e.key.endsWith('/filter'))!;
    expect(filter.base64).toBe(true);
    expect(new Uint8Array(Buffer.from(filter.value, 'base64'))).toEqual(built.filter);
    expect(calls.at(-1)!.entries).toEqual([{ key: LIVE_KEY, value: built.manifest.version }]);
  });

  test('a failed batch stops the run before the live pointer moves', async () => {
    const keys: string[] = [];
    let call = 0;
    const sink = remoteKvSink('ns-123', async (args) => {
      if (++call === 2) throw new Error('wrangler kv bulk put exited 1');
      keys.push(...JSON.parse(await readFile(args[3]!, 'utf8')).map((e: { key: string }) => e.key));
    });
    await expect(publishSnapshot(await snapshot(KV_BULK_LIMIT + 5), sink)).rejects.toThrow(/exited 1/);
    expect(keys).not.toContain(LIVE_KEY);
  });
});

describe('a snapshot the Worker could not serve is refused before anything is written', () => {
  const neverCalled = remoteKvSink('ns-123', async () => {
    throw new Error('nothing may be written');
  });

  test('a malformed version', async () => {
    const built = await snapshot(10);
    built.manifest.version = '2026-11-28 latest';
    await expect(publishSnapshot(built, neverCalled)).rejects.toThrow(SnapshotCheckError);
  });

  test('a filter that does not load, or counts that disagree', async () => {
    const corrupt = await snapshot(10);
    corrupt.filter = corrupt.filter.slice(0, 20);
    await expect(publishSnapshot(corrupt, neverCalled)).rejects.toThrow(/filter/);
    const short = await snapshot(10);
    short.records.pop();
    await expect(publishSnapshot(short, neverCalled)).rejects.toThrow(/10 identifiers/);
  });
});
