// One row of the lookup benchmark, in a process of its own so the load
// generator shares its event loop with nothing else: autocannon against the
// server for a warm-up, then for the measured duration. Reads a LoadSpec as
// JSON on standard input (the request list can be longer than one argument
// may be), prints a LoadResult as JSON.
//
// Latencies are taken from every response (autocannon's own histogram keeps
// whole milliseconds, too coarse below 5 ms), and only the measured run counts.
// Given the server's pid (Linux), also the server's CPU time per request over
// the measured run: a figure that a busy machine disturbs far less than req/s.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Paths requested in turn by each connection (GET). */
  paths: string[];
  /** Instead of paths: whole requests (a POST with its body), in turn. */
  requests?: LoadRequest[];
  /** The server process, whose CPU time is read from /proc. */
  serverPid?: number;
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

/** User + system CPU seconds of a process so far (/proc/PID/stat fields 14 and 15, in 1/100 s), or null. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3, after the command's name
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function blast(spec: LoadSpec, seconds: number, latencies: number[] | null): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: spec.url, connections: spec.connections, duration: seconds, requests: spec.requests ?? spec.paths.map((path) => ({ path })) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (latencies) {
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latencies.push(ms);
      });
    }
  });
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const spec = JSON.parse(input) as LoadSpec;

if (spec.warmupSeconds > 0) await blast(spec, spec.warmupSeconds, null);
const latencies: number[] = [];
const cpuBefore = cpuSeconds(spec.serverPid);
const ownBefore = process.cpuUsage();
const result = await blast(spec, spec.seconds, latencies);
const cpuAfter = cpuSeconds(spec.serverPid);
const own = process.cpuUsage(ownBefore);
const sorted = Float64Array.from(latencies).sort();
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const out: LoadResult = {
  requests: sorted.length,
  rps: sorted.length / result.duration,
  p50: at(0.5),
  p99: at(0.99),
  errors: result.errors + result.timeouts + result.non2xx,
  serverCpuUs: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) / sorted.length) * 1e6,
  clientCpuShare: (own.user + own.system) / 1e6 / result.duration,
};
process.stdout.write(JSON.stringify(out));
