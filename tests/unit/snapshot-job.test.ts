import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { BloomFilter } from '../../worker/core/bloom-filter.ts';
import { VERSION_PATTERN, type Manifest } from '../../worker/core/snapshot-layout.ts';
import { InputRejectedError, runSnapshotJob, SnapshotJobError } from '../../scripts/pipeline/snapshot-job.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';

const report = (id: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    type: 'phone',
    value: `0812-3456-7${id.padStart(3, '0').slice(-3)}`,
    category: 'online_shopping',
    status: 'verified',
    reportedAt: '2026-01-05T08:00:00+07:00',
    reporter: { name: 'Budi Santoso', phone: '081311112222', email: 'budi.santoso@example.id' },
    ...over,
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cekdulu-job-'));
});

async function input(lines: string[]): Promise<string> {
  const path = join(dir, 'reports.ndjson');
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

describe('the snapshot job', () => {
  test('refuses an input with invalid lines, naming each line and its reason, and publishes nothing', async () => {
    const path = await input([report('1'), '{"id":"2","type":"phone"', report('3', { type: 'bank', value: '1234567890' })]);
    const warnings: string[] = [];
    const refused = await runSnapshotJob({ input: path, target: { kind: 'out', dir }, warn: (l) => warnings.push(l) }).catch((e) => e);
    expect(refused).toBeInstanceOf(SnapshotJobError);
    expect(refused.cause).toBeInstanceOf(InputRejectedError);
    expect(refused.summary).toMatchObject({ outcome: 'refused', lines: 3, invalidLines: 2, version: null, keysWritten: 0 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/reports\.ndjson:2: .*JSON/i);
    expect(warnings[1]).toMatch(/reports\.ndjson:3: .*bank/);
    expect(await readdir(dir)).toEqual(['reports.ndjson']);
  });

  test('with --skip-invalid builds from the valid lines and counts the rest', async () => {
    const path = await input([report('1'), 'not json', report('2'), report('2'), report('4', { status: 'pending' })]);
    const summary = await runSnapshotJob({ input: path, target: { kind: 'out', dir: join(dir, 'out') }, skipInvalid: true, maxInvalidShare: 0.5 });
    expect(summary).toMatchObject({ lines: 5, invalidLines: 1, reports: 2, identifiers: 2, duplicateIds: 1, notVerified: 1, published: 'none' });
    expect(summary.version).toMatch(VERSION_PATTERN);
  });

  test('with --skip-invalid still refuses an input where more than the allowed share of lines is invalid', async () => {
    const lines = [...Array.from({ length: 98 }, (_, i) => report(String(i))), 'not json', '{}'];
    const path = await input(lines);
    const out = { kind: 'out' as const, dir: join(dir, 'out') };
    // 2 of 100 lines: above the default 1%, within 5%.
    const refused = await runSnapshotJob({ input: path, target: out, skipInvalid: true }).catch((e) => e);
    expect(refused.cause).toBeInstanceOf(InputRejectedError);
    expect(refused.message).toMatch(/2 of 100 lines are invalid \(2%\), more than the allowed 1%/);
    const built = await runSnapshotJob({ input: path, target: out, skipInvalid: true, maxInvalidShare: 0.05 });
    expect(built).toMatchObject({ outcome: 'built', invalidLines: 2, identifiers: 98 });
  });

  test('writes a manifest, a filter that holds every identifier, and records without personal data', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => report(String(i)));
    const summary = await runSnapshotJob({ input: await input(lines), target: { kind: 'out', dir: join(dir, 'out') } });
    const folder = join(dir, 'out', summary.version!);
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    const filterBytes = new Uint8Array(await readFile(join(folder, 'filter-0.bin')));
    const records = (await readFile(join(folder, 'records.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));

    expect(manifest).toMatchObject({ format: 2, version: summary.version, identifiers: 300, reports: 300 });
    expect(manifest.filter.shards).toHaveLength(1);
    expect(manifest.filter.shards[0]!.sha256).toBe(await sha256Hex(filterBytes));
    expect(manifest.filter.targetFalsePositiveRate).toBe(0.001);
    expect(manifest.filter.measuredFalsePositiveRate).toBeLessThan(0.01);
    const filter = BloomFilter.fromBytes(filterBytes);
    expect(records).toHaveLength(300);
    for (const { key } of records) expect(filter.has(key)).toBe(true);
    const text = JSON.stringify(records);
    expect(text).not.toMatch(/Budi|budi\.santoso|081311112222|6281311112222|reporter/);
  });

  test('carries a line\'s disputed flag into its key\'s record, and only there; the summary counts it', async () => {
    const lines = [report('1', { disputed: true }), report('2'), report('3', { disputed: false })];
    const summary = await runSnapshotJob({ input: await input(lines), target: { kind: 'out', dir: join(dir, 'out') } });
    const records = (await readFile(join(dir, 'out', summary.version!, 'records.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(Object.fromEntries(records.map((r) => [r.key, r.value.matches[0].disputed ?? false]))).toEqual({
      'tel:+6281234567001': true,
      'tel:+6281234567002': false,
      'tel:+6281234567003': false,
    });
    // Undisputed records are stored as before the flag existed: a run never rewrites them for it.
    expect(JSON.stringify(records[1].value)).not.toContain('disputed');
    expect(summary).toMatchObject({ disputedIdentifiers: 1, heldBack: null });
  });
});

describe('where the next same-day delta starts (manifest readFrom) for a run on an exported file', () => {
  test('a run given the export\'s readFrom records it in the manifest; a run on a file without one records none', async () => {
    const path = await input([report('1')]);
    const readFrom = new Date(Date.now() - 30 * 60_000).toISOString();
    const withIt = await runSnapshotJob({ input: path, readFrom, target: { kind: 'out', dir: join(dir, 'with') } });
    const without = await runSnapshotJob({ input: path, target: { kind: 'out', dir: join(dir, 'without') } });
    const manifestOf = async (folder: string, version: string | null) =>
      JSON.parse(await readFile(join(dir, folder, version!, 'manifest.json'), 'utf8')) as Manifest;
    expect((await manifestOf('with', withIt.version)).readFrom).toBe(readFrom);
    expect((await manifestOf('without', without.version)).readFrom).toBeUndefined();
  });
});

describe('npm run snapshot (the CLI)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['scripts/snapshot.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('names the bad line and its reason and exits non-zero', async () => {
    const path = await input([report('1'), report('x', { type: 'instagram', value: 'https://instagram.com/p/abc/' })]);
    const result = cli(['--input', path, '--out', join(dir, 'out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/reports\.ndjson:2: .*(not an Instagram profile|not a profile)/i);
    expect(result.stderr).toMatch(/nothing was published/);
  });

  test('rejects unknown flags and a missing input with usage and exit code 2', () => {
    expect(cli(['--bogus']).status).toBe(2);
    const missing = cli([]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--input FILE is required/);
  });

  test('writes the run summary as JSON', async () => {
    const path = await input([report('1'), report('2')]);
    const summaryFile = join(dir, 'summary.json');
    const result = cli(['--input', path, '--out', join(dir, 'out'), '--summary', summaryFile]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(await readFile(summaryFile, 'utf8'));
    expect(summary).toMatchObject({ reports: 2, identifiers: 2, invalidLines: 0, published: 'none' });
    expect(typeof summary.durationMs).toBe('number');
  });

  test('writes the summary when the input is refused too, and refuses bad shares with usage', async () => {
    const path = await input([report('1'), 'not json']);
    const summaryFile = join(dir, 'refused.json');
    const result = cli(['--input', path, '--out', join(dir, 'out'), '--summary', summaryFile]);
    expect(result.status).toBe(1);
    const summary = JSON.parse(await readFile(summaryFile, 'utf8'));
    expect(summary).toMatchObject({ outcome: 'refused', invalidLines: 1, version: null, keysWritten: 0, keysDeleted: 0 });
    expect(summary.error).toMatch(/invalid line/);
    const bad = cli(['--input', path, '--max-drop', '1.5']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--max-drop must be a number from 0 to 1/);
  });

  test('--read-from puts the export\'s time into the manifest', async () => {
    const path = await input([report('1')]);
    const readFrom = new Date(Date.now() - 45 * 60_000).toISOString();
    const result = cli(['--input', path, '--out', join(dir, 'out'), '--read-from', readFrom]);
    expect(result.status).toBe(0);
    const [version] = await readdir(join(dir, 'out'));
    const manifest = JSON.parse(await readFile(join(dir, 'out', version!, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.readFrom).toBe(readFrom);
  });

  test('refuses a --read-from that is not a UTC time, in the future, older than 48 hours, or beside --d1 or --rollback, with exit code 2', async () => {
    const path = await input([report('1')]);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const refusals: [string[], RegExp][] = [
      [['--read-from', ''], /not ""/],
      [['--read-from', '2026-12-06 19:00'], /UTC time/],
      [['--read-from', '2026-12-06T19:00:00.000+07:00'], /UTC time/],
      [['--read-from', hoursAgo(-0.5)], /in the future/],
      [['--read-from', hoursAgo(49)], /more than 48 hours old/],
      [['--read-from', hoursAgo(1), '--d1'], /--d1/],
      [['--read-from', hoursAgo(1), '--rollback'], /--rollback/],
    ];
    for (const [args, problem] of refusals) {
      const refused = cli(['--input', path, '--out', join(dir, 'out'), ...args]);
      expect(refused.status, args.join(' ')).toBe(2);
      expect(refused.stderr, args.join(' ')).toMatch(/^snapshot: --read-from/);
      expect(refused.stderr, args.join(' ')).toMatch(problem);
    }
    expect(await readdir(dir)).toEqual(['reports.ndjson']);
  });
});
