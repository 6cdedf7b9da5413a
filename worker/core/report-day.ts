// Report dates are published to the day, never to the moment (docs/api.md,
// "Dates"): with one report behind a key, its submit time to the millisecond
// would be one victim's moment. A published `firstReportedAt`/`lastReportedAt`
// is the start of that day in Asia/Jakarta, written in UTC like every other
// date of the API (`2026-12-05T17:00:00.000Z` is 6 December in Jakarta), so
// the field keeps its ISO shape and sorts and compares as before.

/** Asia/Jakarta (WIB) is UTC+7 all year: Indonesia has no daylight saving time. */
const JAKARTA_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The start of the Jakarta day holding `ms` (ms since the epoch), as ms since the epoch. */
export function startOfJakartaDay(ms: number): number {
  return Math.floor((ms + JAKARTA_OFFSET_MS) / DAY_MS) * DAY_MS - JAKARTA_OFFSET_MS;
}

/** An ISO date-time as published: the start of its Jakarta day, ISO in UTC; the text as it is when it is no date. */
export function publishedDay(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(startOfJakartaDay(ms)).toISOString();
}
