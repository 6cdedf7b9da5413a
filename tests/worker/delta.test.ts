// The same-day delta through the Worker, with real D1 and KV: the Cron
// Trigger's build (worker/delta/delta-writer.ts) and what the lookup answers
// from it (issue 25).
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { DELTA_KEY, manifestKey, type Manifest } from '../../worker/core/snapshot-layout.ts';
import { deltaValue, type DeltaValue } from '../../worker/delta/delta.ts';
import { writeDelta } from '../../worker/delta/delta-writer.ts';
import { kvNamespaceStore } from '../../scripts/pipeline/kv-namespace-store.ts';
import { rollback } from '../../scripts/pipeline/publish.ts';
import { publishFixture } from './fixture.ts';
import { BASE, nightlyRun, postJson, verifyInD1 } from './reports-fixture.ts';

const MINUTE = 60_000;
const readDeltaKv = () => env.SNAPSHOTS.get<DeltaValue>(DELTA_KEY, 'json');

describe('the delta writer (Cron Trigger)', () => {
  test('builds the live version’s delta from D1: a verification since the base is in it with its record', async () => {
    await nightlyRun(env);
    const account = { type: 'bank', bank: '014', value: '7770001111' };
    await verifyInD1(env.DB, account);
    const key = lookupKey(parseIdentifier(account));

    const now = new Date(Date.now() + MINUTE);
    expect(await writeDelta(env, now)).toMatchObject({ written: true, overflow: false });
    const delta = (await readDeltaKv())!;
    expect(delta.base).toBe(await env.SNAPSHOTS.get('live'));
    const entry = delta.entries.find(([k]) => k === key);
    expect(entry?.[2]?.matches).toMatchObject([{ type: 'bank', bank: '014', value: '7770001111', count: 1 }]);
    expect(delta.updatedAt).not.toBeNull();
  });

  test('an unchanged delta is not rewritten within 5 minutes; after that it is, to show the writer lives', async () => {
    const start = new Date(Date.now() + 10 * MINUTE);
    expect(await writeDelta(env, start)).toMatchObject({ written: true });
    expect(await writeDelta(env, new Date(start.getTime() + 4 * MINUTE))).toEqual({ written: false, reason: 'unchanged' });
    expect(await writeDelta(env, new Date(start.getTime() + 5 * MINUTE))).toMatchObject({ written: true });
  });

  test('two builds racing write one delta, the same', async () => {
    await verifyInD1(env.DB, { type: 'phone', value: '081277770001' });
    const at = new Date(Date.now() + 30 * MINUTE);
    const [a, b] = await Promise.all([writeDelta(env, at), writeDelta(env, at)]);
    expect(a.written || b.written).toBe(true);
    const first = (await readDeltaKv())!;
    await writeDelta(env, new Date(at.getTime() + 10 * MINUTE));
    const second = (await readDeltaKv())!;
    expect(second.sha256).toBe(first.sha256);
    expect({ ...second, builtAt: '' }).toEqual({ ...first, builtAt: '' });
  });
});

const get = (path: string) => exports.default.fetch(new Request(`${BASE}${path}`));

/** What every door answers for one account: GET and POST API, the /cek/ page, the private check's range count. */
async function doors(account: { type: string; value: string; bank?: string }) {
  const q = new URLSearchParams(account as Record<string, string>).toString();
  const answer = await get(`/api/v1/check?${q}`);
  const api = await answer.json<any>();
  const post = await (await postJson('/api/v1/check', { queries: [account] })).json<any>();
  const page = await (await get(`/cek/?${q}`)).text();
  const hash = await sha256Hex(lookupKey(parseIdentifier(account)));
  const range = await (await get(`/api/v1/range/${hash.slice(0, 5)}`)).json<any>();
  return {
    get: api.status,
    disputed: api.matches[0]?.disputed,
    post: post.results[0].status,
    page: /Dilaporkan/.test(page) ? 'reported' : 'not_reported',
    range: range.suffixes.find((s: any) => s.suffix === hash.slice(5) && s.count > 0)?.count ?? 0,
    rangeLength: range.suffixes.length,
    updatedAt: api.snapshot.updatedAt,
    timing: answer.headers.get('Server-Timing'),
  };
}

const health = async () => (await get('/api/v1/health')).json<any>();

describe('the lookup with the delta (every door)', () => {
  test('verify → the next delta build → reported everywhere; its undo → lifted, the range answer still 128 entries', async () => {
    await nightlyRun(env);
    const account = { type: 'bank', bank: '014', value: '7770002222' };
    await verifyInD1(env.DB, account);
    expect(await doors(account)).toMatchObject({ get: 'not_reported', post: 'not_reported', page: 'not_reported', range: 0 });

    await writeDelta(env);
    const listed = await doors(account);
    // Answered from the delta, and its Server-Timing says so.
    expect(listed).toMatchObject({ get: 'reported', disputed: false, post: 'reported', page: 'reported', range: 1, rangeLength: 128, timing: 'lookup;desc="delta"' });
    expect(Date.parse(listed.updatedAt)).toBeGreaterThan(Date.now() - MINUTE);
    expect(await health()).toMatchObject({ status: 'ok', delta: { status: 'ok' } });

    // The undo (worker/admin/decisions.ts): back to pending, the decision marked undone.
    const key = lookupKey(parseIdentifier(account));
    const undoneAt = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO decisions (at, actor, decision, lookup_key, undone_at) VALUES (?, 'admin-token', 'verify', ?, ?)`).bind(undoneAt, key, undoneAt),
      env.DB.prepare(`INSERT INTO decision_items (decision_id, ref, outcome) SELECT last_insert_rowid(), ref, 'verified' FROM reports WHERE lookup_key = ?`).bind(key),
      env.DB.prepare(`UPDATE reports SET status = 'pending', decided_at = NULL, decided_by = NULL, confirmed_by = NULL WHERE lookup_key = ?`).bind(key),
    ]);
    await writeDelta(env, new Date(Date.now() + 1000));
    expect(await doors(account)).toMatchObject({ get: 'not_reported', post: 'not_reported', page: 'not_reported', range: 0, rangeLength: 128 });
  });

  test('an accepted dispute lifts a listing the base holds; a pending one flags it disputed', async () => {
    const account = { type: 'phone', value: '081277770003' };
    await verifyInD1(env.DB, account);
    await nightlyRun(env);
    await writeDelta(env);
    expect(await doors(account)).toMatchObject({ get: 'reported', disputed: false, range: 1 });
    const key = lookupKey(parseIdentifier(account));
    const at = new Date().toISOString();
    await env.DB.prepare(`INSERT INTO disputes (ref, lookup_key, type, value, statement, status, created_at, contact)
                                VALUES ('DP-DELTA-1', ?, 'phone', ?, 'Nomor ini milik saya.', 'pending', ?, 'owner@example.com')`)
      .bind(key, account.value, at)
      .run();
    await writeDelta(env, new Date(Date.now() + 1000));
    expect(await doors(account)).toMatchObject({ get: 'reported', disputed: true, post: 'reported', range: 1 });

    const decided = new Date(Date.now() + 2000).toISOString();
    await env.DB.batch([
      env.DB.prepare(`UPDATE disputes SET status = 'accepted', decided_at = ?, decided_by = 'admin-token' WHERE ref = 'DP-DELTA-1'`).bind(decided),
      env.DB.prepare(`UPDATE reports SET status = 'disputed', decided_at = ? WHERE lookup_key = ? AND status = 'verified'`).bind(decided, key),
      // The delisting the second accept records (worker/admin, issue 29).
      env.DB.prepare(`INSERT INTO delistings (lookup_key, dispute_ref, moderator, at) VALUES (?, 'DP-DELTA-1', 'admin-token', ?)`).bind(key, decided),
    ]);
    await writeDelta(env, new Date(Date.now() + 3000));
    expect(await doors(account)).toMatchObject({ get: 'not_reported', post: 'not_reported', page: 'not_reported', range: 0, rangeLength: 128 });
  });

  describe('a delta that cannot be used: the base answers, health degraded, never a wrong "not reported"', () => {
    const account = { type: 'bank', bank: '014', value: '7770004444' };
    const listedByBase = { get: 'reported', post: 'reported', page: 'reported', range: 1 };

    /** The base lists the account and the delta is spoiled: every door still answers "reported", health says why. */
    async function spoiled(spoil: () => Promise<void>, problem: RegExp) {
      await spoil();
      expect(await doors(account)).toMatchObject(listedByBase);
      const h = await health();
      expect(h.status).toBe('degraded');
      expect(h.delta.status).toBe('unused');
      expect(h.delta.problem).toMatch(problem);
    }

    test('missing, corrupt, stale, on another version', async () => {
      await verifyInD1(env.DB, account);
      await nightlyRun(env);
      await writeDelta(env);
      expect(await doors(account)).toMatchObject(listedByBase);
      const good = (await readDeltaKv())!;

      await spoiled(() => env.SNAPSHOTS.delete(DELTA_KEY), /^delta missing$/);
      await spoiled(() => env.SNAPSHOTS.put(DELTA_KEY, '{"format":1,"base":'), /^delta corrupt/);
      await spoiled(() => env.SNAPSHOTS.put(DELTA_KEY, JSON.stringify({ ...good, entries: [] })), /^delta corrupt: checksum mismatch$/);
      await spoiled(
        () => env.SNAPSHOTS.put(DELTA_KEY, JSON.stringify({ ...good, builtAt: new Date(Date.now() - 16 * MINUTE).toISOString() })),
        /^delta stale/,
      );
      const other = await deltaValue({ ...good, base: '20200101T000000Z-00000000' }, new Date());
      await spoiled(() => env.SNAPSHOTS.put(DELTA_KEY, JSON.stringify(other)), /^delta on another version/);
    });
  });
});

describe('the nightly run and rollback', () => {
  test('the nightly run folds the day in and starts an empty delta; the answers stay; a rollback drops the delta', async () => {
    const account = { type: 'bank', bank: '014', value: '7770005555' };
    await nightlyRun(env);
    await verifyInD1(env.DB, account);
    await writeDelta(env);
    expect(await doors(account)).toMatchObject({ get: 'reported', range: 1 });

    await nightlyRun(env);
    const live = await env.SNAPSHOTS.get('live');
    expect(await readDeltaKv()).toMatchObject({ base: live, entries: [], updatedAt: null, overflow: false });
    expect(await doors(account)).toMatchObject({ get: 'reported', post: 'reported', page: 'reported', range: 1 });
    expect(await health()).toMatchObject({ status: 'ok', delta: { status: 'ok', keys: 0 } });

    await rollback(kvNamespaceStore(env.SNAPSHOTS));
    expect(await readDeltaKv()).toBeNull();
    expect(await health()).toMatchObject({ status: 'degraded', delta: { status: 'unused', problem: 'delta missing' } });
    // The next minute's build puts the delta on the version rolled back to.
    await writeDelta(env);
    expect(await readDeltaKv()).toMatchObject({ base: await env.SNAPSHOTS.get('live') });
    expect(await doors(account)).toMatchObject({ get: 'reported', range: 1 });
  });
});

describe('where the next delta starts (manifest readFrom)', () => {
  test('a decision made while the nightly run publishes is in the next delta; one made before its read is in the base only', async () => {
    const before = { type: 'bank', bank: '014', value: '7770006661' };
    const meanwhile = { type: 'bank', bank: '014', value: '7770006662' };
    // Two minutes before the run: past the documented minute of margin before its read of D1.
    await verifyInD1(env.DB, before, new Date(Date.now() - 2 * MINUTE));
    await nightlyRun(env, [], () => verifyInD1(env.DB, meanwhile));
    const live = (await env.SNAPSHOTS.get('live'))!;
    const manifest = (await env.SNAPSHOTS.get<Manifest>(manifestKey(live), 'json'))!;
    expect(Date.parse(manifest.generatedAt) - Date.parse(manifest.readFrom!)).toBeGreaterThanOrEqual(MINUTE);

    const at = new Date(Date.now() + MINUTE);
    await writeDelta(env, at);
    const keys = (await readDeltaKv())!.entries.map(([key]) => key);
    expect(keys).toContain(lookupKey(parseIdentifier(meanwhile)));
    expect(keys).not.toContain(lookupKey(parseIdentifier(before)));
    expect(await doors(before)).toMatchObject({ get: 'reported', post: 'reported', page: 'reported', range: 1 });
    expect(await doors(meanwhile)).toMatchObject({ get: 'reported', post: 'reported', page: 'reported', range: 1 });
    // Rebuilt later from the same D1: the same delta.
    const first = (await readDeltaKv())!;
    await writeDelta(env, new Date(at.getTime() + 10 * MINUTE));
    expect({ ...(await readDeltaKv())!, builtAt: '' }).toEqual({ ...first, builtAt: '' });
  });
});

describe('a listing from an imported file', () => {
  test('a D1 decision on a key the base lists from a file never answers it "not reported"', async () => {
    // Last in this file: the fixture's version is named an hour ahead, after every nightlyRun above.
    await publishFixture(env.SNAPSHOTS, 1_500, 11, { generatedAt: new Date(Date.now() + 3_600_000) });
    const account = { type: 'bank', bank: '014', value: '1234567890' };
    expect(await doors(account)).toMatchObject({ get: 'reported' });
    const key = lookupKey(parseIdentifier(account));
    const now = new Date().toISOString();
    // A site report of the same account, rejected today: D1 holds no listed row of the key.
    await env.DB.prepare(
      `INSERT INTO reports (ref, type, value, bank, lookup_key, category, chronology, reporter_contact, status, created_at, decided_at, decided_by)
       VALUES ('CD-FILE-0001', 'bank', '1234567890', '014', ?, 'online_shopping', 'Ditolak.', 'x@example.com', 'rejected', ?, ?, 'admin-token')`,
    )
      .bind(key, now, now)
      .run();
    await writeDelta(env, new Date(Date.now() + 1000));
    expect((await readDeltaKv())!.entries.map(([k]) => k)).not.toContain(key);
    expect(await doors(account)).toMatchObject({ get: 'reported', post: 'reported', page: 'reported', range: 5 });
  });
});
