// npm run bench -- cold [REPORTS …]: the first lookup on a fresh isolate next to
// the same lookup once warm, for snapshots of several sizes (default 18,000 and
// 1,830,000 seeded reports: about 10k and 1M identifiers).
//
// Cold, the Worker reads the live pointer and the manifest from KV, then loads
// the one filter shard the key hashes to (filter-shards.ts, at most 256 KiB)
// and checks its SHA-256 (snapshot-source.ts). It runs in workerd directly
// (workerd/server.ts, as `npm run bench -- lookup`), not wrangler dev and its KV
// simulator. Per size the snapshot is built once into memory (MemoryKv) and the
// Worker bundled once; then
// workerd is started RESTARTS times, each a new process and so a fresh isolate:
// once /api/v1/ping answers (the isolate is up, no KV read yet) one negative
// phone lookup is timed, then WARM more of the same URL. Every answer must be
// 200, not_reported, answered by the filter (Server-Timing: lookup;desc="filter").
//
// The namespace served to workerd holds only the keys that lookup reads (live,
// the manifest, its shard): the bench's KV service loads its whole file on its
// first read, which for a 1M snapshot (every record and range bucket) would time
// the harness rather than the Worker; a Workers KV read does not grow with the
// namespace. The timed first lookup still includes that service's first read of
// its (small) file, standing in for KV's latency.
import '../dev/offline.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { shardOf } from '../../worker/core/filter-shards.ts';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { LIVE_KEY, filterKey, manifestKey, type Manifest } from '../../worker/core/snapshot-layout.ts';
import { freePort } from '../dev/processes.ts';
import { publishSample } from './lookup-queries.ts';
import type { KvValue } from './workerd/kv-file.ts';
import { machineNote } from './workerd/machine.ts';
import { prepareWorkerd, startWorkerd } from './workerd/server.ts';

const args = process.argv.slice(2).map(Number);
if (args.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('usage: npm run bench -- cold [REPORTS …] (positive integers)');
const reportCounts = (args.length ? args : [18_000, 1_830_000]).sort((a, b) => a - b);
/** Fresh isolates (workerd processes) per size. */
const RESTARTS = 7;
/** Warm lookups after each cold one. */
const WARM = 20;
const SEED = 5;
const PHONE = '0899-7000-0001';
const LOOKUP = `/api/v1/check?type=phone&value=${PHONE}`;
const TARGET = { coldMs: 50, ratio: 2 };

const step = (line: string) => process.stderr.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One lookup, timed from request to the last byte of the answer; throws unless the filter answered not_reported. */
async function timedLookup(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url + LOOKUP);
  const text = await res.text();
  const elapsed = performance.now() - started;
  const timing = res.headers.get('Server-Timing');
  const status = res.status === 200 ? (JSON.parse(text) as { status?: string }).status : undefined;
  if (res.status !== 200 || status !== 'not_reported' || timing !== 'lookup;desc="filter"') {
    throw new Error(`${LOOKUP} answered ${res.status}, status ${status}, Server-Timing ${timing}: ${text.slice(0, 300)}`);
  }
  return elapsed;
}

interface Row {
  reports: number;
  identifiers: number;
  shards: number;
  shardBytes: number;
  cold: number[];
  warm: number[];
}

const key = lookupKey(parseIdentifier({ type: 'phone', value: PHONE }));
const rows: Row[] = [];
let runtime = '';
const loadBefore = loadavg()[0]!;
for (const reports of reportCounts) {
  const dir = await mkdtemp(join(tmpdir(), 'cekdulu-cold-'));
  try {
    step(`${count(reports)} reports (seed ${SEED}): generating, building and publishing the snapshot into memory…`);
    const { input, kv: store, identifiers } = await publishSample(dir, reports, SEED);
    await rm(input);

    // The keys a cold negative lookup reads, and nothing else (see the top of this file).
    const version = await store.get(LIVE_KEY);
    const manifestText = version && (await store.get(manifestKey(version)));
    if (!version || !manifestText) throw new Error('the snapshot job published no live version');
    const manifest = JSON.parse(manifestText) as Manifest;
    const shard = shardOf(key, manifest.filter.shards.length);
    const kv = new Map<string, KvValue>();
    for (const name of [LIVE_KEY, manifestKey(version), filterKey(version, shard)]) {
      const value = store.data.get(name);
      if (value === undefined) throw new Error(`the snapshot has no ${name}`);
      kv.set(name, value);
    }
    store.data.clear();
    const prepared = await prepareWorkerd({ dir: join(dir, 'workerd'), kv });

    const row: Row = {
      reports,
      identifiers,
      shards: manifest.filter.shards.length,
      shardBytes: manifest.filter.shards[shard]!.bytes,
      cold: [],
      warm: [],
    };
    for (let run = 1; run <= RESTARTS; run++) {
      const server = await startWorkerd(prepared, { port: await freePort(), vars: { RATE_LIMITS: 'off' } });
      runtime = server.runtime;
      try {
        // startWorkerd returns once /api/v1/ping answers; one more ping, read to the end, leaves a
        // kept-alive connection, and a short pause lets the process start-up's load settle.
        await (await fetch(`${server.url}/api/v1/ping`)).text();
        await new Promise((r) => setTimeout(r, 250));
        const cold = await timedLookup(server.url);
        const warm: number[] = [];
        for (let i = 0; i < WARM; i++) warm.push(await timedLookup(server.url));
        row.cold.push(cold);
        row.warm.push(...warm);
        step(`  isolate ${run}/${RESTARTS}: first lookup ${cold.toFixed(1)} ms, warm median ${median(warm).toFixed(2)} ms`);
      } finally {
        await server.stop();
      }
    }
    rows.push(row);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const loadAfter = loadavg()[0]!;

const ms = (value: number) => value.toFixed(1);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const smallest = rows[0]!;
const largest = rows.at(-1)!;
console.log(
  `\nCold start in workerd directly (${runtime}; SNAPSHOTS served from memory by a second workerd process), ${new Date().toISOString()}: ` +
    `per size ${RESTARTS} fresh isolates (a new workerd process each), each timing its first lookup once /api/v1/ping answers, ` +
    `then ${WARM} warm lookups; GET ${LOOKUP} (a negative, answered by the filter), timed by the client on 127.0.0.1.`,
);
console.log(`Machine: ${machineNote()}; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after\n`);
console.log(
  '| reports | identifiers | filter shards | shard bytes (the one loaded) | cold first lookup, median (ms) | cold max (ms) | warm median (ms) | cold/warm | cold median vs smallest |\n' +
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
);
for (const row of rows) {
  const cold = median(row.cold);
  console.log(
    `| ${count(row.reports)} | ${count(row.identifiers)} | ${row.shards} | ${count(row.shardBytes)} (${kib(row.shardBytes)}) | ${ms(cold)} | ` +
      `${ms(Math.max(...row.cold))} | ${median(row.warm).toFixed(2)} | ${(cold / median(row.warm)).toFixed(1)}x | ${(cold / median(smallest.cold)).toFixed(2)}x |`,
  );
}
if (rows.length > 1) {
  const largeCold = median(largest.cold);
  const ratio = largeCold / median(smallest.cold);
  const met = largeCold < TARGET.coldMs && ratio <= TARGET.ratio;
  console.log(
    `| **${count(largest.identifiers)} vs ${count(smallest.identifiers)} identifiers** | | | | ${ms(largeCold)} vs ${ms(median(smallest.cold))} | | | | ` +
      `**${ratio.toFixed(2)}x** (target: under ${TARGET.coldMs} ms and within ${TARGET.ratio}x: ${met ? 'met' : 'missed'}) |`,
  );
}
console.log(`\nEvery cold median is over ${RESTARTS} isolates; warm medians are over all ${RESTARTS * WARM} warm lookups of a size.`);
