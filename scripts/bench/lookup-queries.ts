// What the lookup benchmarks ask and what they ask it of: a seeded sample
// published into memory with the nightly job's own code, and query paths drawn
// from the same generator (each line is a pure function of seed and line
// number, so they are regenerated rather than read back).
import { join } from 'node:path';
import { MemoryKv } from '../pipeline/kv-store.ts';
import type { ReportLineJson } from '../../worker/reports/report-line.ts';
import { writeSampleReports } from '../dev/sample-file.ts';
import { generateReports } from '../dev/sample-reports.ts';
import { runSnapshotJob } from '../pipeline/snapshot-job.ts';
import { MemoryStateStore } from '../pipeline/snapshot-state.ts';

/** The sample's seed; negatives come from another seed. */
export const SEED = 1;
export const NEGATIVE_SEED = 2;

/** `reports` seeded reports written to dir/reports.ndjson and published into memory. */
export async function publishSample(dir: string, reports: number, seed = SEED): Promise<{ input: string; kv: MemoryKv; identifiers: number }> {
  const input = join(dir, 'reports.ndjson');
  await writeSampleReports(input, { reports, seed });
  const kv = new MemoryKv();
  const { identifiers } = await runSnapshotJob({ input, target: { kind: 'store', store: kv, name: 'memory', state: new MemoryStateStore() } });
  return { input, kv, identifiers };
}

/** GET /api/v1/check for a report line, typed as it was reported. */
export function checkPath(line: ReportLineJson): string {
  const params = new URLSearchParams({ type: line.type, value: line.value });
  if (line.bank) params.set('bank', line.bank);
  if (line.provider) params.set('provider', line.provider);
  return `/api/v1/check?${params}`;
}

/** Up to `count` distinct check paths from every `every`-th line of a seed's sample that `keep` accepts (demo lines left out). */
export function pickQueries(seed: number, reports: number, count: number, every: number, keep: (line: ReportLineJson) => boolean): string[] {
  const paths = new Set<string>();
  let n = 0;
  for (const line of generateReports({ reports, seed })) {
    if (paths.size === count) break;
    if (n++ % every === 0 && !line.id.startsWith('demo-') && keep(line)) paths.add(checkPath(line));
  }
  return [...paths];
}

/** Verified reports spread over the sample. */
export const positiveQueries = (reports: number, count: number) =>
  pickQueries(SEED, reports, count, Math.max(1, Math.floor(reports / (count * 1.5))), (line) => line.status === 'verified');

/** Numbers and accounts of another seed, typed the same messy ways (handles are left out: words repeat across seeds). */
export const negativeQueries = (reports: number, count: number) =>
  pickQueries(NEGATIVE_SEED, reports, count, 1, (line) => line.type === 'bank' || line.type === 'phone' || line.type === 'ewallet');

/** Range prefixes spread over the hash space. */
export const rangeQueries = (count: number) =>
  Array.from({ length: count }, (_, i) => `/api/v1/range/${((i * 5_242_877) % 0xfffff).toString(16).padStart(5, '0')}`);
