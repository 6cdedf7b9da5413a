// npm run bench:cold [-- REPORTS …]: the first lookup on a fresh isolate (which
// loads the live manifest and filter from KV and checks its SHA-256) next to the
// same lookup once warm, through wrangler dev, for snapshots of several sizes.
// The server is started afresh for each size; /api/v1/ping answers first so the
// isolate itself is up before the timed lookup.
import '../lib/offline.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startWranglerDev } from '../lib/processes.ts';
import { writeSampleReports } from '../lib/sample-file.ts';
import { runSnapshotJob } from '../lib/snapshot-job.ts';

const sizes = process.argv.slice(2).map(Number);
const reportsPerRun = sizes.length ? sizes : [10_000, 100_000];
const LOOKUP = '/api/v1/check?type=phone&value=0899-7000-0001';

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url);
  await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - started;
}

const rows: string[] = [];
for (const reports of reportsPerRun) {
  const dir = await mkdtemp(join(tmpdir(), 'cekdulu-cold-'));
  try {
    const input = join(dir, 'reports.ndjson');
    await writeSampleReports(input, { reports, seed: 5 });
    const summary = await runSnapshotJob({ input, target: { kind: 'local', persistDir: join(dir, 'state') } });
    const server = await startWranglerDev(await freePort(), ['--persist-to', join(dir, 'state'), '--var', 'RATE_LIMITS:off'], { quiet: true });
    try {
      await timed(`${server.url}/api/v1/ping`);
      const cold = await timed(server.url + LOOKUP);
      const warm: number[] = [];
      for (let i = 0; i < 20; i++) warm.push(await timed(server.url + LOOKUP));
      warm.sort((a, b) => a - b);
      const median = warm[10]!;
      rows.push(`| ${summary.identifiers.toLocaleString('en-US')} | ${(summary.filterBytes / 1024).toFixed(0)} KiB | ${cold.toFixed(1)} | ${median.toFixed(1)} | ${(cold / median).toFixed(1)}x |`);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(`\nCold start through wrangler dev, ${new Date().toISOString()}\n`);
console.log('| identifiers | filter | first lookup (ms) | warm lookup, median of 20 (ms) | cold/warm |\n|---|---|---|---|---|');
for (const row of rows) console.log(row);
