// An accepted dispute delists whatever the listing came from (issue 29): the
// delisting is a D1 record by lookup key that the nightly job applies to every
// source — here a key listed only by an imported reports file — said before the
// accept, undoable by the moderator who decided, and a report made after it is
// a new listing.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { decideDispute } from '../../worker/admin/moderation.ts';
import { BASE, admin, disputeFormOf, nightlyRun, postForm } from './reports-fixture.ts';

const fileLine = (value: string, id: string, reportedAt = '2026-10-01T08:00:00.000Z') => ({
  id,
  type: 'bank',
  bank: '014',
  value,
  category: 'online_shopping',
  status: 'verified',
  reportedAt,
  lossIdr: 500_000,
});

const check = async (value: string) =>
  (await (await exports.default.fetch(new Request(`${BASE}/api/v1/check?type=bank&bank=014&value=${value}`))).json<any>());

async function disputeOf(value: string): Promise<string> {
  const res = await postForm('/api/v1/disputes', disputeFormOf({ type: 'bank', bank: '014', value, statement: 'Rekening saya, diretas.', contact: 'o@example.com' }), { Accept: 'application/json' });
  expect(res.status).toBe(201);
  return (await res.json<any>()).ref;
}

describe('an accepted dispute delists a key listed only by an imported file', () => {
  test('before: the dispute says what it would delist; after two accepts the next snapshot answers not_reported; the undo lists it again', async () => {
    const value = '7310000001';
    const file = [fileLine(value, 'file-a-1'), fileLine(value, 'file-a-2')];
    await nightlyRun(env, file);
    expect(await check(value)).toMatchObject({ status: 'reported' });
    const ref = await disputeOf(value);

    const view = await (await admin(`/api/v1/admin/disputes/${ref}`)).json<any>();
    expect(view.wouldDelist).toEqual({ lookupKey: `bank:014:${value}`, publishedReports: 2, siteReports: 0 });

    await decideDispute(env.DB, ref, 'accept', 'ownership_proven', 'alice@x.example');
    const accepted = await (await admin(`/api/v1/admin/disputes/${ref}/decision`, { method: 'POST', body: { decision: 'accept', reason: 'ownership_proven' } })).json<any>();
    expect(accepted).toMatchObject({ status: 'accepted', reportsDisputed: 0, delisting: { lookupKey: `bank:014:${value}` } });
    const row = await env.DB.prepare('SELECT lookup_key, dispute_ref, reason, first_moderator, moderator FROM delistings WHERE id = ?').bind(accepted.delisting.id).first();
    expect(row).toEqual({ lookup_key: `bank:014:${value}`, dispute_ref: ref, reason: 'ownership_proven', first_moderator: 'alice@x.example', moderator: 'admin-token' });

    await nightlyRun(env, file);
    expect(await check(value)).toMatchObject({ status: 'not_reported' });

    // Undone by the moderator who decided: the delisting stops applying, the dispute waits again.
    const undone = await admin(`/api/v1/admin/delistings/${accepted.delisting.id}/undo`, { method: 'POST', body: {} });
    expect(await undone.json<any>()).toEqual({ lookupKey: `bank:014:${value}`, disputeRef: ref, reportsRelisted: 0 });
    expect(await env.DB.prepare('SELECT status, first_accepted_by FROM disputes WHERE ref = ?').bind(ref).first()).toEqual({ status: 'pending', first_accepted_by: 'alice@x.example' });
    await nightlyRun(env, file);
    expect(await check(value)).toMatchObject({ status: 'reported' });
  });

  test('a delisting of D1 reports is undone exactly: they are verified again as they were', async () => {
    const value = '7310000002';
    await nightlyRun(env, [fileLine(value, 'file-b-1')]);
    const ref = await disputeOf(value);
    const siteRef = 'CD-DLST-0000-0001';
    await env.DB.prepare(`INSERT INTO reports (ref, type, value, bank, lookup_key, category, chronology, reporter_contact, status, created_at, decided_at, decided_by, confirmed_by, decision_reason)
                          VALUES (?, 'bank', ?, '014', ?, 'online_shopping', 'k', 'r@example.com', 'verified', '2026-10-02T00:00:00.000Z', '2026-10-03T00:00:00.000Z', 'carol', 'dave', 'evidence_matches')`)
      .bind(siteRef, value, `bank:014:${value}`).run();
    const before = await env.DB.prepare('SELECT status, decided_at, decided_by, decision_reason FROM reports WHERE ref = ?').bind(siteRef).first();
    expect((await (await admin(`/api/v1/admin/disputes/${ref}`)).json<any>()).wouldDelist).toMatchObject({ siteReports: 1 });
    await decideDispute(env.DB, ref, 'accept', 'reports_mistaken', 'alice@x.example');
    const accepted = await decideDispute(env.DB, ref, 'accept', 'reports_mistaken', 'bob@x.example');
    expect(accepted.reportsDisputed).toBe(1);
    // Only the moderator who decided may undo it.
    expect((await admin(`/api/v1/admin/delistings/${accepted.delisting!.id}/undo`, { method: 'POST', body: {} })).status).toBe(404);
    const { undoDelisting } = await import('../../worker/admin/moderation.ts');
    expect(await undoDelisting(env.DB, accepted.delisting!.id, 'bob@x.example')).toMatchObject({ reportsRelisted: 1 });
    expect(await env.DB.prepare('SELECT status, decided_at, decided_by, decision_reason FROM reports WHERE ref = ?').bind(siteRef).first()).toEqual(before);
  });

  test('a report made after the delisting is a new listing, not silently left out', async () => {
    const value = '7310000003';
    const old = fileLine(value, 'file-c-1');
    await nightlyRun(env, [old]);
    const ref = await disputeOf(value);
    await decideDispute(env.DB, ref, 'accept', 'ownership_proven', 'alice@x.example');
    await decideDispute(env.DB, ref, 'accept', 'ownership_proven', 'bob@x.example');
    const later = fileLine(value, 'file-c-2', new Date(Date.now() + 60_000).toISOString());
    await nightlyRun(env, [old, later]);
    expect(await check(value)).toMatchObject({ status: 'reported', matches: [{ count: 1 }] });
  });
});
