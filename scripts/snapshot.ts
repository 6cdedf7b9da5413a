// npm run snapshot -- --input FILE [--out DIR | --remote --namespace-id ID] [options]
// npm run snapshot -- --rollback [--remote --namespace-id ID]
// Builds a snapshot from reports and publishes what changed (docs/operations.md).
import './dev/offline.ts';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_PERSIST_DIR } from './pipeline/local-kv.ts';
import { readFromProblem } from './pipeline/read-from.ts';
import { DEFAULT_KEEP_VERSIONS, DEFAULT_MAX_DROP, rollback } from './pipeline/publish.ts';
import { DEFAULT_MAX_INVALID_SHARE, leaseConfirmMs, openTarget, runSnapshotJob, SnapshotJobError, type RunSummary, type SnapshotTarget } from './pipeline/snapshot-job.ts';

const USAGE = `Usage: npm run snapshot -- (--input FILE | --d1 | both) [options]
       npm run snapshot -- --rollback [--remote --namespace-id ID | --persist-to DIR]

Reads reports (NDJSON, .gz accepted), builds a snapshot and publishes only what
changed since the last run; the live version moves only when every write is done.
  --input FILE          reports, one JSON object per line
  --d1                  also read the verified reports from the local D1 the Worker writes (the
                        --persist-to folder)
  --read-from TIME      where the next same-day delta starts: the UTC time export-reports wrote
                        beside the input it exported from D1 (FILE.read-from); not with --d1
                        (which records its own); at most 48 hours old
  --out DIR             only build: write DIR/<version>/{manifest.json,filter-<n>.bin,records.ndjson,ranges.ndjson}
  --remote              publish to a real Workers KV namespace with wrangler (needs --namespace-id
                        or CEKDULU_KV_NAMESPACE_ID, and CLOUDFLARE_API_TOKEN or wrangler login)
  --namespace-id ID     the KV namespace for --remote
  --state DIR           where --remote keeps the state the next run diffs against
                        (default snapshot-state/<namespace id>); locally it sits in --persist-to
  --persist-to DIR      local state folder that wrangler dev serves (default ${DEFAULT_PERSIST_DIR})
  --full                write every record into a new generation instead of only the changes
  --keep N              committed versions kept for rollback (default ${DEFAULT_KEEP_VERSIONS})
  --max-drop SHARE      refuse when reported identifiers fall by more than SHARE of the live
                        version's (default ${DEFAULT_MAX_DROP})
  --force               publish even when --max-drop refuses
  --skip-invalid        skip invalid lines (each is still reported) instead of refusing the input
  --max-invalid SHARE   with --skip-invalid, still refuse above this share of invalid lines
                        (default ${DEFAULT_MAX_INVALID_SHARE})
  --settle SECONDS      wait between the last write and the switch (default 60 with --remote, KV's
                        propagation time; 0 locally)
  --fp-rate RATE        target false-positive rate of the filter (default 0.001)
  --summary FILE        write the run summary as JSON (also when the run is refused or fails)
  --rollback            make the version that was live before the current one live again
  -h, --help            this text
By default the snapshot is published into the local KV that \`npm start\` serves.
One run at a time per namespace: a run (or rollback) takes the namespace's lease first and refuses
while another holds it; a dead run's lease expires 30 minutes after it was last renewed.
Exit status: 0 published or built, 1 refused or failed (the live version is untouched), 2 usage.`;

function fail(message: string, code: number): never {
  process.stderr.write(`snapshot: ${message}\n`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
    options: {
      input: { type: 'string' },
      d1: { type: 'boolean', default: false },
      'read-from': { type: 'string' },
      out: { type: 'string' },
      remote: { type: 'boolean', default: false },
      'namespace-id': { type: 'string' },
      state: { type: 'string' },
      'persist-to': { type: 'string', default: DEFAULT_PERSIST_DIR },
      full: { type: 'boolean', default: false },
      keep: { type: 'string' },
      'max-drop': { type: 'string' },
      force: { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      'max-invalid': { type: 'string' },
      settle: { type: 'string' },
      'fp-rate': { type: 'string' },
      summary: { type: 'string' },
      rollback: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`, 2);
  }
}
const args = parse();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function share(flag: string, text: string | undefined, max = 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(text.trim() !== '' && value >= 0 && value <= max)) fail(`${flag} must be a number from 0 to ${max}, not "${text}"`, 2);
  return value;
}
function whole(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) fail(`${flag} must be a whole number of at least ${min}, not "${text}"`, 2);
  return Number(text);
}

if (args.out && args.remote) fail('--out and --remote exclude each other', 2);
const namespaceId = args['namespace-id'] ?? process.env.CEKDULU_KV_NAMESPACE_ID;
if (args.remote && !namespaceId) fail('--remote needs --namespace-id ID (or CEKDULU_KV_NAMESPACE_ID)', 2);

const stateDir = args.state ?? `snapshot-state/${namespaceId}`;

const readFrom = args['read-from'];
if (readFrom !== undefined) {
  if (args.rollback) fail('--read-from is for a build; --rollback takes none', 2);
  if (args.d1) fail('--read-from and --d1 exclude each other: a run with --d1 records where its own read of D1 started', 2);
  const problem = readFromProblem(readFrom, new Date());
  if (problem) fail(`--read-from ${problem}`, 2);
}

if (args.rollback) {
  if (args.input || args.d1 || args.out) fail('--rollback takes no input and no --out', 2);
  const kind = args.remote ? 'remote' : 'local';
  const opened = await openTarget(
    kind === 'remote' ? { kind, namespaceId: namespaceId!, stateDir } : { kind, persistDir: args['persist-to']! },
  );
  try {
    const { from, to } = await rollback(opened.store, { confirmMs: leaseConfirmMs(kind) });
    process.stdout.write(`rolled back: live version is now ${to} (was ${from})\n`);
  } catch (err) {
    fail((err as Error).message, 1);
  } finally {
    await opened.close();
  }
  process.exit(0);
}

if (!args.input && !args.d1) fail(`--input FILE is required (or --d1)\n\n${USAGE}`, 2);
const falsePositiveRate = share('--fp-rate', args['fp-rate'], 0.5);
if (falsePositiveRate === 0) fail('--fp-rate must be above 0', 2);
const keepVersions = whole('--keep', args.keep, 1);
const maxDrop = share('--max-drop', args['max-drop']);
const maxInvalidShare = share('--max-invalid', args['max-invalid']);
const settleSeconds = whole('--settle', args.settle, 0) ?? (args.remote ? 60 : 0);

let target: SnapshotTarget;
if (args.out) target = { kind: 'out', dir: args.out };
else if (args.remote) target = { kind: 'remote', namespaceId: namespaceId!, stateDir };
else target = { kind: 'local', persistDir: args['persist-to']! };

async function writeSummary(summary: RunSummary): Promise<void> {
  // Peak memory of the whole run, for operations and the benchmarks (maxRSS is in KiB).
  const withMemory = { ...summary, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
  if (args.summary) await writeFile(args.summary, JSON.stringify(withMemory, null, 2) + '\n');
}

try {
  const summary = await runSnapshotJob({
    ...(args.input ? { input: args.input } : {}),
    ...(args.d1 ? { d1: { persistDir: args['persist-to']! } } : {}),
    ...(readFrom !== undefined ? { readFrom } : {}),
    target,
    skipInvalid: args['skip-invalid']!,
    ...(maxInvalidShare !== undefined ? { maxInvalidShare } : {}),
    ...(falsePositiveRate ? { falsePositiveRate } : {}),
    publish: {
      full: args.full!,
      force: args.force!,
      settleMs: settleSeconds * 1000,
      ...(keepVersions ? { keepVersions } : {}),
      ...(maxDrop !== undefined ? { maxDrop } : {}),
    },
    progress: true,
    log: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  await writeSummary(summary);
  process.stdout.write(`done in ${(summary.durationMs / 1000).toFixed(1)} s\n`);
} catch (err) {
  if (!(err instanceof SnapshotJobError)) fail((err as Error).stack ?? String(err), 1);
  await writeSummary(err.summary);
  const cause = err.cause as NodeJS.ErrnoException;
  if (cause.code === 'ENOENT') fail(`cannot read ${cause.path ?? args.input}: no such file`, 1);
  fail(err.summary.outcome === 'refused' ? err.message : (cause.stack ?? err.message), 1);
}
