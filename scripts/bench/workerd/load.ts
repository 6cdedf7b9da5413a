// One load of the lookup benchmark, in a process of its own so the load
// generator shares its event loop with nothing else: autocannon against the
// server for a warm-up, then for the measured duration. Reads a LoadSpec as
// JSON on standard input (the request list can be longer than one argument
// may be), prints a LoadResult as JSON.
//
// Pairs (spec.pairs): the benchmark's interleaving, done here so that a pair's
// two halves are a moment apart: one continuous load whose connections ask the
// base's requests (the floor) or the row's, switched in slices of `seconds`,
// `pairs` times each, the order alternating (base first in even pairs, the row
// first in odd ones), printed as PairResult[]. After each switch the answers
// to requests of the other side are let through (SETTLE_MS) before the slice's
// counts and CPU start. On a shared machine the speed of a CPU moves within a
// second (rounds.ts); two slices a moment apart see nearly the same machine,
// and many short pairs let each side be read at its fastest tenth. One load
// rather than one per slice: starting autocannon and its connections cost
// about 0.2 s a slice.
//
// Latencies are taken from every response (autocannon's own histogram keeps
// whole milliseconds, too coarse below 5 ms), and only the measured run counts.
// Given the server's pid (Linux), also the server's CPU time per request over
// the measured run: a figure that a busy machine disturbs far less than req/s.
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';

/** What one load asks of which server. */
export interface LoadTarget {
  url: string;
  /** Paths requested in turn by each connection (GET). */
  paths: string[];
  /** Instead of paths: whole requests (a POST with its body), in turn. */
  requests?: LoadRequest[];
  /** The server process, whose CPU time is read from /proc. */
  serverPid?: number;
}

export interface LoadSpec extends LoadTarget {
  connections: number;
  /** Measured seconds (of each slice, with pairs). */
  seconds: number;
  warmupSeconds: number;
  /** Pairs: this many slices of `base` and of this target, alternating (see above). */
  pairs?: number;
  base?: LoadTarget;
}

/** One pair: a slice of the base and a slice of the row, a moment apart. */
export interface PairResult {
  base: LoadResult;
  row: LoadResult;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** The server's CPU time (all its threads) per answered request, in µs; null without /proc. */
  serverCpuUs: number | null;
  /** This process's CPU time over the measured run, as a share of one core: near 1, the load generator limits. */
  clientCpuShare: number;
}

/**
 * CPU seconds of a process so far, all its threads: the scheduler's own count in
 * nanoseconds (/proc/PID/task/TID/schedstat, first field) where Linux has it —
 * a quarter-second slice of about 2,500 requests needs better than
 * /proc/PID/stat's 10 ms ticks — else user + system from /proc/PID/stat; null without /proc.
 */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1e9;
  } catch {
    // no schedstat (a kernel without CONFIG_SCHEDSTATS): the ticks below
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3, after the command's name
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function blast(target: LoadTarget, connections: number, seconds: number, latencies: number[] | null): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, connections, duration: seconds, requests: target.requests ?? target.paths.map((path) => ({ path })) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (latencies) {
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latencies.push(ms);
      });
    }
  });
}

/** One measured load of `target`: its answers' count and latencies, and the server's CPU and this process's over it. */
async function measure(target: LoadTarget, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(target.serverPid);
  const ownBefore = process.cpuUsage();
  const result = await blast(target, connections, seconds, latencies);
  const cpuAfter = cpuSeconds(target.serverPid);
  const own = process.cpuUsage(ownBefore);
  return summary(latencies, result.errors + result.timeouts + result.non2xx, result.duration, cpuBefore, cpuAfter, own);
}

function summary(latencies: number[], errors: number, duration: number, cpuBefore: number | null, cpuAfter: number | null, own: NodeJS.CpuUsage): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    requests: sorted.length,
    rps: sorted.length / duration,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    serverCpuUs: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) / sorted.length) * 1e6,
    clientCpuShare: (own.user + own.system) / 1e6 / duration,
  };
}

/** The requests of a target as autocannon request data, in turn. */
const requestsOf = (target: LoadTarget): LoadRequest[] => target.requests ?? target.paths.map((path) => ({ method: 'GET', path }));
/** Time after a switch for the other side's requests in flight to be answered and left out. */
const SETTLE_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pairs(spec: LoadSpec, base: LoadTarget, count: number): Promise<PairResult[]> {
  if (base.url !== spec.url) throw new Error('pairs: the base and the row are asked of one server');
  type Side = 'base' | 'row';
  const lists: Record<Side, LoadRequest[]> = { base: requestsOf(base), row: requestsOf(spec) };
  const cursor: Record<Side, number> = { base: 0, row: 0 };
  let asking: Side = 'base';
  const errorKinds = new Map<string, number>();
  const tally = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  /** The slice being counted: its side, answers' latencies, errors; null between slices. */
  let counting: { side: Side; latencies: number[]; errors: number } | null = null;
  // Stopped when the last slice ends: a duration computed from the slices would end the load early
  // whenever timers ran late, and its closing connections would fail the last slices' requests.
  const UNTIL_STOPPED = 24 * 3600;
  let stop = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: UNTIL_STOPPED,
        requests: [{
          // Each request of the side asked now; the side is kept in the connection's context until its answer.
          setupRequest: (request, context) => {
            const list = lists[asking];
            (context as { side?: Side }).side = asking;
            return { ...request, ...list[cursor[asking]++ % list.length]! };
          },
        }],
      },
      (err) => (err ? reject(err) : resolve()),
    );
    instance.on('response', (client, status, _bytes, ms) => {
      const side = (client as unknown as { requestIterator: { context: { side?: Side } } }).requestIterator.context.side;
      if (!counting || side !== counting.side) return;
      if (status >= 200 && status < 300) counting.latencies.push(ms);
      else {
        counting.errors++;
        tally(`status ${status}`);
      }
    });
    instance.on('reqError', (error: Error) => {
      if (!counting) return;
      counting.errors++;
      tally(error.message);
    });
    stop = () => instance.stop();
  });
  const slice = async (side: Side): Promise<LoadResult> => {
    asking = side;
    await sleep(SETTLE_MS);
    const pid = (side === 'base' ? base : spec).serverPid;
    const cpuBefore = cpuSeconds(pid);
    const ownBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    counting = { side, latencies: [], errors: 0 };
    await sleep(spec.seconds * 1000);
    const { latencies, errors } = counting;
    counting = null;
    const duration = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = cpuSeconds(pid);
    const own = process.cpuUsage(ownBefore);
    return summary(latencies, errors, duration, cpuBefore, cpuAfter, own);
  };
  if (spec.warmupSeconds > 0) {
    asking = 'base';
    await sleep(spec.warmupSeconds * 1000);
    asking = 'row';
    await sleep(spec.warmupSeconds * 1000);
  }
  const results: PairResult[] = [];
  for (let pair = 0; pair < count; pair++) {
    if (pair % 2 === 0) {
      const first = await slice('base');
      results.push({ base: first, row: await slice('row') });
    } else {
      const first = await slice('row');
      results.push({ base: await slice('base'), row: first });
    }
  }
  stop();
  await done;
  // What the errors were, for the run's log (the table only counts them).
  if (errorKinds.size > 0) process.stderr.write(`  errors in measured slices: ${[...errorKinds].map(([kind, n]) => `${n} × ${kind}`).join(', ')}\n`);
  return results;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const spec = JSON.parse(input) as LoadSpec;

if (spec.pairs !== undefined && spec.base) {
  process.stdout.write(JSON.stringify(await pairs(spec, spec.base, spec.pairs)));
} else {
  if (spec.warmupSeconds > 0) await blast(spec, spec.connections, spec.warmupSeconds, null);
  process.stdout.write(JSON.stringify(await measure(spec, spec.connections, spec.seconds)));
}
