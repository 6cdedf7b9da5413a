// The nightly job from input file to published snapshot: validate every line,
// aggregate, build, check, then publish (local KV, a real namespace) or only
// write the parts to a folder. Shared by `npm run snapshot`, `npm start` and
// the end-to-end tests.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportAggregator } from './aggregate.ts';
import { buildSnapshot, type BuiltSnapshot } from './build-snapshot.ts';
import { openLocalKv } from './local-kv.ts';
import { publishSnapshot } from './publish.ts';
import { readD1Reports } from './read-d1-reports.ts';
import { readReports, type ReadLine } from './read-reports.ts';
import { remoteKvSink } from './remote-kv.ts';
import type { KvStore } from './kv-store.ts';

export type SnapshotTarget =
  | { kind: 'out'; dir: string }
  | { kind: 'local'; persistDir: string }
  | { kind: 'remote'; namespaceId: string }
  /** Any namespace the caller opened itself (tests, benchmarks). */
  | { kind: 'store'; store: KvStore; name: string };

export interface SnapshotJobOptions {
  /** An NDJSON reports file; with `d1` as well, both are read. At least one is required. */
  input?: string;
  /** Verified reports from the local D1 the Worker writes (wrangler dev --persist-to this folder). */
  d1?: { persistDir: string };
  target: SnapshotTarget;
  /** Skip invalid lines (each still reported) instead of refusing the whole input. */
  skipInvalid?: boolean;
  falsePositiveRate?: number;
  generatedAt?: Date;
  /** Progress and results, one line each. */
  log?: (line: string) => void;
  /** Invalid lines: line number and reason. */
  warn?: (line: string) => void;
}

export interface RunSummary {
  version: string;
  identifiers: number;
  reports: number;
  lines: number;
  invalidLines: number;
  duplicateIds: number;
  notVerified: number;
  filterBytes: number;
  measuredFalsePositiveRate: number;
  keysWritten: number;
  published: 'local' | 'remote' | 'none';
  durationMs: number;
}

/** The input had invalid lines and skipping was not asked for: nothing was published. */
export class InputRejectedError extends Error {
  override name = 'InputRejectedError';
}

/** Lines named one by one before the rest are only counted, so a broken export cannot flood the terminal. */
const MAX_LINES_NAMED = 100;

export async function runSnapshotJob(options: SnapshotJobOptions): Promise<RunSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const warn = options.warn ?? (() => {});
  const aggregator = new ReportAggregator();
  let lines = 0;
  let invalidLines = 0;

  for await (const { source, lineNo, report, error } of reportSources(options)) {
    lines++;
    if (report) {
      aggregator.add(report);
    } else {
      invalidLines++;
      if (invalidLines <= MAX_LINES_NAMED) warn(`${source}:${lineNo}: ${error}`);
    }
  }
  if (invalidLines > MAX_LINES_NAMED) warn(`… and ${invalidLines - MAX_LINES_NAMED} more invalid lines`);
  log(
    `read ${lines} lines: ${aggregator.reports} verified reports, ${aggregator.notVerified} pending or rejected, ` +
      `${aggregator.duplicates} repeated ids, ${invalidLines} invalid`,
  );
  if (invalidLines > 0 && !options.skipInvalid) {
    throw new InputRejectedError(
      `${invalidLines} invalid line(s) in ${sourceNames(options)}; nothing was published. ` +
        'Fix them, or pass --skip-invalid to build from the valid lines only.',
    );
  }

  const built = await buildSnapshot(aggregator.records(), {
    reports: aggregator.reports,
    // Node's synchronous hash: an awaited Web Crypto digest per key costs several times more.
    hashKey: (key) => createHash('sha256').update(key).digest('hex'),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    ...(options.falsePositiveRate ? { falsePositiveRate: options.falsePositiveRate } : {}),
  });
  const { manifest } = built;
  log(
    `built ${manifest.version}: ${manifest.identifiers} identifiers, filter ${manifest.filter.bytes} bytes ` +
      `(k=${manifest.filter.hashes}, target ${percent(manifest.filter.targetFalsePositiveRate)}, ` +
      `measured ${percent(manifest.filter.measuredFalsePositiveRate)} false positives)`,
  );

  const { keysWritten, published } = await deliver(built, options.target, log);
  return {
    version: manifest.version,
    identifiers: manifest.identifiers,
    reports: manifest.reports,
    lines,
    invalidLines,
    duplicateIds: aggregator.duplicates,
    notVerified: aggregator.notVerified,
    filterBytes: manifest.filter.bytes,
    measuredFalsePositiveRate: manifest.filter.measuredFalsePositiveRate,
    keysWritten,
    published,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The file, then D1: an id in both counts once (the file's line wins, as the first line does in a file). */
async function* reportSources(options: SnapshotJobOptions): AsyncGenerator<ReadLine & { source: string }> {
  if (!options.input && !options.d1) throw new Error('nothing to read: give an input file, D1, or both');
  if (options.input) for await (const line of readReports(options.input)) yield { source: options.input, ...line };
  if (options.d1) for await (const line of readD1Reports(options.d1.persistDir)) yield { source: 'd1:reports', ...line };
}

const sourceNames = (options: SnapshotJobOptions) =>
  [options.input, options.d1 ? `D1 (${options.d1.persistDir})` : undefined].filter(Boolean).join(' and ');

async function deliver(
  built: BuiltSnapshot,
  target: SnapshotTarget,
  log: (line: string) => void,
): Promise<{ keysWritten: number; published: RunSummary['published'] }> {
  const { version } = built.manifest;
  switch (target.kind) {
    case 'out': {
      const dir = join(target.dir, version);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(built.manifest, null, 2) + '\n');
      await writeFile(join(dir, 'filter.bin'), built.filter);
      await writeFile(join(dir, 'records.ndjson'), built.records.map(([k, v]) => `{"key":${JSON.stringify(k)},"value":${v}}\n`).join(''));
      await writeFile(join(dir, 'ranges.ndjson'), [...built.ranges].map(([bucket, text]) => `${JSON.stringify({ bucket, text })}\n`).join(''));
      log(`wrote ${dir} (not published)`);
      return { keysWritten: 0, published: 'none' };
    }
    case 'local': {
      const kv = await openLocalKv(target.persistDir);
      try {
        const { keysWritten } = await publishSnapshot(built, kv.sink);
        log(`published to local KV (${target.persistDir}): ${keysWritten} keys; live version is now ${version}`);
        return { keysWritten, published: 'local' };
      } finally {
        await kv.close();
      }
    }
    case 'store': {
      const { keysWritten } = await publishSnapshot(built, target.store);
      log(`published to ${target.name}: ${keysWritten} keys; live version is now ${version}`);
      return { keysWritten, published: 'local' };
    }
    case 'remote': {
      const { keysWritten } = await publishSnapshot(built, remoteKvSink(target.namespaceId), (done, total) =>
        log(`  ${done}/${total} keys written`),
      );
      log(`published to KV namespace ${target.namespaceId}: ${keysWritten} keys; live version is now ${version}`);
      return { keysWritten, published: 'remote' };
    }
  }
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(3)}%`;
}
