// Moderation through the whole Worker with the local token (ADMIN_TOKEN, set
// for the tests in vitest.config.ts): listing, opening an item (audited),
// verifying, rejecting, disputes, the audit trail, cross-site writes refused,
// and a dispute decision that loses a race. Every admin route against hostile
// requests: tests/worker/admin-routes.test.ts.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { decideDispute } from '../../worker/admin/moderation.ts';
import { BASE, PNG, admin, disputeFormOf, formOf, markSeen, nightlyRun, publishListing, postForm, postJson, validReport } from './reports-fixture.ts';

async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await postJson('/api/v1/reports', validReport(overrides));
  expect(res.status).toBe(201);
  return (await res.json<any>()).ref;
}

/**
 * Verifies a report that has no evidence file: under the four-eyes rule (issue 17)
 * that takes two moderators, so a first one ("first@cekdulu.id") is on record
 * before the token's moderator confirms it.
 */
async function verifyWithoutEvidence(ref: string): Promise<void> {
  await env.DB.prepare(`UPDATE reports SET first_verified_by = 'first@cekdulu.id' WHERE ref = ?`).bind(ref).run();
  await markSeen(env.DB, [ref]);
  const res = await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'verify' } });
  expect(await res.json<any>()).toEqual({ ref, status: 'verified' });
}

/** Files a dispute as the form does: with a proof-of-ownership file (required since issue 17). */
const fileDispute = (fields: Record<string, unknown>) => postForm('/api/v1/disputes', disputeFormOf(fields), { Accept: 'application/json' });

const statusOf = async (ref: string) =>
  (await (await exports.default.fetch(new Request(`${BASE}/api/v1/${ref.startsWith('DP') ? 'disputes' : 'reports'}/${ref}`))).json<any>()).status;

const auditOf = async (ref: string) =>
  (await env.DB.prepare('SELECT actor, action, subject, detail FROM audit_log WHERE subject = ? ORDER BY id').bind(ref).all<any>()).results;

describe('the admin API needs a moderator', () => {
  test('no credentials, a wrong token or a forged Access header answer 401', async () => {
    const attempts: Array<Record<string, string>> = [{ Authorization: '' }, { Authorization: 'Bearer wrong' }, { Authorization: '', 'Cf-Access-Jwt-Assertion': 'a.b.c' }];
    for (const headers of attempts) {
      const res = await admin('/api/v1/admin/reports', { headers });
      expect(res.status).toBe(401);
      expect((await res.json<any>()).error.code).toBe('unauthorized');
    }
  });
});

describe('moderating reports', () => {
  test('a pending report is listed, viewed with its evidence link, verified, and the audit says who did what', async () => {
    const res = await postForm('/api/v1/reports', formOf(validReport({ value: '5550002222' }), [{ bytes: PNG, name: 'a.png', type: 'image/png' }]), {
      Accept: 'application/json',
    });
    const { ref } = await res.json<any>();

    const list = await (await admin('/api/v1/admin/reports?status=pending')).json<any>();
    expect(list.reports.map((r: any) => r.ref)).toContain(ref);

    const view = await admin(`/api/v1/admin/reports/${ref}`);
    expect(view.headers.get('Cache-Control')).toBe('no-store');
    const { report, evidence } = await view.json<any>();
    expect(report).toMatchObject({ ref, status: 'pending', reporterContact: 'budi@example.com', identifier: { type: 'bank', bank: '014', value: '5550002222' } });
    expect(evidence).toHaveLength(1);

    const file = await admin(evidence[0].url);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('image/png');
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment/);
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);

    const decided = await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'verify' } });
    expect(decided.status).toBe(200);
    expect(await decided.json<any>()).toEqual({ ref, status: 'verified' });
    expect(await statusOf(ref)).toBe('verified');

    const again = await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'x' } });
    expect(again.status).toBe(409);
    expect((await again.json<any>()).error.code).toBe('already_decided');

    expect((await auditOf(ref)).map((a: any) => [a.actor, a.action])).toEqual([
      ['admin-token', 'view'],
      ['admin-token', 'view_evidence'],
      ['admin-token', 'verify'],
    ]);
  });

  test('a rejection needs a reason; with one the report is rejected and the reason kept', async () => {
    const ref = await submit();
    const noReason = await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    expect((await noReason.json<any>()).error).toMatchObject({ code: 'invalid_decision', field: 'reason' });
    const bad = await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'approve' } });
    expect((await bad.json<any>()).error).toMatchObject({ code: 'invalid_decision', field: 'decision' });

    const res = await admin(`/api/v1/admin/reports/${ref}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'Bukti tidak cukup' } });
    expect(await res.json<any>()).toEqual({ ref, status: 'rejected' });
    expect(await statusOf(ref)).toBe('rejected');
    expect(await auditOf(ref)).toEqual([{ actor: 'admin-token', action: 'reject', subject: ref, detail: 'Bukti tidak cukup' }]);
  });

  test('script in a report comes back from the admin API as the same text, in JSON', async () => {
    const attack = '<script>alert(document.cookie)</script>';
    const ref = await submit({ chronology: attack });
    const res = await admin(`/api/v1/admin/reports/${ref}`);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect((await res.json<any>()).report.chronology).toBe(attack);
  });

  test('deciding a report that does not exist answers 404', async () => {
    const res = await admin('/api/v1/admin/reports/CD-0000-0000-0000/decision', { method: 'POST', body: { decision: 'verify' } });
    expect(res.status).toBe(404);
  });
});

describe('disputes', () => {
  test('an accepted dispute moves the verified reports of that account to disputed; pending ones stay', async () => {
    const value = '5550003333';
    const verified = await submit({ value });
    const pending = await submit({ value: '555-000-3333' });
    await verifyWithoutEvidence(verified);
    await nightlyRun(env); // published: a dispute needs a listing

    const filed = await fileDispute({
      type: 'bank', bank: '014', value, statement: 'Rekening ini milik toko saya dan sudah mengirim barang.', contact: 'pemilik@example.com',
    });
    expect(filed.status).toBe(201);
    const { ref } = await filed.json<any>();
    expect(ref).toMatch(/^DP-/);
    expect(await statusOf(ref)).toBe('pending');

    const listed = await (await admin('/api/v1/admin/disputes')).json<any>();
    expect(listed.disputes.find((d: any) => d.ref === ref)).toMatchObject({ identifier: { value }, status: 'pending' });
    const opened = await (await admin(`/api/v1/admin/disputes/${ref}`)).json<any>();
    expect(opened.dispute).toMatchObject({ ref, contact: 'pemilik@example.com', statement: expect.stringContaining('milik toko saya') });
    // The moderator sees the proof of ownership the accept rule asks for, served like evidence and audited.
    expect(opened.evidence).toEqual([{ id: `${ref}-1`, contentType: 'image/png', size: PNG.byteLength, url: `/api/v1/admin/evidence/${ref}-1` }]);
    const proof = await admin(opened.evidence[0].url);
    expect(proof.status).toBe(200);
    expect(proof.headers.get('Content-Disposition')).toContain('attachment');
    expect(new Uint8Array(await proof.arrayBuffer())).toEqual(PNG);

    // Four eyes both ways: a first moderator accepted it; the token's moderator is the second.
    expect(await decideDispute(env.DB, ref, 'accept', 'Bukti pengiriman sah', 'first@cekdulu.id')).toMatchObject({ status: 'pending', awaitingConfirmation: true });
    expect(await statusOf(verified)).toBe('verified');
    const res = await admin(`/api/v1/admin/disputes/${ref}/decision`, { method: 'POST', body: { decision: 'accept', reason: 'ownership_proven' } });
    expect(await res.json<any>()).toMatchObject({ ref, status: 'accepted', reportsDisputed: 1, delisting: { lookupKey: expect.any(String) } });
    expect(await statusOf(verified)).toBe('disputed');
    expect(await statusOf(pending)).toBe('pending');
    expect(await statusOf(ref)).toBe('accepted');
    expect((await auditOf(ref)).map((a: any) => a.action)).toEqual(['dispute_view', 'view_evidence', 'dispute_accept_first', 'dispute_accept']);
  });

  test('a rejected dispute changes no report', async () => {
    const value = '5550004444';
    const verified = await submit({ value });
    await verifyWithoutEvidence(verified);
    await nightlyRun(env); // published: a dispute needs a listing
    const { ref } = await (await fileDispute({ type: 'bank', bank: '014', value, statement: 'Bukan penipu.', contact: 'x@example.com' })).json<any>();
    const res = await admin(`/api/v1/admin/disputes/${ref}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'ownership_not_proven' } });
    expect(await res.json<any>()).toEqual({ ref, status: 'rejected', reportsDisputed: 0 });
    expect(await statusOf(verified)).toBe('verified');
  });

  test('a dispute without a statement is a per-field error', async () => {
    const res = await postJson('/api/v1/disputes', { type: 'phone', value: '081234567890', contact: 'x@example.com' });
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error).toMatchObject({ code: 'missing_text', field: 'statement' });
  });
});

describe('personal data is seen only by opening one item, and every opening is audited', () => {
  test('the report and dispute queues carry no contact, chronology, statement or profile link, and write no audit row', async () => {
    const report = await submit({ value: '5550005555', chronology: 'Kronologi rahasia pelapor.', contact: 'rahasia@example.com' });
    await publishListing(env, { type: 'bank', bank: '014', value: '5550005555' }); // a dispute needs a listed account
    const { ref: dispute } = await (
      await fileDispute({ type: 'bank', bank: '014', value: '5550005555', statement: 'Pernyataan pemilik.', contact: 'pemilik.rahasia@example.com' })
    ).json<any>();

    const reportsText = await (await admin('/api/v1/admin/reports?status=pending')).text();
    const disputesText = await (await admin('/api/v1/admin/disputes?status=pending')).text();
    const listedReport = JSON.parse(reportsText).reports.find((r: any) => r.ref === report);
    const listedDispute = JSON.parse(disputesText).disputes.find((d: any) => d.ref === dispute);
    expect(listedReport).toMatchObject({ ref: report, status: 'pending', category: 'online_shopping', identifier: { value: '5550005555' } });
    expect(listedDispute).toMatchObject({ ref: dispute, status: 'pending', identifier: { value: '5550005555' } });
    for (const key of ['reporterContact', 'chronology', 'profileUrl']) expect(listedReport).not.toHaveProperty(key);
    for (const key of ['contact', 'statement']) expect(listedDispute).not.toHaveProperty(key);
    for (const secret of ['rahasia@example.com', 'Kronologi rahasia', 'toko.palsu.sekali', 'pemilik.rahasia@example.com', 'Pernyataan pemilik']) {
      expect(reportsText + disputesText).not.toContain(secret);
    }
    expect(await auditOf(report)).toEqual([]);
    expect(await auditOf(dispute)).toEqual([]);

    const opened = await (await admin(`/api/v1/admin/reports/${report}`)).json<any>();
    expect(opened.report).toMatchObject({ reporterContact: 'rahasia@example.com', chronology: 'Kronologi rahasia pelapor.' });
    const openedDispute = await admin(`/api/v1/admin/disputes/${dispute.toLowerCase()}`);
    expect(openedDispute.headers.get('Cache-Control')).toBe('no-store');
    expect((await openedDispute.json<any>()).dispute).toMatchObject({ ref: dispute, contact: 'pemilik.rahasia@example.com', statement: 'Pernyataan pemilik.' });
    expect(await auditOf(report)).toEqual([{ actor: 'admin-token', action: 'view', subject: report, detail: null }]);
    expect(await auditOf(dispute)).toEqual([{ actor: 'admin-token', action: 'dispute_view', subject: dispute, detail: null }]);
  });

  test('opening a dispute that does not exist answers 404 and audits nothing; a report reference on the disputes path is 400', async () => {
    const missing = await admin('/api/v1/admin/disputes/DP-0000-0000-0000');
    expect(missing.status).toBe(404);
    expect((await missing.json<any>()).error.code).toBe('report_not_found');
    expect(await auditOf('DP-0000-0000-0000')).toEqual([]);
    const wrongKind = await admin('/api/v1/admin/disputes/CD-0000-0000-0000');
    expect(wrongKind.status).toBe(400);
    expect((await wrongKind.json<any>()).error.code).toBe('invalid_reference');
  });
});

describe('decisions come only from the admin page itself', () => {
  const decide = (ref: string, headers: Record<string, string>, body = JSON.stringify({ decision: 'verify' })) =>
    exports.default.fetch(
      new Request(`${BASE}/api/v1/admin/reports/${ref}/decision`, { method: 'POST', headers: { Authorization: 'Bearer test-admin-token', ...headers }, body }),
    );

  test("a signed-in moderator's browser sent by another site (foreign Origin, cross-site fetch, text/plain form) is refused with 403 and nothing changes", async () => {
    const ref = await submit({ value: '5550006666' });
    const refused: Array<[Record<string, string>, string]> = [
      [{ 'Content-Type': 'text/plain', Origin: 'https://evil.example' }, 'cross_site_request'],
      [{ 'Content-Type': 'application/json', Origin: 'https://evil.example' }, 'cross_site_request'],
      [{ 'Content-Type': 'application/json', Origin: 'null' }, 'cross_site_request'],
      [{ 'Content-Type': 'application/json', Origin: 'http://cekdulu.test' }, 'cross_site_request'],
      [{ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, 'cross_site_request'],
      [{ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-site', Origin: BASE }, 'cross_site_request'],
      [{ 'Content-Type': 'text/plain', Origin: BASE, 'Sec-Fetch-Site': 'same-origin' }, 'json_required'],
      [{ 'Content-Type': 'application/x-www-form-urlencoded' }, 'json_required'],
      [{ 'Content-Type': 'multipart/form-data; boundary=x' }, 'json_required'],
      [{}, 'json_required'],
    ];
    for (const [headers, code] of refused) {
      const res = await decide(ref, headers);
      expect({ headers, status: res.status, code: (await res.json<any>()).error?.code }).toEqual({ headers, status: 403, code });
    }
    expect(await statusOf(ref)).toBe('pending');
    expect(await auditOf(ref)).toEqual([]);

    // The admin page's own request: same origin, JSON (after opening the report: seen before decided).
    await markSeen(env.DB, [ref]);
    const ok = await decide(ref, { 'Content-Type': 'application/json; charset=utf-8', Origin: BASE, 'Sec-Fetch-Site': 'same-origin' });
    expect(ok.status).toBe(200);
    // No evidence file: under the four-eyes rule (issue 17) a first verify waits for a second moderator.
    expect(await ok.json<any>()).toEqual({ ref, status: 'pending', awaitingConfirmation: true });
    expect(await statusOf(ref)).toBe('pending');
  });

  test('a client that is no browser (no Origin, no Sec-Fetch-Site: curl with the token) may decide', async () => {
    const ref = await submit({ value: '5550007777' });
    await markSeen(env.DB, [ref]);
    const res = await decide(ref, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(200);
  });

  test('a dispute decision is guarded the same way', async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/api/v1/admin/disputes/DP-0000-0000-0000/decision`, {
        method: 'POST',
        headers: { Authorization: 'Bearer test-admin-token', 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
        body: JSON.stringify({ decision: 'accept', reason: 'x' }),
      }),
    );
    expect(res.status).toBe(403);
    expect((await res.json<any>()).error.code).toBe('cross_site_request');
  });
});

describe('a dispute decision that loses a race', () => {
  test('when another decision lands between the read and the write, nothing changes and the loser gets 409', async () => {
    const value = '5550008888';
    const verified = await submit({ value });
    await verifyWithoutEvidence(verified);
    await nightlyRun(env); // published: a dispute needs a listing
    const { ref } = await (await fileDispute({ type: 'bank', bank: '014', value, statement: 'Bukan saya.', contact: 'y@example.com' })).json<any>();

    // A first moderator accepted it; the other moderator rejects it just before this one's confirming batch runs.
    await env.DB.prepare(`UPDATE disputes SET first_accepted_by = 'first@cekdulu.id' WHERE ref = ?`).bind(ref).run();
    const racingDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            await target
              .prepare(`UPDATE disputes SET status = 'rejected', decision_reason = 'Tidak ada bukti', decided_at = ?, decided_by = 'other@cekdulu.id' WHERE ref = ?`)
              .bind(new Date().toISOString(), ref)
              .run();
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(decideDispute(racingDb, ref, 'accept', 'Bukti sah', 'late@cekdulu.id')).rejects.toMatchObject({ code: 'already_decided', status: 409 });
    expect(await statusOf(verified)).toBe('verified');
    expect(await statusOf(ref)).toBe('rejected');
    expect(await auditOf(ref)).toEqual([]);
  });
});
