// Rounds of an interleaved benchmark row as one figure (npm run bench -- lookup
// and its --delta mode): the median of each figure over the rounds, and the
// spread of the per-round ratios.
import type { LoadResult } from './workerd/load.ts';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "0.88–0.93": the lowest and highest of a row's round ratios. */
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
