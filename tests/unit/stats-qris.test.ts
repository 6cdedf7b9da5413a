// The statistics count QRIS merchants as a kind of their own (issue 26): the
// nightly job's collector counts their reports and merchants, the page names
// the kind in both languages, and statistics published before the kind existed
// still render, with no QRIS reports.
import { expect, test } from 'vitest';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { StatsCollector } from '../../scripts/pipeline/stats.ts';
import { statsToHtml } from '../../worker/presentation/stats-view.ts';
import type { Stats } from '../../worker/stats/stats-types.ts';

const SNAPSHOT = { version: '20261206T010000Z-0123abcd', generatedAt: '2026-12-06T01:00:00.000Z' };

/** Six verified reports of each of two QRIS merchants, and six of one BCA account. */
function sample(): Stats {
  const aggregator = new ReportAggregator();
  const figures = new StatsCollector();
  const values = [...Array(6).fill('ID9990000000017'), ...Array(6).fill('NMID: ID999 0000 000025')];
  const lines = [
    ...values.map((value, i) => ({ id: `q${i}`, type: 'qris', value })),
    ...Array.from({ length: 6 }, (_, i) => ({ id: `b${i}`, type: 'bank', bank: '014', value: '1234567890' })),
  ];
  for (const line of lines) {
    const report = parseReportLine(JSON.stringify({ ...line, category: 'online_shopping', status: 'verified', reportedAt: '2026-11-10T10:00:00Z' }), new Date(SNAPSHOT.generatedAt));
    if (aggregator.add(report) === 'counted') figures.add(report);
  }
  return figures.finish(aggregator, SNAPSHOT);
}

// Published counts are rounded to fives and cells under 5 suppressed (docs/api.md, statistics): 12 reports show as 10, 2 merchants as "< 5".
test('QRIS reports and merchants are counted under byKind.qris', () => {
  const stats = sample();
  expect(stats.byKind.qris).toEqual({ reports: 10, identifiers: '< 5' });
  expect(stats.byKind.bank).toEqual({ reports: 5, identifiers: '< 5' });
});

test('the page names the kind: "Penjual QRIS (NMID)", "QRIS merchant (NMID)"', () => {
  const stats = sample();
  expect(statsToHtml(stats, 'id')).toContain('Penjual QRIS (NMID)');
  expect(statsToHtml(stats, 'en')).toContain('QRIS merchant (NMID)');
  expect(statsToHtml(stats, 'id')).toMatch(/data-stat="byKind\.qris\.reports"[^>]*>10</);
});

test('statistics published before the kind existed render, with no QRIS reports', () => {
  const { qris: _dropped, ...before } = sample().byKind;
  const html = statsToHtml({ ...sample(), byKind: before as Stats['byKind'] }, 'id');
  expect(html).toContain('Penjual QRIS (NMID)');
  expect(html).toMatch(/data-stat="byKind\.qris\.reports"[^>]*>0</);
});
