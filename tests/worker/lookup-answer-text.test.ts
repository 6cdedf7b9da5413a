// A lookup's answer is sent as text joined from parts kept per record and per
// live snapshot (worker/lookup/lookup.ts answerText): its bytes must be exactly
// JSON.stringify of the answer, whatever the record holds and whoever asks, the
// first time and every time after, and no caller may change what is kept.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseIdentifier, type Identifier } from '../../worker/core/identifiers.ts';
import type { Manifest, SnapshotRecord, StoredMatch } from '../../worker/core/snapshot-layout.ts';
import { answerText, lookup } from '../../worker/lookup/lookup.ts';
import type { LiveSnapshot, SnapshotSource } from '../../worker/lookup/snapshot-source.ts';

type LiveDelta = NonNullable<LiveSnapshot['delta']>;

const manifest = { version: '20261206T000000Z-00000000', generatedAt: '2026-12-06T00:00:00.000Z' } as Manifest;

/** One live snapshot object for every request, as the isolate keeps it: its parts are kept beside it. */
function sourceOf(records: Map<string, SnapshotRecord>, delta: LiveDelta | null = null): SnapshotSource {
  const snapshot: LiveSnapshot = {
    version: manifest.version,
    manifest,
    delta,
    deltaProblem: undefined,
    updatedAt: '2026-12-06T07:05:00.000Z',
    tag: manifest.version,
    filterFor: async () => null,
    filterProblem: async () => undefined,
    record: async (key) => ({ record: records.get(key) ?? null, cached: true }),
    range: async () => ({ suffixes: [], cached: false }),
  };
  return { live: async () => snapshot };
}

const ids: Identifier[] = [
  parseIdentifier({ type: 'phone', value: '0812-3456-7890' }),
  parseIdentifier({ type: 'ewallet', provider: 'dana', value: '081234567890' }),
  parseIdentifier({ type: 'ewallet', provider: 'ovo', value: '+62 812 3456 7890' }),
];
const KEY = 'tel:+6281234567890';

const day = fc.date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
const storedMatch: fc.Arbitrary<StoredMatch> = fc.record(
  {
    type: fc.constantFrom('phone' as const, 'ewallet' as const),
    value: fc.oneof(fc.constant('+6281234567890'), fc.string({ maxLength: 30 })),
    provider: fc.constantFrom('dana' as const, 'ovo' as const, 'gopay' as const),
    count: fc.nat(10_000),
    categories: fc.dictionary(fc.constantFrom('online_shopping', 'investment', 'loan', 'romance'), fc.nat(100)),
    firstReportedAt: day,
    lastReportedAt: day,
    totalLossIdr: fc.nat(),
    disputed: fc.constant(true as const),
  },
  { requiredKeys: ['type', 'value', 'count', 'categories', 'firstReportedAt', 'lastReportedAt', 'totalLossIdr'] },
);

describe('a lookup answer sent as text', () => {
  test('is exactly JSON.stringify of the answer, for any record, any asker, the first time and from what was kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(storedMatch, { maxLength: 6 }), fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 6 }), async (matches, askers) => {
        const source = sourceOf(new Map([[KEY, { matches }]]));
        for (const id of askers) {
          const result = await lookup(id, source);
          expect(answerText(result)).toBe(JSON.stringify(result.body));
          expect(result.body.status).toBe(matches.length > 0 ? 'reported' : 'not_reported');
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a key the same-day delta holds, and a key nobody reported, give the same bytes as their answers', async () => {
    const listed: SnapshotRecord = { matches: [{ type: 'phone', value: '+6281234567890', count: 2, categories: { loan: 2 }, firstReportedAt: '2026-12-05T03:00:00.000Z', lastReportedAt: '2026-12-06T03:00:00.000Z', totalLossIdr: 1_500_000 }] };
    const delta = { records: new Map([[KEY, listed]]) } as unknown as LiveDelta;
    const viaDelta = await lookup(ids[0]!, sourceOf(new Map(), delta));
    expect(viaDelta.path).toBe('delta');
    expect(answerText(viaDelta)).toBe(JSON.stringify(viaDelta.body));
    const nobody = await lookup(parseIdentifier({ type: 'bank', bank: '014', value: '1234567890' }), sourceOf(new Map()));
    expect(nobody.body.status).toBe('not_reported');
    expect(answerText(nobody)).toBe(JSON.stringify(nobody.body));
  });

  test('the asked identity comes first in every answer, though the answers of one record are kept', async () => {
    const record: SnapshotRecord = {
      matches: [
        { type: 'phone', value: '+6281234567890', count: 9, categories: {}, firstReportedAt: '2026-01-01T00:00:00.000Z', lastReportedAt: '2026-01-02T00:00:00.000Z', totalLossIdr: 0 },
        { type: 'ewallet', provider: 'dana', value: '+6281234567890', count: 1, categories: {}, firstReportedAt: '2026-01-01T00:00:00.000Z', lastReportedAt: '2026-01-02T00:00:00.000Z', totalLossIdr: 0 },
      ],
    };
    const source = sourceOf(new Map([[KEY, record]]));
    for (let round = 0; round < 2; round++) {
      expect((await lookup(ids[1]!, source)).body.matches.map((m) => m.type)).toEqual(['ewallet', 'phone']);
      expect((await lookup(ids[0]!, source)).body.matches.map((m) => m.type)).toEqual(['phone', 'ewallet']);
    }
  });

  test('what is kept cannot be changed by a caller: the next answer says the same', async () => {
    const record: SnapshotRecord = { matches: [{ type: 'phone', value: '+6281234567890', count: 3, categories: { loan: 3 }, firstReportedAt: '2026-01-01T00:00:00.000Z', lastReportedAt: '2026-01-02T00:00:00.000Z', totalLossIdr: 0 }] };
    const source = sourceOf(new Map([[KEY, record]]));
    const first = await lookup(ids[0]!, source);
    expect(() => first.body.matches.push(first.body.matches[0]!)).toThrow(TypeError);
    expect(() => {
      first.body.matches[0]!.count = 0;
    }).toThrow(TypeError);
    expect(() => {
      (first.body.snapshot as { version: string }).version = 'x';
    }).toThrow(TypeError);
    const again = await lookup(ids[0]!, source);
    expect(again.body.matches[0]!.count).toBe(3);
    expect(answerText(again)).toBe(JSON.stringify(again.body));
  });
});
