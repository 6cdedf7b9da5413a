// npm start: start the chat bots' local stand-in on 127.0.0.1:8790
// (BOT_STUB_PORT overrides), build the site, make sure a snapshot is published
// (sample data on the first run), apply the D1 schema, then serve everything with
// wrangler dev at http://127.0.0.1:8787 (PORT overrides), the bots given their
// dev secrets and the stand-in as their APIs; the addresses printed last, once
// the server answers. The same-day delta's Cron Trigger is ticked every minute
// (dev/delta-tick.ts: wrangler dev fires no crons).
import './dev/offline.ts';
import { applyLocalMigrations } from './dev/local-d1.ts';
import { DEFAULT_PERSIST_DIR } from './pipeline/local-kv.ts';
import { DEFAULT_PORT, LOCAL_VARS, readyBanner, run, startWranglerDev, varArgs } from './dev/processes.ts';
import { publishSampleIfNone } from './dev/sample-file.ts';
import { startBotStub } from './dev/bot-stub.ts';
import { startDeltaTick, TEST_SCHEDULED_ARG } from './dev/delta-tick.ts';
import { botDevVars, DEFAULT_BOT_STUB_PORT, readDevVars } from './dev/bot-dev.ts';
import { pendingInLocalD1, seedLocalQueue } from './dev/seed-queue.ts';

const port = Number(process.env.PORT ?? DEFAULT_PORT);
const SAMPLE_QUEUE_REPORTS = 80;

// The chat bots' platforms, played on this machine: their replies land here (GET /sent), never on the internet.
// Started first so that a taken port stops npm start at once, in one line, not after the build.
const botStub = await startBotStub(Number(process.env.BOT_STUB_PORT ?? DEFAULT_BOT_STUB_PORT)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

await run('npx', ['astro', 'build']);
await publishSampleIfNone(DEFAULT_PERSIST_DIR);

// The reports database (D1): the schema in migrations/, applied before the Worker serves.
console.log(await applyLocalMigrations(DEFAULT_PERSIST_DIR));
// Something to moderate: a seeded queue (one pattern per abuse flag) whenever none is pending.
if (pendingInLocalD1(DEFAULT_PERSIST_DIR) === 0) {
  const seeded = await seedLocalQueue(DEFAULT_PERSIST_DIR, { reports: SAMPLE_QUEUE_REPORTS, files: true });
  console.log(`No report waiting for moderation: seeded ${seeded} pending reports (scripts/dev/sample-queue.ts) into local D1.`);
}

const server = await startWranglerDev(port, [TEST_SCHEDULED_ARG, ...varArgs({ ...LOCAL_VARS, ...botDevVars(botStub.url, readDevVars()) })], {
  timeoutMs: 180_000,
});
const stopTick = startDeltaTick(server.url);
// After wrangler's own start-up lines (bindings, the Cron note), and after the log line of the readiness request.
await new Promise((resolve) => setTimeout(resolve, 500));
console.log(readyBanner(server.url, botStub.url));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopTick();
    void Promise.all([server.stop(), botStub.stop()]).then(() => process.exit(0));
  });
}
server.process.on('close', (code) => process.exit(code ?? 0));
