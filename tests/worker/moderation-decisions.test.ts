// Decisions under the listing policy (worker/admin/decisions.ts): four eyes,
// reasons, two moderators at once (a report decided meanwhile is a conflict,
// never overwritten), undo within 5 minutes by the same moderator of the newest
// decision only, proof of ownership and a second moderator before a dispute is
// accepted, the keyed hashes stored at intake.
// Moderators other than the local token are played by calling the module with
// their name, as the route does after authentication.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { candidates, decide, undoDecision } from '../../worker/admin/decisions.ts';
import { decideDispute } from '../../worker/admin/moderation.ts';
import { newReference } from '../../worker/reports/reference.ts';
import { PNG, admin, formOf, markSeen, postForm, postJson, insertPendingReport, validReport } from './reports-fixture.ts';

const db = env.DB;
let accountNo = 0;

/** A fresh account with `n` pending reports (the first `withEvidence` of them with a file). */
async function group(n: number, withEvidence = 0): Promise<{ key: string; refs: string[] }> {
  const value = String(8_100_000_000 + accountNo++);
  const key = `bank:014:${value}`;
  const refs: string[] = [];
  const at = new Date(Date.now() - 86_400_000).toISOString();
  for (let i = 0; i < n; i++) {
    const ref = newReference('CD');
    refs.push(ref);
    await insertPendingReport(db, ref, value, key, at);
    if (i < withEvidence) {
      await db.prepare(`INSERT INTO evidence (id, report_ref, r2_key, content_type, size, created_at) VALUES (?, ?, ?, 'image/png', 10, ?)`)
        .bind(`${ref}-1`, ref, `evidence/${ref}/1`, at).run();
    }
  }
  // Opened by the token's moderator (the API verifies only what was seen), the files checked: worker/admin/seen.ts.
  await markSeen(db, refs);
  return { key, refs };
}

/** The undo window as docs/reports.md states it, written out: not the constant that implements it. */
const FIVE_MINUTES = 5 * 60 * 1000;

const row = (ref: string) =>
  db.prepare('SELECT status, decided_by, first_verified_by, confirmed_by, decision_reason, decision_note FROM reports WHERE ref = ?').bind(ref).first<any>();

const decideAs = async (actor: string, key: string, decision: 'verify' | 'reject', refs: string[] | null = null, reason: string | null = null, now?: Date) =>
  decide(db, await candidates(db, refs, key), { decision, reason, note: null, actor, ...(now ? { now } : {}) }, key);

describe('four eyes: verifying needs an evidence file or a second moderator', () => {
  test('with evidence one moderator verifies; without, the first verify waits and only a different moderator confirms it', async () => {
    const { key, refs } = await group(3, 1);
    const [withFile, bare1, bare2] = refs as [string, string, string];

    const first = await decideAs('alice', key, 'verify');
    expect(first.verified).toEqual([withFile]);
    expect(first.awaitingConfirmation.sort()).toEqual([bare1, bare2].sort());
    expect(await row(bare1)).toMatchObject({ status: 'pending', first_verified_by: 'alice', confirmed_by: null });

    // The same moderator again: still waiting, nothing changes.
    const again = await decideAs('alice', key, 'verify');
    expect(again.verified).toEqual([]);
    expect(again.awaitingConfirmation.sort()).toEqual([bare1, bare2].sort());
    expect(await row(bare1)).toMatchObject({ status: 'pending', first_verified_by: 'alice' });

    const second = await decideAs('bob', key, 'verify');
    expect(second.verified.sort()).toEqual([bare1, bare2].sort());
    expect(await row(bare1)).toMatchObject({ status: 'verified', first_verified_by: 'alice', confirmed_by: 'bob', decided_by: 'bob' });
    expect(await row(withFile)).toMatchObject({ status: 'verified', confirmed_by: null, decided_by: 'alice' });
  });

  test('the single-report endpoint enforces it too, and the group endpoint answers what waits', async () => {
    const { key, refs } = await group(2);
    const single = await admin(`/api/v1/admin/reports/${refs[0]}/decision`, { method: 'POST', body: { decision: 'verify' } });
    expect(await single.json<any>()).toEqual({ ref: refs[0], status: 'pending', awaitingConfirmation: true });
    expect(await row(refs[0]!)).toMatchObject({ status: 'pending', first_verified_by: 'admin-token' });

    const res = await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}/decision`, { method: 'POST', body: { decision: 'verify', reason: 'independent_reporters' } });
    const body = await res.json<any>();
    expect(body).toMatchObject({ verified: [], rejected: [], conflicts: [] });
    expect(body.awaitingConfirmation.sort()).toEqual([...refs].sort());
    const queue = await (await admin('/api/v1/admin/queue?limit=100')).json<any>();
    expect(queue.groups.find((g: any) => g.key === key)).toMatchObject({ pending: 2, awaitingConfirmation: 2 });
    const metrics = await (await admin('/api/v1/admin/metrics')).json<any>();
    expect(metrics.awaitingConfirmation).toBeGreaterThanOrEqual(2);
  });
});

describe('reasons', () => {
  test('a rejection needs a listed reject reason; a verify may carry a verify reason; the note is kept', async () => {
    const { key, refs } = await group(2);
    const url = `/api/v1/admin/queue/${encodeURIComponent(key)}/decision`;
    for (const body of [{ decision: 'reject' }, { decision: 'reject', reason: 'made_up' }, { decision: 'reject', reason: 'evidence_matches' }, { decision: 'verify', reason: 'no_evidence' }]) {
      const res = await admin(url, { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json<any>()).error).toMatchObject({ code: 'invalid_reason', field: 'reason' });
    }
    expect(await row(refs[0]!)).toMatchObject({ status: 'pending' });
    const res = await admin(url, { method: 'POST', body: { decision: 'reject', reason: 'no_evidence', note: 'Hanya tangkapan layar obrolan.', refs: [refs[0]] } });
    expect(await res.json<any>()).toMatchObject({ rejected: [refs[0]], conflicts: [] });
    expect(await row(refs[0]!)).toMatchObject({ status: 'rejected', decision_reason: 'no_evidence', decision_note: 'Hanya tangkapan layar obrolan.' });
    expect(await row(refs[1]!)).toMatchObject({ status: 'pending' });

    const list = await (await admin('/api/v1/admin/reasons')).json<any>();
    expect(list.reasons).toContainEqual({ code: 'no_evidence', id: 'Bukti tidak cukup', en: 'Not enough evidence', for: 'reject' });
    expect(new Set(list.reasons.map((r: any) => r.for))).toEqual(new Set(['verify', 'reject', 'accept', 'dismiss']));
  });

  test('refs outside the group, or not references, are refused and change nothing', async () => {
    const a = await group(1);
    const b = await group(1);
    const url = `/api/v1/admin/queue/${encodeURIComponent(a.key)}/decision`;
    expect((await admin(url, { method: 'POST', body: { decision: 'reject', reason: 'duplicate', refs: b.refs } })).status).toBe(404);
    expect((await admin(url, { method: 'POST', body: { decision: 'reject', reason: 'duplicate', refs: ['<script>'] } })).status).toBe(400);
    expect((await admin(url, { method: 'POST', body: { decision: 'reject', reason: 'duplicate', refs: [] } })).status).toBe(400);
    expect(await row(b.refs[0]!)).toMatchObject({ status: 'pending' });
  });
});

describe('two moderators at once', () => {
  test('a report decided by someone else meanwhile is a conflict, never overwritten', async () => {
    const { key, refs } = await group(4, 4);
    // Both read the group while everything is pending…
    const seenByAlice = await candidates(db, null, key);
    const seenByBob = await candidates(db, null, key);
    // …Alice rejects two of them first, then Bob verifies the whole group as he saw it.
    const alice = await decide(db, seenByAlice.filter((c) => refs.slice(0, 2).includes(c.ref)), { decision: 'reject', reason: 'false_report', note: null, actor: 'alice' }, key);
    expect(alice.rejected.sort()).toEqual(refs.slice(0, 2).sort());
    const bob = await decide(db, seenByBob, { decision: 'verify', reason: null, note: null, actor: 'bob' }, key);
    expect(bob.verified.sort()).toEqual(refs.slice(2).sort());
    expect(bob.conflicts.sort((x, y) => x.ref.localeCompare(y.ref))).toEqual(
      refs.slice(0, 2).sort().map((ref) => ({ ref, status: 'rejected', decidedBy: 'alice' })),
    );
    for (const ref of refs.slice(0, 2)) expect(await row(ref)).toMatchObject({ status: 'rejected', decided_by: 'alice', decision_reason: 'false_report' });
    // Only the decisions that happened are audited: two rejections, two verifications.
    const { results } = await db.prepare(`SELECT action, actor FROM audit_log WHERE subject IN (SELECT value FROM json_each(?)) AND action NOT LIKE 'view%'`).bind(JSON.stringify(refs)).all<any>();
    expect(results.map((r) => `${r.actor}:${r.action}`).sort()).toEqual(['alice:reject', 'alice:reject', 'bob:verify', 'bob:verify']);
  });

  test('two batches racing for the same reports: each report decided once', async () => {
    const { key, refs } = await group(6, 6);
    const [a, b] = await Promise.all([candidates(db, null, key), candidates(db, null, key)]);
    const [x, y] = await Promise.all([
      decide(db, a, { decision: 'verify', reason: null, note: null, actor: 'alice' }, key),
      decide(db, b, { decision: 'reject', reason: 'duplicate', note: null, actor: 'bob' }, key),
    ]);
    const decided = [...x.verified, ...x.rejected, ...y.verified, ...y.rejected].sort();
    expect(decided).toEqual([...refs].sort());
    expect([...x.conflicts, ...y.conflicts].map((c) => c.ref).sort()).toEqual([...refs].sort());
  });

  test('through the API: refs decided meanwhile come back in conflicts with who decided them', async () => {
    const { key, refs } = await group(2, 2);
    await decideAs('alice', key, 'reject', [refs[0]!], 'duplicate');
    const res = await admin(`/api/v1/admin/queue/${encodeURIComponent(key)}/decision`, { method: 'POST', body: { decision: 'verify', refs } });
    expect(await res.json<any>()).toMatchObject({ verified: [refs[1]], conflicts: [{ ref: refs[0], status: 'rejected', decidedBy: 'alice' }] });
  });
});

describe('undo', () => {
  test('the same moderator, within 5 minutes, puts the group back as it was; once', async () => {
    const { key, refs } = await group(3, 1);
    const decided = await decideAs('admin-token', key, 'verify');
    expect(decided.verified).toHaveLength(1);
    expect(decided.awaitingConfirmation).toHaveLength(2);
    const res = await admin(`/api/v1/admin/decisions/${decided.decisionId}/undo`, { method: 'POST', body: {} });
    expect(res.status).toBe(200);
    expect((await res.json<any>()).undone).toEqual([...refs].sort());
    for (const ref of refs) expect(await row(ref)).toMatchObject({ status: 'pending', decided_by: null, first_verified_by: null });
    const twice = await admin(`/api/v1/admin/decisions/${decided.decisionId}/undo`, { method: 'POST', body: {} });
    expect(twice.status).toBe(409);
    expect((await twice.json<any>()).error.code).toBe('undo_conflict');
  });

  test("someone else's decision cannot be undone; nor one older than 5 minutes", async () => {
    const { key, refs } = await group(2, 2);
    const decided = await decideAs('alice', key, 'reject', null, 'not_fraud');
    const notMine = await admin(`/api/v1/admin/decisions/${decided.decisionId}/undo`, { method: 'POST', body: {} });
    expect(notMine.status).toBe(404);
    expect((await notMine.json<any>()).error.code).toBe('decision_not_found');
    const late = new Date(Date.now() + FIVE_MINUTES + 1_000);
    await expect(undoDecision(db, decided.decisionId, 'alice', late)).rejects.toMatchObject({ code: 'undo_expired', status: 409 });
    const inTime = new Date(Date.now() + FIVE_MINUTES - 5_000);
    expect((await undoDecision(db, decided.decisionId, 'alice', inTime)).undone).toEqual([...refs].sort());
  });

  test('an undo that is no longer the newest decision on all its reports is refused whole and changes nothing', async () => {
    const { key, refs } = await group(2);
    const first = await decideAs('alice', key, 'verify');
    expect(first.awaitingConfirmation).toHaveLength(2);
    await decideAs('bob', key, 'verify', [refs[0]!]); // Bob confirms one
    await expect(undoDecision(db, first.decisionId, 'alice')).rejects.toMatchObject({ code: 'undo_superseded', status: 409 });
    expect(await row(refs[0]!)).toMatchObject({ status: 'verified', first_verified_by: 'alice', confirmed_by: 'bob' });
    expect(await row(refs[1]!)).toMatchObject({ status: 'pending', first_verified_by: 'alice' });
    expect(await db.prepare('SELECT undone_at FROM decisions WHERE id = ?').bind(first.decisionId).first()).toEqual({ undone_at: null });
  });

  test('A verifies, B confirms, A undoes: refused; B undoes, then A: the report is exactly as before, and B alone cannot verify it', async () => {
    const { key, refs } = await group(1);
    const ref = refs[0]!;
    const before = await db.prepare('SELECT * FROM reports WHERE ref = ?').bind(ref).first();
    const byAlice = await decideAs('alice', key, 'verify');
    const byBob = await decideAs('bob', key, 'verify');
    expect(byBob.verified).toEqual([ref]);

    // Alice's first verify is no longer the newest decision on the report: her undo changes nothing.
    await expect(undoDecision(db, byAlice.decisionId, 'alice')).rejects.toMatchObject({ code: 'undo_superseded', status: 409 });
    expect(await row(ref)).toMatchObject({ status: 'verified', first_verified_by: 'alice', confirmed_by: 'bob', decided_by: 'bob' });

    // Newest first: Bob's confirmation, then Alice's verify.
    expect((await undoDecision(db, byBob.decisionId, 'bob')).undone).toEqual([ref]);
    expect(await row(ref)).toMatchObject({ status: 'pending', first_verified_by: 'alice', confirmed_by: null, decided_by: null });
    expect((await undoDecision(db, byAlice.decisionId, 'alice')).undone).toEqual([ref]);
    expect(await db.prepare('SELECT * FROM reports WHERE ref = ?').bind(ref).first()).toEqual(before);

    // Alice's verification is withdrawn: Bob's verify is a first one again, not a confirmation.
    const again = await decideAs('bob', key, 'verify');
    expect(again).toMatchObject({ verified: [], awaitingConfirmation: [ref] });
    expect(await row(ref)).toMatchObject({ status: 'pending', first_verified_by: 'bob', confirmed_by: null });
  });

  test('a verification whose account was since disputed cannot be undone', async () => {
    const { key, refs } = await group(1, 1);
    const decided = await decideAs('alice', key, 'verify');
    await db.prepare(`UPDATE reports SET status = 'disputed', decided_by = 'carol', decided_at = ? WHERE ref = ?`).bind(new Date().toISOString(), refs[0]).run();
    await expect(undoDecision(db, decided.decisionId, 'alice')).rejects.toMatchObject({ code: 'undo_superseded' });
    expect(await row(refs[0]!)).toMatchObject({ status: 'disputed', decided_by: 'carol' });
  });
});

describe('accepting a dispute needs a proof of ownership, a reason and two different moderators', () => {
  async function dispute(withProof: boolean): Promise<string> {
    const { key } = await group(1, 1);
    const value = key.split(':')[2]!;
    const ref = newReference('DP');
    await db.prepare(`INSERT INTO disputes (ref, type, value, bank, lookup_key, statement, contact, created_at) VALUES (?, 'bank', ?, '014', ?, 'Milik saya', 'o@example.com', ?)`)
      .bind(ref, value, key, new Date().toISOString()).run();
    if (withProof) {
      await db.prepare(`INSERT INTO dispute_evidence (id, dispute_ref, r2_key, content_type, size, created_at) VALUES (?, ?, ?, 'image/png', 10, ?)`)
        .bind(`${ref}-1`, ref, `proof/${ref}/1`, new Date().toISOString()).run();
    }
    return ref;
  }

  test('without a proof file: 409 dispute_needs_proof; without a reason: 400; with both: accepted, the note kept', async () => {
    const bare = await dispute(false);
    const res = await admin(`/api/v1/admin/disputes/${bare}/decision`, { method: 'POST', body: { decision: 'accept', reason: 'ownership_proven' } });
    expect(res.status).toBe(409);
    expect((await res.json<any>()).error.code).toBe('dispute_needs_proof');
    // Rejecting needs no proof.
    expect((await admin(`/api/v1/admin/disputes/${bare}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'ownership_not_proven' } })).status).toBe(200);

    const proven = await dispute(true);
    const noReason = await admin(`/api/v1/admin/disputes/${proven}/decision`, { method: 'POST', body: { decision: 'accept' } });
    expect(noReason.status).toBe(400);
    expect((await noReason.json<any>()).error).toMatchObject({ code: 'invalid_decision', field: 'reason' });
    expect(await decideDispute(db, proven, 'accept', 'ownership_proven', 'alice')).toEqual({ status: 'pending', reportsDisputed: 0, awaitingConfirmation: true });
    const ok = await admin(`/api/v1/admin/disputes/${proven}/decision`, { method: 'POST', body: { decision: 'accept', reason: 'ownership_proven', note: 'Rekening koran cocok.' } });
    expect(await ok.json<any>()).toMatchObject({ ref: proven, status: 'accepted' });
    expect(await db.prepare('SELECT decision_reason, decision_note FROM disputes WHERE ref = ?').bind(proven).first()).toEqual({
      decision_reason: 'ownership_proven', decision_note: 'Rekening koran cocok.',
    });
    await expect(decideDispute(db, proven, 'accept', 'x', 'bob')).rejects.toMatchObject({ code: 'already_decided' });
  });

  test('the first accept waits; the same moderator again changes nothing; a second, different moderator delists the account', async () => {
    const ref = await dispute(true);
    const { lookup_key: key } = (await db.prepare('SELECT lookup_key FROM disputes WHERE ref = ?').bind(ref).first<{ lookup_key: string }>())!;
    await db.prepare(`UPDATE reports SET status = 'verified', decided_by = 'carol', decided_at = ? WHERE lookup_key = ?`).bind(new Date().toISOString(), key).run();
    const reportStatus = async () => (await db.prepare('SELECT status FROM reports WHERE lookup_key = ?').bind(key).first<{ status: string }>())!.status;
    const disputeRow = () => db.prepare('SELECT status, first_accepted_by, confirmed_by, decided_by FROM disputes WHERE ref = ?').bind(ref).first();

    const url = `/api/v1/admin/disputes/${ref}/decision`;
    const first = await admin(url, { method: 'POST', body: { decision: 'accept', reason: 'ownership_proven' } });
    expect(await first.json<any>()).toEqual({ ref, status: 'pending', reportsDisputed: 0, awaitingConfirmation: true });
    expect(await disputeRow()).toEqual({ status: 'pending', first_accepted_by: 'admin-token', confirmed_by: null, decided_by: null });
    expect(await reportStatus()).toBe('verified');
    const listed = await (await admin('/api/v1/admin/disputes?status=pending')).json<any>();
    expect(listed.disputes.find((d: any) => d.ref === ref)).toMatchObject({ status: 'pending', firstAcceptedBy: 'admin-token' });

    const again = await admin(url, { method: 'POST', body: { decision: 'accept', reason: 'ownership_proven' } });
    expect(await again.json<any>()).toEqual({ ref, status: 'pending', reportsDisputed: 0, awaitingConfirmation: true });
    expect(await reportStatus()).toBe('verified');

    expect(await decideDispute(db, ref, 'accept', 'ownership_proven', 'bob')).toMatchObject({ status: 'accepted', reportsDisputed: 1, delisting: { id: expect.any(Number) } });
    expect(await disputeRow()).toEqual({ status: 'accepted', first_accepted_by: 'admin-token', confirmed_by: 'bob', decided_by: 'bob' });
    expect(await reportStatus()).toBe('disputed');
    const { results } = await db.prepare('SELECT actor, action FROM audit_log WHERE subject = ? ORDER BY id').bind(ref).all<any>();
    expect(results.map((r) => `${r.actor}:${r.action}`)).toEqual(['admin-token:dispute_accept_first', 'bob:dispute_accept']);
  });

  test('rejecting a dispute takes one moderator, even after a first accept', async () => {
    const ref = await dispute(true);
    await decideDispute(db, ref, 'accept', 'ownership_proven', 'alice');
    expect(await decideDispute(db, ref, 'reject', 'ownership_not_proven', 'alice')).toEqual({ status: 'rejected', reportsDisputed: 0 });
  });
});

describe('intake stores keyed hashes, never the contact in them', () => {
  const hashes = async (ref: string) => db.prepare('SELECT contact_hash, network_hash FROM reports WHERE ref = ?').bind(ref).first<any>();

  test('one contact typed two ways and one /24 give one hash each; another network another hash; the evidence SHA-256 of its bytes', async () => {
    const send = async (contact: string, ip: string) =>
      (await (await postJson('/api/v1/reports', validReport({ contact, value: '5551110001' }), { 'CF-Connecting-IP': ip })).json<any>()).ref as string;
    const a = await hashes(await send('0812-3456-7890', '198.51.100.7'));
    const b = await hashes(await send('+62 812 3456 7890', '198.51.100.200'));
    const c = await hashes(await send('Budi@Example.com', '203.0.113.9'));
    const d = await hashes(await send('budi@example.com', '2001:db8:1:2:aaaa::1'));
    const e = await hashes(await send('budi@example.com', '2001:db8:1:2:bbbb::2'));
    expect(a.contact_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.contact_hash).toBe(a.contact_hash);
    expect(b.network_hash).toBe(a.network_hash);
    expect(c.contact_hash).not.toBe(a.contact_hash);
    expect(c.network_hash).not.toBe(a.network_hash);
    expect(d.contact_hash).toBe(c.contact_hash);
    expect(e.network_hash).toBe(d.network_hash);
    expect(JSON.stringify([a, b, c, d])).not.toMatch(/budi|0812|6281|198\.51/i);

    const filed = await postForm('/api/v1/reports', formOf(validReport({ value: '5551110002' }), [{ bytes: PNG, name: 'a.png', type: 'image/png' }]), { Accept: 'application/json' });
    const { ref } = await filed.json<any>();
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', PNG))].map((x) => x.toString(16).padStart(2, '0')).join('');
    expect(await db.prepare('SELECT sha256 FROM evidence WHERE report_ref = ?').bind(ref).first()).toEqual({ sha256: digest });
  });
});

describe('the new write routes are guarded like the old ones', () => {
  test('no moderator: 401; another site or a non-JSON body: 403; nothing changes', async () => {
    const { key, refs } = await group(1, 1);
    const paths = [`/api/v1/admin/queue/${encodeURIComponent(key)}/decision`, '/api/v1/admin/decisions/1/undo', `/api/v1/admin/queue/${encodeURIComponent(key)}`];
    for (const path of paths) {
      const method = path.endsWith('/undo') || path.endsWith('/decision') ? 'POST' : 'GET';
      const body = method === 'POST' ? { decision: 'verify' } : undefined;
      expect((await admin(path, { method, body, headers: { Authorization: '' } })).status, path).toBe(401);
      if (method === 'POST') {
        expect((await admin(path, { method, body: { decision: 'verify' }, headers: { Origin: 'https://evil.example' } })).status, path).toBe(403);
        expect((await admin(path, { method, body: { decision: 'verify' }, headers: { 'Content-Type': 'text/plain' } })).status, path).toBe(403);
      }
    }
    expect(await row(refs[0]!)).toMatchObject({ status: 'pending' });
  });
});
