// The same-day delta's content (worker/delta/delta.ts): a changed key's whole
// record as the nightly job would build it, so base + delta answers what a
// full rebuild answers, whatever the day's decisions were.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import type { SnapshotRecord } from '../../worker/core/snapshot-layout.ts';
import { deltaEntries, deltaValue, readDelta, type DeltaContent } from '../../worker/delta/delta.ts';
import { ReportAggregator } from '../../worker/reports/aggregate.ts';
import { isDelisted } from '../../worker/reports/delistings.ts';
import { verifiedReportLines, type VerifiedRow } from '../../worker/reports/listing-policy.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';

const NOW = new Date('2026-12-06T07:00:00Z');
const BASE = '20261205T200000Z-0123abcd';

/** Identities to report; two share a key in some kinds (the same number as a phone and as typed with spaces). */
const IDENTITIES = [
  { type: 'bank', bank: '014', value: '1234567890' },
  { type: 'bank', bank: '014', value: '123 456 7890' },
  { type: 'bank', bank: '008', value: '9876543210123' },
  { type: 'phone', value: '081234567891' },
  { type: 'phone', value: '+62 812-3456-7891' },
  { type: 'ewallet', provider: 'dana', value: '081234567892' },
  { type: 'website', value: 'toko-murah-sekali.com' },
] as const;
const keyOf = (i: number) => lookupKey(parseIdentifier({ bank: undefined, provider: undefined, ...IDENTITIES[i]! }));
const KEYS = [...new Set(IDENTITIES.map((_, i) => keyOf(i)))];

interface ModelReport {
  ref: string;
  identity: number;
  status: 'pending' | 'verified' | 'rejected' | 'disputed';
  evidence: boolean;
  confirmed: boolean;
  category: 'online_shopping' | 'investment';
  lossIdr: number;
  createdAt: string;
}

/** What D1 holds: the reports, which keys have a pending dispute, the active delistings (key → when). */
interface Model {
  reports: ModelReport[];
  pendingDisputes: Set<string>;
  delistings?: Map<string, string>;
}

type Decision =
  | { kind: 'report'; identity: number; evidence: boolean; category: 'online_shopping' | 'investment'; lossIdr: number; day: number }
  | { kind: 'verify'; pick: number; confirmed: boolean }
  | { kind: 'reject'; pick: number }
  | { kind: 'undo'; pick: number }
  | { kind: 'dispute'; identity: number }
  | { kind: 'accept'; identity: number }
  | { kind: 'refuse'; identity: number }
  | { kind: 'undelist'; identity: number };

const decision: fc.Arbitrary<Decision> = fc.oneof(
  fc.record({
    kind: fc.constant('report' as const),
    identity: fc.nat(IDENTITIES.length - 1),
    evidence: fc.boolean(),
    category: fc.constantFrom('online_shopping' as const, 'investment' as const),
    lossIdr: fc.nat(5_000_000),
    day: fc.nat(30),
  }),
  fc.record({ kind: fc.constant('verify' as const), pick: fc.nat(), confirmed: fc.boolean() }),
  fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('dispute' as const), identity: fc.nat(IDENTITIES.length - 1) }),
  fc.record({ kind: fc.constant('accept' as const), identity: fc.nat(IDENTITIES.length - 1) }),
  fc.record({ kind: fc.constant('refuse' as const), identity: fc.nat(IDENTITIES.length - 1) }),
  fc.record({ kind: fc.constant('undelist' as const), identity: fc.nat(IDENTITIES.length - 1) }),
);

/** Applies one moderation step to D1's state; returns the lookup keys it touched (what the writer's query finds). */
function apply(model: Model, d: Decision): string[] {
  const pick = (n: number, status: ModelReport['status'][]) => {
    const candidates = model.reports.filter((r) => status.includes(r.status));
    return candidates.length ? candidates[n % candidates.length]! : undefined;
  };
  switch (d.kind) {
    case 'report': {
      model.reports.push({
        ref: `R${String(model.reports.length).padStart(5, '0')}`,
        identity: d.identity,
        status: 'pending',
        evidence: d.evidence,
        confirmed: false,
        category: d.category,
        lossIdr: d.lossIdr,
        createdAt: new Date(Date.UTC(2026, 10, 1 + d.day, 3)).toISOString(),
      });
      return [];
    }
    case 'verify': {
      const r = pick(d.pick, ['pending']);
      if (!r) return [];
      r.status = 'verified';
      r.confirmed = d.confirmed;
      return [keyOf(r.identity)];
    }
    case 'reject': {
      const r = pick(d.pick, ['pending']);
      if (!r) return [];
      r.status = 'rejected';
      return [keyOf(r.identity)];
    }
    case 'undo': {
      const r = pick(d.pick, ['verified', 'rejected']);
      if (!r) return [];
      r.status = 'pending';
      r.confirmed = false;
      return [keyOf(r.identity)];
    }
    case 'dispute':
      model.pendingDisputes.add(keyOf(d.identity));
      return [keyOf(d.identity)];
    case 'accept': {
      const key = keyOf(d.identity);
      if (!model.pendingDisputes.delete(key)) return [];
      for (const r of model.reports) if (keyOf(r.identity) === key && r.status === 'verified') r.status = 'disputed';
      // The delisting (worker/reports/delistings.ts): reports made up to now leave the list, wherever they come from.
      (model.delistings ??= new Map()).set(key, '2026-12-06T06:00:00.000Z');
      return [key];
    }
    case 'refuse': {
      const key = keyOf(d.identity);
      return model.pendingDisputes.delete(key) ? [key] : [];
    }
    case 'undelist': {
      const key = keyOf(d.identity);
      return model.delistings?.delete(key) ? [key] : [];
    }
  }
}

/** D1's verified rows as the listing policy's queries return them. */
function verifiedRows(model: Model): VerifiedRow[] {
  return model.reports
    .filter((r) => r.status === 'verified')
    .map((r) => {
      const id = IDENTITIES[r.identity]!;
      return {
        ref: r.ref,
        type: id.type,
        value: id.value,
        bank: 'bank' in id ? id.bank : null,
        provider: 'provider' in id ? id.provider : null,
        category: r.category,
        status: 'verified',
        created_at: r.createdAt,
        loss_idr: r.lossIdr,
        channel: null,
        lookup_key: keyOf(r.identity),
        listed: r.evidence || r.confirmed ? 1 : 0,
      };
    })
    .sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

/** What the nightly job publishes from D1 (read-d1-reports.ts's walk): key → record. */
async function nightly(model: Model): Promise<Map<string, SnapshotRecord>> {
  const aggregator = new ReportAggregator();
  for (const key of model.pendingDisputes) aggregator.markDisputed(key);
  const rows = verifiedRows(model);
  const page = async (after: string, limit: number) => rows.filter((r) => r.ref > after).slice(0, limit);
  for await (const line of verifiedReportLines(page, model.pendingDisputes, { heldBack: 0 }, 3)) {
    // As snapshot-job.ts: a delisted report is left out.
    const report = parseReportLine(JSON.stringify(line), NOW);
    if (!isDelisted(model.delistings ?? new Map(), report)) aggregator.add(report);
  }
  return new Map(aggregator.records());
}

/** The delta the writer builds for the keys touched since the base. */
async function delta(model: Model, touched: Iterable<string>) {
  const changed = new Set(touched);
  const rows = verifiedRows(model).filter((r) => changed.has(r.lookup_key));
  return deltaEntries(changed, rows, model.pendingDisputes, NOW, model.delistings);
}

/** What a lookup answers for a key: the delta's record when it holds the key, else the base's. */
function answer(base: Map<string, SnapshotRecord>, entries: Awaited<ReturnType<typeof delta>>, key: string) {
  const entry = entries.find(([k]) => k === key);
  return entry ? entry[2] : (base.get(key) ?? null);
}

const content = (entries: DeltaContent['entries']): DeltaContent => ({
  format: 1,
  base: BASE,
  since: '2026-12-05T19:00:00.000Z',
  updatedAt: '2026-12-06T06:59:00.000Z',
  overflow: false,
  entries,
});

describe('the same-day delta', () => {
  test('base + delta answers, for every key, what the next nightly run publishes (random decision sequences)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(decision, { maxLength: 25 }), fc.array(decision, { maxLength: 25 }), async (before, day) => {
        const model: Model = { reports: [], pendingDisputes: new Set() };
        for (const d of before) apply(model, d);
        const base = await nightly(model);
        const touched = day.flatMap((d) => apply(model, d));
        const entries = await delta(model, touched);
        const rebuilt = await nightly(model);
        for (const key of KEYS) expect(answer(base, entries, key)).toEqual(rebuilt.get(key) ?? null);
        // Only what changed: every entry is a key the day touched.
        for (const [key] of entries) expect(touched).toContain(key);
      }),
      { numRuns: 300 },
    );
  });

  test('a verification under the listing policy lists the key; one without evidence or a second moderator does not', async () => {
    const model: Model = { reports: [], pendingDisputes: new Set() };
    apply(model, { kind: 'report', identity: 0, evidence: true, category: 'investment', lossIdr: 1000, day: 1 });
    apply(model, { kind: 'report', identity: 2, evidence: false, category: 'investment', lossIdr: 1000, day: 1 });
    const touched = [
      ...apply(model, { kind: 'verify', pick: 0, confirmed: false }),
      ...apply(model, { kind: 'verify', pick: 0, confirmed: false }),
    ];
    const entries = await delta(model, touched);
    expect(entries.map(([key, , record]) => [key, record?.matches[0]?.count ?? null])).toEqual([
      ['bank:008:9876543210123', null],
      ['bank:014:1234567890', 1],
    ]);
  });

  test('an accepted dispute leaves the key unlisted; a pending one flags its matches disputed', async () => {
    const model: Model = { reports: [], pendingDisputes: new Set() };
    apply(model, { kind: 'report', identity: 3, evidence: true, category: 'investment', lossIdr: 0, day: 1 });
    apply(model, { kind: 'verify', pick: 0, confirmed: false });
    const pending = await delta(model, apply(model, { kind: 'dispute', identity: 3 }));
    expect(pending[0]![2]!.matches[0]!.disputed).toBe(true);
    const accepted = await delta(model, apply(model, { kind: 'accept', identity: 3 }));
    expect(accepted.map(([key, , record]) => [key, record])).toEqual([['tel:+6281234567891', null]]);
  });

  test('a delisting (accepted dispute) keeps out a report made before it, even one verified after it', async () => {
    const model: Model = { reports: [], pendingDisputes: new Set() };
    apply(model, { kind: 'report', identity: 3, evidence: true, category: 'investment', lossIdr: 0, day: 1 });
    apply(model, { kind: 'report', identity: 3, evidence: true, category: 'investment', lossIdr: 0, day: 2 });
    apply(model, { kind: 'verify', pick: 0, confirmed: false });
    const base = await nightly(model);
    const touched = [
      ...apply(model, { kind: 'dispute', identity: 3 }),
      ...apply(model, { kind: 'accept', identity: 3 }),
      ...apply(model, { kind: 'verify', pick: 0, confirmed: false }),
    ];
    const entries = await delta(model, touched);
    expect(base.get('tel:+6281234567891')?.matches[0]?.count).toBe(1);
    expect(entries.map(([key, , record]) => [key, record])).toEqual([['tel:+6281234567891', null]]);
    expect((await nightly(model)).get('tel:+6281234567891')).toBeUndefined();
  });

  test('two builds from the same state give the same value, whenever they are written', async () => {
    const entries = await delta({ reports: [], pendingDisputes: new Set() }, [keyOf(0)]);
    const first = await deltaValue(content(entries), new Date('2026-12-06T07:00:00Z'));
    const second = await deltaValue(content(await delta({ reports: [], pendingDisputes: new Set() }, [keyOf(0)])), new Date('2026-12-06T07:01:00Z'));
    expect(second.sha256).toBe(first.sha256);
    expect({ ...second, builtAt: '' }).toEqual({ ...first, builtAt: '' });
  });

  test('a reader uses only a whole, fresh delta on the live version', async () => {
    const entries = await delta({ reports: [], pendingDisputes: new Set() }, [keyOf(0)]);
    const good = await deltaValue(content(entries), NOW);
    const at = NOW.getTime() + 60_000;
    expect((await readDelta(good, BASE, at)).delta).toEqual(good);
    expect((await readDelta(null, BASE, at)).problem).toBe('delta missing');
    expect((await readDelta('{"format":1', BASE, at)).problem).toBe('delta corrupt: not a delta');
    expect((await readDelta({ ...good, entries: [] }, BASE, at)).problem).toBe('delta corrupt: checksum mismatch');
    expect((await readDelta(good, '20261206T200000Z-0123abcd', at)).problem).toBe('delta on another version (20261205T200000Z-0123abcd)');
    // Stale after 15 minutes (docs/operations.md): the writer rewrites even an unchanged delta every 5.
    expect((await readDelta(good, BASE, NOW.getTime() + 14 * 60_000)).delta).toBeDefined();
    expect((await readDelta(good, BASE, NOW.getTime() + 15 * 60_000)).problem).toBe('delta stale: built 15 minutes ago');
    const overflow = await deltaValue({ ...content([]), overflow: true }, NOW);
    expect((await readDelta(overflow, BASE, at)).problem).toBe('delta overflow: more than 20000 keys changed');
  });
});
