// The open statistics through the whole Worker, inside workerd, with real KV:
// GET /api/v1/stats, /statistik/data.csv and the page, from a snapshot the
// nightly job's own code published with its figures.
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { buildSnapshot } from '../../scripts/pipeline/build-snapshot.ts';
import { kvNamespaceStore } from '../../scripts/pipeline/kv-namespace-store.ts';
import { publishSnapshot } from '../../scripts/pipeline/publish.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';
import { StatsCollector, storeWithStats } from '../../scripts/pipeline/stats.ts';
import { generateReports } from '../../scripts/dev/sample-reports.ts';
import { LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import type { Stats } from '../../worker/stats/stats-types.ts';

const BASE = 'https://cekdulu.test';
const get = (path: string, init: RequestInit = {}) => exports.default.fetch(new Request(`${BASE}${path}`, init));

async function publish(withFigures: boolean, seed: number, generatedAt: Date, reports = 1_500): Promise<Stats | null> {
  const aggregator = new ReportAggregator();
  const figures = new StatsCollector();
  for (const object of generateReports({ reports, seed })) {
    const report = parseReportLine(JSON.stringify(object), generatedAt);
    if (aggregator.add(report) === 'counted') figures.add(report);
  }
  const built = await buildSnapshot(aggregator, { generatedAt });
  const { version, generatedAt: iso } = built.manifest;
  const stats = withFigures ? figures.finish(aggregator, { version, generatedAt: iso }) : null;
  const store = storeWithStats(kvNamespaceStore(env.SNAPSHOTS), version, stats && JSON.stringify(stats));
  await publishSnapshot(built, store, { state: new MemoryStateStore(), full: true, force: true });
  return stats;
}

let stats: Stats;
beforeAll(async () => {
  stats = (await publish(true, 11, new Date('2026-11-20T19:00:00Z')))!;
});

describe('GET /api/v1/stats', () => {
  test('answers the live version’s figures, public and cached per version', async () => {
    const res = await get('/api/v1/stats');
    expect(res.status).toBe(200);
    const body = await res.json<Stats>();
    expect(body).toEqual(stats);
    expect(body.snapshot.version).toBe(await env.SNAPSHOTS.get(LIVE_KEY));
    expect(body.totals.reports).toBeGreaterThan(1000);
    expect(Object.keys(body.byKind)).toContain('bank');
    expect(body.byMonth).toHaveLength(24);
    expect(res.headers.get('ETag')).toBe(`"${body.snapshot.version}"`);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const again = await get('/api/v1/stats', { headers: { 'If-None-Match': `"${body.snapshot.version}"` } });
    expect(again.status).toBe(304);
  });

  test('other methods are refused with a JSON error', async () => {
    const res = await get('/api/v1/stats', { method: 'POST' });
    expect(res.status).toBe(405);
    expect((await res.json<any>()).error.code).toBe('method_not_allowed');
  });
});

describe('/statistik/data.csv', () => {
  test('one tidy table of the same figures', async () => {
    const res = await get('/statistik/data.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('figure,dimension,value,month');
    expect(lines).toContain(`totals.reports,,${stats.totals.reports},`);
    expect(lines).toContain(`byKind.reports,bank,${stats.byKind.bank.reports},`);
    expect(lines).toContain(`byKind.identifiers,bank,${stats.byKind.bank.identifiers},`);
    const last = stats.byMonth.at(-1)!;
    expect(lines).toContain(`byMonth.reports,,${last.reports},${last.month}`);
    for (const line of lines) expect(line.split(',')).toHaveLength(4);
  });
});

describe('the page', () => {
  test('draws every figure as SVG with its table, in both languages, without a script', async () => {
    for (const [path, heading] of [
      ['/statistik/', 'Laporan per jenis akun'],
      ['/en/statistics/', 'Reports by kind of account'],
    ] as const) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(heading);
      // Totals, kind, category, channel, bank, e-wallet, months, loss total, loss median; no moderation here.
      expect(html.match(/<svg class="stats-chart"/g)).toHaveLength(8);
      expect(html.match(/<table>/g)).toHaveLength(8);
      expect(html).toContain('data-no-moderation');
      expect(html).toContain(`<code data-stats-version>${stats.snapshot.version}</code>`);
      // The figures need no script; the only one is the site's service-worker registration, on every page.
      const scripts = html.match(/<script[^>]*>/g) ?? [];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatch(/^<script type="module" src="\/_astro\/Base\.astro[^"]*\.js">$/);
      expect(res.headers.get('Content-Security-Policy')).toMatch(/default-src/);
    }
  });
});

describe('a live version without figures', () => {
  test('is "unavailable, retry" for the API, the CSV and the page, never a 500', async () => {
    await publish(false, 12, new Date('2026-11-21T19:00:00Z'), 200);
    const api = await get('/api/v1/stats');
    expect(api.status).toBe(503);
    expect((await api.json<any>()).error.code).toBe('snapshot_unavailable');
    expect((await get('/statistik/data.csv')).status).toBe(503);
    const page = await get('/statistik/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('Statistik sedang tidak tersedia');
  });
});
