// The figures of an interleaved benchmark row (npm run bench -- lookup): many
// short pairs of slices, the floor's and the row's a moment apart
// (workerd/load.ts), read as one ratio with an interval (pairedFigures). The
// --delta mode (lookup-delta.ts) still reads the median of a few longer rounds
// (median, spread, medianResult).
//
// Why low quantiles and not the median of per-pair ratios: on this kind of
// shared virtual machine the hypervisor takes the CPU away in bursts, and the
// guest charges that time to whatever process was running (/proc/stat's steal
// stays 0). One continuous load of the constant route, counted every 0.25 s,
// read 1,052–15,268 req/s and 63–951 µs of Worker CPU per request; slices of the
// very same requests a moment apart read 59–455 µs. An A/A run (the floor
// against itself, 64 pairs of 0.25 s) gave per-pair ratios with a standard
// deviation of 0.20–0.78. That noise only ever adds time: the fastest slices
// are the ones the machine left alone. So each side is read at the tenth
// percentile of its slices' CPU per request (the fastest tenth begins there;
// its req/s at the ninetieth), and a row's ratio is the floor's figure over
// the row's. The slices still alternate with the floor's, so a machine that
// drifts over minutes moves both sides alike. Two A/A runs of 120 pairs then
// read 1.07 and 0.99 (the first on a machine slow most of the time), and two
// runs of the negatives (50k reports) 0.78 and 0.78, where the medians of
// per-pair ratios read 0.70 and 0.82.
import { mulberry32 } from '../dev/sample-queue.ts';
import type { LoadResult, PairResult } from './workerd/load.ts';

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile, linearly interpolated between the two nearest values. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** "0.88–0.93". */
export function spread(ratios: readonly number[]): string {
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

/** Rounds of one row as one result: the median of each figure, the errors summed. */
export function medianResult(results: readonly LoadResult[]): LoadResult {
  const of = (pick: (result: LoadResult) => number) => median(results.map(pick));
  // A round that answered nothing has no CPU per request (its Infinity arrives as null): left out.
  const cpu = results.flatMap((result) => (result.serverCpuUs === null ? [] : [result.serverCpuUs]));
  return {
    requests: results.reduce((n, result) => n + result.requests, 0),
    rps: of((result) => result.rps),
    p50: of((result) => result.p50),
    p99: of((result) => result.p99),
    errors: results.reduce((n, result) => n + result.errors, 0),
    serverCpuUs: cpu.length > 0 ? median(cpu) : null,
    clientCpuShare: of((result) => result.clientCpuShare),
  };
}

/** The quantile each side is read at (of its slices' CPU per request; 1 − it of req/s). */
const FAST = 0.1;

/** A row against its base (the floor, or the Worker without the delta), from its pairs. */
export interface PairedFigures {
  /** The base's CPU µs per request over the row's, each at its fastest tenth: the Worker's own share of the floor. */
  cpuRatio: number;
  /** A 95% bootstrap interval of cpuRatio (the pairs resampled). */
  cpuInterval: [number, number];
  /** The row's req/s over the base's, each at its fastest tenth: with the load generator and the network. */
  rpsRatio: number;
  rpsInterval: [number, number];
  /** Each side's CPU µs per request and req/s at its fastest tenth. */
  base: { cpuUs: number; rps: number };
  row: { cpuUs: number; rps: number };
}

/** Each side at its fastest tenth; a slice that answered nothing has no CPU per request and is left out. */
function fastest(pairs: readonly PairResult[]) {
  const side = (pick: (pair: PairResult) => LoadResult) => {
    const cpu = pairs.flatMap((pair) => (pick(pair).serverCpuUs ? [pick(pair).serverCpuUs!] : []));
    return { cpuUs: cpu.length ? quantile(cpu, FAST) : NaN, rps: quantile(pairs.map((pair) => pick(pair).rps), 1 - FAST) };
  };
  return { base: side((pair) => pair.base), row: side((pair) => pair.row) };
}

export function pairedFigures(pairs: readonly PairResult[], resamples = 1000): PairedFigures {
  const { base, row } = fastest(pairs);
  const random = mulberry32(28); // fixed: the same pairs give the same interval
  const cpu: number[] = [];
  const rps: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const again = fastest(pairs.map(() => pairs[Math.floor(random() * pairs.length)]!));
    cpu.push(again.base.cpuUs / again.row.cpuUs);
    rps.push(again.row.rps / again.base.rps);
  }
  const interval = (values: number[]): [number, number] => [quantile(values, 0.025), quantile(values, 0.975)];
  return { cpuRatio: base.cpuUs / row.cpuUs, cpuInterval: interval(cpu), rpsRatio: row.rps / base.rps, rpsInterval: interval(rps), base, row };
}
