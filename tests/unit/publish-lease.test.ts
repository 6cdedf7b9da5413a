// One publisher at a time: the lease in the namespace refuses a second
// publisher or rollback while it is live, is taken over once it expired, is
// renewed during a long run, and is released whatever the outcome.
import { describe, expect, test } from 'vitest';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import { buildSnapshot } from '../../scripts/pipeline/build-snapshot.ts';
import { phoneRecords } from './phone-records.ts';
import { MemoryKv, type KvEntry } from '../../scripts/pipeline/kv-store.ts';
import { acquireLease, LEASE_KEY, LeaseHeldError, LeaseLostError, type Lease } from '../../scripts/pipeline/publish-lease.ts';
import { GuardRailError, publishSnapshot, rollback } from '../../scripts/pipeline/publish.ts';
import { runSnapshotJob, SnapshotJobError } from '../../scripts/pipeline/snapshot-job.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTE = 60_000;
let day = Date.parse('2026-11-01T19:00:00Z');
const build = (n = 10) => buildSnapshot(phoneRecords(n), { generatedAt: new Date((day += 86_400_000)) });

const lease = (runId: string, expiresAt: number, purpose: Lease['purpose'] = 'publish'): KvEntry => ({
  key: LEASE_KEY,
  value: JSON.stringify({ runId, purpose, takenAt: new Date(expiresAt - 30 * MINUTE).toISOString(), expiresAt: new Date(expiresAt).toISOString() } satisfies Lease),
});

/** A namespace that calls `onPut` before every write other than the lease's, as another process acting meanwhile. */
class WatchedKv extends MemoryKv {
  onPut: (entries: KvEntry[]) => void | Promise<void> = () => {};
  override async putBatch(entries: KvEntry[]) {
    if (entries[0]!.key !== LEASE_KEY) await this.onPut(entries);
    return super.putBatch(entries);
  }
}

describe('the publish lease', () => {
  test('a second publisher is refused while the first holds the lease, and writes nothing', async () => {
    const kv = new MemoryKv();
    const first = await publishSnapshot(await build(), kv, { state: new MemoryStateStore() });
    const held = await acquireLease(kv, 'publish', { runId: 'nightly-run' });
    const before = new Map(kv.data);

    const refused = publishSnapshot(await build(12), kv, { state: new MemoryStateStore() });
    await expect(refused).rejects.toThrow(LeaseHeldError);
    await expect(refused).rejects.toThrow(/another publish is running on this namespace \(run nightly-run.*nothing was written/);
    expect(kv.data).toEqual(before);
    expect(await kv.get(LIVE_KEY)).toBe(first.version);

    await held.release();
    await expect(publishSnapshot(await build(12), kv, { state: new MemoryStateStore() })).resolves.toMatchObject({ previous: first.version });
  });

  test('the refused run says so in its summary (outcome refused, the reason in error)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cekdulu-lease-'));
    const input = join(dir, 'reports.ndjson');
    const line = { id: '1', type: 'phone', value: '0812-3456-7890', category: 'online_shopping', status: 'verified', reportedAt: '2026-01-05T08:00:00+07:00' };
    await writeFile(input, `${JSON.stringify(line)}\n`);
    const kv = new MemoryKv();
    await kv.putBatch([lease('nightly-run', Date.now() + 10 * MINUTE)]);
    const refused = await runSnapshotJob({ input, target: { kind: 'store', store: kv, name: 'memory', state: new MemoryStateStore() } }).catch((e) => e);
    expect(refused).toBeInstanceOf(SnapshotJobError);
    expect(refused.summary).toMatchObject({ outcome: 'refused', keysWritten: 0, error: expect.stringMatching(/another publish is running.*nightly-run/) });
  });

  test('of two publishers that both found the namespace free, the one whose lease was overwritten refuses', async () => {
    const kv = new MemoryKv();
    // While A waits to confirm, B (which also read "free") writes its own lease.
    const taking = acquireLease(kv, 'publish', { runId: 'A', confirmMs: 1, sleep: () => kv.putBatch([lease('B', Date.now() + 30 * MINUTE)]) });
    await expect(taking).rejects.toThrow(/run B/);
    expect(JSON.parse((await kv.get(LEASE_KEY))!)).toMatchObject({ runId: 'B' });
  });

  test('an expired lease (a run that died) is taken over', async () => {
    const kv = new MemoryKv();
    await kv.putBatch([lease('dead-run', Date.now() - 1)]);
    const result = await publishSnapshot(await build(), kv, { state: new MemoryStateStore() });
    expect(await kv.get(LIVE_KEY)).toBe(result.version);
    expect(await kv.get(LEASE_KEY)).toBeNull();
  });

  test('the lease is held while the run writes, and released after a success', async () => {
    const kv = new WatchedKv();
    const seen: Array<string | null> = [];
    kv.onPut = async () => void seen.push(await kv.get(LEASE_KEY));
    await publishSnapshot(await build(), kv, { state: new MemoryStateStore(), lease: { runId: 'me' } });
    expect(seen.length).toBeGreaterThan(3);
    for (const value of seen) expect(JSON.parse(value!)).toMatchObject({ runId: 'me', purpose: 'publish' });
    expect(await kv.get(LEASE_KEY)).toBeNull();
  });

  test('the lease is released after a failure and after a guard-rail refusal', async () => {
    const kv = new WatchedKv();
    const first = await publishSnapshot(await build(20), kv, { state: new MemoryStateStore() });
    kv.onPut = (entries) => {
      if (entries.some((e) => e.key.includes('/r/'))) throw new Error('KV failing');
    };
    await expect(publishSnapshot(await build(24), kv, { state: new MemoryStateStore() })).rejects.toThrow('KV failing');
    expect(await kv.get(LEASE_KEY)).toBeNull();
    expect(await kv.get(LIVE_KEY)).toBe(first.version);

    kv.onPut = () => {};
    await expect(publishSnapshot(await build(2), kv, { state: new MemoryStateStore() })).rejects.toThrow(GuardRailError);
    expect(await kv.get(LEASE_KEY)).toBeNull();
  });

  test('a long run renews its lease, so that it never looks expired to another publisher', async () => {
    let clock = Date.parse('2026-11-20T19:00:00Z');
    const kv = new WatchedKv();
    const ttlMs = 30 * MINUTE;
    // Every batch takes 12 minutes: without renewals the lease would expire at the third.
    kv.onPut = async () => {
      clock += 12 * MINUTE;
      const current = JSON.parse((await kv.get(LEASE_KEY))!) as Lease;
      expect(Date.parse(current.expiresAt)).toBeGreaterThan(clock);
    };
    const renewals: string[] = [];
    const watched = kv.putBatch.bind(kv);
    kv.putBatch = async (entries) => {
      if (entries[0]!.key === LEASE_KEY) renewals.push(String(entries[0]!.value));
      return watched(entries);
    };
    await publishSnapshot(await build(), kv, { state: new MemoryStateStore(), lease: { ttlMs, now: () => clock } });
    expect(renewals.length).toBeGreaterThan(2);
    expect(await kv.get(LEASE_KEY)).toBeNull();
  });

  test('a run whose lease was taken over stops before moving live, and leaves the other run its lease', async () => {
    const kv = new WatchedKv();
    const first = await publishSnapshot(await build(), kv, { state: new MemoryStateStore() });
    kv.onPut = async (entries) => {
      if (entries.some((e) => e.key.includes('/manifest'))) await MemoryKv.prototype.putBatch.call(kv, [lease('other', Date.now() + 30 * MINUTE)]);
    };
    await expect(publishSnapshot(await build(), kv, { state: new MemoryStateStore() })).rejects.toThrow(LeaseLostError);
    expect(await kv.get(LIVE_KEY)).toBe(first.version);
    expect(JSON.parse((await kv.get(LEASE_KEY))!)).toMatchObject({ runId: 'other' });
  });

  test('a rollback takes the lease too: refused while a publish holds it, released after', async () => {
    const kv = new MemoryKv();
    const state = new MemoryStateStore();
    const first = await publishSnapshot(await build(), kv, { state });
    const second = await publishSnapshot(await build(), kv, { state });
    await kv.putBatch([lease('nightly-run', Date.now() + 10 * MINUTE)]);
    await expect(rollback(kv)).rejects.toThrow(/another publish is running.*nightly-run/);
    expect(await kv.get(LIVE_KEY)).toBe(second.version);

    await kv.deleteBatch([LEASE_KEY]);
    await expect(rollback(kv)).resolves.toEqual({ from: second.version, to: first.version });
    expect(await kv.get(LEASE_KEY)).toBeNull();
    // A publish started during a rollback is refused as well, naming it.
    await acquireLease(kv, 'rollback', { runId: 'by-hand' });
    await expect(publishSnapshot(await build(), kv, { state })).rejects.toThrow(/another rollback is running.*by-hand/);
  });
});
