// wrangler dev does not fire Cron Triggers: npm start ticks the Worker's
// scheduled handler itself, once now and then every minute, through the dev
// server's /__scheduled route (served by `wrangler dev --test-scheduled`), with
// the every-minute cron, so the same-day delta is rebuilt from local D1 as in
// production (worker/delta/delta-writer.ts): verify in /admin/ and within a
// minute or two the lookup answers "reported", no snapshot command.

/** The flag that makes wrangler dev serve /__scheduled. */
export const TEST_SCHEDULED_ARG = '--test-scheduled';
/** The delta's cron in wrangler.toml [triggers] (the other one is the daily purge, not ticked here). */
const DELTA_CRON = '* * * * *';
const TICK_MS = 60_000;

/** One run of the delta's scheduled handler on a dev server started with TEST_SCHEDULED_ARG (what a tick does; tests call it directly). */
export async function tickDelta(url: string): Promise<void> {
  const res = await fetch(`${url}/__scheduled?cron=${encodeURIComponent(DELTA_CRON)}`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** Ticks the scheduled handler at `url` every minute; returns the stop. A failed tick is said once and retried next minute. */
export function startDeltaTick(url: string, log: (line: string) => void = console.log): () => void {
  let failing = false;
  const tick = async () => {
    try {
      await tickDelta(url);
      failing = false;
    } catch (err) {
      if (!failing) log(`the same-day delta's tick failed (${(err as Error).message}): retried every minute`);
      failing = true;
    }
  };
  void tick();
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
}
