// npm run snapshot -- --input FILE [--out DIR | --remote --namespace-id ID] [options]
// Builds a snapshot from an NDJSON file of reports and publishes it (README: "The nightly job").
import './lib/offline.ts';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_PERSIST_DIR } from './lib/local-kv.ts';
import { InputRejectedError, runSnapshotJob, type SnapshotTarget } from './lib/snapshot-job.ts';

const USAGE = `Usage: npm run snapshot -- (--input FILE | --d1 | both) [options]

Reads reports (NDJSON, .gz accepted), builds a snapshot and publishes it.
  --input FILE          reports, one JSON object per line
  --d1                  read the verified reports from the local D1 the Worker writes (the
                        --persist-to folder); with --input as well, both are read. One is required.
  --out DIR             only build: write DIR/<version>/{manifest.json,filter.bin,records.ndjson}
  --remote              publish to a real Workers KV namespace with wrangler (needs --namespace-id
                        or CEKDULU_KV_NAMESPACE_ID, and wrangler login or CLOUDFLARE_API_TOKEN)
  --namespace-id ID     the KV namespace for --remote
  --persist-to DIR      local state folder that wrangler dev serves (default ${DEFAULT_PERSIST_DIR})
  --skip-invalid        skip invalid lines (each is still reported) instead of refusing the input
  --fp-rate RATE        target false-positive rate of the filter (default 0.001)
  --summary FILE        write the run summary as JSON
  -h, --help            this text
By default the snapshot is published into the local KV that \`npm start\` serves.`;

function fail(message: string, code: number): never {
  process.stderr.write(`snapshot: ${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      input: { type: 'string' },
      d1: { type: 'boolean', default: false },
      out: { type: 'string' },
      remote: { type: 'boolean', default: false },
      'namespace-id': { type: 'string' },
      'persist-to': { type: 'string', default: DEFAULT_PERSIST_DIR },
      'skip-invalid': { type: 'boolean', default: false },
      'fp-rate': { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n\n${USAGE}`, 2);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!args.input && !args.d1) fail(`--input FILE is required (or --d1)\n\n${USAGE}`, 2);
if (args.out && args.remote) fail('--out and --remote exclude each other', 2);

let falsePositiveRate: number | undefined;
if (args['fp-rate'] !== undefined) {
  falsePositiveRate = Number(args['fp-rate']);
  if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5)) fail('--fp-rate must be a number between 0 and 0.5', 2);
}

let target: SnapshotTarget;
if (args.out) {
  target = { kind: 'out', dir: args.out };
} else if (args.remote) {
  const namespaceId = args['namespace-id'] ?? process.env.CEKDULU_KV_NAMESPACE_ID;
  if (!namespaceId) fail('--remote needs --namespace-id ID (or CEKDULU_KV_NAMESPACE_ID)', 2);
  target = { kind: 'remote', namespaceId };
} else {
  target = { kind: 'local', persistDir: args['persist-to']! };
}

try {
  const summary = await runSnapshotJob({
    ...(args.input ? { input: args.input } : {}),
    ...(args.d1 ? { d1: { persistDir: args['persist-to']! } } : {}),
    target,
    skipInvalid: args['skip-invalid']!,
    ...(falsePositiveRate ? { falsePositiveRate } : {}),
    log: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  // Peak memory of the whole run, for operations and the benchmarks (maxRSS is in KiB).
  const withMemory = { ...summary, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
  if (args.summary) await writeFile(args.summary, JSON.stringify(withMemory, null, 2) + '\n');
  process.stdout.write(`done in ${(summary.durationMs / 1000).toFixed(1)} s\n`);
} catch (err) {
  if (err instanceof InputRejectedError) fail(err.message, 1);
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(`cannot read ${args.input}: no such file`, 1);
  fail((err as Error).stack ?? String(err), 1);
}
