// npm run bench:build [-- SIZE …]: the nightly job's build time and peak memory
// for seeded inputs (default 100k and 1M reports), next to the floor of merely
// reading and parsing the same file, all measured in this run. Publishing into
// the local KV simulator is timed for inputs up to --publish-max reports.
import '../lib/offline.ts';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSampleReports } from '../lib/sample-file.ts';

const { values, positionals } = parseArgs({
  options: { 'publish-max': { type: 'string', default: '100000' } },
  allowPositionals: true,
});
const sizes = positionals.length ? positionals.map(Number) : [100_000, 1_000_000];
const publishMax = Number(values['publish-max']);
const SEED = 1;
const dataDir = join(tmpdir(), 'cekdulu-bench-data');
await mkdir(dataDir, { recursive: true });

const node = (args: string[]) => execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)}`;

interface Summary { durationMs: number; peakRssBytes: number; identifiers: number; keysWritten: number; filterBytes: number }

const rows: string[][] = [];
for (const size of sizes) {
  const input = join(dataDir, `reports-${size}-seed${SEED}.ndjson`);
  if (!existsSync(input)) {
    process.stderr.write(`generating ${size} reports into ${input}…\n`);
    await writeSampleReports(input, { reports: size, seed: SEED });
  }
  const work = await mkdtemp(join(tmpdir(), 'cekdulu-bench-'));
  try {
    const floor = JSON.parse(node(['scripts/bench/read-floor.ts', input])) as Summary;
    const summaryFile = join(work, 'build.json');
    node(['scripts/snapshot.ts', '--input', input, '--out', join(work, 'out'), '--summary', summaryFile]);
    const build = JSON.parse(await readFile(summaryFile, 'utf8')) as Summary;
    let publish = '—';
    if (size <= publishMax) {
      const publishFile = join(work, 'publish.json');
      node(['scripts/snapshot.ts', '--input', input, '--persist-to', join(work, 'state'), '--summary', publishFile]);
      const published = JSON.parse(await readFile(publishFile, 'utf8')) as Summary;
      publish = `${seconds(published.durationMs)} s (${published.keysWritten} keys)`;
    }
    rows.push([
      size.toLocaleString('en-US'),
      build.identifiers.toLocaleString('en-US'),
      seconds(floor.durationMs),
      seconds(build.durationMs),
      `${(build.durationMs / floor.durationMs).toFixed(1)}x`,
      mib(floor.peakRssBytes),
      mib(build.peakRssBytes),
      `${(build.filterBytes / 1024).toFixed(0)} KiB`,
      publish,
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const header = ['reports', 'identifiers', 'floor: read+parse (s)', 'build --out (s)', 'build/floor', 'floor peak RSS (MiB)', 'build peak RSS (MiB)', 'filter', 'build + publish to local KV'];
console.log(`\nSnapshot build, Node ${process.version}, ${new Date().toISOString()}\n`);
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
