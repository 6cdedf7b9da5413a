// npm start: build the site, make sure a snapshot is published (sample data
// on the first run), then serve everything with wrangler dev at
// http://127.0.0.1:8787 (PORT overrides).
import './dev/offline.ts';
import { mkdir } from 'node:fs/promises';
import { applyLocalMigrations } from './dev/local-d1.ts';
import { pendingInLocalD1, seedLocalQueue } from './dev/seed-queue.ts';
import { DEFAULT_PERSIST_DIR, openLocalKv } from './pipeline/local-kv.ts';
import { run } from './dev/processes.ts';
import { writeSampleReports } from './dev/sample-file.ts';
import { runSnapshotJob } from './pipeline/snapshot-job.ts';
import { spawn } from 'node:child_process';
import { LIVE_KEY, MANIFEST_FORMAT, manifestKey } from '../worker/core/snapshot-layout.ts';

const SAMPLE_FILE = 'data/sample-reports.ndjson';
const SAMPLE_REPORTS = 5_000;
const SAMPLE_SEED = 2026;
const SAMPLE_QUEUE_REPORTS = 80;
const port = process.env.PORT ?? '8787';

await run('npx', ['astro', 'build']);

const kv = await openLocalKv(DEFAULT_PERSIST_DIR);
const live = await kv.store.get(LIVE_KEY);
// A snapshot written by an older layout is replaced rather than served.
const manifest = live ? JSON.parse((await kv.store.get(manifestKey(live))) ?? 'null') : null;
await kv.close();
if (live && manifest?.format === MANIFEST_FORMAT) {
  console.log(`Serving the published snapshot ${live} (npm run snapshot -- --input FILE publishes another).`);
} else {
  const why = live ? `The published snapshot ${live} has an older layout` : 'No snapshot published yet';
  console.log(`${why}: generating ${SAMPLE_REPORTS} sample reports (seed ${SAMPLE_SEED}) into ${SAMPLE_FILE}…`);
  await mkdir('data', { recursive: true });
  await writeSampleReports(SAMPLE_FILE, { reports: SAMPLE_REPORTS, seed: SAMPLE_SEED });
  await runSnapshotJob({
    input: SAMPLE_FILE,
    target: { kind: 'local', persistDir: DEFAULT_PERSIST_DIR },
    // An older layout's snapshot cannot be diffed against: start a new generation.
    publish: { full: true, force: true },
    log: (line) => console.log(line),
    warn: (line) => console.error(line),
  });
}

// The reports database (D1): the schema in migrations/, applied before the Worker serves.
await applyLocalMigrations(DEFAULT_PERSIST_DIR);
// Something to moderate: a seeded queue (one pattern per abuse flag) whenever none is pending.
if (pendingInLocalD1(DEFAULT_PERSIST_DIR) === 0) {
  const seeded = await seedLocalQueue(DEFAULT_PERSIST_DIR, { reports: SAMPLE_QUEUE_REPORTS });
  console.log(`No report waiting for moderation: seeded ${seeded} pending reports (scripts/dev/sample-queue.ts) into local D1.`);
}

console.log(`\nCekDulu: http://127.0.0.1:${port}/  (English: http://127.0.0.1:${port}/en/)\n`);
// Turnstile fails closed without a secret (worker/reports/turnstile.ts); locally it is off explicitly.
const server = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, '--var', 'TURNSTILE_SECRET:disabled',
  // A dev-only key for the reporter hashes; production sets its own with `wrangler secret put REPORTER_HASH_KEY`.
  '--var', 'REPORTER_HASH_KEY:dev-only-reporter-hash-key'], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('close', (code) => process.exit(code ?? 0));
