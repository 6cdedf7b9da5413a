// npm run generate -- [--reports N] [--seed S] [--out FILE]
// Writes seeded sample reports as NDJSON (docs/operations.md: "The input: reports").
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeSampleReports } from './dev/sample-file.ts';

const USAGE = `Usage: npm run generate -- [--reports N] [--seed S] [--out FILE]

Writes N seeded sample reports, one JSON object per line. The same seed gives
the same bytes. The demo identities (scripts/dev/sample-reports.ts) come first.
  --reports N   how many lines (default 5000)
  --seed S      a whole number 0–4294967295 (default 2026)
  --out FILE    where to write; gzip when FILE ends in .gz; - or omitted: stdout
  -h, --help    this text`;

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      reports: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '2026' },
      out: { type: 'string', default: '-' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  fail((err as Error).message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const reports = wholeNumber('--reports', args.reports!, 1e9);
const seed = wholeNumber('--seed', args.seed!, 2 ** 32 - 1);
const out = args.out!;

function wholeNumber(flag: string, text: string, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value <= max)) fail(`${flag} must be a whole number from 0 to ${max}, not "${text}"`);
  return value;
}

let lines = 0;
const started = performance.now();
try {
  await writeSampleReports(out, { reports, seed }, out === '-' ? process.stdout : createWriteStream(out), () => lines++);
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  // `generate | head` closes the pipe early: that is the reader's choice, not an error.
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`generate: cannot write ${out}: ${e.message}\n`);
  process.exit(1);
}
if (out !== '-') {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`wrote ${lines} reports (seed ${seed}) to ${out} in ${seconds} s\n`);
}
