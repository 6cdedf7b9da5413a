// Publishes a snapshot of seeded sample reports into the test's KV with the
// nightly job's own code (aggregate → build → publish), inside workerd.
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { buildSnapshot, type BuildOptions, type BuiltSnapshot } from '../../scripts/pipeline/build-snapshot.ts';
import { kvNamespaceStore } from '../../scripts/pipeline/kv-namespace-store.ts';
import { publishSnapshot } from '../../scripts/pipeline/publish.ts';
import { MemoryStateStore } from '../../scripts/pipeline/snapshot-state.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { generateReports } from '../../scripts/dev/sample-reports.ts';

export interface Fixture {
  snapshot: BuiltSnapshot;
  /** The raw report objects, as an NDJSON line would hold them. */
  raw: Array<Record<string, unknown>>;
}

export async function publishFixture(kv: KVNamespace, reports = 1_500, seed = 11, build: BuildOptions = {}): Promise<Fixture> {
  const raw = [...generateReports({ reports, seed })] as Array<Record<string, unknown>>;
  const aggregator = new ReportAggregator();
  for (const object of raw) aggregator.add(parseReportLine(JSON.stringify(object)));
  const snapshot = await buildSnapshot(aggregator, build);
  await publishSnapshot(snapshot, kvNamespaceStore(kv), { state: new MemoryStateStore(), full: true, force: true });
  return { snapshot, raw };
}
