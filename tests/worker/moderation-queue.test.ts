// The grouped queue on the seeded sample (scripts/dev/sample-queue.ts): each
// seeded abusive pattern raises exactly its flag and no ordinary group raises
// one; cursor paging walks every group once, in priority order; filters; the
// group view shows every pending report with its personal data and audits each
// view. Through the whole Worker with the local token.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { FLAGS } from '../../worker/admin/abuse-flags.ts';
import { queueSql, sampleQueue, type QueueSample } from '../../scripts/dev/sample-queue.ts';
import { admin } from './reports-fixture.ts';

let sample: QueueSample;

beforeAll(async () => {
  sample = sampleQueue({ reports: 120, seed: 5 });
  await env.DB.batch(queueSql(sample).map((sql) => env.DB.prepare(sql)));
});

async function allGroups(query = '', limit = 7): Promise<any[]> {
  const groups: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await admin(`/api/v1/admin/queue?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.groups.length).toBeLessThanOrEqual(limit);
    groups.push(...body.groups);
    cursor = body.next;
    if (!cursor) return groups;
  }
  throw new Error('paging did not end');
}

describe('abuse flags on the seeded patterns', () => {
  test.each(FLAGS)('%s is raised on exactly the groups seeded for it', async (flag) => {
    const groups = await allGroups('', 100);
    const flagged = groups.filter((g) => g.flags.includes(flag)).map((g) => g.key).sort();
    expect(sample.patterns[flag].length).toBeGreaterThan(0);
    expect(flagged).toEqual([...sample.patterns[flag]].sort());
  });

  test('the reports a flag comes from carry it in the group view', async () => {
    const key = sample.patterns.burst[0]!;
    const body = await (await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}`)).json<any>();
    expect(body.group.flags).toEqual(['burst']);
    expect(body.reports).toHaveLength(6);
    for (const report of body.reports) expect(report.flags).toEqual(['burst']);
    // The shared file is flagged on the report that carries it.
    const shared = await (await admin(`/api/v1/admin/queue/${encodeURIComponent(sample.patterns.shared_evidence[0]!)}`)).json<any>();
    expect(shared.reports[0].flags).toEqual(['shared_evidence']);
    expect(shared.reports[0].evidence).toEqual([expect.objectContaining({ contentType: 'image/png', size: 20_000 })]);
  });

  test('independent reporters are distinct contact hashes: one reporter four times counts once', async () => {
    const groups = await allGroups('', 100);
    const repeat = groups.find((g) => g.key === sample.patterns.repeat_contact[0]);
    expect(repeat).toMatchObject({ pending: 4, reporters: 1 });
    const burst = groups.find((g) => g.key === sample.patterns.burst[0]);
    expect(burst).toMatchObject({ pending: 6, reporters: 6 });
  });
});

describe('cursor paging', () => {
  test('pages of 7 walk every group exactly once, in priority order, and sum to every pending report', async () => {
    const groups = await allGroups();
    const keys = groups.map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(sample.reports.map((r) => r.lookup_key)));
    expect(groups.reduce((n, g) => n + g.pending, 0)).toBe(sample.reports.length);
    for (let i = 1; i < groups.length; i++) expect(groups[i].priority).toBeLessThanOrEqual(groups[i - 1].priority);
  });

  test('a group shows its counts, loss, dates, categories and channels as its reports say', async () => {
    const [first] = (await (await admin('/api/v1/admin/queue?limit=1')).json<any>()).groups;
    const rows = sample.reports.filter((r) => r.lookup_key === first.key);
    expect(first.pending).toBe(rows.length);
    expect(first.lossIdr).toBe(rows.reduce((n, r) => n + r.loss_idr, 0));
    expect(first.firstAt).toBe(rows.map((r) => r.created_at).sort()[0]);
    expect(first.lastAt).toBe(rows.map((r) => r.created_at).sort().at(-1));
    expect(Object.values(first.categories).reduce((a: number, b) => a + (b as number), 0)).toBe(rows.length);
    expect(first.evidence).toBe(sample.evidence.filter((e) => rows.some((r) => r.ref === e.report_ref)).length);
    // priority = 10 × reporters + 3 × digits of the loss + age in days of the oldest report + 200 per flag to see first
    // (the first group of the seeded queue carries one; tests/worker/moderation-ranking.test.ts checks the weight on every group)
    const ageDays = (Date.now() - Date.parse(first.firstAt)) / 86_400_000;
    const digits = first.lossIdr > 0 ? String(first.lossIdr).length : 0;
    expect(first.flagWeight).toBeGreaterThanOrEqual(200);
    expect(first.priority).toBeCloseTo(10 * first.reporters + 3 * digits + ageDays + first.flagWeight, 0);
  });

  test('filters: kind, bank and minimum age narrow the pages; a bad filter or cursor is a 400', async () => {
    const banks = await allGroups('&kind=bank&bank=014');
    expect(banks.length).toBeGreaterThan(0);
    expect(banks.every((g) => g.type === 'bank' && g.bank === '014')).toBe(true);
    const expected = new Set(sample.reports.filter((r) => r.type === 'bank' && r.bank === '014').map((r) => r.lookup_key));
    expect(new Set(banks.map((g) => g.key))).toEqual(expected);
    const old = await allGroups('&minAgeDays=30');
    expect(old.every((g) => Date.now() - Date.parse(g.firstAt) >= 30 * 86_400_000)).toBe(true);
    const shopping = await allGroups('&category=online_shopping');
    expect(shopping.every((g) => g.categories.online_shopping > 0)).toBe(true);

    for (const query of ['kind=fax', 'limit=0', 'limit=1000', 'minAgeDays=-1', 'bank=%27%3B', 'cursor=not-a-cursor']) {
      const res = await admin(`/api/v1/admin/queue?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json<any>()).error.code).toMatch(/^invalid_(filter|cursor)$/);
    }
  });
});

describe('the group view', () => {
  test('every pending report with its chronology and contact, each view audited', async () => {
    const key = sample.patterns.repeat_contact[0]!;
    const res = await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}`);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json<any>();
    expect(body.reports).toHaveLength(4);
    expect(body.reports[0]).toMatchObject({ status: 'pending', chronology: expect.stringContaining('Contoh laporan'), reporterContact: expect.stringContaining('@example.com') });
    const refs = body.reports.map((r: any) => r.ref);
    const { results } = await env.DB.prepare(
      `SELECT subject, actor FROM audit_log WHERE action = 'view' AND subject IN (SELECT value FROM json_each(?))`,
    ).bind(JSON.stringify(refs)).all<any>();
    expect(results.map((r) => r.subject).sort()).toEqual([...refs].sort());
    expect(new Set(results.map((r) => r.actor))).toEqual(new Set(['admin-token']));
  });

  test('the queue page itself carries no contact, chronology or profile link', async () => {
    const text = await (await admin('/api/v1/admin/queue?limit=100')).text();
    expect(text).not.toContain('@example.com');
    expect(text).not.toContain('Contoh laporan');
    expect(text).not.toContain('contact_hash');
  });

  test('an unknown group is a 404, a malformed one a 400', async () => {
    for (const key of ['bank:014:0000000000', 'nokey', '%zz']) {
      expect([400, 404]).toContain((await admin(`/api/v1/admin/queue/${key}`)).status);
    }
  });
});
