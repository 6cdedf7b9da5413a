// Moderation that cannot list by accident (issue 29): a moderator verifies only
// what they opened — the chronology and every evidence file, as the audit log
// records it — and an evidence file counts for four eyes only when its bytes are
// stored and of the recorded type.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { newReference } from '../../worker/reports/reference.ts';
import { PDF, PNG, admin, postJson, insertPendingReport, validReport } from './reports-fixture.ts';

const db = env.DB;
let accountNo = 0;

/** A fresh account with one pending report per entry; an entry is that report's evidence: stored bytes, a missing object, or none. */
async function group(files: Array<'none' | Uint8Array | 'missing'>): Promise<{ key: string; refs: string[] }> {
  const value = String(8_300_000_000 + accountNo++);
  const key = `bank:014:${value}`;
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const refs: string[] = [];
  for (const file of files) {
    const ref = newReference('CD');
    refs.push(ref);
    await insertPendingReport(db, ref, value, key, at);
    if (file === 'none') continue;
    const r2Key = `evidence/${ref}/1`;
    await db.prepare(`INSERT INTO evidence (id, report_ref, r2_key, content_type, size, created_at) VALUES (?, ?, ?, 'image/png', 16, ?)`)
      .bind(`${ref}-1`, ref, r2Key, at).run();
    if (file !== 'missing') await env.EVIDENCE.put(r2Key, file);
  }
  return { key, refs };
}

const groupPath = (key: string) => `/api/v1/admin/queue/${encodeURIComponent(key)}`;
const verify = (key: string, refs?: string[]) =>
  admin(`${groupPath(key)}/decision`, { method: 'POST', body: { decision: 'verify', ...(refs ? { refs } : {}) } });
const status = async (ref: string) => (await db.prepare('SELECT status FROM reports WHERE ref = ?').bind(ref).first<{ status: string }>())!.status;

describe('seen before decided: the API verifies only reports this moderator opened', () => {
  test('a verify of a group nobody opened is refused 409 not_seen and lists nothing', async () => {
    const { key, refs } = await group([PNG]);
    const res = await verify(key);
    expect(res.status).toBe(409);
    expect((await res.json<any>()).error.code).toBe('not_seen');
    expect(await status(refs[0]!)).toBe('pending');
    // The single-report endpoint too.
    const single = await admin(`/api/v1/admin/reports/${refs[0]}/decision`, { method: 'POST', body: { decision: 'verify' } });
    expect(single.status).toBe(409);
    expect(await status(refs[0]!)).toBe('pending');
  });

  test('opening the group is not enough while an evidence file is unopened; after opening it the verify lists the report', async () => {
    const { key, refs } = await group([PNG]);
    expect((await admin(groupPath(key))).status).toBe(200);
    expect((await verify(key)).status).toBe(409);
    const file = await admin(`/api/v1/admin/evidence/${refs[0]}-1`);
    expect(file.status).toBe(200);
    const res = await verify(key);
    expect(res.status).toBe(200);
    expect((await res.json<any>()).verified).toEqual([refs[0]]);
    expect(await status(refs[0]!)).toBe('verified');
  });

  test('a verify of opened reports with some unopened ones named is refused whole', async () => {
    const { key, refs } = await group(['none', 'none']);
    // Only the first report's details opened (as GET /reports/:ref does).
    await admin(`/api/v1/admin/reports/${refs[0]}`);
    expect((await verify(key, refs)).status).toBe(409);
    expect((await verify(key, [refs[0]!])).status).toBe(200);
    expect(await status(refs[1]!)).toBe('pending');
  });

  test('rejecting needs no opening: it lists nobody', async () => {
    const { key, refs } = await group(['none']);
    const res = await admin(`${groupPath(key)}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'no_evidence' } });
    expect(res.status).toBe(200);
    expect(await status(refs[0]!)).toBe('rejected');
  });
});

describe('evidence that counts is evidence that exists', () => {
  test('an evidence row whose object is missing opens as 404 evidence_unusable and does not satisfy four eyes: the verify waits for a second moderator', async () => {
    const { key, refs } = await group(['missing']);
    await admin(groupPath(key));
    const file = await admin(`/api/v1/admin/evidence/${refs[0]}-1`);
    expect(file.status).toBe(404);
    expect((await file.json<any>()).error.code).toBe('evidence_unusable');
    const body = await (await verify(key)).json<any>();
    expect(body.verified).toEqual([]);
    expect(body.awaitingConfirmation).toEqual([refs[0]]);
    expect(await status(refs[0]!)).toBe('pending');
  });

  test('stored bytes of another type than recorded (a PDF recorded as PNG) do not count either', async () => {
    const { key, refs } = await group([PDF]);
    await admin(groupPath(key));
    expect((await admin(`/api/v1/admin/evidence/${refs[0]}-1`)).status).toBe(404);
    expect((await (await verify(key)).json<any>()).awaitingConfirmation).toEqual([refs[0]]);
  });

  test('the opened group says beside each file whether its bytes are stored', async () => {
    const { key, refs } = await group([PNG, 'missing']);
    const view = await (await admin(groupPath(key))).json<any>();
    const stored = Object.fromEntries(view.reports.map((r: any) => [r.ref, r.evidence[0].stored]));
    expect(stored).toEqual({ [refs[0]!]: true, [refs[1]!]: false });
  });
});

describe('undo names what it undoes, and only what changed something', () => {
  test('the answer names the decision and its account; a decision that changed nothing has nothing to undo', async () => {
    const { key, refs } = await group(['none']);
    const rejected = await (await admin(`${groupPath(key)}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'duplicate' } })).json<any>();
    const undone = await (await admin(`/api/v1/admin/decisions/${rejected.decisionId}/undo`, { method: 'POST', body: {} })).json<any>();
    expect(undone).toEqual({ undone: refs, conflicts: [], decision: 'reject', lookupKey: key });

    // A verify whose only report was decided meanwhile changed nothing.
    await admin(groupPath(key));
    await db.prepare(`UPDATE reports SET status = 'rejected', decided_by = 'carol', decided_at = ? WHERE ref = ?`).bind(new Date().toISOString(), refs[0]).run();
    const empty = await (await admin(`${groupPath(key)}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'duplicate', refs } })).json<any>();
    expect(empty.conflicts).toHaveLength(1);
    const nothing = await admin(`/api/v1/admin/decisions/${empty.decisionId}/undo`, { method: 'POST', body: {} });
    expect(nothing.status).toBe(409);
    expect((await nothing.json<any>()).error.code).toBe('undo_nothing');
  });
});

describe('reasons fit decisions, in the API', () => {
  test('a dispute is accepted only with an accept reason and rejected only with a dismiss reason', async () => {
    const ref = newReference('DP');
    await db.prepare(`INSERT INTO disputes (ref, type, value, bank, lookup_key, statement, contact, created_at) VALUES (?, 'bank', '8390000001', '014', 'bank:014:8390000001', 's', 'c@example.com', ?)`)
      .bind(ref, new Date().toISOString()).run();
    const decideWith = (decision: string, reason: string) => admin(`/api/v1/admin/disputes/${ref}/decision`, { method: 'POST', body: { decision, reason } });
    for (const [decision, reason] of [['accept', 'no_evidence'], ['accept', 'Not enough evidence'], ['reject', 'ownership_proven'], ['reject', 'evidence_matches']]) {
      const res = await decideWith(decision!, reason!);
      expect(res.status, `${decision} ${reason}`).toBe(422);
      expect((await res.json<any>()).error.code).toBe('invalid_reason');
    }
    expect((await decideWith('reject', 'ownership_not_proven')).status).toBe(200);
    const list = await (await admin('/api/v1/admin/reasons')).json<any>();
    expect(list.reasons.filter((r: any) => r.for === 'dismiss').map((r: any) => r.code)).toContain('ownership_not_proven');
  });
});

describe('the page holds up: intake refuses a loss above its documented maximum', () => {
  test('Rp 100.000.000.000 is the most one report may claim (docs/reports.md); Rp 999.999.999.999 is refused 400 loss_too_large', async () => {
    const send = (lossIdr: number) => postJson('/api/v1/reports', validReport({ value: String(8_400_000_000 + accountNo++), lossIdr }));
    const refused = await send(999_999_999_999);
    expect(refused.status).toBe(400);
    expect((await refused.json<any>()).error).toMatchObject({ code: 'loss_too_large', field: 'lossIdr' });
    expect((await send(100_000_000_001)).status).toBe(400);
    expect((await send(100_000_000_000)).status).toBe(201);
  });
});
