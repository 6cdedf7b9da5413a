// npm run bench:lookup: lookup latency and throughput through the running
// server (`wrangler dev`, what `npm start` runs, whose local proxy adds its own
// overhead), driven by autocannon from this process. The floor is a constant
// route in the same Worker (/api/v1/ping), measured in the same run.
import '../lib/offline.ts';
import autocannon from 'autocannon';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startWranglerDev } from '../lib/processes.ts';
import { writeSampleReports } from '../lib/sample-file.ts';
import { runSnapshotJob } from '../lib/snapshot-job.ts';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
  },
});
const reports = Number(values.reports);
const duration = Number(values.seconds);
const connections = Number(values.connections);

const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bench-lookup-'));
const input = join(dir, 'reports.ndjson');
await writeSampleReports(input, { reports, seed: 3 });
const summary = await runSnapshotJob({ input, target: { kind: 'local', persistDir: join(dir, 'state') } });
const server = await startWranglerDev(await freePort(), ['--persist-to', join(dir, 'state'), '--log-level', 'error'], { quiet: true });

// Unknown numbers (filter misses) and the demo identities (reported, confirmed in KV).
const negative = Array.from({ length: 200 }, (_, i) => ({ path: `/api/v1/check?type=phone&value=0899${String(70000000 + i * 7919)}` }));
const positive = [
  '/api/v1/check?type=bank&bank=014&value=1234567890',
  '/api/v1/check?type=phone&value=081234567890',
  '/api/v1/check?type=ewallet&provider=dana&value=085711112222',
  '/api/v1/check?type=instagram&value=olshop.murah.banget',
].map((path) => ({ path }));

// Private range lookups on spread prefixes (one KV read of a bucket each).
const ranges = Array.from({ length: 200 }, (_, i) => ({ path: `/api/v1/range/${((i * 5_242_877) % 0xfffff).toString(16).padStart(5, '0')}` }));

const scenarios: Array<[string, Array<{ path: string }>]> = [
  ['floor: constant route /api/v1/ping', [{ path: '/api/v1/ping' }]],
  ['negative lookups (filter only)', negative],
  ['positive lookups (filter + KV)', positive],
  ['range lookups (KV bucket)', ranges],
];

interface Row { name: string; rps: number; p50: number; p99: number; errors: number }
const rows: Row[] = [];
try {
  for (const [name, requests] of scenarios) {
    // Warm the isolate and the snapshot cache first.
    await autocannon({ url: server.url, connections: 4, amount: 200, requests });
    const result = await autocannon({ url: server.url, connections, duration, requests });
    rows.push({
      name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
    });
  }
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

const floor = rows[0]!;
console.log(
  `\nLookups through wrangler dev, ${summary.identifiers} identifiers (${reports} reports), ` +
    `${connections} connections, ${duration} s each, ${new Date().toISOString()}\n`,
);
console.log('| scenario | req/s | p50 (ms) | p99 (ms) | throughput vs floor | errors |\n|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${(r.rps / floor.rps).toFixed(2)} | ${r.errors} |`);
}
