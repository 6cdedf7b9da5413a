// The open statistics (scripts/pipeline/stats.ts) against a sample whose
// figures were worked out by hand, the "< 5" rule and the rounding included
// (counts to the nearest 5, losses to 2 significant figures), and the attacks
// the rounding is there for: a total less the cells shown, and two versions a
// few reports apart.
import { describe, expect, test } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { MemoryKv, type KvEntry } from '../../scripts/pipeline/kv-store.ts';
import { runSnapshotJob } from '../../scripts/pipeline/snapshot-job.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';
import { manifestKey, statsKey } from '../../worker/core/snapshot-layout.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { moderationFigures, StatsCollector } from '../../scripts/pipeline/stats.ts';
import type { Stats } from '../../worker/stats/stats-types.ts';
import { generateReports } from '../../scripts/dev/sample-reports.ts';

const SNAPSHOT = { version: '20261115T190000Z-0123abcd', generatedAt: '2026-11-15T19:00:00.000Z' };
let next = 0;
const line = (over: Record<string, unknown>) =>
  JSON.stringify({
    id: `r${++next}`,
    type: 'bank',
    bank: '014',
    value: '1111111111',
    category: 'online_shopping',
    status: 'verified',
    reportedAt: '2026-10-05T10:00:00Z',
    reporter: { name: 'Siti Rahayu', phone: '081299998888', email: 'siti@example.id' },
    ...over,
  });

function statsOf(lines: string[]): Stats {
  const aggregator = new ReportAggregator();
  const figures = new StatsCollector();
  for (const text of lines) {
    const report = parseReportLine(text, new Date(SNAPSHOT.generatedAt));
    if (aggregator.add(report) === 'counted') figures.add(report);
  }
  return figures.finish(aggregator, SNAPSHOT);
}

/** The hand-checked sample: five identities, fifteen verified reports. */
const SAMPLE = [
  // A: BCA 1111111111, six reports in October 2026 via Instagram, losses 100k…600k.
  ...[1, 2, 3, 4, 5, 6].map((n) => line({ channel: 'instagram', lossIdr: n * 100_000, reportedAt: `2026-10-0${n}T10:00:00Z` })),
  // B: BRI 2222222222, two in September 2026 via WhatsApp, no loss stated.
  ...[1, 2].map(() => line({ bank: '002', value: '2222222222', category: 'investment', channel: 'whatsapp', reportedAt: '2026-09-10T00:00:00Z' })),
  // C: a phone, five in December 2025, no channel, 10k each.
  ...[1, 2, 3, 4, 5].map(() => line({ type: 'phone', bank: null, value: '081233334444', category: 'phishing', lossIdr: 10_000, reportedAt: '2025-12-20T00:00:00Z' })),
  // D: a DANA e-wallet, one report this month.
  line({ type: 'ewallet', bank: null, provider: 'dana', value: '081255556666', category: 'romance', channel: 'other', reportedAt: '2026-11-02T00:00:00Z' }),
  // E: a phone reported in 2020, before the 24 months shown.
  line({ type: 'phone', bank: null, value: '081277778888', category: 'other', reportedAt: '2020-01-01T00:00:00Z' }),
  // Not counted: pending, and a repeated id.
  line({ status: 'pending', value: '9999999999' }),
  line({ id: 'r1', value: '8888888888' }),
];

describe('the open statistics', () => {
  test('totals, kinds, categories and channels of the hand-checked sample, with "< 5" for 1 to 4 reports', () => {
    const stats = statsOf(SAMPLE);
    expect(stats.snapshot).toEqual(SNAPSHOT);
    expect(stats.suppression).toEqual({ minReports: 5, marker: '< 5', roundCountsTo: 5, lossSignificantFigures: 2 });
    // 5 identities, 15 reports, Rp 2,150,000 of losses.
    expect(stats.totals).toEqual({ identifiers: 5, reports: 15, lossIdr: 2_200_000 });
    // Bank: 8 reports (→ 10), 2 identities (→ "< 5"); phone: 6 (→ 5) and 2.
    expect(stats.byKind.bank).toEqual({ reports: 10, identifiers: '< 5' });
    expect(stats.byKind.phone).toEqual({ reports: 5, identifiers: '< 5' });
    expect(stats.byKind.ewallet).toEqual({ reports: '< 5', identifiers: '< 5' });
    expect(stats.byKind.instagram).toEqual({ reports: 0, identifiers: 0 });
    expect(stats.byCategory.online_shopping).toEqual({ reports: 5, identifiers: '< 5' });
    expect(stats.byCategory.phishing).toEqual({ reports: 5, identifiers: '< 5' });
    expect(stats.byCategory.investment).toEqual({ reports: '< 5', identifiers: '< 5' });
    expect(stats.byCategory.other).toEqual({ reports: '< 5', identifiers: '< 5' });
    expect(stats.byCategory.loan).toEqual({ reports: 0, identifiers: 0 });
    expect(stats.byChannel).toMatchObject({ instagram: { reports: 5 }, whatsapp: { reports: '< 5' }, other: { reports: '< 5' }, unknown: { reports: 5 }, facebook: { reports: 0 } });
  });

  test('banks by name, e-wallets most reported first', () => {
    const stats = statsOf(SAMPLE);
    expect(stats.byBank).toEqual([
      { bank: '014', name: 'BCA', reports: 5, identifiers: '< 5' },
      { bank: '002', name: 'BRI', reports: '< 5', identifiers: '< 5' },
    ]);
    expect(stats.byProvider.map((p) => [p.provider, p.reports])).toEqual([
      ['dana', '< 5'],
      ['gopay', 0],
      ['linkaja', 0],
      ['ovo', 0],
      ['shopeepay', 0],
    ]);
  });

  test('24 months ending with the snapshot’s, months without reports at 0, small months suppressed whole', () => {
    const { byMonth } = statsOf(SAMPLE);
    expect(byMonth).toHaveLength(24);
    expect(byMonth[0]!.month).toBe('2024-12');
    expect(byMonth.at(-1)!.month).toBe('2026-11');
    const at = (month: string) => byMonth.find((m) => m.month === month);
    expect(at('2026-10')).toEqual({ month: '2026-10', reports: 5, identifiers: '< 5', lossIdr: 2_100_000, medianLossIdr: 350_000 });
    expect(at('2025-12')).toEqual({ month: '2025-12', reports: 5, identifiers: '< 5', lossIdr: 50_000, medianLossIdr: 10_000 });
    expect(at('2026-09')).toEqual({ month: '2026-09', reports: '< 5', identifiers: '< 5', lossIdr: '< 5', medianLossIdr: '< 5' });
    expect(at('2026-11')).toEqual({ month: '2026-11', reports: '< 5', identifiers: '< 5', lossIdr: '< 5', medianLossIdr: '< 5' });
    expect(at('2026-01')).toEqual({ month: '2026-01', reports: 0, identifiers: 0, lossIdr: 0, medianLossIdr: 0 });
    expect(at('2020-01')).toBeUndefined();
  });

  test('a median from fewer than 5 stated losses is suppressed even in a large month', () => {
    const lines = [1, 2, 3, 4, 5, 6].map((n) => line({ lossIdr: n <= 4 ? n * 1000 : 0, reportedAt: '2026-10-10T00:00:00Z' }));
    const october = statsOf(lines).byMonth.find((m) => m.month === '2026-10');
    expect(october).toEqual({ month: '2026-10', reports: 5, identifiers: '< 5', lossIdr: 10_000, medianLossIdr: '< 5' });
  });

  test('the 15 banks with most reports by name, the rest together as "other"', () => {
    const banks = ['014', '002', '008', '009', '451', '022', '200', '013', '011', '535', '542', '016', '019', '028', '037', '147', '153'];
    // Bank i gets 5 + (17 − i) reports: the first has the most. (Mandiri numbers have 13 digits.)
    const lines = banks.flatMap((bank, i) => Array.from({ length: 5 + banks.length - i }, () => line({ bank, value: bank === '008' ? '1330033333333' : '3333333333' })));
    const { byBank } = statsOf(lines);
    expect(byBank).toHaveLength(16);
    expect(byBank.map((b) => b.bank)).toEqual([...banks.slice(0, 15), 'other']);
    expect(byBank[0]).toMatchObject({ bank: '014', reports: 20, identifiers: '< 5' }); // 22 reports
    expect(byBank[14]).toMatchObject({ bank: '037', reports: 10 }); // 8
    expect(byBank[15]).toEqual({ bank: 'other', name: 'other', reports: 15, identifiers: '< 5' }); // 7 + 6, 2 identities
  });

  test('moderation per month: received by sending date, decisions and their median days by decision date', () => {
    const day = (d: string) => `${d}T00:00:00.000Z`;
    const reports = [
      ...[1, 2, 3, 4, 5].map((n) => ({ created_at: day('2026-10-01'), decided_at: day(`2026-10-0${1 + n}`), status: 'verified' })),
      { created_at: day('2026-10-02'), decided_at: day('2026-11-02'), status: 'rejected' },
      { created_at: day('2026-11-01'), decided_at: null, status: 'pending' },
    ];
    const disputes = [{ created_at: day('2026-11-03'), decided_at: day('2026-11-04'), status: 'accepted' }];
    const { source, byMonth } = moderationFigures(reports, disputes, SNAPSHOT.generatedAt);
    expect(source).toBe('d1');
    expect(byMonth).toHaveLength(24);
    expect(byMonth.find((m) => m.month === '2026-10')).toEqual({
      month: '2026-10',
      received: 5, // 6, rounded to 5
      verified: 5,
      rejected: 0,
      medianDaysToDecision: 3,
      disputesReceived: 0,
      disputesAccepted: 0,
    });
    expect(byMonth.find((m) => m.month === '2026-11')).toEqual({
      month: '2026-11',
      received: '< 5',
      verified: 0,
      rejected: '< 5',
      medianDaysToDecision: '< 5',
      disputesReceived: '< 5',
      disputesAccepted: '< 5',
    });
    expect(byMonth.find((m) => m.month === '2026-01')!.medianDaysToDecision).toBeNull();
  });

  test('moderation: 1 to 4 reports verified in a month is "< 5", and 7 verified is published as 5', () => {
    const day = (d: string) => `${d}T00:00:00.000Z`;
    const decided = (n: number, month: string, status: string) =>
      Array.from({ length: n }, (_, i) => ({ created_at: day(`${month}-01`), decided_at: day(`${month}-1${i}`), status }));
    const reports = [...decided(3, '2026-09', 'verified'), ...decided(5, '2026-09', 'rejected'), ...decided(7, '2026-08', 'verified'), ...decided(1, '2026-07', 'disputed')];
    const { byMonth } = moderationFigures(reports, [], SNAPSHOT.generatedAt);
    const at = (month: string) => byMonth.find((m) => m.month === month)!;
    // September: 8 sent (→ 10), 3 verified, 5 rejected, 8 decisions (median days shown).
    expect(at('2026-09')).toMatchObject({ received: 10, verified: '< 5', rejected: 5 });
    expect(at('2026-08')).toMatchObject({ received: 5, verified: 5, rejected: 0 });
    // A report later disputed was verified first: one is "< 5", not 1.
    expect(at('2026-07')).toMatchObject({ received: '< 5', verified: '< 5', medianDaysToDecision: '< 5' });
  });

  test('a sample of 1 to 4 reports publishes every total as "< 5"', () => {
    const three = [1, 2, 3].map((n) => line({ value: `44444444${n}0`, lossIdr: n * 1_000_000, reportedAt: '2026-10-10T00:00:00Z' }));
    const stats = statsOf(three);
    expect(stats.totals).toEqual({ identifiers: '< 5', reports: '< 5', lossIdr: '< 5' });
    expect(stats.byKind.bank).toEqual({ reports: '< 5', identifiers: '< 5' });
    expect(JSON.stringify(stats)).not.toMatch(/6000000|\b3\b(?=[,}])/);
  });

  test('every published count is 0, "< 5" or a multiple of 5, every loss at most 2 significant figures', () => {
    const lines = [...generateReports({ reports: 2_000, seed: 5 })].map((object) => JSON.stringify(object));
    const stats = statsOf(lines);
    let counts = 0;
    let losses = 0;
    const walk = (value: unknown, key: string): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, key));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      else if (typeof value === 'number' && !['format', 'minReports', 'roundCountsTo', 'lossSignificantFigures', 'medianDaysToDecision'].includes(key)) {
        if (/loss/i.test(key)) {
          losses++;
          expect(String(value).replace(/0+$/, '').length, `${key} ${value}`).toBeLessThanOrEqual(2);
        } else {
          counts++;
          expect(value % 5, `${key} ${value}`).toBe(0);
        }
      }
    };
    walk({ ...stats, snapshot: null, license: null }, '');
    expect(counts).toBeGreaterThan(50);
    expect(losses).toBeGreaterThan(10);
  });

  test('two Telegram reports can no longer be counted by subtracting the channels shown from the total', () => {
    // The reproduction: k verified reports met on Telegram, on BRI 2222222222 (investment, September).
    const telegram = (k: number) =>
      Array.from({ length: k }, (_, i) =>
        line({ id: `tg${i}`, bank: '002', value: '2222222222', category: 'investment', channel: 'telegram', reportedAt: '2026-09-11T00:00:00Z' }),
      );
    const two = statsOf([...SAMPLE, ...telegram(2)]);
    expect(two.byChannel.telegram.reports).toBe('< 5');
    const shown = Object.values(two.byChannel).reduce((sum, { reports }) => sum + (typeof reports === 'number' ? reports : 0), 0);
    expect((two.totals.reports as number) - shown).not.toBe(2);
    // Stronger: one Telegram report or two publish exactly the same figures, so nothing in them can tell which.
    expect(statsOf([...SAMPLE, ...telegram(1)])).toEqual(two);
  });

  test('two consecutive versions, three reports apart, give neither their count nor their summed losses', () => {
    // The reproduction: three reports on the DANA e-wallet this month (which then has 4: "< 5").
    const added = (losses: number[]) =>
      losses.map((lossIdr, i) =>
        line({ id: `new${i}`, type: 'ewallet', bank: null, provider: 'dana', value: '081255556666', category: 'romance', channel: 'other', lossIdr, reportedAt: '2026-11-03T00:00:00Z' }),
      );
    const before = statsOf(SAMPLE);
    const after = statsOf([...SAMPLE, ...added([120_000, 45_000, 7_000])]);
    expect(after.byMonth.at(-1)).toMatchObject({ month: '2026-11', reports: '< 5', lossIdr: '< 5' });
    expect((after.totals.reports as number) - (before.totals.reports as number)).not.toBe(3);
    expect((after.totals.lossIdr as number) - (before.totals.lossIdr as number)).not.toBe(172_000);
    // Stronger: other losses (Rp 190,000 in all) publish exactly the same figures.
    expect(statsOf([...SAMPLE, ...added([100_000, 60_000, 30_000])])).toEqual(after);
  });

  test('nothing in the figures names an identifier or a reporter', () => {
    const text = JSON.stringify(statsOf(SAMPLE));
    for (const secret of ['1111111111', '2222222222', '8123333', 'Siti', '081299998888', 'example.id', 'r1']) expect(text).not.toContain(secret);
  });
});

describe('the nightly job', () => {
  /** Memory that remembers the order keys were written in. */
  class OrderedKv extends MemoryKv {
    written: string[] = [];
    override async putBatch(entries: KvEntry[]): Promise<void> {
      this.written.push(...entries.map((e) => e.key));
      await super.putBatch(entries);
    }
  }
  const run = async (figures?: boolean) => {
    const input = join(await mkdtemp(join(tmpdir(), 'cekdulu-stats-')), 'reports.ndjson');
    await writeFile(input, SAMPLE.join('\n') + '\n');
    const store = new OrderedKv();
    const summary = await runSnapshotJob({
      input,
      generatedAt: new Date(SNAPSHOT.generatedAt),
      target: { kind: 'store', store, name: 'memory', state: new MemoryStateStore() },
      ...(figures === undefined ? {} : { figures }),
    });
    return { store, version: summary.version! };
  };

  test('publishes the figures of each version at snap/<version>/stats, written before its manifest', async () => {
    const { store, version } = await run();
    const stored = JSON.parse((await store.get(statsKey(version)))!) as Stats;
    expect(stored.snapshot).toEqual({ version, generatedAt: SNAPSHOT.generatedAt });
    expect(stored.totals).toEqual({ identifiers: 5, reports: 15, lossIdr: 2_200_000 });
    expect(stored.moderation).toEqual({ source: null, byMonth: [] });
    expect(store.written.indexOf(statsKey(version))).toBeGreaterThanOrEqual(0);
    expect(store.written.indexOf(statsKey(version))).toBeLessThan(store.written.indexOf(manifestKey(version)));
  });

  test('without figures (the benchmark’s comparison run) writes none', async () => {
    const { store, version } = await run(false);
    expect(await store.get(statsKey(version))).toBeNull();
    expect(await store.get(manifestKey(version))).not.toBeNull();
  });
});

