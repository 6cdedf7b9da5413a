// Moderation through the whole Worker with the local token (ADMIN_TOKEN, set
// for the tests in vitest.config.ts): listing, viewing with evidence,
// verifying, rejecting, disputes, and the audit trail.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { BASE, PNG, admin, formOf, postForm, postJson, validReport } from './reports-fixture.ts';

async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await postJson('/api/v1/reports', validReport(overrides));
  expect(res.status).toBe(201);
  return (await res.json<any>()).ref;
}

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
    await admin(`/api/v1/admin/reports/${verified}/decision`, { method: 'POST', body: { decision: 'verify' } });

    const filed = await postJson('/api/v1/disputes', {
      type: 'bank', bank: '014', value, statement: 'Rekening ini milik toko saya dan sudah mengirim barang.', contact: 'pemilik@example.com',
    });
    expect(filed.status).toBe(201);
    const { ref } = await filed.json<any>();
    expect(ref).toMatch(/^DP-/);
    expect(await statusOf(ref)).toBe('pending');

    const listed = await (await admin('/api/v1/admin/disputes')).json<any>();
    expect(listed.disputes.find((d: any) => d.ref === ref)).toMatchObject({ contact: 'pemilik@example.com', identifier: { value } });

    const res = await admin(`/api/v1/admin/disputes/${ref}/decision`, { method: 'POST', body: { decision: 'accept', reason: 'Bukti pengiriman sah' } });
    expect(await res.json<any>()).toEqual({ ref, status: 'accepted', reportsDisputed: 1 });
    expect(await statusOf(verified)).toBe('disputed');
    expect(await statusOf(pending)).toBe('pending');
    expect(await statusOf(ref)).toBe('accepted');
    expect((await auditOf(ref)).map((a: any) => a.action)).toEqual(['dispute_accept']);
  });

  test('a rejected dispute changes no report', async () => {
    const value = '5550004444';
    const verified = await submit({ value });
    await admin(`/api/v1/admin/reports/${verified}/decision`, { method: 'POST', body: { decision: 'verify' } });
    const { ref } = await (await postJson('/api/v1/disputes', { type: 'bank', bank: '014', value, statement: 'Bukan penipu.', contact: 'x@example.com' })).json<any>();
    const res = await admin(`/api/v1/admin/disputes/${ref}/decision`, { method: 'POST', body: { decision: 'reject', reason: 'Tidak ada bukti' } });
    expect(await res.json<any>()).toEqual({ ref, status: 'rejected', reportsDisputed: 0 });
    expect(await statusOf(verified)).toBe('verified');
  });

  test('a dispute without a statement is a per-field error', async () => {
    const res = await postJson('/api/v1/disputes', { type: 'phone', value: '081234567890', contact: 'x@example.com' });
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error).toMatchObject({ code: 'missing_text', field: 'statement' });
  });
});
