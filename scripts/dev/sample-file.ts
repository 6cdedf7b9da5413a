// Seeded sample reports as NDJSON text, for files and stdout (gzip when the
// name ends in .gz), streaming, so any size fits in memory.
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { generateReports, type GenerateOptions } from './sample-reports.ts';

/** The NDJSON in ~64 KB chunks: one write per line would cost more than generating the line. */
function* sampleNdjson(options: GenerateOptions, onLine?: () => void): Generator<string> {
  let buffer = '';
  for (const report of generateReports(options)) {
    onLine?.();
    buffer += `${JSON.stringify(report)}\n`;
    if (buffer.length >= 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Writes to `path` (or to `sink` when given); gzip when `path` ends in .gz. */
export async function writeSampleReports(
  path: string,
  options: GenerateOptions,
  sink: Writable = createWriteStream(path),
  onLine?: () => void,
): Promise<void> {
  const text = Readable.from(sampleNdjson(options, onLine));
  if (path.endsWith('.gz')) await pipeline(text, createGzip(), sink);
  else await pipeline(text, sink);
}
