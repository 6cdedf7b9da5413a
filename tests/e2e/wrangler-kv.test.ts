// The path to a real namespace (scripts/pipeline/remote-kv.ts) with the real
// wrangler CLI: the same `kv bulk put|get|delete` and `kv key list` commands
// and file formats as --remote, pointed at a local namespace (--local
// --persist-to) because nothing here may reach Cloudflare. What it writes is
// read back through wrangler's platform proxy, as the Worker would read it.
import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { LIVE_KEY, filterKey, manifestKey, recordAt, recordKey, type Manifest, type RecordHistory } from '../../worker/core/snapshot-layout.ts';
import { rollback } from '../../scripts/pipeline/publish.ts';
import { wranglerKv } from '../../scripts/pipeline/remote-kv.ts';
import { writeSampleReports } from '../../scripts/dev/sample-file.ts';
import { runSnapshotJob } from '../../scripts/pipeline/snapshot-job.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';

const SLOW = 240_000;
const BCA = 'bank:014:1234567890';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cekdulu-wrangler-kv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What a Worker at the live version reads: the version, its manifest, the BCA demo account's count. */
async function liveView(persist: string) {
  const { env, dispose } = await getPlatformProxy<{ SNAPSHOTS: KVNamespace }>({ configPath: 'wrangler.toml', persist: { path: join(persist, 'v3') } });
  try {
    const kv = env.SNAPSHOTS;
    const live = (await kv.get(LIVE_KEY))!;
    const manifest = (await kv.get<Manifest>(manifestKey(live), 'json'))!;
    const history = (await kv.get<RecordHistory>(recordKey(manifest.generation, BCA), 'json'))!;
    const filter = (await kv.get(filterKey(live, 0), 'arrayBuffer'))!;
    return {
      live,
      count: recordAt(history, live, manifest.skip)!.matches[0]!.count,
      filterIntact: (await sha256Hex(filter)) === manifest.filter.shards[0]!.sha256 && BloomFilter.fromBytes(new Uint8Array(filter)).has(BCA),
    };
  } finally {
    await dispose();
  }
}

describe('publishing through the wrangler kv commands', () => {
  test(
    'a first run, a diff run and a rollback leave exactly what the Worker must read',
    async () => {
      const persist = join(dir, 'state');
      const kv = wranglerKv(['--binding', 'SNAPSHOTS', '--local', '--persist-to', persist]);
      const state = new MemoryStateStore();
      const first = join(dir, 'first.ndjson');
      await writeSampleReports(first, { reports: 40, seed: 3 });
      const a = await runSnapshotJob({ input: first, target: { kind: 'store', store: kv, name: 'wrangler', state } });

      // The next night: one more verified report for the demo BCA account.
      const second = join(dir, 'second.ndjson');
      await copyFile(first, second);
      const extra = { id: 'next-1', type: 'bank', bank: '014', value: '1234567890', category: 'online_shopping', status: 'verified', reportedAt: '2026-11-20T10:00:00+07:00' };
      await appendFile(second, `${JSON.stringify(extra)}\n`);
      const b = await runSnapshotJob({ input: second, target: { kind: 'store', store: kv, name: 'wrangler', state } });
      expect(a.mode).toBe('full');
      expect(b).toMatchObject({ mode: 'diff', recordsWritten: 1, previous: a.version });

      // The filter travelled as base64 and comes back byte for byte, matching its checksum.
      expect(await liveView(persist)).toEqual({ live: b.version, count: 6, filterIntact: true });
      expect(await rollback(kv)).toEqual({ from: b.version, to: a.version });
      expect(await liveView(persist)).toEqual({ live: a.version, count: 5, filterIntact: true });
    },
    SLOW,
  );
});
