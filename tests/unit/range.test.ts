// The range API's contract held to an independent oracle: Node's own SHA-256
// (node:crypto), not the Web Crypto wrapper the build and the Worker share.
// The snapshot is built with the nightly job's code (aggregate → buildSnapshot).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { buildSnapshot, type BuiltSnapshot } from '../../scripts/pipeline/build-snapshot.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { generateReports } from '../../scripts/dev/sample-reports.ts';
import type { RangeSuffix } from '../../worker/core/api-types.ts';
import {
  RangeBucketBuilder,
  RANGE_SUFFIX_LENGTH,
  paddedSuffixes,
  rangeAnswerEntries,
  rangeAnswerJson,
  reportsIn,
  suffixesFor,
} from '../../worker/core/range.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const VERSION = '20261128T020000Z-3fa4c2d1';

let snapshot: BuiltSnapshot;
/** Every reported key's SHA-256 (by node:crypto) → its verified reports. */
const expected = new Map<string, number>();
beforeAll(async () => {
  const aggregator = new ReportAggregator();
  for (const object of generateReports({ reports: 4_000, seed: 23 })) aggregator.add(parseReportLine(JSON.stringify(object)));
  snapshot = await buildSnapshot(aggregator);
  for (const [key, json] of snapshot.records()) {
    const count = (JSON.parse(json) as { matches: Array<{ count: number }> }).matches.reduce((n, m) => n + m.count, 0);
    expected.set(sha256(key), count);
  }
});

/** What the Worker answers for a prefix, before padding: the entries of its bucket that share the 5 digits. */
const realEntries = (prefix: string) => suffixesFor(snapshot.ranges.get(prefix.slice(0, 3)) ?? null, prefix);
/** The oracle: every reported hash with the prefix, as suffix → count. */
const oracle = (prefix: string) => {
  const out = new Map<string, number>();
  for (const [hash, count] of expected) if (hash.startsWith(prefix)) out.set(hash.slice(5), count);
  return out;
};
const nonZero = (entries: RangeSuffix[]) => new Map(entries.filter((e) => e.count > 0).map((e) => [e.suffix, e.count]));

describe('the hash behind the range API', () => {
  test('is plain, unsalted SHA-256: the published test vectors', async () => {
    // FIPS 180-2 appendix B.1, and the empty string.
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('the nightly build files every reported key under its node:crypto SHA-256, with its count, and nothing else', () => {
    const filed = new Map<string, number>();
    for (const [bucket, text] of snapshot.ranges) {
      for (const line of text.trimEnd().split('\n')) {
        const [tail, count] = line.split(':');
        filed.set(bucket + tail, Number(count));
      }
    }
    expect(filed.size).toBe(expected.size);
    expect(filed).toEqual(expected);
  });
});

describe('a range answer', () => {
  test('holds exactly the reported keys whose hash shares all 5 hex digits, each with its count', async () => {
    const prefixes = new Set([...expected.keys()].map((hash) => hash.slice(0, 5)));
    // The power of this test: keys that share 4 digits but not the 5th must exist in the fixture.
    const byFour = new Map<string, Set<string>>();
    for (const p of prefixes) byFour.set(p.slice(0, 4), (byFour.get(p.slice(0, 4)) ?? new Set()).add(p));
    expect([...byFour.values()].filter((fives) => fives.size > 1).length).toBeGreaterThan(10);

    for (const prefix of prefixes) {
      const padded = await paddedSuffixes(realEntries(prefix), VERSION, prefix);
      expect(nonZero(padded), prefix).toEqual(oracle(prefix));
      expect(padded.every((e) => /^[0-9a-f]{59}$/.test(e.suffix)), prefix).toBe(true);
    }
  });

  test('for a prefix no reported key has, holds padding only', async () => {
    let empty = 0;
    for (let i = 0; empty < 20; i++) {
      const prefix = sha256(`#absent:${i}`).slice(0, 5);
      if (oracle(prefix).size > 0) continue;
      empty++;
      const padded = await paddedSuffixes(realEntries(prefix), VERSION, prefix);
      expect(padded.length).toBe(128);
      expect(padded.every((e) => e.count === 0)).toBe(true);
    }
  });

  test('finds a reported key by its full hash; a count-0 entry with the same suffix is never a report', () => {
    const [hash, count] = [...expected][0]!;
    const tail = hash.slice(5);
    expect(reportsIn([{ suffix: tail, count }], hash)).toBe(count);
    expect(reportsIn([{ suffix: tail, count }], hash.toUpperCase())).toBe(count);
    expect(reportsIn([{ suffix: tail, count: 0 }], hash)).toBe(0);
    expect(reportsIn([{ suffix: tail.slice(0, -1) + (tail.endsWith('0') ? '1' : '0'), count }], hash)).toBe(0);
    expect(reportsIn([], hash)).toBe(0);
  });
});

describe('padding', () => {
  /** n real entries, sorted as a bucket holds them. */
  const real = (n: number, prefix: string): RangeSuffix[] =>
    Array.from({ length: n }, (_, i) => ({ suffix: sha256(`real:${prefix}:${i}`).slice(5), count: i + 1 })).sort((a, b) =>
      a.suffix < b.suffix ? -1 : 1,
    );

  test('brings every answer of a version to 128 entries, whatever the prefix and its real count up to 128', async () => {
    for (let i = 0; i < 300; i++) {
      const prefix = sha256(`prefix:${i}`).slice(0, 5);
      for (const n of [0, 1, 7, 30, 128]) expect((await paddedSuffixes(real(n, prefix), VERSION, prefix)).length, `${prefix} ${n}`).toBe(128);
    }
  });

  test('two prefixes, one with real entries and one without, give answers of byte-identical length', async () => {
    const snapshotRef = { version: VERSION, generatedAt: '2026-11-28T02:00:00.000Z' };
    const answer = async (prefix: string, entries: RangeSuffix[]) =>
      rangeAnswerJson({ prefix, suffixes: await paddedSuffixes(entries, VERSION, prefix), snapshot: snapshotRef });
    const empty = await answer('00000', []);
    // Real counts of 1, 2, 3 and 10 digits: the widest count a bucket line holds is a u32.
    const counted = [1, 42, 777, 4_294_967_295].map((count, i) => ({ suffix: sha256(`c:${i}`).slice(5), count })).sort((a, b) => (a.suffix < b.suffix ? -1 : 1));
    const full = await answer('3f2a1', counted);
    const one = await answer('ea4c2', real(1, 'ea4c2'));
    expect(new TextEncoder().encode(full).byteLength).toBe(new TextEncoder().encode(empty).byteLength);
    expect(new TextEncoder().encode(one).byteLength).toBe(new TextEncoder().encode(empty).byteLength);
    // Still JSON, and the same answer as JSON.stringify would have sent.
    expect(JSON.parse(full)).toEqual({ prefix: '3f2a1', suffixes: await paddedSuffixes(counted, VERSION, '3f2a1'), snapshot: snapshotRef });
    expect(JSON.parse(empty).suffixes.every((e: RangeSuffix) => e.count === 0)).toBe(true);
  });

  test('keeps every real entry, adds count-0 entries that look like hashes, and sorts them together', async () => {
    const prefix = 'ea4c2';
    const entries = real(5, prefix);
    const padded = await paddedSuffixes(entries, VERSION, prefix);
    for (const entry of entries) expect(padded).toContainEqual(entry);
    const padding = padded.filter((e) => e.count === 0);
    expect(padding.length).toBe(padded.length - entries.length);
    for (const e of padding) expect(e.suffix).toMatch(new RegExp(`^[0-9a-f]{${RANGE_SUFFIX_LENGTH}}$`));
    expect(padded.map((e) => e.suffix)).toEqual(padded.map((e) => e.suffix).sort());
  });

  test('is the same for a version and prefix, and differs across versions and prefixes', async () => {
    const a = await paddedSuffixes([], VERSION, 'abcde');
    expect(await paddedSuffixes([], VERSION, 'abcde')).toEqual(a);
    expect(await paddedSuffixes([], '20261129T020000Z-00c0ffee', 'abcde')).not.toEqual(a);
    expect(await paddedSuffixes([], VERSION, 'abcdf')).not.toEqual(a);
  });

  test('padding digits are uniform, as real hashes are', async () => {
    const counts = new Array<number>(16).fill(0);
    let digits = 0;
    for (let i = 0; i < 60; i++) {
      for (const { suffix } of await paddedSuffixes([], VERSION, sha256(`u:${i}`).slice(0, 5))) {
        for (const c of suffix) counts[parseInt(c, 16)]!++;
        digits += suffix.length;
      }
    }
    for (const n of counts) expect(Math.abs(n / digits - 1 / 16)).toBeLessThan(0.003);
  });

  test('a prefix with more real entries than the version\'s size keeps them all, in the next multiple of 128', async () => {
    const prefix = '00000';
    const entries = real(128 + 50, prefix);
    const padded = await paddedSuffixes(entries, VERSION, prefix);
    expect(padded.filter((e) => e.count > 0)).toHaveLength(entries.length);
    expect(padded).toHaveLength(256);
  });

  test('a version whose fullest prefix holds more than 128 keys gives every prefix that larger size', async () => {
    // What the nightly job writes in the manifest (rangeEntries) from its fullest prefix.
    expect([0, 1, 30, 128].map(rangeAnswerEntries)).toEqual([128, 128, 128, 128]);
    expect([129, 256, 257].map(rangeAnswerEntries)).toEqual([256, 256, 384]);
    const builder = new RangeBucketBuilder();
    for (let i = 0; i < 130; i++) builder.add(`3f2a1${sha256(`full:${i}`).slice(5)}`, 1);
    builder.add(sha256('elsewhere'), 2);
    builder.finish();
    expect(builder.fullestPrefix).toBe(130);
    const size = rangeAnswerEntries(builder.fullestPrefix);
    expect(await paddedSuffixes([], VERSION, 'abcde', size)).toHaveLength(256);
    expect(await paddedSuffixes(real(130, '3f2a1'), VERSION, '3f2a1', size)).toHaveLength(256);
  });
});
