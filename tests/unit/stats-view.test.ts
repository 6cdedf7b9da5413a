// The statistics page's monthly figures (worker/presentation/stats-view.ts):
// a month with no reports is a gap in its lines and "tidak ada data" in its
// tables, never a drop to 0 (issue 24), and so is a month in which moderation
// saw nothing; the page says the newest month is not over. Built from report lines through the nightly job's own collector.
import { describe, expect, test } from 'vitest';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { StatsCollector } from '../../scripts/pipeline/stats.ts';
import { statsToHtml } from '../../worker/presentation/stats-view.ts';
import type { ModerationMonth, Stats } from '../../worker/stats/stats-types.ts';

const SNAPSHOT = { version: '20261206T010000Z-0123abcd', generatedAt: '2026-12-06T01:00:00.000Z' };

/** Ten verified reports in each of the given months, each stating a loss of Rp 1,000,000 unless `noLoss`. */
function statsOf(months: string[], noLoss: string[] = []): Stats {
  const aggregator = new ReportAggregator();
  const figures = new StatsCollector();
  let n = 0;
  for (const month of months) {
    for (let i = 0; i < 10; i++) {
      n++;
      const line = JSON.stringify({
        id: `r${n}`, type: 'bank', bank: '014', value: String(1_000_000_000 + n), category: 'online_shopping', status: 'verified',
        reportedAt: `${month}-10T10:00:00Z`, ...(noLoss.includes(month) ? {} : { lossIdr: 1_000_000 }),
        reporter: { name: 'Siti Rahayu', phone: '081299998888' },
      });
      const report = parseReportLine(line, new Date(SNAPSHOT.generatedAt));
      if (aggregator.add(report) === 'counted') figures.add(report);
    }
  }
  return figures.finish(aggregator, SNAPSHOT);
}

/** Each table cell of the figure at `path` ("byMonth.N.key"), by month. */
function cells(html: string, key: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const m of html.matchAll(new RegExp(`data-stat="byMonth\\.(\\d+)\\.${key}"[^>]*>([^<]*)<`, 'g'))) found.set(Number(m[1]), m[2]!);
  return found;
}

/** The points of the one line in the figure titled `title`: its path's M and L commands. */
function linePoints(html: string, title: string): string[][] {
  const figure = html.split('<section').find((s) => s.includes(`>${title}</h2>`))!;
  const path = /<path d="([^"]+)"/.exec(figure)![1]!;
  // Each M starts a segment; a gap starts a new one.
  return path.split('M').filter(Boolean).map((segment) => segment.split('L'));
}

describe('months on the statistics page', () => {
  // Reports until September 2026; October, November and December 2026 have none.
  const stats = statsOf(['2026-06', '2026-07', '2026-08', '2026-09'], ['2026-08']);
  const html = statsToHtml(stats, 'id');
  const index = (month: string) => stats.byMonth.findIndex((m) => m.month === month);

  test('the API says 0 for a month without reports; the page says "tidak ada data" for its loss and median, and 0 reports', () => {
    const nov = index('2026-11');
    expect(stats.byMonth[nov]).toMatchObject({ reports: 0, lossIdr: 0, medianLossIdr: 0 });
    expect(cells(html, 'lossIdr').get(nov)).toBe('tidak ada data');
    expect(cells(html, 'medianLossIdr').get(nov)).toBe('tidak ada data');
    expect(cells(html, 'reports').get(nov)).toBe('0');
    expect(cells(html, 'medianLossIdr').get(index('2026-09'))).toBe('Rp 1.000.000');
  });

  test('a month whose reports stated no loss has no median: "tidak ada data", not "Rp 0"', () => {
    const aug = index('2026-08');
    expect(stats.byMonth[aug]!.reports).toBe(10);
    expect(cells(html, 'medianLossIdr').get(aug)).toBe('tidak ada data');
    expect(cells(html, 'lossIdr').get(aug)).toBe('Rp 0');
  });

  test('the lines stop at the last month with reports: no point drawn at 0 for October to December', () => {
    const reports = linePoints(html, 'Laporan dan nomor atau akun baru per bulan');
    // One segment, June to September: four points, none for the 20 months before or the three after.
    expect(reports.map((segment) => segment.length)).toEqual([4]);
    // The median: June, July, then a gap (August stated no loss), then September.
    expect(linePoints(html, 'Median kerugian per bulan').map((segment) => segment.length)).toEqual([2, 1]);
  });

  test('the page says the newest month is not over, and until when it counts', () => {
    expect(html).toContain('Bulan terakhir, Des 2026, belum selesai: angkanya hanya sampai 6 Desember 2026.');
    expect(statsToHtml(stats, 'en')).toContain('The last month, Dec 2026, is not over: its figures only run to 6 December 2026.');
  });
});

describe('moderation months on the statistics page', () => {
  const base = statsOf(['2026-09']);
  const nothing = { received: 0, verified: 0, rejected: 0, medianDaysToDecision: null, disputesReceived: 0, disputesAccepted: 0 };
  // Moderation from September 2026 (the 21 months before are all 0, as before the database's history starts);
  // October: reports received, none decided; November: nothing at all; December: some decided.
  const active: Record<string, Partial<ModerationMonth>> = {
    '2026-09': { received: 20, verified: 10, rejected: 5, medianDaysToDecision: 3, disputesReceived: '< 5' },
    '2026-10': { received: 10 },
    '2026-12': { received: 5, verified: 5, medianDaysToDecision: 2 },
  };
  const stats: Stats = {
    ...base,
    moderation: { source: 'd1', byMonth: base.byMonth.map(({ month }) => ({ month, ...nothing, ...active[month] })) },
  };
  const html = statsToHtml(stats, 'id');
  const index = (month: string) => stats.moderation.byMonth.findIndex((m) => m.month === month);
  const cell = (key: string, month: string) =>
    new RegExp(`data-stat="moderation\\.byMonth\\.${index(month)}\\.${key}"[^>]*>([^<]*)<`).exec(html)?.[1];

  test('a month in which moderation saw nothing is a gap in its lines, not a drop to 0; its table still counts 0', () => {
    // Received: September and October, a gap for November, then December; nothing for the 21 months before.
    expect(linePoints(html, 'Moderasi: laporan masuk dan diputuskan per bulan').map((segment) => segment.length)).toEqual([2, 1]);
    // Disputes: September's "< 5" is not drawn either; October's 0 is (moderation was at work), December's too.
    expect(linePoints(html, 'Sanggahan per bulan').map((segment) => segment.length)).toEqual([1, 1]);
    expect(cell('received', '2026-11')).toBe('0');
    expect(cell('received', '2025-01')).toBe('0');
    // October received reports and decided none: a month with data, its 0 verified drawn.
    expect(cell('verified', '2026-10')).toBe('0');
  });

  test('a month with no decision has no median days: "tidak ada data", and no point drawn', () => {
    expect(cell('medianDaysToDecision', '2026-10')).toBe('tidak ada data');
    expect(cell('medianDaysToDecision', '2026-09')).toBe('3');
    expect(linePoints(html, 'Median hari sampai laporan diputuskan').map((segment) => segment.length)).toEqual([1, 1]);
  });
});
