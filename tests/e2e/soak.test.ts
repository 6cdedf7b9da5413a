// Soak: mixed lookups at 64 connections against the running Worker (wrangler dev)
// while a sampler checks answers against the snapshot built from the same seed:
// zero errors, and the answers stay exact. `npm test` runs it for SOAK_SECONDS
// (default 5); `npm run bench -- soak` runs the full 60 s. The throughput and
// latency reached are printed, not asserted: they measure the machine as much as
// the Worker (docs/performance.md), so a floor here would be a timed test.
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { generateReports } from '../../scripts/dev/sample-reports.ts';
import type { Match } from '../../worker/core/api-types.ts';
import { E2E_REPORTS, E2E_SEED, startServer, type TestServer } from './server.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 5);
const CONNECTIONS = 64;

interface Probe {
  path: string;
  /** Verified reports expected for the identity asked; 0 = not reported. */
  count: number;
}

function queryFor(m: Pick<Match, 'type' | 'value' | 'bank' | 'provider'>): string {
  const params = new URLSearchParams({ type: m.type, value: m.value });
  if (m.bank) params.set('bank', m.bank);
  if (m.provider) params.set('provider', m.provider);
  return `/api/v1/check?${params}`;
}

/** Reported identities from the same seeded data the server published, and unknown ones. */
function probes(): Probe[] {
  const aggregator = new ReportAggregator();
  for (const raw of generateReports({ reports: E2E_REPORTS, seed: E2E_SEED })) aggregator.add(parseReportLine(JSON.stringify(raw)));
  const reported = [...aggregator.records()].slice(0, 150).map(([, record]) => {
    const first = record.matches[0]!;
    return { path: queryFor(first), count: first.count };
  });
  const unknown = Array.from({ length: 150 }, (_, i) => ({ path: `/api/v1/check?type=phone&value=0899${70_000_000 + i * 7_919}`, count: 0 }));
  return [...reported, ...unknown];
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ vars: { RATE_LIMITS: 'off' } });
});
afterAll(async () => {
  await server?.stop();
});

test(`${SECONDS} s at ${CONNECTIONS} connections of mixed lookups: zero errors, answers exact`, async () => {
  const all = probes();
  let loading = true;
  const load = Promise.resolve(
    autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: all.map(({ path }) => ({ path })),
    }),
  ).finally(() => (loading = false));

  // Sample until the load is over, and at least MIN_SAMPLES answers whatever the machine's speed
  // (a sample is one request at a time, at the back of 64 connections' queue: on a busy machine a
  // few per second). The first is always sent while the load runs.
  const MIN_SAMPLES = 10;
  const wrong: string[] = [];
  let sampled = 0;
  let sampledUnderLoad = 0;
  while (loading || sampled < MIN_SAMPLES) {
    const underLoad = loading;
    const probe = all[Math.floor(Math.random() * all.length)]!;
    const res = await fetch(server.url + probe.path);
    const body = (await res.json()) as { status: string; matches: Match[] };
    sampled++;
    if (underLoad) sampledUnderLoad++;
    const count = body.status === 'reported' ? body.matches[0]!.count : 0;
    if (res.status !== 200 || count !== probe.count) wrong.push(`${probe.path}: ${res.status} ${count} ≠ ${probe.count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const result = await load;

  expect(wrong).toEqual([]);
  expect(sampled).toBeGreaterThanOrEqual(MIN_SAMPLES);
  expect(sampledUnderLoad).toBeGreaterThanOrEqual(1);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  // The load really ran (a figure of 0 requests would make the checks above vacuous).
  expect(result.requests.total).toBeGreaterThan(0);
  console.log(
    `soak: ${result.requests.total} lookups in ${SECONDS} s at ${CONNECTIONS} connections, ` +
      `${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
      `${sampled} answers sampled (${sampledUnderLoad} during the load), all exact`,
  );
}, 60_000 + SECONDS * 2_000);
