// A real CekDulu server for browser tests: seeded sample reports (the same
// generator as `npm start`) published into a fresh local KV, and wrangler dev
// serving the built site (npm test builds it first) on a free port of 127.0.0.1.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TEST_SCHEDULED_ARG } from '../../scripts/dev/delta-tick.ts';
import { applyLocalMigrations } from '../../scripts/dev/local-d1.ts';
import { freePort, startWranglerDev } from '../../scripts/dev/processes.ts';
import { writeSampleReports } from '../../scripts/dev/sample-file.ts';
import { runSnapshotJob } from '../../scripts/pipeline/snapshot-job.ts';

export const E2E_SEED = 7;
export const E2E_REPORTS = 2_000;

export interface TestServer {
  url: string;
  /** The local state wrangler dev serves (KV, D1, R2): what `npm run snapshot -- --d1 --persist-to` reads. */
  persistDir: string;
  /** The sample reports file the published snapshot was built from. */
  input: string;
  stop(): Promise<void>;
}

/**
 * `vars`: Worker variables for this run, e.g. { RATE_LIMITS: 'off' } for load tests. `scheduled`: serve
 * /__scheduled as npm start does, for tests that run the same-day delta's Cron Trigger (tickDelta).
 */
export async function startServer(options: { vars?: Record<string, string>; scheduled?: boolean } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'cekdulu-e2e-'));
  const input = join(dir, 'reports.ndjson');
  const persistDir = join(dir, 'state');
  await writeSampleReports(input, { reports: E2E_REPORTS, seed: E2E_SEED });
  await runSnapshotJob({ input, target: { kind: 'local', persistDir } });
  await applyLocalMigrations(persistDir);
  // Turnstile fails closed without a secret (worker/reports/turnstile.ts): off explicitly here, unless a test sets it.
  const vars = Object.entries({ TURNSTILE_SECRET: 'disabled', REPORTER_HASH_KEY: 'dev-only-reporter-hash-key', ...options.vars }).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  const scheduled = options.scheduled ? [TEST_SCHEDULED_ARG] : [];
  const server = await startWranglerDev(await freePort(), ['--persist-to', persistDir, ...scheduled, ...vars], { quiet: true });
  return {
    url: server.url,
    persistDir,
    input,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One SQL statement against the server's local D1, its SQLite file under the
 * persist directory, while wrangler dev serves it (`wrangler d1 execute` takes
 * ~20 s a call here). For what no HTTP request can do: the local token is one
 * moderator, so a second one is played by recording the first one's step.
 */
export async function execLocalD1(persistDir: string, sql: string, ...params: string[]): Promise<void> {
  const dir = join(persistDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = (await readdir(dir)).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  const db = new DatabaseSync(join(dir, file!));
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}
