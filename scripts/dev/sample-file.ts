// Seeded sample reports as NDJSON text, for files and stdout (gzip when the
// name ends in .gz), streaming, so any size fits in memory; and the sample
// snapshot `npm start` publishes on its first run.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { LIVE_KEY, MANIFEST_FORMAT, manifestKey } from '../../worker/core/snapshot-layout.ts';
import { openLocalKv } from '../pipeline/local-kv.ts';
import { runSnapshotJob } from '../pipeline/snapshot-job.ts';
import { generateReports, type GenerateOptions } from './sample-reports.ts';

/**
 * The sample reports npm start writes and publishes. The README names the file: the local
 * moderation loop publishes it together with D1 (`npm run snapshot -- --input … --d1`).
 */
export const SAMPLE_FILE = 'data/sample-reports.ndjson';
const SAMPLE = { reports: 5_000, seed: 2026 };

/** The NDJSON in ~64 KB chunks: one write per line would cost more than generating the line. */
function* sampleNdjson(options: GenerateOptions, onLine?: () => void): Generator<string> {
  let buffer = '';
  for (const report of generateReports(options)) {
    onLine?.();
    buffer += `${JSON.stringify(report)}\n`;
    if (buffer.length >= 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Writes to `path` (or to `sink` when given); gzip when `path` ends in .gz. */
export async function writeSampleReports(
  path: string,
  options: GenerateOptions,
  sink: Writable = createWriteStream(path),
  onLine?: () => void,
): Promise<void> {
  const text = Readable.from(sampleNdjson(options, onLine));
  if (path.endsWith('.gz')) await pipeline(text, createGzip(), sink);
  else await pipeline(text, sink);
}

/**
 * npm start's first run: when the local KV in `persistDir` has no snapshot in today's layout,
 * writes the sample reports to `file` and publishes them. Says what it did through `log`.
 */
export async function publishSampleIfNone(persistDir: string, file = SAMPLE_FILE, log: (line: string) => void = console.log): Promise<void> {
  const kv = await openLocalKv(persistDir);
  const live = await kv.store.get(LIVE_KEY);
  // A snapshot written by an older layout is replaced rather than served.
  const manifest = live ? JSON.parse((await kv.store.get(manifestKey(live))) ?? 'null') : null;
  await kv.close();
  if (live && manifest?.format === MANIFEST_FORMAT) {
    log(`Serving the published snapshot ${live} (npm run snapshot -- --input FILE publishes another).`);
    return;
  }
  const why = live ? `The published snapshot ${live} has an older layout` : 'No snapshot published yet';
  log(`${why}: generating ${SAMPLE.reports} sample reports (seed ${SAMPLE.seed}) into ${file}…`);
  await mkdir(dirname(file), { recursive: true });
  await writeSampleReports(file, SAMPLE);
  await runSnapshotJob({
    input: file,
    target: { kind: 'local', persistDir },
    // An older layout's snapshot cannot be diffed against: start a new generation.
    publish: { full: true, force: true },
    log,
    warn: (line) => console.error(line),
  });
}
