// npm run bench -- moderation [REPORTS]: the grouped moderation queue with
// 100,000 pending reports (default) in local D1, served by `wrangler dev`
// (workerd with Miniflare's D1: SQLite on this machine). Seeds the queue with
// scripts/dev/sample-queue.ts into a fresh state directory, then times, in the
// same run and interleaved: GET /api/v1/ping (the runtime's floor), the first
// page of GET /api/v1/admin/queue, the next page (its cursor), a filtered
// first page (kind=bank) and a page 50 pages deep. Prints a markdown table
// (median and p95 of BENCH_RUNS requests each, default 20, and the ratio to ping) and the query
// plans of the page query (EXPLAIN QUERY PLAN through wrangler d1 execute).
// The bar: first and next page each within 300 ms.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyLocalMigrations } from '../dev/local-d1.ts';
import { freePort, startWranglerDev } from '../dev/processes.ts';
import { seedLocalQueue } from '../dev/seed-queue.ts';
import { pageQuery } from '../../worker/admin/queue.ts';
import { buildSite } from './built-site.ts';

const REPORTS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TOKEN = 'bench-moderation-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };

const ms = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

async function timed(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; body: any }> {
  const start = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.json();
  const elapsed = performance.now() - start;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: elapsed, body };
}

function explain(persistDir: string, sql: string, binds: unknown[]): string[] {
  let i = 0;
  const inlined = sql.replace(/\?/g, () => {
    const v = binds[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
  const out = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', `EXPLAIN QUERY PLAN ${inlined.replace(/\s+/g, ' ')}`], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_HIDE_BANNER: 'true' },
  });
  const rows = (JSON.parse(out.stdout) as Array<{ results: Array<{ detail: string }> }>)[0]!.results;
  return rows.map((r) => r.detail);
}

buildSite('if-missing');
const dir = await mkdtemp(join(tmpdir(), 'cekdulu-bench-moderation-'));
const persistDir = join(dir, 'state');
try {
  await applyLocalMigrations(persistDir);
  let start = performance.now();
  const seeded = await seedLocalQueue(persistDir, { reports: REPORTS });
  console.error(`seeded ${seeded} pending reports in ${((performance.now() - start) / 1000).toFixed(1)} s`);

  const server = await startWranglerDev(await freePort(), ['--persist-to', persistDir, '--var', `ADMIN_TOKEN:${TOKEN}`, '--var', 'RATE_LIMITS:off'], {
    quiet: true,
    timeoutMs: 180_000,
  });
  try {
    const base = server.url;
    const first = await timed(`${base}/api/v1/admin/queue`, AUTH);
    const groups = first.body.groups.length as number;
    const nextCursor = first.body.next as string;
    // 50 pages deep: walk there once, then time that page.
    let deep = nextCursor;
    let depth = 2;
    for (; depth < 51; depth++) {
      const after = (await timed(`${base}/api/v1/admin/queue?cursor=${encodeURIComponent(deep)}`, AUTH)).body.next as string | null;
      if (!after) break;
      deep = after;
    }
    const cases: Array<[string, string, Record<string, string>]> = [
      ['GET /api/v1/ping (baseline)', `${base}/api/v1/ping`, {}],
      ['queue: first page (25 groups)', `${base}/api/v1/admin/queue`, AUTH],
      ['queue: next page (cursor)', `${base}/api/v1/admin/queue?cursor=${encodeURIComponent(nextCursor)}`, AUTH],
      ['queue: first page, kind=bank', `${base}/api/v1/admin/queue?kind=bank`, AUTH],
      [`queue: page ${depth} (cursor)`, `${base}/api/v1/admin/queue?cursor=${encodeURIComponent(deep)}`, AUTH],
    ];
    const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (const [, url, headers] of cases) for (let w = 0; w < 5; w++) await timed(url, headers);
    for (let r = 0; r < RUNS; r++) for (const [name, url, headers] of cases) samples.get(name)!.push((await timed(url, headers)).ms);
    const floor = ms(samples.get(cases[0]![0])!, 0.5);

    const queueGroups = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', 'SELECT COUNT(*) AS n FROM queue_groups'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', WRANGLER_HIDE_BANNER: 'true' },
    });
    const groupCount = (JSON.parse(queueGroups.stdout) as Array<{ results: Array<{ n: number }> }>)[0]!.results[0]!.n;

    console.log(`\nModeration queue, ${seeded.toLocaleString('en')} pending reports in ${groupCount.toLocaleString('en')} groups, local D1 through wrangler dev; ${RUNS} requests each, interleaved, after 5 warm-up requests (${groups} groups a page)\n`);
    console.log('| request | median ms | p95 ms | median / ping |');
    console.log('|---|---:|---:|---:|');
    for (const [name] of cases) {
      const values = samples.get(name)!;
      console.log(`| ${name} | ${ms(values, 0.5).toFixed(1)} | ${ms(values, 0.95).toFixed(1)} | ${(ms(values, 0.5) / floor).toFixed(1)}× |`);
    }

    const now = new Date();
    const [rank, key] = JSON.parse(Buffer.from(nextCursor, 'base64url').toString()) as [number, string];
    const plans: Array<[string, ReturnType<typeof pageQuery>]> = [
      ['first page', pageQuery({}, null, 25, now)],
      ['next page', pageQuery({}, [rank, key], 25, now)],
      ['first page, kind=bank', pageQuery({ kind: 'bank' }, null, 25, now)],
    ];
    console.log('\nEXPLAIN QUERY PLAN of the page query:');
    for (const [name, { sql, binds }] of plans) console.log(`- ${name}: ${explain(persistDir, sql, binds).join(' · ')}`);
  } finally {
    await server.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
