// The nightly job against the real local KV while the Worker serves from it:
// a run that dies midway leaves the previous version answering, the next run
// completes and writes only what changed, and --rollback returns to the
// version before in one step.
import { spawnSync } from 'node:child_process';
import { appendFile, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import type { CheckResponse } from '../../worker/core/api-types.ts';
import type { KvEntry, KvStore } from '../../scripts/pipeline/kv-store.ts';
import { openLocalKv } from '../../scripts/pipeline/local-kv.ts';
import { localStateDir, runSnapshotJob, SnapshotJobError } from '../../scripts/pipeline/snapshot-job.ts';
import { stateFile } from '../../scripts/pipeline/state-file.ts';
import { startServer, type TestServer } from './server.ts';

const SLOW = 180_000;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ vars: { LIVE_POINTER_TTL_SECONDS: '0' } });
}, SLOW);
afterAll(() => server?.stop());

const bcaCount = async (): Promise<number> => {
  const res = await fetch(`${server.url}/api/v1/check?type=bank&bank=014&value=1234567890`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as CheckResponse;
  return body.matches.reduce((sum, m) => sum + m.count, 0);
};

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['scripts/snapshot.ts', '--persist-to', server.persistDir, ...args], { encoding: 'utf8' });

/** A namespace that stops after a number of entries, as a run killed while publishing. */
function dyingAfter(store: KvStore, entries: number): KvStore {
  let left = entries;
  return {
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    deleteBatch: (keys) => store.deleteBatch(keys),
    async putBatch(batch: KvEntry[]) {
      const part = batch.slice(0, Math.max(0, left));
      left -= batch.length;
      if (part.length) await store.putBatch(part);
      if (left < 0) throw new Error('killed');
    },
  };
}

describe('the nightly job on the local KV the Worker serves', () => {
  test(
    'a run killed midway changes nothing; the next run publishes only the changes; rollback returns in one step',
    async () => {
      const before = await bcaCount();
      expect(before).toBe(5);
      const input = server.input;
      const next = join(server.persistDir, '..', 'next.ndjson');
      await copyFile(input, next);
      const extra = (i: number) =>
        JSON.stringify({ id: `nightly-${i}`, type: 'bank', bank: '014', value: '1234567890', category: 'online_shopping', status: 'verified', reportedAt: '2026-11-20T10:00:00+07:00' });
      await appendFile(next, `${extra(1)}\n${extra(2)}\n`);

      const local = await openLocalKv(server.persistDir);
      const liveBefore = await local.store.get(LIVE_KEY);
      try {
        const killed = await runSnapshotJob({
          input: next,
          target: { kind: 'store', store: dyingAfter(local.store, 3), name: 'local KV', state: stateFile(localStateDir(server.persistDir)) },
        }).catch((err: unknown) => err);
        expect(killed).toBeInstanceOf(SnapshotJobError);
        expect(await local.store.get(LIVE_KEY)).toBe(liveBefore);
      } finally {
        await local.close();
      }
      expect(await bcaCount()).toBe(before);

      const summaryFile = join(server.persistDir, '..', 'summary.json');
      const published = cli(['--input', next, '--summary', summaryFile]);
      expect(published.status, published.stderr).toBe(0);
      const summary = JSON.parse(await readFile(summaryFile, 'utf8'));
      expect(summary).toMatchObject({ outcome: 'published', mode: 'diff', previous: liveBefore, recordsWritten: 1 });
      expect(summary.keysWritten).toBeLessThan(summary.identifiers);
      expect(await bcaCount()).toBe(before + 2);

      const rolledBack = cli(['--rollback']);
      expect(rolledBack.status, rolledBack.stderr).toBe(0);
      expect(rolledBack.stdout).toContain(`live version is now ${liveBefore}`);
      expect(await bcaCount()).toBe(before);
    },
    SLOW,
  );

  test('a run that would drop more than 20% of the reported identifiers is refused and changes nothing', async () => {
    const few = join(server.persistDir, '..', 'few.ndjson');
    const lines = (await readFile(server.input, 'utf8')).split('\n').slice(0, 200);
    await appendFile(few, lines.join('\n') + '\n');
    const countBefore = await bcaCount();
    const refused = cli(['--input', few]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/reported identifiers would fall from \d+ .* more than the allowed 20%.*--force/s);
    expect(await bcaCount()).toBe(countBefore);
  }, SLOW);
});
