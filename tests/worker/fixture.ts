// Publishes a snapshot of seeded sample reports into the test's KV with the
// nightly job's own code (aggregate → build → publish), inside workerd.
import { ReportAggregator } from '../../scripts/lib/aggregate.ts';
import { buildSnapshot, type BuildOptions, type BuiltSnapshot } from '../../scripts/lib/build-snapshot.ts';
import type { KvStore } from '../../scripts/lib/kv-store.ts';
import { publishSnapshot } from '../../scripts/lib/publish.ts';
import { MemoryStateStore } from '../../scripts/lib/snapshot-state.ts';
import { parseReportLine } from '../../scripts/lib/report-line.ts';
import { generateReports } from '../../scripts/lib/sample-reports.ts';

/** The test's KV namespace as the nightly job's store. */
export function workersKvStore(kv: KVNamespace): KvStore {
  return {
    get: (key) => kv.get(key),
    async putBatch(entries) {
      await Promise.all(entries.map(({ key, value }) => kv.put(key, value)));
    },
    async deleteBatch(keys) {
      await Promise.all(keys.map((key) => kv.delete(key)));
    },
    async *list(prefix) {
      let cursor: string | undefined;
      do {
        const page: KVNamespaceListResult<unknown> = await kv.list({ prefix, ...(cursor ? { cursor } : {}) });
        for (const { name } of page.keys) yield name;
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
    },
  };
}

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
  await publishSnapshot(snapshot, workersKvStore(kv), { state: new MemoryStateStore(), full: true, force: true });
  return { snapshot, raw };
}
