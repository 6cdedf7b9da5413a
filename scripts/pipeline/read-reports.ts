// Streams a reports file line by line (gzip when the name ends in .gz), so a
// file of any size is read in constant memory. Invalid lines are yielded with
// their reason rather than thrown: the caller decides whether one bad line
// rejects the whole input.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseReportLine, ReportLineError, type Report } from '../../worker/reports/report-line.ts';

export interface ReadLine {
  /** 1-based, counting blank lines too, so it matches an editor's line numbers. */
  lineNo: number;
  report?: Report;
  error?: string;
}

export interface ReadOptions {
  now?: Date;
  /** Bytes of the file read so far (compressed bytes for .gz), for progress. */
  onBytes?: (bytes: number) => void;
}

export async function* readReports(path: string, options: ReadOptions = {}): AsyncGenerator<ReadLine> {
  const now = options.now ?? new Date();
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (options.onBytes) {
    const onBytes = options.onBytes;
    let bytes = 0;
    file.on('data', (chunk) => onBytes((bytes += chunk.length)));
  }
  // stream.pipeline (not .pipe) so a read error or corrupt gzip destroys the
  // last stream with that error and readline's iterator rethrows it.
  const input: Readable = path.endsWith('.gz') ? pipeline(file, createGunzip(), () => {}) : file;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      // Editors on Windows save UTF-8 with a byte-order mark.
      const line = lineNo === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      if (line.trim() === '') continue;
      yield readLine(lineNo, line, now);
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

function readLine(lineNo: number, line: string, now: Date): ReadLine {
  try {
    return { lineNo, report: parseReportLine(line, now) };
  } catch (err) {
    if (err instanceof ReportLineError) return { lineNo, error: err.reason };
    throw err;
  }
}
