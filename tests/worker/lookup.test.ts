// lookup() with plain fakes: exactness does not depend on the filter being right.
import { describe, expect, test } from 'vitest';
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { parseIdentifier } from '../../worker/core/identifiers.ts';
import type { Manifest, SnapshotRecord, StoredMatch } from '../../worker/core/snapshot-layout.ts';
import { lookup } from '../../worker/lookup/lookup.ts';
import type { LiveSnapshot, SnapshotSource } from '../../worker/lookup/snapshot-source.ts';

const manifest = { version: '20261128T000000Z-00000000', generatedAt: '2026-11-28T00:00:00.000Z' } as Manifest;

function fakeSource(filter: BloomFilter | null, records: Record<string, SnapshotRecord>) {
  const reads: string[] = [];
  const source: SnapshotSource = {
    async live(): Promise<LiveSnapshot> {
      return {
        version: manifest.version,
        manifest,
        delta: null,
        deltaProblem: undefined,
        updatedAt: manifest.generatedAt,
        tag: manifest.version,
        filterFor: async () => filter,
        filterProblem: async () => undefined,
        async record(key) {
          reads.push(key);
          return { record: records[key] ?? null, cached: false };
        },
        range: async () => ({ suffixes: [], cached: false }),
      };
    },
  };
  return { source, reads };
}

/** A filter that says "maybe" to everything: every bit set. */
function saturatedFilter(): BloomFilter {
  const filter = BloomFilter.forCapacity(1, 0.5);
  for (let i = 0; i < 1000; i++) filter.add(`fill:${i}`);
  return filter;
}

const match = (over: Partial<StoredMatch>): StoredMatch => ({
  type: 'phone',
  value: '+6281234567890',
  count: 1,
  categories: { online_shopping: 1 },
  firstReportedAt: '2025-01-01T00:00:00.000Z',
  lastReportedAt: '2025-01-01T00:00:00.000Z',
  totalLossIdr: 0,
  ...over,
});

describe('lookup', () => {
  test('a filter false positive never reaches the user: KV is asked and says not reported', async () => {
    const { source, reads } = fakeSource(saturatedFilter(), {});
    const result = await lookup(parseIdentifier({ type: 'phone', value: '0811-2222-3333' }), source);
    expect(result.body.status).toBe('not_reported');
    expect(result.path).toBe('filter+kv');
    expect(reads).toEqual(['tel:+6281122223333']);
  });

  test('a filter miss answers without reading KV', async () => {
    const { source, reads } = fakeSource(BloomFilter.forCapacity(10, 0.001), {
      'tel:+6281122223333': { matches: [match({ value: '+6281122223333' })] },
    });
    const result = await lookup(parseIdentifier({ type: 'phone', value: '0811-2222-3333' }), source);
    expect(result).toMatchObject({ path: 'filter', body: { status: 'not_reported' } });
    expect(reads).toEqual([]);
  });

  test('without a filter every lookup is confirmed in KV', async () => {
    const { source, reads } = fakeSource(null, {
      'tel:+6281122223333': { matches: [match({ value: '+6281122223333', count: 4 })] },
    });
    const result = await lookup(parseIdentifier({ type: 'phone', value: '+62 811 2222 3333' }), source);
    expect(result.path).toBe('kv');
    expect(result.body.status).toBe('reported');
    expect(result.body.matches[0]!.count).toBe(4);
    expect(reads).toHaveLength(1);
  });

  test('matches list the identity asked for first, then the rest by count', async () => {
    const value = '+6281122223333';
    const { source } = fakeSource(null, {
      [`tel:${value}`]: {
        matches: [
          match({ value, type: 'ewallet', provider: 'gopay', count: 9 }),
          match({ value, type: 'phone', count: 5 }),
          match({ value, type: 'ewallet', provider: 'dana', count: 1 }),
        ],
      },
    });
    const result = await lookup(parseIdentifier({ type: 'ewallet', provider: 'dana', value }), source);
    expect(result.body.matches.map((m) => m.provider ?? m.type)).toEqual(['dana', 'gopay', 'phone']);
  });

  test('every match answers whether its owner disputes it: true as stored, false when the record does not say', async () => {
    const value = '+6281122223333';
    const { source } = fakeSource(null, {
      [`tel:${value}`]: { matches: [match({ value, count: 2, disputed: true }), match({ value, type: 'ewallet', provider: 'dana' })] },
    });
    const result = await lookup(parseIdentifier({ type: 'phone', value }), source);
    expect(result.body.matches.map((m) => [m.type, m.disputed])).toEqual([['phone', true], ['ewallet', false]]);
  });

  test('a record stored with its moment (a version built before dates went to the day) is answered to the day in Jakarta', async () => {
    const value = '+6281122223333';
    const { source } = fakeSource(null, {
      'tel:+6281122223333': { matches: [match({ value, firstReportedAt: '2026-12-06T03:07:03.937Z', lastReportedAt: '2026-12-05T16:59:59.999Z' })] },
    });
    const result = await lookup(parseIdentifier({ type: 'phone', value }), source);
    expect(result.body.matches[0]).toMatchObject({ firstReportedAt: '2026-12-05T17:00:00.000Z', lastReportedAt: '2026-12-04T17:00:00.000Z' });
  });
});
