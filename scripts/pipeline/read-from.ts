// Where the next same-day delta starts when the nightly run reads D1 through a file
// (docs/operations.md, "Where it starts"): export-reports takes readFromOf just before its
// first read of D1 and writes it beside its output; `npm run snapshot -- --read-from`
// puts it in the manifest, as a run with --d1 records its own.
import { writeFile } from 'node:fs/promises';

/** Clock skew tolerated between the machine that exported and the one that builds. */
const SKEW_MS = 60_000;
/** An older time is not this night's export (a file left from an earlier run, say). */
const MAX_AGE_MS = 48 * 60 * 60_000;

/** The file beside an export's output that holds its readFrom. */
export const readFromPath = (out: string): string => `${out}.read-from`;

/** Writes an export's readFrom beside its output, one line, for the snapshot run's --read-from. */
export async function writeReadFrom(out: string, readFrom: string): Promise<string> {
  const path = readFromPath(out);
  await writeFile(path, `${readFrom}\n`);
  return path;
}

/** Why `text` cannot be a manifest's readFrom at `now`, or undefined when it can. */
export function readFromProblem(text: string, now: Date): string | undefined {
  const at = Date.parse(text);
  // Only the form readFromOf writes (toISOString: UTC to the millisecond) survives the round trip;
  // it also refuses a day that does not exist (2026-11-31), which Date.parse rolls over.
  if (Number.isNaN(at) || new Date(at).toISOString() !== text) {
    return `must be a UTC time as export-reports writes it (2026-12-06T19:00:12.345Z), not "${text}"`;
  }
  if (at > now.getTime() + SKEW_MS) return `"${text}" is in the future (now ${now.toISOString()})`;
  if (at < now.getTime() - MAX_AGE_MS) return `"${text}" is more than 48 hours old (now ${now.toISOString()}): not this run's export`;
  return undefined;
}
