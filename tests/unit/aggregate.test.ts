import { describe, expect, test } from 'vitest';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';

const line = (over: Record<string, unknown>) =>
  parseReportLine(
    JSON.stringify({
      id: 'r1',
      type: 'bank',
      bank: '014',
      value: '1234567890',
      category: 'online_shopping',
      status: 'verified',
      reportedAt: '2025-05-01T10:00:00Z',
      lossIdr: 100_000,
      reporter: { name: 'Siti Rahayu', phone: '081299998888', email: 'siti@example.id' },
      ...over,
    }),
  );

describe('aggregating reports per identifier', () => {
  test('counts verified reports, categories, first and last dates and total loss', () => {
    const agg = new ReportAggregator();
    agg.add(line({ id: 'a' }));
    agg.add(line({ id: 'b', value: '123 456 7890', category: 'investment', reportedAt: '2024-01-02T00:00:00Z', lossIdr: 50_000 }));
    agg.add(line({ id: 'c', reportedAt: '2026-02-03T00:00:00+07:00', lossIdr: undefined }));
    const records = [...agg.records()];
    expect(records).toHaveLength(1);
    const [key, record] = records[0]!;
    expect(key).toBe('bank:014:1234567890');
    expect(record.matches).toEqual([
      {
        type: 'bank',
        bank: '014',
        value: '1234567890',
        count: 3,
        categories: { online_shopping: 2, investment: 1 },
        // 2 January 2024, 07:00 in Jakarta: published as the start of that day there.
        firstReportedAt: '2024-01-01T17:00:00.000Z',
        lastReportedAt: '2026-02-02T17:00:00.000Z',
        totalLossIdr: 150_000,
      },
    ]);
    expect(agg.reports).toBe(3);
    expect(agg.identifiers).toBe(1);
  });

  test.each([
    // The live reproduction: one report, its submit time to the millisecond.
    ['2026-12-06T03:07:03.937Z', '2026-12-05T17:00:00.000Z'],
    ['2026-12-06T10:07:03+07:00', '2026-12-05T17:00:00.000Z'],
    // The last millisecond of 5 December in Jakarta, and the first of the 6th.
    ['2026-12-05T16:59:59.999Z', '2026-12-04T17:00:00.000Z'],
    ['2026-12-05T17:00:00.000Z', '2026-12-05T17:00:00.000Z'],
    ['2025-12-31T23:30:00Z', '2025-12-31T17:00:00.000Z'], // New Year's Day in Jakarta,
  ])('a report sent at %s is stored as the start of its day in Jakarta, %s, never the moment', (sent, day) => {
    const agg = new ReportAggregator();
    agg.add(line({ id: 'moment', reportedAt: sent }));
    const [, record] = [...agg.records()][0]!;
    expect(record.matches[0]).toMatchObject({ firstReportedAt: day, lastReportedAt: day });
    expect(JSON.stringify(record)).not.toMatch(/T(?!17:00:00\.000Z)\d\d:\d\d/);
  });

  test('the same report id twice is one report, whatever the second line says', () => {
    const agg = new ReportAggregator();
    expect(agg.add(line({ id: 'dup', status: 'pending' }))).toBe('not_verified');
    expect(agg.add(line({ id: 'dup', status: 'verified' }))).toBe('duplicate');
    expect(agg.add(line({ id: 'x' }))).toBe('counted');
    expect(agg.add(line({ id: 'x' }))).toBe('duplicate');
    expect([agg.reports, agg.duplicates, agg.notVerified]).toEqual([1, 2, 1]);
  });

  test('only verified reports count anywhere', () => {
    const agg = new ReportAggregator();
    agg.add(line({ id: 'p', status: 'pending' }));
    agg.add(line({ id: 'r', status: 'rejected' }));
    expect([...agg.records()]).toEqual([]);
  });

  test('a number reported as phone and as e-wallet shares one record with both identities', () => {
    const agg = new ReportAggregator();
    agg.add(line({ id: '1', type: 'phone', value: '0812-3456-7890', bank: undefined }));
    agg.add(line({ id: '2', type: 'ewallet', provider: 'dana', value: '+62 812 3456 7890', bank: undefined }));
    agg.add(line({ id: '3', type: 'ewallet', provider: 'dana', value: '6281234567890', bank: undefined }));
    const [[key, record]] = [...agg.records()] as unknown as [[string, { matches: Array<{ type: string; count: number }> }]];
    expect(key).toBe('tel:+6281234567890');
    expect(record.matches.map((m) => [m.type, m.count])).toEqual([
      ['ewallet', 2],
      ['phone', 1],
    ]);
  });

  test('a pending dispute flags every match of its key, whichever line or call says so; other keys carry no flag', () => {
    const agg = new ReportAggregator();
    agg.add(line({ id: '1' }));
    // The flag rides on a pending line: the dispute is against the key, not one report.
    agg.add(line({ id: '2', status: 'pending', disputed: true }));
    agg.add(line({ id: '3', type: 'phone', value: '0812-3456-7890', bank: undefined }));
    agg.add(line({ id: '4', type: 'ewallet', provider: 'dana', value: '0812-3456-7890', bank: undefined }));
    agg.add(line({ id: '5', type: 'bank', value: '9999999999' }));
    agg.markDisputed('tel:+6281234567890');
    agg.markDisputed('bank:014:5555555555'); // disputed, but not reported: not counted
    const flags = Object.fromEntries([...agg.records()].map(([key, record]) => [key, record.matches.map((m) => m.disputed)]));
    expect(flags).toEqual({
      'bank:014:1234567890': [true],
      'bank:014:9999999999': [undefined],
      'tel:+6281234567890': [true, true],
    });
    expect(agg.disputedIdentifiers).toBe(2);
  });
});
