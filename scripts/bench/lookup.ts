// npm run bench -- lookup [--reports N --rounds R --seconds S --warmup S --connections C --quick --no-pin --only WORDS --pointer-ttl S --runtime workerd|wrangler-dev]
// (--delta: the same lookups with a 10,000-entry same-day delta against none, lookup-delta.ts):
// lookup throughput and latency of the Worker at a realistic snapshot size
// (default 1M seeded reports, about 548k identifiers), next to the floor: a
// constant route of the same Worker (/api/v1/ping), all measured in one run.
//
// By default the Worker runs in workerd directly (workerd/server.ts), its
// SNAPSHOTS namespace served from memory by a second workerd process: Miniflare's
// KV simulator stores about 1,000 keys a second, ten minutes for this snapshot,
// and its proxy would be measured along with the Worker. --runtime wrangler-dev
// measures through `wrangler dev` and its simulator instead (use small --reports).
//
// Interleaved, so that a ratio says something about the code rather than the
// machine. Each row is measured in R pairs of short slices of one continuous
// load (workerd/load.ts), the floor's slice and the row's a moment apart, in
// alternating order (floor first in even pairs, the row first in odd ones, so a
// drifting machine favours neither). Each side is read at its fastest tenth of
// slices, and the row's figure is the floor's over the row's, with a 95%
// bootstrap interval (rounds.ts says why: the hypervisor's bursts only add time).
//
// `vs floor` is the Worker's own: the floor's CPU time per request over the
// row's (workerd's threads, from /proc), the share of the floor's throughput the
// Worker would answer on a CPU of its own. The req/s ratio is shown beside it,
// not judged: pinned on this 2-CPU machine, a row with longer URLs and longer
// answers also waits for the load generator on the other CPU (the Worker idles,
// req/s × CPU per request falls below one second a second), so it measures the
// client with the Worker. --quick: 4 pairs of 0.25 s on a 50k-report snapshot, a
// smoke run whose figures mean little.
//
// The queries are checked against the Worker first; the run stops on a wrong answer.
import '../dev/offline.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startWranglerDev } from '../dev/processes.ts';
import { writeSampleReports } from '../dev/sample-file.ts';
import { runSnapshotJob } from '../pipeline/snapshot-job.ts';
import { negativeQueries, positiveQueries, publishSample, rangeQueries, SEED } from './lookup-queries.ts';
import { buildSite } from './built-site.ts';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { measureCorpus } from '../../tests/unit/extract-corpus.ts';
import { pasteQueries } from './paste-queries.ts';
import type { LoadRequest, LoadResult } from './workerd/load.ts';
import { runPairs } from './workerd/load-process.ts';
import { machineNote } from './workerd/machine.ts';
import { cpuPlan, describePlan, pinSelf } from './workerd/cpus.ts';
import { prepareWorkerd, startWorkerd } from './workerd/server.ts';
import { medianResult, pairedFigures, quantile, type PairedFigures } from './rounds.ts';

// --delta: the same-day delta's mode, a script of its own (lookup-delta.ts) with the same options.
if (process.argv.includes('--delta')) {
  await import('./lookup-delta.ts');
  process.exit();
}

const { values } = parseArgs({
  options: {
    reports: { type: 'string' },
    /** Pairs per row, each a slice of the floor and one of the row, back to back. */
    rounds: { type: 'string' },
    /** Measured seconds of each slice. */
    seconds: { type: 'string' },
    /** Warm-up seconds of the floor and of the row before a row's pairs (code hot). */
    warmup: { type: 'string' },
    connections: { type: 'string', default: '32' },
    runtime: { type: 'string', default: 'workerd' },
    quick: { type: 'boolean', default: false },
    /** The Worker on a CPU of its own, the rest on the others (workerd/cpus.ts); --no-pin to share them. */
    pin: { type: 'boolean', default: true },
    /** Only the rows whose name holds one of these words (comma-separated), e.g. --only paste: a quick look at one change. */
    only: { type: 'string' },
    /**
     * Seconds the Worker keeps the live pointer and the delta before re-reading them (LIVE_POINTER_TTL_SECONDS,
     * 30 by default): a short one, e.g. 1, runs the re-reads under the load, where no request may fail.
     */
    'pointer-ttl': { type: 'string' },
  },
  allowNegative: true,
});
const quick = values.quick!;
const reports = Number(values.reports ?? (quick ? 50_000 : 1_000_000));
const rounds = Number(values.rounds ?? (quick ? 4 : 120));
const seconds = Number(values.seconds ?? 0.25);
const warmupSeconds = Number(values.warmup ?? (quick ? 0.5 : 1));
if (!(rounds >= 1 && seconds > 0 && warmupSeconds >= 0)) throw new Error('--rounds ≥ 1, --seconds > 0, --warmup ≥ 0');
const connections = Number(values.connections);
const pointerTtl = values['pointer-ttl'];
if (pointerTtl !== undefined && !(Number(pointerTtl) >= 0)) throw new Error('--pointer-ttl: seconds ≥ 0');
const workerVars = { RATE_LIMITS: 'off', ...(pointerTtl !== undefined ? { LIVE_POINTER_TTL_SECONDS: pointerTtl } : {}) };
const only = values.only?.split(',').filter(Boolean);
const runtime = values.runtime;
if (runtime !== 'workerd' && runtime !== 'wrangler-dev') throw new Error('--runtime is workerd or wrangler-dev');
// wrangler dev starts its own workerd, which would inherit this script's CPUs: pinned only on workerd.
const cpus = cpuPlan(values.pin! && runtime === 'workerd');
if (cpus) pinSelf(cpus.rest);
const pinning = cpus ? { cpus: { worker: cpus.worker, kv: cpus.rest } } : {};

/** Distinct queries per lookup row. */
const QUERIES = 1000;
/**
 * Issue 28's targets, as shares of the floor; a KV read every time is held to less.
 * Latency is shown, not judged: at 32 connections driven as hard as they go, p99
 * is mostly queueing, and the floor's own is 7–8 ms on this machine.
 */
const TARGETS = { negative: 0.9, positive: 0.8, range: 0.7, kvRead: 0.5 };
const FLOOR_PATHS = ['/api/v1/ping'];
const step = (line: string) => process.stderr.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');

// Queries: positives are verified reports spread over the input, negatives
// values of another seed, ranges spread prefixes (lookup-queries.ts).
const positive = positiveQueries(reports, QUERIES);
let negative = negativeQueries(reports, QUERIES);
const ranges = rangeQueries(QUERIES);
// The paste box: messages of three reported identifiers, as one POST each and as three GETs each.
const paste = pasteQueries(positive, QUERIES / 4);

const PASTE_POST = 'paste: POST /api/v1/check, a three-identifier message';
const PASTE_GETS = 'paste: the three GETs of the same identifiers';
const KV_POSITIVE = 'positive lookups (filter + KV read every time)';
const KV_RANGE = 'range lookups (KV read every time)';
/** A row --only asks for (every row without it). */
const wanted = (name: string) => !only || only.some((word) => name.includes(word));

const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bench-lookup-'));
type Server = { url: string; pid?: number; stop(): Promise<void> };
let server: Server | undefined;
/** workerd only: the same Worker and namespace with the isolate's record cache off. */
let restartWithoutRecordCache: (() => Promise<Server>) | undefined;
let identifiers = 0;
let measured = '';
/** A row: the median of its slices (req/s, latencies, CPU), and its ratios to the floor (rounds.ts). */
interface Row { name: string; result: LoadResult; figures: PairedFigures; target?: { ratio: number } }
const rows: Row[] = [];
/** Every floor slice of every pair, for the floor's own row. */
const floors: LoadResult[] = [];
let checked = '';
const loadBefore = loadavg();
let loadAfter = [NaN, NaN, NaN];
try {
  // A few seconds for a million lines: generated afresh rather than cached, so it always matches the generator.
  const port = await freePort();
  if (runtime === 'workerd') {
    step(`generating ${count(reports)} reports (seed ${SEED}), building and publishing the snapshot into memory…`);
    const sample = await publishSample(dir, reports);
    identifiers = sample.identifiers;
    step(`bundling the Worker and starting workerd with ${count(sample.kv.data.size)} KV keys…`);
    const prepared = await prepareWorkerd({ dir, kv: sample.kv.data });
    const workerd = await startWorkerd(prepared, { port, vars: workerVars, ...pinning });
    server = workerd;
    restartWithoutRecordCache = async () =>
      startWorkerd(prepared, { port: await freePort(), vars: { ...workerVars, RECORD_CACHE_ENTRIES: '0' }, ...pinning });
    measured = `${workerd.runtime} directly, SNAPSHOTS served from memory by a second workerd process`;
    if (pointerTtl !== undefined) measured += `; live pointer and delta re-read every ${pointerTtl} s (--pointer-ttl)`;
  } else {
    buildSite('if-missing');
    step(`generating ${count(reports)} reports (seed ${SEED})…`);
    const input = join(dir, 'reports.ndjson');
    await writeSampleReports(input, { reports, seed: SEED });
    step('building and publishing the snapshot into the local KV simulator (about 1,000 keys/s)…');
    const persist = join(dir, 'state');
    ({ identifiers } = await runSnapshotJob({ input, target: { kind: 'local', persistDir: persist } }));
    server = await startWranglerDev(port, ['--persist-to', persist, '--var', 'RATE_LIMITS:off', '--log-level', 'error'], { quiet: true });
    const wrangler = createRequire(import.meta.url)('wrangler/package.json') as { version: string };
    measured = `wrangler dev ${wrangler.version} (Miniflare's proxy and KV simulator)`;
  }

  checked = await verify(server.url);
  const scenarios: Array<[string, string[], { ratio: number }?]> = [
    // No target: what a lookup's query string alone costs (the router reads every query into an object).
    ['the floor with the negatives\' query strings (/api/v1/ping?type=…)', negative.map((path) => path.replace('/api/v1/check', '/api/v1/ping'))],
    ['negative lookups (filter only)', negative, { ratio: TARGETS.negative }],
    // 1,000 values cycled: after the warm-up each isolate has read every record once.
    ['positive lookups (filter + record the isolate already read)', positive, { ratio: TARGETS.positive }],
    ['range lookups (answer the isolate already built)', ranges, { ratio: TARGETS.range }],
  ];
  const measure = async (name: string, paths: string[], target?: { ratio: number }, requests?: LoadRequest[]) => {
    if (!wanted(name)) return;
    step(`measuring ${name}: ${warmupSeconds} s warm-up each, then ${rounds} pairs of ${seconds} s of the floor and ${seconds} s of the row…`);
    const pid = server!.pid ? { serverPid: server!.pid } : {};
    const pairs = await runPairs({
      url: server!.url, connections, seconds, warmupSeconds, paths, pairs: rounds, ...pid,
      ...(requests ? { requests } : {}),
      base: { url: server!.url, paths: FLOOR_PATHS, ...pid },
    }, cpus?.rest);
    floors.push(...pairs.map(({ base }) => base));
    const figures = pairedFigures(pairs);
    step(`  ${figures.cpuRatio.toFixed(2)} of the floor by Worker CPU, ${figures.rpsRatio.toFixed(2)} by req/s`);
    rows.push({ name, result: medianResult(pairs.map(({ row }) => row)), figures, ...(target ? { target } : {}) });
  };
  for (const [name, paths, target] of scenarios) await measure(name, paths, target);
  // The paste box's POST against the three GETs it replaces (compared per message below the table).
  await measure(PASTE_POST, [], undefined, paste.posts);
  await measure(PASTE_GETS, paste.gets);
  if (restartWithoutRecordCache && (wanted(KV_POSITIVE) || wanted(KV_RANGE))) {
    step('restarting the Worker with its record cache off (RECORD_CACHE_ENTRIES=0)…');
    await server.stop();
    server = await restartWithoutRecordCache();
    await measure(KV_POSITIVE, positive, { ratio: TARGETS.kvRead });
    await measure(KV_RANGE, ranges, { ratio: TARGETS.kvRead });
  }
  loadAfter = loadavg();
} finally {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}

/** Every query answered as expected, before anything is timed; the snapshot (all its filter shards) is loaded by /health. */
async function verify(url: string): Promise<string> {
  const get = async (path: string) => {
    const res = await fetch(url + path);
    const body = (await res.json()) as { status?: string; mode?: string; suffixes?: { count: number }[] };
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return { body, path: /desc="([^"]+)"/.exec(res.headers.get('Server-Timing') ?? '')?.[1] };
  };
  step('checking the answers…');
  const health = await get('/api/v1/health');
  const paths = new Map<string, number>();
  const tally = (path = '?') => paths.set(path, (paths.get(path) ?? 0) + 1);
  for (const path of positive) {
    const answer = await get(path);
    if (answer.body.status !== 'reported') throw new Error(`${path} should be reported, answered ${JSON.stringify(answer.body)}`);
    tally(`positive ${answer.path}`);
  }
  // A number of the other seed may exist in this one by chance: it is then no negative.
  const found: string[] = [];
  for (const path of negative) {
    const answer = await get(path);
    if (answer.body.status === 'reported') found.push(path);
    else if (answer.body.status !== 'not_reported') throw new Error(`${path} answered ${JSON.stringify(answer.body)}`);
    else tally(`negative ${answer.path}`);
  }
  if (found.length > QUERIES / 100) throw new Error(`${found.length} of ${QUERIES} negatives answered reported, e.g. ${found[0]}`);
  negative = negative.filter((path) => !found.includes(path));
  // Answers are padded with count-0 entries (worker/core/range.ts): only a count above 0 is a reported key.
  let withSuffixes = 0;
  for (const path of ranges) if ((await get(path)).body.suffixes?.some((entry) => entry.count > 0)) withSuffixes++;
  if (withSuffixes === 0) throw new Error('no range prefix returned a reported key');
  for (const { body } of paste.posts) {
    const res = await fetch(`${url}/api/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body! });
    const answer = (await res.json()) as { results?: Array<{ status: string }> };
    const reported = answer.results?.filter((r) => r.status === 'reported').length;
    if (res.status !== 200 || reported !== 3) throw new Error(`POST ${body} answered ${res.status}: ${JSON.stringify(answer)}`);
  }
  const by = [...paths].map(([path, n]) => `${path}: ${n}`).join(', ');
  return (
    `health ${health.body.status} (mode ${health.body.mode}); ${positive.length} positives reported, ` +
    `${negative.length} negatives not reported (${found.length} of the other seed's values dropped as reported); ` +
    `answered by ${by}; ${withSuffixes} of ${ranges.length} range prefixes with a reported key; ` +
    `${paste.posts.length} pasted messages each with 3 reported identifiers`
  );
}


const ms = (value: number) => value.toFixed(2);
const load = (avg: number[]) => avg.map((n) => n.toFixed(2)).join(' / ');
const interval = ([low, high]: [number, number]) => `${low.toFixed(2)}–${high.toFixed(2)}`;
const floor = medianResult(floors);
console.log(
  `\nLookups on ${measured}: ${count(identifiers)} identifiers (${count(reports)} reports, seed ${SEED}), ` +
    `${connections} connections; each row ${rounds} pairs of a ${seconds} s slice of the floor and one of the row, ` +
    `after ${warmupSeconds} s of warm-up each; ${new Date().toISOString()}`,
);
console.log(`CPUs: ${describePlan(cpus)}.`);
console.log(
  `Machine: ${machineNote()}; load average (1 / 5 / 15 min) ${load(loadBefore)} before, ${load(loadAfter)} after\n`,
);
console.log(
  '| scenario | req/s | p50 (ms) | p99 (ms) | vs floor | 95% interval | target | Worker CPU (µs/req) | req/s vs floor (95% interval) | errors |\n' +
    '|---|--:|--:|--:|--:|--:|---|--:|--:|--:|',
);
console.log(
  `| floor: constant route /api/v1/ping (all ${floors.length} floor slices) | ${count(Math.round(floor.rps))} | ${ms(floor.p50)} | ${ms(floor.p99)} | 1.00 | – | – | ` +
    `${floor.serverCpuUs?.toFixed(0) ?? '–'} | 1.00 | ${floors.reduce((n, r) => n + r.errors, 0)} |`,
);
for (const { name, result, figures, target } of rows) {
  const met = target && figures.cpuRatio >= target.ratio;
  const goal = target ? `≥ ${target.ratio} of floor: ${met ? 'met' : 'missed'}` : '–';
  console.log(
    `| ${name} | ${count(Math.round(result.rps))} | ${ms(result.p50)} | ${ms(result.p99)} | ${figures.cpuRatio.toFixed(2)} | ${interval(figures.cpuInterval)} | ${goal} | ` +
      `${result.serverCpuUs?.toFixed(0) ?? '–'} | ${figures.rpsRatio.toFixed(2)} (${interval(figures.rpsInterval)}) | ${result.errors} |`,
  );
}
const floorCpus = floors.flatMap((r) => (r.serverCpuUs ? [r.serverCpuUs] : []));
const tenths = (values: number[], digits = 0) => `${quantile(values, 0.1).toFixed(digits)}–${quantile(values, 0.9).toFixed(digits)}`;
console.log(
  `\nvs floor: the floor's Worker CPU per request over the row's, each at its fastest tenth of slices (rounds.ts); req/s, p50, p99 and CPU columns: medians of the row's slices. ` +
    `What the machine alone moved, 10th to 90th percentile: the floor's ${count(floors.length)} slices read ${tenths(floors.map((r) => r.rps))} req/s ` +
    `and ${tenths(floorCpus)} µs of Worker CPU per request (its fastest tenth: ${quantile(floorCpus, 0.1).toFixed(0)} µs).`,
);
const rowNamed = (prefix: string) => rows.find(({ name }) => name.startsWith(prefix));
const withQuery = rowNamed('the floor with');
const negativeRow = rowNamed('negative');
if (withQuery && negativeRow) {
  console.log(
    `Negative lookups against the floor with the same query strings: ${(negativeRow.figures.cpuRatio / withQuery.figures.cpuRatio).toFixed(2)} ` +
      `(the query strings alone: ${withQuery.figures.cpuRatio.toFixed(2)} of the floor).`,
  );
}
console.log(`Checked first: ${checked}.`);
console.log(`Load generator CPU, share of one core (median of slices): ${rows.map(({ result }) => `${Math.round(result.clientCpuShare * 100)}%`).join(', ')} (in row order).`);

// The paste box: one POST per message against the three GETs it replaces, per message (each against its own floors).
const postRow = rowNamed(PASTE_POST);
const getsRow = rowNamed(PASTE_GETS);
if (postRow && getsRow) {
  const postVsGets = postRow.figures.cpuRatio / (getsRow.figures.cpuRatio / 3);
  console.log(
    `\nPaste box: the POST at ${postVsGets.toFixed(2)}x the three GETs per message, by their ratios to the floor (target ≥ 1.5: ${postVsGets >= 1.5 ? 'met' : 'missed'}); ` +
      `Worker CPU ${postRow.result.serverCpuUs?.toFixed(0) ?? '–'} µs per POST against ${getsRow.result.serverCpuUs ? (getsRow.result.serverCpuUs * 3).toFixed(0) : '–'} µs for three GETs; ` +
      `${count(Math.round(postRow.result.rps))} messages/s as one POST each, ${count(Math.round(getsRow.result.rps / 3))} as three GETs each.`,
  );
}

// Extraction alone, in this process (Node, the same code the Worker runs): a 2,000-character message.
let long = '';
for (let i = 0; long.length < 2000; i++) long += `${paste.texts[i % paste.texts.length]} Barang ready, ongkir Rp 15.000, resi JNE 0123456789012. `;
long = long.slice(0, 2000);
for (let i = 0; i < 200; i++) extractIdentifiers(long, 'id');
const runs = 2000;
const started = process.hrtime.bigint();
let found = 0;
for (let i = 0; i < runs; i++) found = extractIdentifiers(long, 'id').found.length;
const extractUs = Number(process.hrtime.bigint() - started) / 1000 / runs;
const negativeCpu = negativeRow?.result.serverCpuUs;
console.log(
  `Extraction of a 2,000-character message (${found} identifiers found): ${extractUs.toFixed(1)} µs in Node, ` +
    `alongside ${negativeCpu?.toFixed(0) ?? '–'} µs of Worker CPU for one GET lookup (the negative row).`,
);
const score = measureCorpus();
console.log(
  `Extraction corpus (tests/unit/extract-corpus.ts): ${score.messages} messages, ${score.expected} expected identifiers: ` +
    `precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)} (target ≥ 0.99 each).`,
);
