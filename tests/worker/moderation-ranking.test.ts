// Flags that rank and lead somewhere, and a queue that sinks what a moderator
// already verified once (issue 29). On the queue npm start seeds
// (scripts/dev/sample-queue.ts, 80 reports), through the whole Worker with the
// local token; a second moderator's view through listQueue itself.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { listQueue } from '../../worker/admin/queue.ts';
import { newReference } from '../../worker/reports/reference.ts';
import { queueSql, sampleQueue, type QueueSample } from '../../scripts/dev/sample-queue.ts';
import { admin, insertPendingReport } from './reports-fixture.ts';

const db = env.DB;
let sample: QueueSample;

/** The flags docs/reports.md says the ranking weighs, 200 each. */
const SEE_FIRST = ['shared_evidence', 'one_contact_many_accounts', 'one_network_many_accounts', 'after_dispute', 'after_delisting'];

beforeAll(async () => {
  // As npm start seeds it (scripts/start.ts: 80 reports, the default seed).
  sample = sampleQueue({ reports: 80 });
  await db.batch(queueSql(sample).map((sql) => db.prepare(sql)));
});

const queuePage = async (query = '') => {
  const res = await admin(`/api/v1/admin/queue${query}`);
  expect(res.status).toBe(200);
  return res.json<{ groups: any[]; next: string | null }>();
};

async function everyGroup(): Promise<any[]> {
  const groups: any[] = [];
  let cursor: string | null = null;
  do {
    const page = await queuePage(`?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    groups.push(...page.groups);
    cursor = page.next;
  } while (cursor);
  return groups;
}

const openGroup = async (key: string) => {
  const res = await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}`);
  expect(res.status).toBe(200);
  return res.json<any>();
};

describe('flags in the priority formula', () => {
  test('every seeded group with a flag to see first (shared evidence, one reporter or one network on many accounts, a dispute, after a delisting) is on the first page', async () => {
    const { groups } = await queuePage();
    expect(groups).toHaveLength(25);
    const firstPage = new Set(groups.map((g) => g.key));
    const flagged = [
      ...sample.patterns.shared_evidence,
      ...sample.patterns.one_contact_many_accounts,
      ...sample.patterns.one_network_many_accounts,
      ...sample.patterns.after_dispute,
      ...sample.patterns.after_delisting,
    ];
    expect(flagged.length).toBeGreaterThan(15);
    for (const key of flagged) expect(firstPage.has(key), key).toBe(true);
  });

  test('a group weighs 200 per flag to see first, exactly when it carries one, and its priority adds that to the rest of the formula', async () => {
    const groups = await everyGroup();
    expect(groups.length).toBe(new Set(sample.reports.map((r) => r.lookup_key)).size);
    for (const g of groups) {
      const seeFirst = g.flags.filter((f: string) => SEE_FIRST.includes(f)).length;
      expect(g.flagWeight, g.key).toBe(200 * seeFirst);
      const ageDays = (Date.now() - Date.parse(g.firstAt)) / 86_400_000;
      const digits = g.lossIdr > 0 ? String(g.lossIdr).length : 0;
      expect(g.priority, g.key).toBeCloseTo(10 * g.reporters + 3 * digits + ageDays + 200 * seeFirst, 0);
    }
    // Burst and repeat reporter do not rank (a wave of real victims is not a reason to look first).
    const burst = groups.find((g) => g.key === sample.patterns.burst[0]);
    expect(burst.flags).toEqual(['burst']);
    expect(burst.flagWeight).toBe(0);
  });

  test('a reporter filing against a fifth account raises the weight of their four earlier groups at once', async () => {
    const at = new Date(Date.now() - 2 * 86_400_000);
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const value = String(8_600_000_000 + i);
      const key = `bank:014:${value}`;
      keys.push(key);
      await db
        .prepare(`INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, chronology, reporter_contact, created_at, contact_hash)
                  VALUES (?, 'bank', ?, '014', ?, 'online_shopping', 0, 'kronologi', 'one@example.com', ?, 'one-campaigner')`)
        .bind(newReference('CD'), value, key, new Date(at.getTime() + i * 60_000).toISOString())
        .run();
      const { results } = await db.prepare('SELECT lookup_key, flag_weight FROM queue_groups WHERE lookup_key IN (SELECT value FROM json_each(?))')
        .bind(JSON.stringify(keys)).all<{ lookup_key: string; flag_weight: number }>();
      // Four accounts are not yet "many" (>= 5); the fifth raises the flag on all five.
      expect(results.map((r) => r.flag_weight), `after account ${i + 1}`).toEqual(keys.map(() => (i === 4 ? 200 : 0)));
    }
  });
});

describe('flags that lead somewhere: the opened group names the reports and accounts each flag is about', () => {
  test('same evidence file: the report links the other report holding that file, with its account', async () => {
    const [mine, other] = sample.patterns.shared_evidence;
    const body = await openGroup(mine!);
    const otherReport = sample.reports.find((r) => r.lookup_key === other)!;
    expect(body.reports[0].flags).toContain('shared_evidence');
    expect(body.reports[0].related.sameEvidence).toEqual([
      { ref: otherReport.ref, key: other, type: otherReport.type, value: otherReport.value, bank: otherReport.bank, provider: otherReport.provider, status: 'pending' },
    ]);
  });

  test("one reporter, many accounts: the report lists that reporter's reports on the other accounts, and nothing about the reporter", async () => {
    const [first, ...others] = sample.patterns.one_contact_many_accounts;
    const body = await openGroup(first!);
    const related = body.reports[0].related;
    expect(related.sameReporter.map((r: any) => r.key).sort()).toEqual([...others].sort());
    expect(related.sameReporter.every((r: any) => r.status === 'pending' && /^CD-/.test(r.ref))).toBe(true);
    const text = JSON.stringify(related);
    expect(text).not.toContain('@example.com');
    expect(text).not.toMatch(/[0-9a-f]{40}/);
  });

  test("one network, many accounts: the report links the network's other accounts (each with its pending count)", async () => {
    const [first, ...others] = sample.patterns.one_network_many_accounts;
    const body = await openGroup(first!);
    const accounts = body.reports[0].related.sameNetwork;
    expect(accounts.map((a: any) => a.key).sort()).toEqual([...others].sort());
    expect(accounts.every((a: any) => a.pending === 1)).toBe(true);
  });

  test('after a dispute: the group names the dispute to read (pending), a group without a dispute none', async () => {
    const body = await openGroup(sample.patterns.after_dispute[0]!);
    expect(body.disputes).toEqual([{ ref: sample.disputes[0]!.ref, status: 'pending', createdAt: sample.disputes[0]!.created_at }]);
    expect((await openGroup(sample.patterns.burst[0]!)).disputes).toEqual([]);
  });

  test('a link explains a flag: one reporter on one network filing against two accounts (no flag) links nothing', async () => {
    const at = new Date(Date.now() - 86_400_000).toISOString();
    const keys = ['bank:014:8650000001', 'bank:014:8650000002'];
    for (const key of keys) {
      await db
        .prepare(`INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, chronology, reporter_contact, created_at, contact_hash, network_hash)
                  VALUES (?, 'bank', ?, '014', ?, 'online_shopping', 0, 'kronologi', 'two@example.com', ?, 'two-accounts', 'small-network')`)
        .bind(newReference('CD'), key.slice(9), key, at)
        .run();
    }
    const body = await openGroup(keys[0]!);
    expect(body.reports[0].flags).toEqual([]);
    expect(body.reports[0].related).toEqual({ sameEvidence: [], sameReporter: [], sameNetwork: [] });
  });
});

describe('a group this moderator verified once waits for another moderator, and sinks for them only', () => {
  test('it is marked, comes after every other group for its first moderator and in its place for a second; v again is refused 409 awaiting_another_moderator', async () => {
    const value = '8700000001';
    const key = `bank:014:${value}`;
    const ref = newReference('CD');
    // Old enough to lead the unflagged groups by age.
    await insertPendingReport(db, ref, value, key, new Date(Date.now() - 400 * 86_400_000).toISOString());
    await openGroup(key);
    const first = await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}/decision`, { method: 'POST', body: { decision: 'verify' } });
    expect((await first.json<any>()).awaitingConfirmation).toEqual([ref]);

    const mine = await everyGroup();
    const last = mine.at(-1);
    expect(last.key).toBe(key);
    expect(last).toMatchObject({ waitingForAnotherModerator: true, verifiedByYou: 1, awaitingConfirmation: 1 });
    expect(mine.filter((g) => g.waitingForAnotherModerator)).toHaveLength(1);

    const second = await listQueue(db, {}, null, 100, 'second@cekdulu.test');
    const place = second.groups.findIndex((g) => g.key === key);
    expect(place).toBeGreaterThanOrEqual(0);
    expect(place).toBeLessThan(second.groups.length - 1);
    expect(second.groups[place]).toMatchObject({ waitingForAnotherModerator: false, verifiedByYou: 0 });

    const decisions = async () => (await db.prepare('SELECT COUNT(*) AS n FROM decisions').first<{ n: number }>())!.n;
    const before = await decisions();
    const again = await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}/decision`, { method: 'POST', body: { decision: 'verify' } });
    expect(again.status).toBe(409);
    expect((await again.json<any>()).error.code).toBe('awaiting_another_moderator');
    expect(await decisions()).toBe(before);
  });
});
