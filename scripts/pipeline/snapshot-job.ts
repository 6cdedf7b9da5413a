// The nightly job from input to published snapshot: read and validate every
// line (streaming), aggregate, check the guard rails, build, then publish only
// what changed (local KV, a real namespace, any store) or write the parts to a
// folder. Shared by `npm run snapshot`, `npm start`, the benchmarks and the tests.
import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { buildSnapshot, type BuiltSnapshot } from './build-snapshot.ts';
import type { KvStore } from './kv-store.ts';
import { openLocalKv } from './local-kv.ts';
import { progress, type Progress } from './progress.ts';
import { publishSnapshot, type PublishOptions, type PublishResult } from './publish.ts';
import { HELD_BACK_REASON } from '../../worker/reports/listing-policy.ts';
import { readD1Delistings, readD1Reports } from './read-d1-reports.ts';
import { isDelisted } from '../../worker/reports/delistings.ts';
import { readFromOf } from '../../worker/delta/delta-writer.ts';
import { readReports, type ReadLine } from './read-reports.ts';
import { remoteKv } from './remote-kv.ts';
import type { StateStore } from './snapshot-state.ts';
import { stateFile } from './state-file.ts';
import { textFile } from './text-file.ts';
import { RefusalError } from './refusal.ts';
import { StatsCollector, storeWithStats } from './stats.ts';
import { readD1Moderation } from './stats-d1.ts';

export type SnapshotTarget =
  | { kind: 'out'; dir: string }
  | { kind: 'local'; persistDir: string }
  | { kind: 'remote'; namespaceId: string; stateDir: string }
  /** Any namespace the caller opened itself (tests, benchmarks). */
  | { kind: 'store'; store: KvStore; name: string; state: StateStore };

/** Where the local target keeps its publishing state: beside the KV it describes. */
export const localStateDir = (persistDir: string): string => join(persistDir, 'cekdulu-snapshot-state');

export interface SnapshotJobOptions {
  /** An NDJSON reports file (.gz accepted); with `d1` as well, both are read. At least one is required. */
  input?: string;
  /** Verified reports from the local D1 the Worker writes (wrangler dev --persist-to this folder). */
  d1?: { persistDir: string };
  /**
   * The manifest's readFrom for a run whose input was exported from D1 (export-reports writes it
   * beside its output; `--read-from`): where the next same-day delta starts. Not with `d1`, which
   * records its own.
   */
  readFrom?: string;
  target: SnapshotTarget;
  /** Skip invalid lines (each still reported) instead of refusing the whole input. */
  skipInvalid?: boolean;
  /** With skipInvalid: refuse when more than this share of the lines is invalid (default 0.01). */
  maxInvalidShare?: number;
  falsePositiveRate?: number;
  generatedAt?: Date;
  /** Build the open statistics with the snapshot (stats.ts); false only to measure what they cost (npm run bench -- build). */
  figures?: boolean;
  /** Publishing: full rewrite, retention, guard rail on dropped identifiers, settle time. */
  publish?: Omit<PublishOptions, 'state' | 'onProgress' | 'log'>;
  /** Show progress bars (a terminal) or periodic lines (CI) on standard error. */
  progress?: boolean;
  /** Progress and results, one line each. */
  log?: (line: string) => void;
  /** Invalid lines: line number and reason. */
  warn?: (line: string) => void;
}

/** The machine-readable run summary (`--summary FILE`). */
export interface RunSummary {
  outcome: 'published' | 'built' | 'refused' | 'failed';
  /** Why a run was refused or failed. */
  error?: string;
  version: string | null;
  previous: string | null;
  generation: string | null;
  mode: PublishResult['mode'] | null;
  identifiers: number;
  reports: number;
  lines: number;
  invalidLines: number;
  duplicateIds: number;
  notVerified: number;
  /** Verified D1 rows the listing policy kept out of the snapshot, and why (null without D1). */
  heldBack: { rows: number; reason: string } | null;
  /** Reported identifiers whose owner's dispute is pending: answered `disputed: true`. */
  disputedIdentifiers: number;
  /** Verified reports left out, from any source, because an accepted dispute delisted their key (D1 table delistings; 0 without D1). */
  delistedReports: number;
  filterBytes: number;
  measuredFalsePositiveRate: number;
  recordsWritten: number;
  recordsUnchanged: number;
  keysWritten: number;
  keysDeleted: number;
  published: 'local' | 'remote' | 'store' | 'none';
  durationMs: number;
  /** Time spent reading and validating the input, aggregating, building, publishing. */
  phasesMs: { read: number; build: number; publish: number };
}

/** The input was refused (invalid lines): nothing was published. */
export class InputRejectedError extends RefusalError {
  override name = 'InputRejectedError';
}

/** The run stopped; `summary` says how far it got. */
export class SnapshotJobError extends Error {
  override name = 'SnapshotJobError';
  readonly summary: RunSummary;
  constructor(cause: Error, summary: RunSummary) {
    super(cause.message, { cause });
    this.summary = summary;
  }
}

/** Lines named one by one before the rest are only counted, so a broken export cannot flood the terminal. */
const MAX_LINES_NAMED = 100;
export const DEFAULT_MAX_INVALID_SHARE = 0.01;

export async function runSnapshotJob(options: SnapshotJobOptions): Promise<RunSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const warn = options.warn ?? (() => {});
  const summary: RunSummary = {
    outcome: 'failed',
    version: null,
    previous: null,
    generation: null,
    mode: null,
    identifiers: 0,
    reports: 0,
    lines: 0,
    invalidLines: 0,
    duplicateIds: 0,
    notVerified: 0,
    heldBack: null,
    disputedIdentifiers: 0,
    delistedReports: 0,
    filterBytes: 0,
    measuredFalsePositiveRate: 0,
    recordsWritten: 0,
    recordsUnchanged: 0,
    keysWritten: 0,
    keysDeleted: 0,
    published: 'none',
    durationMs: 0,
    phasesMs: { read: 0, build: 0, publish: 0 },
  };
  const finish = () => {
    summary.durationMs = Math.round(performance.now() - started);
    return summary;
  };
  try {
    const figures = options.figures === false ? null : new StatsCollector();
    // Before the first read of D1: the next same-day delta holds every decision from then on.
    const readFrom = options.d1 ? readFromOf(new Date()) : options.readFrom;
    const aggregator = await readInput(options, summary, log, warn, figures);
    summary.phasesMs.read = Math.round(performance.now() - started);

    const buildStarted = performance.now();
    const built = await buildSnapshot(aggregator, {
      // Node's synchronous hashes: an awaited Web Crypto digest per key costs several times more.
      hashKey: (key) => createHash('sha256').update(key).digest('hex'),
      digest: () => {
        const hash = createHash('sha256');
        return { update: (text) => void hash.update(text), hex: () => hash.digest('hex') };
      },
      ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
      ...(readFrom ? { readFrom } : {}),
      ...(options.falsePositiveRate ? { falsePositiveRate: options.falsePositiveRate } : {}),
    });
    const { manifest: content } = built;
    Object.assign(summary, {
      version: content.version,
      identifiers: content.identifiers,
      filterBytes: content.filter.bytes,
      measuredFalsePositiveRate: content.filter.measuredFalsePositiveRate,
    });
    summary.phasesMs.build = Math.round(performance.now() - buildStarted);
    log(
      `built ${content.version}: ${content.identifiers} identifiers, filter ${content.filter.bytes} bytes ` +
        `(${content.filter.shards.length} shard(s), k=${content.filter.shards[0]!.hashes}, target ${percent(content.filter.targetFalsePositiveRate)}, ` +
        `measured ${percent(content.filter.measuredFalsePositiveRate)} false positives)`,
    );

    const publishStarted = performance.now();
    // The open statistics of this version: moderation from D1 when D1 is read (an export file has none).
    const snapshot = { version: content.version, generatedAt: content.generatedAt };
    const moderation = figures && options.d1 ? await readD1Moderation(options.d1.persistDir, content.generatedAt) : undefined;
    const stats = figures ? JSON.stringify(figures.finish(aggregator, snapshot, moderation)) : null;
    await deliver(built, options, summary, log, stats);
    summary.phasesMs.publish = Math.round(performance.now() - publishStarted);
    summary.outcome = summary.published === 'none' ? 'built' : 'published';
    return finish();
  } catch (err) {
    const error = err as Error;
    summary.outcome = err instanceof RefusalError ? 'refused' : 'failed';
    summary.error = error.message;
    throw new SnapshotJobError(error, finish());
  }
}

async function readInput(
  options: SnapshotJobOptions,
  summary: RunSummary,
  log: (line: string) => void,
  warn: (line: string) => void,
  figures: StatsCollector | null = null,
): Promise<ReportAggregator> {
  const aggregator = new ReportAggregator();
  let invalidLines = 0;
  let lines = 0;
  const tally = { heldBack: 0 };
  // Accepted disputes delist a key from every source, imported files included (docs/reports.md "Delistings").
  const delistings = options.d1 ? await readD1Delistings(options.d1.persistDir) : new Map<string, string>();
  let delistedReports = 0;
  for await (const { source, lineNo, report, error } of reportSources(options, tally, (key) => aggregator.markDisputed(key))) {
    lines++;
    if (report && report.status === 'verified' && isDelisted(delistings, report)) delistedReports++;
    else if (report) {
      if (aggregator.add(report) === 'counted') figures?.add(report);
    } else {
      invalidLines++;
      if (invalidLines <= MAX_LINES_NAMED) warn(`${source}:${lineNo}: ${error}`);
    }
  }
  if (invalidLines > MAX_LINES_NAMED) warn(`… and ${invalidLines - MAX_LINES_NAMED} more invalid lines`);
  Object.assign(summary, {
    lines,
    invalidLines,
    reports: aggregator.reports,
    duplicateIds: aggregator.duplicates,
    notVerified: aggregator.notVerified,
    heldBack: options.d1 ? { rows: tally.heldBack, reason: HELD_BACK_REASON } : null,
    disputedIdentifiers: aggregator.disputedIdentifiers,
    delistedReports,
    identifiers: aggregator.identifiers,
  });
  log(
    `read ${lines} lines: ${aggregator.reports} verified reports, ${aggregator.notVerified} pending or rejected, ` +
      `${aggregator.duplicates} repeated ids, ${invalidLines} invalid; ${aggregator.disputedIdentifiers} identifiers disputed`,
  );
  if (options.d1) log(`held back ${tally.heldBack} verified D1 report(s): ${HELD_BACK_REASON}`);
  if (options.d1) log(`left out ${delistedReports} verified report(s) of ${delistings.size} delisted account(s) (accepted disputes)`);
  if (invalidLines > 0 && !options.skipInvalid) {
    throw new InputRejectedError(
      `${invalidLines} invalid line(s) in ${sourceNames(options)}; nothing was published. ` +
        'Fix them, or pass --skip-invalid to build from the valid lines only.',
    );
  }
  const maxShare = options.maxInvalidShare ?? DEFAULT_MAX_INVALID_SHARE;
  if (lines > 0 && invalidLines / lines > maxShare) {
    throw new InputRejectedError(
      `${invalidLines} of ${lines} lines are invalid (${percent(invalidLines / lines)}), more than the allowed ` +
        `${percent(maxShare)}; nothing was published. Is this the right export? --max-invalid raises the share.`,
    );
  }
  return aggregator;
}

/** The file, then D1: an id in both counts once (the file's line wins, as the first line does in a file). */
async function* reportSources(
  options: SnapshotJobOptions,
  tally: { heldBack: number },
  onDisputedKey: (key: string) => void,
): AsyncGenerator<ReadLine & { source: string }> {
  if (!options.input && !options.d1) throw new Error('nothing to read: give an input file, D1, or both');
  if (options.input) {
    const bar = options.progress ? progress('reading', { total: (await stat(options.input)).size / 1e6, unit: 'MB' }) : null;
    for await (const line of readReports(options.input, bar ? { onBytes: (bytes) => bar.update(bytes / 1e6) } : {})) {
      yield { source: options.input, ...line };
    }
    bar?.finish();
  }
  if (options.d1) for await (const line of readD1Reports(options.d1.persistDir, tally, onDisputedKey)) yield { source: 'd1:reports', ...line };
}

const sourceNames = (options: SnapshotJobOptions) =>
  [options.input, options.d1 ? `D1 (${options.d1.persistDir})` : undefined].filter(Boolean).join(' and ');

async function deliver(
  built: BuiltSnapshot,
  options: SnapshotJobOptions,
  summary: RunSummary,
  log: (line: string) => void,
  stats: string | null = null,
): Promise<void> {
  const { target } = options;
  if (target.kind === 'out') {
    const dir = await writeFolder(built, target.dir, stats);
    log(`wrote ${dir} (not published)`);
    return;
  }
  let bar: Progress | null = null;
  const publish = (store: KvStore, state: StateStore) =>
    publishSnapshot(built, store, {
      ...options.publish,
      lease: { confirmMs: leaseConfirmMs(target.kind), ...options.publish?.lease },
      state,
      log,
      ...(options.progress ? { onProgress: (done: number) => (bar ??= progress('publishing', { unit: 'keys' })).update(done) } : {}),
    });
  const opened = await openTarget(target);
  let result: PublishResult;
  try {
    result = await publish(storeWithStats(opened.store, built.manifest.version, stats), opened.state);
  } finally {
    await opened.close();
  }
  const where = opened.where;
  summary.published = target.kind;
  (bar as Progress | null)?.finish();
  const { version, previous, generation, mode, recordsWritten, recordsUnchanged, keysWritten, keysDeleted } = result;
  Object.assign(summary, { version, previous, generation, mode, recordsWritten, recordsUnchanged, keysWritten, keysDeleted });
  log(
    `published to ${where} (${mode === 'diff' ? 'changes only' : 'new generation, every record'}): ` +
      `${recordsWritten} records written, ${recordsUnchanged} unchanged, ${keysWritten} keys written, ${keysDeleted} deleted; ` +
      `live version is now ${version}${previous ? ` (rollback returns to ${previous})` : ''}`,
  );
}

/** A publishing target, opened: its store, its state, a name for logs, and how to let go of it. */
interface OpenTarget {
  store: KvStore;
  state: StateStore;
  where: string;
  close(): Promise<void>;
}

/**
 * The one place that turns a target into a KV store and its state: publishing
 * (deliver) and rollback (scripts/snapshot.ts) both open targets through here.
 */
export async function openTarget(target: Exclude<SnapshotTarget, { kind: 'out' }>): Promise<OpenTarget> {
  switch (target.kind) {
    case 'local': {
      const kv = await openLocalKv(target.persistDir);
      return { store: kv.store, state: stateFile(localStateDir(target.persistDir)), where: `local KV (${target.persistDir})`, close: () => kv.close() };
    }
    case 'remote':
      return { store: remoteKv(target.namespaceId), state: stateFile(target.stateDir), where: `KV namespace ${target.namespaceId}`, close: async () => {} };
    case 'store':
      return { store: target.store, state: target.state, where: target.name, close: async () => {} };
  }
}

/**
 * How long a publisher waits before reading its lease back (publish-lease.ts): longer than another
 * run's read-to-write time — a few wrangler commands against a real namespace, a moment locally.
 */
export function leaseConfirmMs(kind: SnapshotTarget['kind']): number {
  return kind === 'remote' ? 15_000 : kind === 'local' ? 1_000 : 0;
}

/** --out: the parts as files, for inspection; nothing is published. */
async function writeFolder(built: BuiltSnapshot, root: string, stats: string | null = null): Promise<string> {
  const { manifest: content } = built;
  const dir = join(root, content.version);
  await mkdir(dir, { recursive: true });
  const manifest = { ...content, previous: null, generation: content.version, skip: [] };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const [shard, bytes] of built.filters.entries()) await writeFile(join(dir, `filter-${shard}.bin`), bytes);
  const out = textFile(join(dir, 'records.ndjson'));
  for (const [key, value] of built.records()) await out.write(`{"key":${JSON.stringify(key)},"value":${value}}\n`);
  await out.close();
  if (stats !== null) await writeFile(join(dir, 'stats.json'), stats + '\n');
  await writeFile(join(dir, 'ranges.ndjson'), [...built.ranges].map(([bucket, text]) => `${JSON.stringify({ bucket, text })}\n`).join(''));
  return dir;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(3).replace(/\.?0+$/, '')}%`;
}
