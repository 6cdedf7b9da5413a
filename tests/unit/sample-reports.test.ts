import { describe, expect, test } from 'vitest';
import { parseReportLine, type Report } from '../../worker/reports/report-line.ts';
import { readFileSync } from 'node:fs';
import { DEFAULT_NOW, DEMO_IDENTITIES, SAMPLE_QRIS_PAYLOAD, generateReports } from '../../scripts/dev/sample-reports.ts';
import { parseQris } from '../../worker/core/qris.ts';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';

const lines = (reports: number, seed: number, now?: Date): string[] =>
  [...generateReports({ reports, seed, ...(now ? { now } : {}) })].map((r) => JSON.stringify(r));

// One sample shared by the checks below: 5,000 lines, parsed once.
const SAMPLE = lines(5_000, 2026);
const FAILURES: string[] = [];
const PARSED: Report[] = SAMPLE.flatMap((text, i) => {
  try {
    return [parseReportLine(text, DEFAULT_NOW)];
  } catch (err) {
    FAILURES.push(`line ${i + 1}: ${(err as Error).message}\n  ${text}`);
    return [];
  }
});

/** Lines per demo key, as the demo table (README) and each identity's note say: verified for the reported ones. */
const DEMO_LINES: Record<string, number> = {
  'bank:014:1234567890': 5,
  'tel:+6281234567890': 4,
  'tel:+6285711112222': 4, // 3 as a DANA e-wallet, 1 as a phone number
  'ig:olshop.murah.banget': 4,
  'fb:jualhpmurahofficial': 3,
  'bank:008:1300012345678': 3, // 2 pending, 1 rejected: not reported
  'web:tokomurah-promo.com': 3,
  'tt:hpmurah.sby': 3,
  'tg:tiketkonser_murah': 3,
  'tel:+6281398765432': 3, // 2 as WhatsApp links
  'bank:009:0987654321': 2, // both flagged disputed: the owner contests them
  'qris:ID9990000000017': 3, // as the NMID, as printed under the code, and as the whole payload
};
const DEMO_LINE_COUNT = Object.values(DEMO_LINES).reduce((a, b) => a + b, 0);

const share = (predicate: (r: Report) => boolean): number => PARSED.filter(predicate).length / PARSED.length;

describe('generateReports', () => {
  test('the same seed gives byte-identical output; another seed gives other reports', () => {
    expect(lines(2_000, 2026)).toEqual(SAMPLE.slice(0, 2_000));
    const other = lines(2_000, 2027);
    expect(other.slice(0, DEMO_LINE_COUNT)).toEqual(SAMPLE.slice(0, DEMO_LINE_COUNT)); // the demo lines do not depend on the seed
    const differing = other.filter((text, i) => text !== SAMPLE[i]).length;
    expect(differing).toBeGreaterThan(1_900);
  });

  test('every generated line passes the input contract', () => {
    expect(FAILURES.slice(0, 10)).toEqual([]);
    expect(PARSED).toHaveLength(5_000);
  });

  test('lines carry a reporter, which parsing drops', () => {
    expect(SAMPLE.filter((text) => text.includes('"reporter":{')).length).toBeGreaterThan(4_000);
    for (const report of PARSED) expect('reporter' in report).toBe(false);
  });

  test('with fewer lines asked than demo lines, all demo lines still come out', () => {
    const few = [...generateReports({ reports: 3, seed: 1 })];
    expect(few.length).toBe(DEMO_LINE_COUNT);
    expect(few.every((r) => String(r.id).startsWith('demo-'))).toBe(true);
  });

  test('reportedAt stays within the two years before `now`', () => {
    const now = new Date('2025-06-15T12:00:00Z');
    for (const text of lines(2_000, 5, now)) {
      const at = Date.parse(parseReportLine(text, now).reportedAt);
      expect(at).toBeLessThanOrEqual(now.getTime());
      expect(at).toBeGreaterThanOrEqual(now.getTime() - 731 * 86_400_000);
    }
  });
});

describe('the demo identities', () => {
  test.each(DEMO_IDENTITIES.map((d) => [d.key, d] as const))('%s: canonical form and key as documented', (_key, demo) => {
    expect(parseIdentifier(demo.input)).toEqual(demo.canonical);
    expect(lookupKey(demo.canonical)).toBe(demo.key);
  });

  test('every demo identity has its expected number of lines', () => {
    expect(Object.keys(DEMO_LINES).sort()).toEqual(DEMO_IDENTITIES.map((d) => d.key).sort());
  });

  test.each(DEMO_IDENTITIES.map((d) => [d.key, d] as const))('%s: answers as documented', (key, demo) => {
    const reports = PARSED.filter((r) => r.key === key);
    const demoLines = reports.filter((r) => r.id.startsWith('demo-'));
    // Only the demo lines may touch a demo key: a random verified report would change its answer.
    expect(demoLines).toEqual(reports);
    expect(reports.length).toBe(DEMO_LINES[key]);
    // A disputed demo's lines all say so, and no other demo's line does.
    expect(reports.map((r) => r.disputed === true)).toEqual(reports.map(() => demo.disputed === true));
    if (demo.expect === 'reported') {
      expect(reports.every((r) => r.status === 'verified')).toBe(true);
    } else {
      expect(reports.some((r) => r.status === 'verified')).toBe(false);
    }
  });

  test('the QRIS fixtures the browser tests render: the reported merchant\'s payload is the sample data\'s, the clean one is another merchant, both with a good CRC', () => {
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/qris/${name}`, import.meta.url), 'utf8');
    expect(fixture('sample-reported.txt')).toBe(SAMPLE_QRIS_PAYLOAD);
    expect(parseQris(SAMPLE_QRIS_PAYLOAD)).toMatchObject({ kind: 'qris', crcOk: true, nmid: 'ID9990000000017', merchantName: 'TOKO BERKAH ELEKTRONIK', city: 'BANDUNG' });
    expect(parseQris(fixture('sample-clean.txt'))).toMatchObject({ kind: 'qris', crcOk: true, nmid: 'ID9990000000025', merchantName: 'WARUNG KOPI SEHAT' });
    expect(PARSED.some((r) => r.key === 'qris:ID9990000000025')).toBe(false);
  });

  test('come first', () => {
    const demoIds = PARSED.findLastIndex((r) => r.id.startsWith('demo-'));
    expect(PARSED.slice(0, demoIds + 1).every((r) => r.id.startsWith('demo-'))).toBe(true);
  });
});

describe('the mix is roughly as designed', () => {
  test('status: ~80% verified, ~14% pending, ~6% rejected', () => {
    expect(share((r) => r.status === 'verified')).toBeGreaterThan(0.75);
    expect(share((r) => r.status === 'verified')).toBeLessThan(0.85);
    expect(share((r) => r.status === 'pending')).toBeGreaterThan(0.1);
    expect(share((r) => r.status === 'pending')).toBeLessThan(0.18);
    expect(share((r) => r.status === 'rejected')).toBeGreaterThan(0.03);
    expect(share((r) => r.status === 'rejected')).toBeLessThan(0.09);
  });

  test.each([
    ['bank', 0.4],
    ['ewallet', 0.2],
    ['phone', 0.2],
    ['instagram', 0.12],
    ['facebook', 0.08],
    ['tiktok', 0.04],
    ['telegram', 0.02],
    ['website', 0.03],
  ] as const)('type %s: about %d', (type, expected) => {
    const actual = share((r) => r.identifier.type === type);
    expect(actual).toBeGreaterThan(expected * 0.75);
    expect(actual).toBeLessThan(expected * 1.25);
  });

  test('online shopping is the most common category', () => {
    const counts = new Map<string, number>();
    for (const r of PARSED) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const [top] = [...counts].sort((a, b) => b[1] - a[1]);
    expect(top![0]).toBe('online_shopping');
  });

  test('repeat offenders: most identities are reported once, a few many times', () => {
    const perKey = new Map<string, number>();
    for (const r of PARSED) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
    const counts = [...perKey.values()];
    expect(counts.filter((c) => c === 1).length / counts.length).toBeGreaterThan(0.6);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(20);
  });

  test('the same number is reported both as a phone and as an e-wallet', () => {
    const byKey = new Map<string, Set<string>>();
    for (const r of PARSED) if (r.key.startsWith('tel:')) byKey.set(r.key, (byKey.get(r.key) ?? new Set()).add(r.identifier.type));
    expect([...byKey.values()].filter((types) => types.size === 2).length).toBeGreaterThan(5);
  });

  test('values are typed messily, and some phones are foreign', () => {
    const values = SAMPLE.map((text) => JSON.parse(text) as { type: string; value: string });
    const phones = values.filter((v) => v.type === 'phone').map((v) => v.value);
    expect(phones.some((v) => /^\+62 8\d\d /.test(v))).toBe(true);
    expect(phones.some((v) => /^08\d\d-/.test(v))).toBe(true);
    expect(phones.some((v) => /^\+(60|855|1)\b/.test(v))).toBe(true);
    const links = values.filter((v) => v.type === 'instagram' || v.type === 'facebook').map((v) => v.value);
    expect(links.some((v) => v.includes('instagram.com/') && v.includes('igsh='))).toBe(true);
    expect(links.some((v) => v.includes('profile.php?id='))).toBe(true);
    expect(PARSED.some((r) => r.identifier.type === 'facebook' && /^\d+$/.test(r.identifier.value))).toBe(true);
    expect(values.some((v) => v.type === 'tiktok' && v.value.includes('/video/'))).toBe(true);
    expect(values.some((v) => v.type === 'telegram' && v.value.startsWith('https://t.me/'))).toBe(true);
    expect(values.some((v) => v.type === 'website' && v.value.includes('/checkout?'))).toBe(true);
    expect(phones.some((v) => v.startsWith('https://wa.me/62'))).toBe(true);
  });

  test('some report ids repeat: the same report submitted twice, identical', () => {
    const first = new Map<string, string>();
    let repeats = 0;
    for (const text of SAMPLE) {
      const { id } = JSON.parse(text) as { id: string };
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, text);
      else {
        repeats++;
        expect(text).toBe(earlier);
      }
    }
    expect(repeats).toBeGreaterThan(5);
    expect(repeats).toBeLessThan(60);
  });
});
