// npm run bench -- build --delta [--decisions N --minutes M]: the same-day
// delta's writer (worker/delta/delta-writer.ts, the Cron Trigger) at a day of N
// decisions (default 10,000), against local D1 and KV (wrangler's platform
// proxy: Miniflare, SQLite on this machine, the store `wrangler dev` serves).
//  - the build at the end of such a day: every decision since the base's read
//    of D1 in one delta (its keys, its size as KV holds it), timed over five
//    builds (the first writes, the others find it unchanged and only build);
//  - KV writes per minute: M simulated minutes (default 30) of a busy day, the
//    day's rate of new decisions arriving each minute and the writer run once
//    a minute, then M quiet minutes (no decision), counting the writes.
// The decisions: N reports of as many accounts (a seeded sample's), 85%
// verified with a second moderator (the listing policy admits them), 15%
// rejected, decided at even intervals over the 24 hours after the base's read.
import '../dev/offline.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyLocalMigrations } from '../dev/local-d1.ts';
import { writeSampleReports } from '../dev/sample-file.ts';
import { generateReports } from '../dev/sample-reports.ts';
import { runSnapshotJob } from '../pipeline/snapshot-job.ts';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { DELTA_KEY } from '../../worker/core/snapshot-layout.ts';
import { writeDelta, type DeltaWriterEnv } from '../../worker/delta/delta-writer.ts';
import { median } from './rounds.ts';
import { machineNote } from './workerd/machine.ts';

const { values } = parseArgs({
  options: {
    delta: { type: 'boolean' },
    decisions: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '30' },
  },
});
const decisions = Number(values.decisions);
const minutes = Number(values.minutes);
if (!(decisions >= 1 && minutes >= 1)) throw new Error('--decisions ≥ 1, --minutes ≥ 1');

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
/** The base's sample (seed 1) and the day's decisions (another seed: new accounts). */
const BASE_REPORTS = 2_000;
const DECISION_SEED = 4;
const BUILDS = 5;
const step = (line: string) => process.stderr.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');

/** The identities of `n` decisions: a seeded sample's accounts, each once. */
function identities(n: number): Array<{ type: string; value: string; bank?: string; provider?: string; key: string }> {
  const out = new Map<string, { type: string; value: string; bank?: string; provider?: string; key: string }>();
  for (const line of generateReports({ reports: n * 4, seed: DECISION_SEED })) {
    if (out.size === n) break;
    try {
      const id = { type: line.type, value: line.value, ...(line.bank ? { bank: line.bank } : {}), ...(line.provider ? { provider: line.provider } : {}) };
      const parsed = parseIdentifier(id);
      const key = lookupKey(parsed);
      if (!out.has(key)) out.set(key, { type: parsed.type, value: parsed.value, ...(parsed.bank ? { bank: parsed.bank } : {}), ...(parsed.provider ? { provider: parsed.provider } : {}), key });
    } catch {
      // A sample line the site's form would refuse: not a decision.
    }
  }
  if (out.size < n) throw new Error(`only ${out.size} distinct accounts for ${n} decisions`);
  return [...out.values()];
}

const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bench-delta-build-'));
const persistDir = join(dir, 'state');
const readFrom = Date.now() - DAY;
const endOfDay = readFrom + DAY;
let dispose: (() => Promise<void>) | undefined;
try {
  step('applying the D1 schema and publishing a small base into local KV…');
  await applyLocalMigrations(persistDir);
  const input = join(dir, 'reports.ndjson');
  await writeSampleReports(input, { reports: BASE_REPORTS, seed: 1 });
  // Built an hour after the read, so that the delta starts at `readFrom` (delta-writer.ts deltaSince without a readFrom).
  await runSnapshotJob({ input, target: { kind: 'local', persistDir }, generatedAt: new Date(readFrom + 60 * MINUTE) });

  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy<{ DB: D1Database; SNAPSHOTS: KVNamespace }>({ configPath: 'wrangler.toml', persist: { path: join(persistDir, 'v3') } });
  dispose = proxy.dispose;
  const { DB } = proxy.env;
  let puts = 0;
  const SNAPSHOTS = new Proxy(proxy.env.SNAPSHOTS, {
    get(target, name) {
      if (name === 'put') return (...args: Parameters<KVNamespace['put']>) => (puts++, target.put(...args));
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const env: DeltaWriterEnv = { DB, SNAPSHOTS };

  const people = identities(decisions + 2 * minutes * Math.ceil(decisions / 1_440));
  let next = 0;
  const insert = async (at: number[]) => {
    const statements = at.map((time) => {
      const id = people[next]!;
      const verified = next++ % 20 < 17;
      const iso = new Date(time).toISOString();
      return DB.prepare(
        `INSERT INTO reports (ref, type, value, bank, provider, lookup_key, category, chronology, reporter_contact, status, created_at, decided_at,
           decided_by, confirmed_by) VALUES (?, ?, ?, ?, ?, ?, 'online_shopping', 'Bench.', 'bench@example.com', ?, ?, ?, 'first@cekdulu.test', ?)`,
      ).bind(`CD-BENCH-${next}`, id.type, id.value, id.bank ?? null, id.provider ?? null, id.key, verified ? 'verified' : 'rejected', iso, iso, verified ? 'second@cekdulu.test' : null);
    });
    for (let i = 0; i < statements.length; i += 500) await DB.batch(statements.slice(i, i + 500));
  };
  step(`seeding ${count(decisions)} decisions over the day into local D1…`);
  await insert(Array.from({ length: decisions }, (_, i) => readFrom + ((i + 1) * DAY) / (decisions + 1)));

  step(`building the delta at the end of the day, ${BUILDS} times…`);
  const times: number[] = [];
  const outcomes: string[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const started = performance.now();
    const outcome = await writeDelta(env, new Date(endOfDay + i * 1000));
    times.push(performance.now() - started);
    outcomes.push(outcome.written ? 'written' : outcome.reason);
  }
  const stored = (await proxy.env.SNAPSHOTS.get(DELTA_KEY))!;
  const entries = (JSON.parse(stored) as { entries: unknown[] }).entries.length;

  step(`${minutes} busy minutes, then ${minutes} quiet ones, the writer once a minute…`);
  const perMinute = decisions / 1_440;
  let owed = 0;
  puts = 0;
  const busyStart = endOfDay + MINUTE;
  for (let m = 0; m < minutes; m++) {
    owed += perMinute;
    const now = Math.floor(owed);
    owed -= now;
    await insert(Array.from({ length: now }, (_, i) => busyStart + m * MINUTE + ((i + 1) * MINUTE) / (now + 1) - MINUTE));
    await writeDelta(env, new Date(busyStart + m * MINUTE));
  }
  const busyWrites = puts;
  puts = 0;
  for (let m = 0; m < minutes; m++) await writeDelta(env, new Date(busyStart + (minutes + m) * MINUTE));
  const quietWrites = puts;

  console.log(
    `\nThe same-day delta's writer at ${count(decisions)} decisions a day (local D1 and KV through wrangler's platform proxy: SQLite on this machine, ` +
      `not Cloudflare's D1); ${new Date().toISOString()}`,
  );
  console.log(`Machine: ${machineNote()}; load average (1 / 5 / 15 min) ${loadavg().map((n) => n.toFixed(2)).join(' / ')}\n`);
  console.log('| figure | value |\n|---|--:|');
  console.log(`| decisions in the delta at the end of the day | ${count(decisions)} |`);
  console.log(`| keys in the delta | ${count(entries)} |`);
  console.log(`| the delta as KV holds it | ${(Buffer.byteLength(stored) / 1e6).toFixed(2)} MB |`);
  console.log(`| one build from D1, median of ${BUILDS} (lowest–highest) | ${Math.round(median(times))} ms (${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))}) |`);
  console.log(`| the builds' outcomes, in order | ${outcomes.join(', ')} |`);
  console.log(`| KV writes per minute, busy (${perMinute.toFixed(1)} decisions a minute, ${minutes} minutes) | ${(busyWrites / minutes).toFixed(2)} |`);
  console.log(`| KV writes per minute, quiet (no decision, ${minutes} minutes) | ${(quietWrites / minutes).toFixed(2)} |`);
} finally {
  await dispose?.();
  await rm(dir, { recursive: true, force: true });
}
