// Personal data past its retention period is deleted; what the snapshot counts
// stays; orphaned evidence goes; the Cron's outcome is recorded and a failure is
// visible. Every test starts from empty tables and an empty bucket and sets up
// its own data, so none depends on another or on their order.
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { PURGED, purgeExpired, purgeOrphanEvidence, readRetentionState } from '../../worker/reports/retention.ts';
import { BASE } from './reports-fixture.ts';

const NOW = new Date('2026-11-28T00:00:00Z');
const DAY = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY).toISOString();

async function report(ref: string, status: string, decidedDaysAgo: number | null, now = NOW, withEvidence = true) {
  await env.DB.prepare(
    `INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, channel, profile_url, chronology,
       reporter_contact, contact_hash, network_hash, status, created_at, decided_at, decided_by)
     VALUES (?1, 'bank', '5550001111', '014', 'bank:014:5550001111', 'online_shopping', 100000, 'instagram',
       'https://instagram.com/toko', 'cerita kronologi', 'siti@example.id', 'c0ffee', 'beef', ?2, ?3, ?4, 'admin-token')`,
  )
    .bind(ref, status, daysBefore(now, 800), decidedDaysAgo === null ? null : daysBefore(now, decidedDaysAgo))
    .run();
  if (withEvidence) {
    await env.EVIDENCE.put(`evidence/${ref}/1.png`, new Uint8Array([1, 2, 3]));
    await env.DB.prepare(
      `INSERT INTO evidence (id, report_ref, r2_key, content_type, size, created_at) VALUES (?1, ?2, ?3, 'image/png', 3, ?4)`,
    )
      .bind(`${ref}-1`, ref, `evidence/${ref}/1.png`, daysBefore(now, 800))
      .run();
  }
}

async function oldDispute(now = NOW) {
  await env.DB.prepare(
    `INSERT INTO disputes (ref, type, value, lookup_key, statement, contact, status, created_at, decided_at)
     VALUES ('DP-OLD', 'phone', '+6281234567890', 'tel:+6281234567890', 'bukan saya', 'pemilik@example.id', 'accepted', ?1, ?2)`,
  )
    .bind(daysBefore(now, 800), daysBefore(now, 400))
    .run();
}

const row = (ref: string) => env.DB.prepare('SELECT * FROM reports WHERE ref = ?').bind(ref).first<Record<string, unknown>>();
const NOTHING = { reportsScrubbed: 0, rejectedDeleted: 0, evidenceDeleted: 0, disputesScrubbed: 0, proofDeleted: 0, auditDeleted: 0, tokensDeleted: 0 };

beforeEach(async () => {
  await env.DB.batch(
    ['evidence', 'dispute_evidence', 'submission_tokens', 'reports', 'disputes', 'audit_log', 'ops_state'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
  const { objects } = await env.EVIDENCE.list();
  if (objects.length > 0) await env.EVIDENCE.delete(objects.map((o) => o.key));
});
afterEach(() => vi.restoreAllMocks());

describe('the daily retention purge', () => {
  test('scrubs personal data of reports decided over a year ago but keeps what the snapshot counts', async () => {
    await report('CD-OLD-VERIFIED', 'verified', 400);
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual({ ...NOTHING, reportsScrubbed: 1, evidenceDeleted: 1 });
    const old = await row('CD-OLD-VERIFIED');
    expect(old).toMatchObject({ status: 'verified', lookup_key: 'bank:014:5550001111', category: 'online_shopping', loss_idr: 100000 });
    // The keyed hashes of the contact and network go with the contact: pseudonymous data is still personal data.
    expect(old).toMatchObject({ reporter_contact: PURGED, chronology: PURGED, profile_url: null, contact_hash: null, network_hash: null });
    expect(await env.EVIDENCE.get('evidence/CD-OLD-VERIFIED/1.png')).toBeNull();
  });

  test('deletes rejected reports after six months, keeps recent and pending ones whole', async () => {
    await report('CD-OLD-REJECTED', 'rejected', 200);
    for (const [ref, status, days] of [['CD-NEW-VERIFIED', 'verified', 30], ['CD-NEW-REJECTED', 'rejected', 30], ['CD-OLD-PENDING', 'pending', null]] as const) {
      await report(ref, status, days);
    }
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual({ ...NOTHING, rejectedDeleted: 1, evidenceDeleted: 1 });
    expect(await row('CD-OLD-REJECTED')).toBeNull();
    expect(await env.EVIDENCE.get('evidence/CD-OLD-REJECTED/1.png')).toBeNull();
    for (const ref of ['CD-NEW-VERIFIED', 'CD-NEW-REJECTED', 'CD-OLD-PENDING']) {
      expect(await row(ref)).toMatchObject({ reporter_contact: 'siti@example.id', chronology: 'cerita kronologi' });
      expect(await env.EVIDENCE.get(`evidence/${ref}/1.png`)).not.toBeNull();
    }
  });

  test('scrubs old dispute contacts, drops old audit rows, and audits itself; a second run changes nothing', async () => {
    await oldDispute();
    await env.DB.prepare(`INSERT INTO audit_log (at, actor, action, subject) VALUES (?1, 'a', 'verify', 'CD-X'), (?2, 'a', 'verify', 'CD-Y')`)
      .bind(daysBefore(NOW, 800), daysBefore(NOW, 10))
      .run();
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual({ ...NOTHING, disputesScrubbed: 1, auditDeleted: 1 });
    const dispute = await env.DB.prepare(`SELECT contact, statement, status FROM disputes WHERE ref = 'DP-OLD'`).first();
    expect(dispute).toEqual({ contact: PURGED, statement: PURGED, status: 'accepted' });
    const purges = await env.DB.prepare(`SELECT detail FROM audit_log WHERE actor = 'retention'`).all<{ detail: string }>();
    expect(purges.results).toHaveLength(1);
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual(NOTHING);
  });
});

describe('the form data of issue 17: the decision e-mail, proofs of ownership, submission tokens', () => {
  /** A dispute decided `decidedDaysAgo` days ago (null: pending) with one proof file in R2. */
  async function disputeWithProof(ref: string, decidedDaysAgo: number | null) {
    await env.DB.prepare(
      `INSERT INTO disputes (ref, type, value, lookup_key, statement, contact, status, created_at, decided_at)
       VALUES (?1, 'phone', '+6281234567890', 'tel:+6281234567890', 'milik saya', 'pemilik@example.id', ?2, ?3, ?4)`,
    )
      .bind(ref, decidedDaysAgo === null ? 'pending' : 'rejected', daysBefore(NOW, 800), decidedDaysAgo === null ? null : daysBefore(NOW, decidedDaysAgo))
      .run();
    await env.EVIDENCE.put(`proof/${ref}/1`, new Uint8Array([1, 2, 3]));
    await env.DB.prepare(
      `INSERT INTO dispute_evidence (id, dispute_ref, r2_key, content_type, size, sha256, created_at) VALUES (?1, ?2, ?3, 'image/png', 3, 'ab', ?4)`,
    )
      .bind(`${ref}-1`, ref, `proof/${ref}/1`, daysBefore(NOW, 800))
      .run();
  }

  test('the reporter’s e-mail goes with the contact, a year after the decision; a recent one stays', async () => {
    await report('CD-OLD-MAIL', 'verified', 400);
    await report('CD-NEW-MAIL', 'verified', 30);
    await env.DB.prepare(`UPDATE reports SET reporter_email = 'kabari@example.id'`).run();
    await purgeExpired(env.DB, env.EVIDENCE, NOW);
    expect(await row('CD-OLD-MAIL')).toMatchObject({ reporter_email: null, reporter_contact: PURGED });
    expect(await row('CD-NEW-MAIL')).toMatchObject({ reporter_email: 'kabari@example.id' });
  });

  test('a dispute’s proof (row and R2 object) goes with its contact; a pending or recent one stays', async () => {
    await disputeWithProof('DP-OLD-PROOF', 400);
    await disputeWithProof('DP-NEW-PROOF', 30);
    await disputeWithProof('DP-PENDING-PROOF', null);
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual({ ...NOTHING, disputesScrubbed: 1, proofDeleted: 1 });
    expect(await env.EVIDENCE.head('proof/DP-OLD-PROOF/1')).toBeNull();
    const left = await env.DB.prepare('SELECT dispute_ref FROM dispute_evidence ORDER BY dispute_ref').all<{ dispute_ref: string }>();
    expect(left.results.map((r) => r.dispute_ref)).toEqual(['DP-NEW-PROOF', 'DP-PENDING-PROOF']);
    for (const ref of ['DP-NEW-PROOF', 'DP-PENDING-PROOF']) expect(await env.EVIDENCE.head(`proof/${ref}/1`)).not.toBeNull();
  });

  test('submission tokens go after 30 days', async () => {
    await env.DB.prepare(`INSERT INTO submission_tokens (token, kind, ref, created_at) VALUES ('a', 'report', 'CD-A', ?1), ('b', 'report', 'CD-B', ?2)`)
      .bind(daysBefore(NOW, 31), daysBefore(NOW, 29))
      .run();
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual({ ...NOTHING, tokensDeleted: 1 });
    const left = await env.DB.prepare('SELECT token FROM submission_tokens').all<{ token: string }>();
    expect(left.results).toEqual([{ token: 'b' }]);
  });

  test('an orphaned proof object goes like orphaned evidence; one with its row stays', async () => {
    await disputeWithProof('DP-KEPT', null);
    await env.EVIDENCE.put('proof/DP-ORPHAN/1', new Uint8Array([1]));
    expect(await purgeOrphanEvidence(env.DB, env.EVIDENCE, new Date(Date.now() + 2 * DAY))).toBe(1);
    expect(await env.EVIDENCE.head('proof/DP-ORPHAN/1')).toBeNull();
    expect(await env.EVIDENCE.head('proof/DP-KEPT/1')).not.toBeNull();
  });
});

describe('orphaned evidence', () => {
  test('an object with no D1 row goes once it is over a day old; one with a row, or a young one, stays', async () => {
    await report('CD-KEPT', 'pending', null);
    await env.EVIDENCE.put('evidence/CD-ORPHAN/1.png', new Uint8Array([1]));
    await env.EVIDENCE.put('evidence/CD-ORPHAN/2.pdf', new Uint8Array([2]));
    await env.EVIDENCE.put('elsewhere/not-evidence.bin', new Uint8Array([3]));

    // Just written: it may belong to a submission still writing its rows.
    expect(await purgeOrphanEvidence(env.DB, env.EVIDENCE, new Date())).toBe(0);
    expect(await env.EVIDENCE.head('evidence/CD-ORPHAN/1.png')).not.toBeNull();

    expect(await purgeOrphanEvidence(env.DB, env.EVIDENCE, new Date(Date.now() + 2 * DAY))).toBe(2);
    expect(await env.EVIDENCE.head('evidence/CD-ORPHAN/1.png')).toBeNull();
    expect(await env.EVIDENCE.head('evidence/CD-ORPHAN/2.pdf')).toBeNull();
    expect(await env.EVIDENCE.head('evidence/CD-KEPT/1.png')).not.toBeNull();
    expect(await env.EVIDENCE.head('elsewhere/not-evidence.bin')).not.toBeNull();
  });

  test('more objects than one listing page (1,000) are all checked', async () => {
    const keys = Array.from({ length: 1_001 }, (_, i) => `evidence/CD-MANY/${i}`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => env.EVIDENCE.put(key, new Uint8Array([1]))));
    expect(await purgeOrphanEvidence(env.DB, env.EVIDENCE, new Date(Date.now() + 2 * DAY))).toBe(1_001);
    expect((await env.EVIDENCE.list({ prefix: 'evidence/' })).objects).toHaveLength(0);
  }, 60_000);
});

describe('the Cron Trigger', () => {
  /** A fake ScheduledController and ExecutionContext; resolves once every waitUntil promise settled. */
  async function runCron(bindings: Env): Promise<PromiseSettledResult<unknown>[]> {
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
    const controller = { cron: '0 20 * * *', scheduledTime: Date.now(), noRetry: () => {} } as ScheduledController;
    await worker.scheduled(controller, bindings, ctx);
    return Promise.allSettled(pending);
  }
  const health = async () => (await exports.default.fetch(new Request(`${BASE}/api/v1/health`))).json<any>();

  test('scheduled() purges expired data and orphans, records the success, and health shows it', async () => {
    const now = new Date();
    await report('CD-CRON-OLD', 'rejected', 200, now);
    await report('CD-CRON-NEW', 'verified', 5, now);
    await oldDispute(now);
    const log = vi.spyOn(console, 'log');

    const outcomes = await runCron(env as unknown as Env);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled']);
    expect(await row('CD-CRON-OLD')).toBeNull();
    expect(await env.EVIDENCE.head('evidence/CD-CRON-OLD/1.png')).toBeNull();
    expect(await row('CD-CRON-NEW')).toMatchObject({ reporter_contact: 'siti@example.id' });
    expect(await env.DB.prepare(`SELECT contact FROM disputes WHERE ref = 'DP-OLD'`).first()).toEqual({ contact: PURGED });

    const state = await readRetentionState(env.DB);
    expect(state?.lastErrorAt).toBeNull();
    expect(Date.parse(state!.lastSuccessAt!)).toBeGreaterThanOrEqual(now.getTime());
    expect((await health()).retention).toEqual(state);
    expect(log.mock.calls.flat().join('\n')).toContain('cekdulu: retention purge {');
  });

  test('a purge that fails is logged as an error (nothing personal), recorded, and shown by health; the run fails', async () => {
    await report('CD-CRON-FAIL', 'rejected', 200, new Date());
    const error = vi.spyOn(console, 'error');
    // D1 answers reads and single statements but its batch (the purge itself) fails.
    const failingDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') return async () => { throw new Error('D1_ERROR: database is locked'); };
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    const outcomes = await runCron({ ...(env as unknown as Env), DB: failingDb });
    expect(outcomes.map((o) => o.status)).toEqual(['rejected']);
    const lines = error.mock.calls.map((args) => args.join(' '));
    expect(lines.some((l) => l.includes('cekdulu: retention purge FAILED: Error: D1_ERROR: database is locked'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain('siti@example.id');
      expect(line).not.toContain('cerita kronologi');
    }
    const retention = (await health()).retention;
    expect(retention.lastSuccessAt).toBeNull();
    expect(Date.parse(retention.lastErrorAt)).toBeGreaterThan(0);
  });

  test('when D1 is down entirely the failure is still logged, and health answers with retention null', async () => {
    const error = vi.spyOn(console, 'error');
    const deadDb = new Proxy(env.DB, {
      get() {
        return () => { throw new Error('D1 binding unavailable'); };
      },
    });
    const outcomes = await runCron({ ...(env as unknown as Env), DB: deadDb });
    expect(outcomes.map((o) => o.status)).toEqual(['rejected']);
    const lines = error.mock.calls.map((args) => args.join(' '));
    expect(lines.some((l) => l.includes('cekdulu: retention purge FAILED'))).toBe(true);
    expect(lines.some((l) => l.includes('could not be recorded'))).toBe(true);
    expect(await readRetentionState(deadDb)).toBeNull();
  });
});
