// The floor for the snapshot build: only read the same input line by line and
// JSON.parse each line. Prints {durationMs, peakRssBytes} as JSON.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const started = performance.now();
let lines = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]!), crlfDelay: Infinity })) {
  if (line) {
    JSON.parse(line);
    lines++;
  }
}
process.stdout.write(
  JSON.stringify({ lines, durationMs: Math.round(performance.now() - started), peakRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
