// npm run bench -- lookup --delta [--reports N --entries E --rounds R --seconds S --warmup S --connections C --quick]:
// what the same-day delta (issue 25) costs the lookup. The same seeded snapshot
// served twice by workerd, once with a delta of E entries (default 10,000: the
// keys 10,000 decisions a day touch, at most) and once with none, and the
// negatives, the positives and the paste box's POST measured against both in
// one run, interleaved as the lookup bench's floor rounds are (lookup.ts): each
// round the two servers back to back, in alternating order, one ratio per
// round (with delta / without). The target: at least 0.95 each.
//
// "Without" is the empty delta the nightly run leaves on its version, the state
// right after it. The delta holds records of keys of another seed (new listings, as most of a
// day's decisions are), built by the nightly job's aggregation and written as
// the Cron Trigger writes it (delta.ts deltaValue); neither query set is in it,
// so every lookup also pays the delta's test before the filter. Both servers
// are checked first (health: the delta used, its entries; every answer as
// expected) and the delta server's health again at the end: a delta older than
// 15 minutes is not used, and the run would then measure nothing.
import '../dev/offline.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../dev/processes.ts';
import { generateReports } from '../dev/sample-reports.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { DELTA_KEY, LIVE_KEY } from '../../worker/core/snapshot-layout.ts';
import { deltaValue, type DeltaEntry } from '../../worker/delta/delta.ts';
import { emptyDelta } from '../../worker/delta/delta-writer.ts';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { negativeQueries, positiveQueries, publishSample, SEED } from './lookup-queries.ts';
import { pasteQueries } from './paste-queries.ts';
import { median, medianResult, spread } from './rounds.ts';
import type { LoadRequest, LoadResult } from './workerd/load.ts';
import { runLoad } from './workerd/load-process.ts';
import { machineNote } from './workerd/machine.ts';
import { cpuPlan, describePlan, pinSelf } from './workerd/cpus.ts';
import { prepareWorkerd, startWorkerd, type WorkerdServer } from './workerd/server.ts';

const { values } = parseArgs({
  options: {
    delta: { type: 'boolean' },
    reports: { type: 'string' },
    entries: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '32' },
    quick: { type: 'boolean', default: false },
    /** The Worker on a CPU of its own, the rest on the others (workerd/cpus.ts); --no-pin to share them. */
    pin: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const quick = values.quick!;
const reports = Number(values.reports ?? (quick ? 50_000 : 1_000_000));
const entries = Number(values.entries ?? 10_000);
const rounds = Number(values.rounds ?? (quick ? 2 : 5));
const seconds = Number(values.seconds ?? (quick ? 1 : 3));
const warmupSeconds = Number(values.warmup ?? (quick ? 0.5 : 1));
const connections = Number(values.connections);
const cpus = cpuPlan(values.pin!);
if (cpus) pinSelf(cpus.rest);
const pinning = cpus ? { cpus: { worker: cpus.worker, kv: cpus.rest } } : {};
if (!(rounds >= 1 && seconds > 0 && warmupSeconds >= 0 && entries >= 1)) throw new Error('--rounds ≥ 1, --seconds > 0, --warmup ≥ 0, --entries ≥ 1');

/** Seed of the delta's keys: neither the sample's (positives) nor the negatives'. */
const DELTA_SEED = 3;
const QUERIES = 1000;
/** Issue 25's target: each row with the delta at least this share of the same row without. */
const TARGET = 0.95;
const step = (line: string) => process.stderr.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');

/** `size` entries of new listings (records of DELTA_SEED's verified reports), in key order as the writer writes them. */
async function sampleEntries(size: number): Promise<DeltaEntry[]> {
  const aggregator = new ReportAggregator();
  for (const line of generateReports({ reports: size * 3, seed: DELTA_SEED })) {
    if (line.id.startsWith('demo-')) continue;
    aggregator.add(parseReportLine(JSON.stringify({ ...line, id: `delta-${line.id}` })));
    if (aggregator.identifiers >= size) break;
  }
  const out: DeltaEntry[] = [];
  for (const [key, record] of aggregator.records()) out.push([key, await sha256Hex(key), record]);
  return out.slice(0, size);
}

const positive = positiveQueries(reports, QUERIES);
let negative = negativeQueries(reports, QUERIES);
const paste = pasteQueries(positive, QUERIES / 4);

const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bench-delta-'));
const servers: WorkerdServer[] = [];
const rows: Array<{ name: string; with: LoadResult; without: LoadResult; ratios: number[] }> = [];
let deltaBytes = 0;
let checked = '';
const loadBefore = loadavg();
let loadAfter = [NaN, NaN, NaN];
try {
  step(`generating ${count(reports)} reports (seed ${SEED}), building and publishing the snapshot into memory…`);
  const sample = await publishSample(dir, reports);
  const live = String(sample.kv.data.get(LIVE_KEY));
  step(`building a delta of ${count(entries)} entries on ${live} and starting two workerd servers (without and with it)…`);
  const delta = JSON.stringify(
    await deltaValue(
      { format: 1, base: live, since: new Date(Date.now() - 86_400_000).toISOString(), updatedAt: new Date().toISOString(), overflow: false, entries: await sampleEntries(entries) },
      new Date(),
    ),
  );
  deltaBytes = Buffer.byteLength(delta);
  const withDelta = new Map(sample.kv.data);
  withDelta.set(DELTA_KEY, delta);
  // "Without": the empty delta the nightly run leaves (publish.ts startDelta), written now, so neither goes stale first.
  const empty = new Map(sample.kv.data);
  empty.set(DELTA_KEY, JSON.stringify(await emptyDelta(live, new Date().toISOString(), new Date())));
  const vars = { RATE_LIMITS: 'off' };
  const [plain, deltaed] = await Promise.all([
    prepareWorkerd({ dir: join(dir, 'without'), kv: empty }),
    prepareWorkerd({ dir: join(dir, 'with'), kv: withDelta }),
  ]);
  servers.push(await startWorkerd(plain, { port: await freePort(), vars, ...pinning }));
  servers.push(await startWorkerd(deltaed, { port: await freePort(), vars, ...pinning }));
  const [without, withD] = servers as [WorkerdServer, WorkerdServer];
  checked = await verify(without, withD);

  const run = (server: WorkerdServer, paths: string[], requests?: LoadRequest[]) =>
    runLoad({ url: server.url, connections, seconds, warmupSeconds, paths, serverPid: server.pid, ...(requests ? { requests } : {}) }, cpus?.rest);
  const measure = async (name: string, paths: string[], requests?: LoadRequest[]) => {
    step(`measuring ${name}: ${rounds} rounds without and with the delta, ${warmupSeconds} s warm-up then ${seconds} s each…`);
    const a: LoadResult[] = [];
    const b: LoadResult[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let x: LoadResult;
      let y: LoadResult;
      if (round % 2 === 0) {
        x = await run(without, paths, requests);
        y = await run(withD, paths, requests);
      } else {
        y = await run(withD, paths, requests);
        x = await run(without, paths, requests);
      }
      a.push(x);
      b.push(y);
      ratios.push(y.rps / x.rps);
    }
    rows.push({ name, without: medianResult(a), with: medianResult(b), ratios });
  };
  await measure('negative lookups (filter only)', negative);
  await measure('positive lookups (filter + record the isolate already read)', positive);
  await measure('paste: POST /api/v1/check, a three-identifier message', [], paste.posts);
  for (const server of [without, withD]) {
    const after = await health(server);
    if (after.delta?.status !== 'ok') throw new Error(`a delta was no longer used at the end of the run: ${JSON.stringify(after.delta)}`);
  }
  loadAfter = loadavg();
} finally {
  for (const server of servers) await server.stop();
  await rm(dir, { recursive: true, force: true });
}

async function health(server: WorkerdServer): Promise<{ status: string; delta?: { status: string; keys?: number; problem?: string } }> {
  return (await fetch(`${server.url}/api/v1/health`)).json() as Promise<{ status: string; delta?: { status: string; keys?: number } }>;
}

/** Both servers answer every query as expected, the delta server with its delta in use. */
async function verify(without: WorkerdServer, withD: WorkerdServer): Promise<string> {
  step('checking the answers…');
  const [h0, h1] = [await health(without), await health(withD)];
  if (h1.delta?.status !== 'ok' || h1.delta.keys !== entries) throw new Error(`the delta server does not use its delta: ${JSON.stringify(h1)}`);
  if (h0.delta?.status !== 'ok' || h0.delta.keys !== 0) throw new Error(`the server without should hold an empty delta: ${JSON.stringify(h0)}`);
  const found = new Set<string>();
  for (const server of [without, withD]) {
    for (const path of positive) {
      const body = (await (await fetch(server.url + path)).json()) as { status: string };
      if (body.status !== 'reported') throw new Error(`${path} should be reported, answered ${JSON.stringify(body)}`);
    }
    for (const path of negative) {
      const body = (await (await fetch(server.url + path)).json()) as { status: string };
      if (body.status === 'reported') found.add(path);
      else if (body.status !== 'not_reported') throw new Error(`${path} answered ${JSON.stringify(body)}`);
    }
    for (const { body } of paste.posts) {
      const res = await fetch(`${server.url}/api/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body! });
      const answer = (await res.json()) as { results?: Array<{ status: string }> };
      if (answer.results?.filter((r) => r.status === 'reported').length !== 3) throw new Error(`POST ${body} answered ${JSON.stringify(answer)}`);
    }
  }
  // A value of the negatives' seed may exist in the sample or the delta by chance: it is then no negative.
  if (found.size > QUERIES / 100) throw new Error(`${found.size} of ${QUERIES} negatives answered reported`);
  negative = negative.filter((path) => !found.has(path));
  return (
    `health without: ${h0.status} (an empty delta in use); with: ${h1.status} (delta ${h1.delta.status}, ${count(h1.delta.keys!)} keys); ` +
    `on both, ${positive.length} positives reported, ${negative.length} negatives not reported (${found.size} dropped as reported), ` +
    `${paste.posts.length} pasted messages each with 3 reported identifiers`
  );
}

const ms = (value: number) => value.toFixed(2);
const load = (avg: number[]) => avg.map((n) => n.toFixed(2)).join(' / ');
console.log(
  `\nLookups with a same-day delta of ${count(entries)} entries (${(deltaBytes / 1e6).toFixed(1)} MB as KV holds it) against none, ` +
    `on the same snapshot of ${count(reports)} reports (seed ${SEED}), workerd directly; ${connections} connections; each row ${rounds} rounds ` +
    `of both servers back to back, ${warmupSeconds} s warm-up then ${seconds} s each; ${new Date().toISOString()}`,
);
console.log(`Machine: ${machineNote()}; load average (1 / 5 / 15 min) ${load(loadBefore)} before, ${load(loadAfter)} after. CPUs: ${describePlan(cpus)}.\n`);
console.log(
  '| scenario | req/s without | req/s with | p99 ms without / with | with ÷ without | spread (lowest–highest round) | target | server CPU µs/req without / with | errors without / with |\n' +
    '|---|--:|--:|--:|--:|--:|---|--:|--:|',
);
for (const row of rows) {
  const ratio = median(row.ratios);
  console.log(
    `| ${row.name} | ${count(Math.round(row.without.rps))} | ${count(Math.round(row.with.rps))} | ${ms(row.without.p99)} / ${ms(row.with.p99)} | ` +
      `${ratio.toFixed(2)} | ${spread(row.ratios)} | ≥ ${TARGET}: ${ratio >= TARGET ? 'met' : 'missed'} | ` +
      `${row.without.serverCpuUs?.toFixed(0) ?? '–'} / ${row.with.serverCpuUs?.toFixed(0) ?? '–'} | ${row.without.errors} / ${row.with.errors} |`,
  );
}
console.log(`\nChecked first: ${checked}. Errors: non-2xx answers and timeouts.`);
