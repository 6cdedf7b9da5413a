// Diff publishing: whatever sequence of runs, killed runs and rollbacks, what a
// Worker reads at the live version equals a fresh build of that version's
// input; guard rails refuse before anything is written.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { shardOf } from '../../worker/core/filter-shards.ts';
import {
  HEAD_KEY,
  LIVE_KEY,
  filterKey,
  manifestKey,
  recordAt,
  recordKey,
  type Manifest,
  type RecordHistory,
  type SnapshotRecord,
} from '../../worker/core/snapshot-layout.ts';
import { buildSnapshot, SnapshotCheckError, type RecordSource } from '../../scripts/pipeline/build-snapshot.ts';
import { MemoryKv, type KvEntry } from '../../scripts/pipeline/kv-store.ts';
import { GuardRailError, publishSnapshot, rollback, type PublishOptions } from '../../scripts/pipeline/publish.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';

const UNIVERSE = Array.from({ length: 24 }, (_, i) => `tel:+628120000${String(i).padStart(4, '0')}`);

/**
 * One run's input: lookup key → verified reports behind it, plus DISPUTED when the owner's
 * dispute is pending (so a run that only flags or clears a dispute is a change too).
 */
type Input = Map<string, number>;
const DISPUTED = 100;

const record = (key: string, n: number): SnapshotRecord => {
  const count = n % DISPUTED;
  return {
    matches: [
      {
        type: 'phone',
        value: key.slice(4),
        count,
        categories: { online_shopping: count },
        firstReportedAt: '2026-01-01T00:00:00.000Z',
        lastReportedAt: '2026-01-01T00:00:00.000Z',
        totalLossIdr: count * 100_000,
        ...(n >= DISPUTED ? { disputed: true as const } : {}),
      },
    ],
  };
};

function source(input: Input): RecordSource {
  const keys = [...input.keys()].sort();
  return {
    identifiers: keys.length,
    reports: [...input.values()].reduce((a, b) => a + (b % DISPUTED), 0),
    keys: () => keys,
    *records() {
      for (const key of keys) yield [key, record(key, input.get(key)!)];
    },
  };
}

let clock = Date.parse('2026-11-01T19:00:00Z');
const build = (input: Input) => buildSnapshot(source(input), { generatedAt: new Date((clock += 86_400_000)) });

/** What a Worker at the live version answers for every key of the universe. */
async function liveView(kv: MemoryKv): Promise<Map<string, number>> {
  const live = (await kv.get(LIVE_KEY))!;
  const manifest = JSON.parse((await kv.get(manifestKey(live)))!) as Manifest;
  const filters = manifest.filter.shards.map((_, i) => BloomFilter.fromBytes(kv.data.get(filterKey(live, i)) as Uint8Array));
  const view = new Map<string, number>();
  for (const key of UNIVERSE) {
    const text = await kv.get(recordKey(manifest.generation, key));
    const found = text ? recordAt(JSON.parse(text) as RecordHistory, live, manifest.skip) : null;
    if (found) {
      // A key the filter misses would be answered "not reported" without reading KV.
      expect(filters[shardOf(key, filters.length)]!.has(key), `${key} is in KV but missing from the filter`).toBe(true);
      view.set(key, found.matches[0]!.count + (found.matches[0]!.disputed ? DISPUTED : 0));
    }
  }
  return view;
}

/** A namespace that fails after a number of entries were written, as a run killed midway. */
class DyingKv extends MemoryKv {
  private readonly inner: MemoryKv;
  private entriesLeft: number;
  constructor(inner: MemoryKv, entriesLeft: number) {
    super();
    this.inner = inner;
    this.entriesLeft = entriesLeft;
  }
  override get(key: string) {
    return this.inner.get(key);
  }
  override async putBatch(entries: KvEntry[]) {
    for (const entry of entries) {
      if (this.entriesLeft-- <= 0) throw new Error('killed');
      await this.inner.putBatch([entry]);
    }
  }
  override deleteBatch(keys: string[]) {
    return this.inner.deleteBatch(keys);
  }
  override list(prefix: string) {
    return this.inner.list(prefix);
  }
}

const inputArb = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...UNIVERSE), fc.constantFrom(1, 2, 3, 1 + DISPUTED, 2 + DISPUTED)), { selector: ([key]) => key, maxLength: 16 })
  .map((pairs) => new Map(pairs));

type Step =
  | { kind: 'publish'; input: Input; full: boolean }
  | { kind: 'killed'; input: Input; after: number }
  | { kind: 'rollback' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('publish' as const), input: inputArb, full: fc.nat(4).map((n) => n === 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killed' as const), input: inputArb, after: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'rollback' as const }) },
);

const options = (state: MemoryStateStore, extra: Partial<PublishOptions> = {}): PublishOptions => ({
  state,
  force: true,
  keepVersions: 3,
  ...extra,
});

describe('diff publishing', () => {
  test('after any sequence of runs, killed runs and rollbacks, the live answers equal a fresh build of the live input', async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, fc.array(stepArb, { maxLength: 8 }), async (first, steps) => {
        const kv = new MemoryKv();
        const state = new MemoryStateStore();
        // The inputs of versions that went live, newest last (the model of the rollback chain).
        const published: Array<{ version: string; input: Input; previous: string | null }> = [];
        const publish = async (input: Input, extra: Partial<PublishOptions> = {}) => {
          const result = await publishSnapshot(await build(input), kv, options(state, extra));
          published.push({ version: result.version, input, previous: result.previous });
        };
        await publish(first);
        for (const step of steps) {
          const liveBefore = await kv.get(LIVE_KEY);
          if (step.kind === 'publish') await publish(step.input, { full: step.full });
          if (step.kind === 'killed') {
            const built = await build(step.input);
            const died = await publishSnapshot(built, new DyingKv(kv, step.after), options(state)).then(
              () => false,
              () => true,
            );
            if (died) expect(await kv.get(LIVE_KEY)).toBe(liveBefore);
            else published.push({ version: built.manifest.version, input: step.input, previous: liveBefore });
          }
          if (step.kind === 'rollback') {
            const current = published.find((p) => p.version === liveBefore)!;
            const target = published.find((p) => p.version === current.previous);
            // Only versions still kept can be returned to; the others must be refused.
            const outcome = await rollback(kv).then(
              (r) => r.to,
              (err: Error) => err,
            );
            if (typeof outcome === 'string') {
              expect(outcome).toBe(current.previous);
              expect(target).toBeDefined();
            } else {
              expect(outcome).toBeInstanceOf(SnapshotCheckError);
            }
          }
          const live = await kv.get(LIVE_KEY);
          const expected = published.find((p) => p.version === live)!.input;
          expect(Object.fromEntries(await liveView(kv))).toEqual(Object.fromEntries(expected));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('a run with the same input writes no record, and one changed identifier writes one', async () => {
    const kv = new MemoryKv();
    const state = new MemoryStateStore();
    const input: Input = new Map(UNIVERSE.map((key, i) => [key, (i % 3) + 1]));
    const first = await publishSnapshot(await build(input), kv, options(state));
    expect(first).toMatchObject({ mode: 'full', recordsWritten: UNIVERSE.length });

    const same = await publishSnapshot(await build(input), kv, options(state));
    expect(same).toMatchObject({ mode: 'diff', recordsWritten: 0, recordsUnchanged: UNIVERSE.length, previous: first.version });

    const changed = new Map(input).set(UNIVERSE[5]!, 9);
    const next = await publishSnapshot(await build(changed), kv, options(state));
    expect(next).toMatchObject({ mode: 'diff', recordsWritten: 1, generation: first.generation });
    // The previous version keeps its own answer in the same record.
    const history = JSON.parse((await kv.get(recordKey(first.generation, UNIVERSE[5]!)))!) as RecordHistory;
    expect(recordAt(history, same.version)!.matches[0]!.count).toBe(input.get(UNIVERSE[5]!));
    expect(recordAt(history, next.version)!.matches[0]!.count).toBe(9);
  });

  test('a run killed midway and a rerun of the same input within the same second (the same version) still publish it', async () => {
    const kv = new MemoryKv();
    const state = new MemoryStateStore();
    const before: Input = new Map(UNIVERSE.slice(0, 10).map((key) => [key, 1]));
    await publishSnapshot(await build(before), kv, options(state));
    const after = new Map(before).set(UNIVERSE[3]!, 4).set(UNIVERSE[20]!, 2);
    const at = new Date((clock += 86_400_000));
    const killed = await buildSnapshot(source(after), { generatedAt: at });
    await expect(publishSnapshot(killed, new DyingKv(kv, 3), options(state))).rejects.toThrow('killed');
    const rerun = await buildSnapshot(source(after), { generatedAt: at });
    expect(rerun.manifest.version).toBe(killed.manifest.version);
    await publishSnapshot(rerun, kv, options(state));
    expect(Object.fromEntries(await liveView(kv))).toEqual(Object.fromEntries(after));
  });

  test('without the previous state the run writes a new generation, and old generations go after the retention', async () => {
    const kv = new MemoryKv();
    const input: Input = new Map(UNIVERSE.slice(0, 10).map((key) => [key, 1]));
    const first = await publishSnapshot(await build(input), kv, options(new MemoryStateStore(), { keepVersions: 2 }));
    const lost = new MemoryStateStore(); // e.g. the CI cache was evicted
    const second = await publishSnapshot(await build(input), kv, options(lost, { keepVersions: 2 }));
    expect(second.mode).toBe('full');
    expect(second.generation).not.toBe(first.generation);
    expect(await kv.get(recordKey(first.generation, UNIVERSE[0]!))).not.toBeNull(); // still kept for rollback
    const third = await publishSnapshot(await build(input), kv, options(lost, { keepVersions: 2 }));
    expect(third).toMatchObject({ mode: 'diff', generation: second.generation });
    expect(third.keysDeleted).toBeGreaterThan(10);
    expect([...kv.data.keys()].filter((k) => k.includes(first.generation))).toEqual([]);
    const head = JSON.parse((await kv.get(HEAD_KEY))!) as { kept: Array<{ version: string }> };
    expect(head.kept.map((k) => k.version)).toEqual([second.version, third.version]);
  });

  test('identifiers dropped before every kept version are deleted', async () => {
    const kv = new MemoryKv();
    const state = new MemoryStateStore();
    const all: Input = new Map(UNIVERSE.map((key) => [key, 1]));
    const fewer = new Map([...all].slice(0, 20));
    const first = await publishSnapshot(await build(all), kv, options(state, { keepVersions: 2 }));
    await publishSnapshot(await build(fewer), kv, options(state, { keepVersions: 2 }));
    const gone = recordKey(first.generation, UNIVERSE[23]!);
    expect(await kv.get(gone)).not.toBeNull(); // the previous version still reports it
    await publishSnapshot(await build(fewer), kv, options(state, { keepVersions: 2 }));
    const last = await publishSnapshot(await build(fewer), kv, options(state, { keepVersions: 2 }));
    expect(await kv.get(gone)).toBeNull();
    expect(last.keysDeleted).toBeGreaterThan(0);
  });
});

describe('guard rails refuse before anything is written', () => {
  test('a drop of more than 20% of the reported identifiers, unless forced', async () => {
    const kv = new MemoryKv();
    const state = new MemoryStateStore();
    const all: Input = new Map(UNIVERSE.map((key) => [key, 1]));
    await publishSnapshot(await build(all), kv, { state });
    const before = new Map(kv.data);
    const tooFew = new Map([...all].slice(0, 18)); // 24 → 18: −25%
    await expect(publishSnapshot(await build(tooFew), kv, { state })).rejects.toThrow(GuardRailError);
    await expect(publishSnapshot(await build(tooFew), kv, { state, maxDrop: 0.2 })).rejects.toThrow(/−25\.0%.*20%/);
    expect(kv.data).toEqual(before);
    const allowed = new Map([...all].slice(0, 20)); // −16.7%
    await expect(publishSnapshot(await build(allowed), kv, { state })).resolves.toMatchObject({ mode: 'diff' });
    await expect(publishSnapshot(await build(tooFew), kv, { state, maxDrop: 0.5 })).resolves.toMatchObject({ mode: 'diff' });
    const forced = await publishSnapshot(await build(new Map([...all].slice(0, 2))), kv, { state, force: true });
    expect(await kv.get(LIVE_KEY)).toBe(forced.version);
  });

  test('a malformed version or a filter that does not match its manifest', async () => {
    const kv = new MemoryKv();
    const malformed = await build(new Map([[UNIVERSE[0]!, 1]]));
    malformed.manifest.version = '2026-11-28 latest';
    await expect(publishSnapshot(malformed, kv, { state: new MemoryStateStore() })).rejects.toThrow(SnapshotCheckError);
    const corrupt = await build(new Map(UNIVERSE.map((key) => [key, 1])));
    corrupt.filters[0] = corrupt.filters[0]!.slice(0, corrupt.filters[0]!.length - 1);
    await expect(publishSnapshot(corrupt, kv, { state: new MemoryStateStore() })).rejects.toThrow(/filter/);
    expect(kv.data.size).toBe(0);
  });

  test('a rollback with nothing before the live version is refused', async () => {
    const kv = new MemoryKv();
    await expect(rollback(kv)).rejects.toThrow(/nothing is live/);
    await publishSnapshot(await build(new Map([[UNIVERSE[0]!, 1]])), kv, { state: new MemoryStateStore() });
    await expect(rollback(kv)).rejects.toThrow(/no previous version/);
  });
});
