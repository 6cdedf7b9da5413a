// Writes seeded sample reports as an NDJSON file (gzip when the name ends in .gz),
// streaming, so any size fits in memory.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { generateReports } from './sample-reports.ts';

export async function writeSampleReports(path: string, options: { reports: number; seed: number }): Promise<void> {
  const lines = Readable.from(
    (function* () {
      for (const report of generateReports(options)) yield `${JSON.stringify(report)}\n`;
    })(),
  );
  const out = createWriteStream(path);
  if (path.endsWith('.gz')) await pipeline(lines, createGzip(), out);
  else await pipeline(lines, out);
}
