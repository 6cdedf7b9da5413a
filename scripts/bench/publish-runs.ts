// One process, the nightly job run after run over the given inputs into the
// same namespace and state, as consecutive nights would: prints each run's
// summary with the peak RSS so far, as JSON lines. The namespace is memory
// that keeps the pointers, manifests, filters and ranges but only counts the
// record writes, so the figures are the pipeline's, not a store's.
// Usage: node scripts/bench/publish-runs.ts [--no-figures] STATE_DIR INPUT…
// (--no-figures: without the open statistics, to measure what they cost.)
import { checkBatch, MemoryKv, type KvEntry } from '../pipeline/kv-store.ts';
import { runSnapshotJob } from '../pipeline/snapshot-job.ts';
import { stateFile } from '../pipeline/state-file.ts';

class RecordCountingKv extends MemoryKv {
  records = 0;
  override async putBatch(entries: KvEntry[]): Promise<void> {
    checkBatch(entries.length); // the whole batch, before the records are taken out of it
    const kept = entries.filter(({ key }) => !key.startsWith('gen/'));
    this.records += entries.length - kept.length;
    await super.putBatch(kept);
  }
}

const figures = !process.argv.includes('--no-figures');
const [stateDir, ...inputs] = process.argv.slice(2).filter((arg) => arg !== '--no-figures');
const store = new RecordCountingKv();
let day = Date.parse('2026-11-01T19:00:00Z');
for (const input of inputs) {
  const summary = await runSnapshotJob({
    input: input!,
    target: { kind: 'store', store, name: 'memory', state: stateFile(stateDir!) },
    generatedAt: new Date((day += 86_400_000)),
    publish: { force: true },
    figures,
  });
  const namespaceKeys = summary.identifiers + summary.keysWritten - summary.recordsWritten;
  process.stdout.write(`${JSON.stringify({ ...summary, namespaceKeys, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}
