import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import type { BuiltSnapshot } from '../../scripts/lib/build-snapshot.ts';
import { KV_BULK_LIMIT, publishSnapshot } from '../../scripts/lib/publish.ts';
import { remoteKvSink } from '../../scripts/lib/remote-kv.ts';

const snapshot = (records: number): BuiltSnapshot => ({
  manifest: { version: '20261128T020000Z-0123abcd' } as BuiltSnapshot['manifest'],
  filter: new Uint8Array([0x43, 0x44, 0x42, 0x46, 1, 2, 3]),
  records: Array.from({ length: records }, (_, i) => [`tel:+62812${i}`, `{"matches":[]}`] as [string, string]),
});

describe('publishing to a real namespace with wrangler kv bulk put', () => {
  test('batches stay within the bulk limit, binary travels as base64, and the live pointer moves last', async () => {
    const calls: Array<{ args: string[]; entries: Array<{ key: string; value: string; base64?: boolean }> }> = [];
    const sink = remoteKvSink('ns-123', async (args) => {
      calls.push({ args, entries: JSON.parse(await readFile(args[3]!, 'utf8')) });
    });
    const result = await publishSnapshot(snapshot(KV_BULK_LIMIT + 5), sink);

    expect(result.keysWritten).toBe(KV_BULK_LIMIT + 5 + 3);
    expect(calls.map((c) => c.entries.length)).toEqual([KV_BULK_LIMIT, 5, 2, 1]);
    for (const { args } of calls) expect(args).toEqual(['kv', 'bulk', 'put', args[3], '--namespace-id', 'ns-123', '--remote']);
    const filter = calls[2]!.entries.find((e) => e.key.endsWith('/filter'))!;
    expect(filter.base64).toBe(true);
    expect(Buffer.from(filter.value, 'base64')).toEqual(Buffer.from([0x43, 0x44, 0x42, 0x46, 1, 2, 3]));
    expect(calls.at(-1)!.entries).toEqual([{ key: LIVE_KEY, value: '20261128T020000Z-0123abcd' }]);
  });

  test('a failed batch stops the run before the live pointer moves', async () => {
    const keys: string[] = [];
    let call = 0;
    const sink = remoteKvSink('ns-123', async (args) => {
      if (++call === 2) throw new Error('wrangler kv bulk put exited 1');
      keys.push(...JSON.parse(await readFile(args[3]!, 'utf8')).map((e: { key: string }) => e.key));
    });
    await expect(publishSnapshot(snapshot(KV_BULK_LIMIT + 5), sink)).rejects.toThrow(/exited 1/);
    expect(keys).not.toContain(LIVE_KEY);
  });
});
