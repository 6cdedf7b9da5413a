// POST /api/v1/reports and the status lookup through the whole Worker, inside
// workerd with real D1 and R2: good reports are stored pending with their
// evidence; bad ones get a per-field error and leave nothing behind. A dispute
// is accepted only for an account what is published lists.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import {
  BASE, HTML_AS_PNG, PDF, PNG, countObjects, countRows, formOf, freshIp, postForm, postJson, publishListing, validReport, verifyInD1,
} from './reports-fixture.ts';

const REF = /^CD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('a report is stored pending and its status can be looked up', () => {
  test('a JSON report answers 201 with an unguessable reference; the status lookup says pending and nothing else', async () => {
    const res = await postJson('/api/v1/reports', validReport());
    expect(res.status).toBe(201);
    const body = await res.json<any>();
    expect(body.ref).toMatch(REF);
    expect(body.status).toBe('pending');

    const status = await exports.default.fetch(new Request(`${BASE}/api/v1/reports/${body.ref}`));
    expect(status.status).toBe(200);
    expect(status.headers.get('Cache-Control')).toBe('no-store');
    const answer = await status.json<any>();
    expect(Object.keys(answer).sort()).toEqual(['createdAt', 'decidedAt', 'ref', 'status']);
    expect(answer).toMatchObject({ ref: body.ref, status: 'pending', decidedAt: null });

    const row = await env.DB.prepare('SELECT * FROM reports WHERE ref = ?').bind(body.ref).first<any>();
    expect(row).toMatchObject({ type: 'bank', bank: '014', value: '5550001111', lookup_key: 'bank:014:5550001111', status: 'pending', loss_idr: 1_500_000 });
  });

  test('the identifier is stored canonical: 0812-3456-7890 typed as a phone is +6281234567890', async () => {
    const body = await (await postJson('/api/v1/reports', validReport({ type: 'phone', bank: undefined, value: '0812-3456-7890' }))).json<any>();
    const row = await env.DB.prepare('SELECT value, lookup_key FROM reports WHERE ref = ?').bind(body.ref).first<any>();
    expect(row).toEqual({ value: '+6281234567890', lookup_key: 'tel:+6281234567890' });
  });

  test('a multipart report keeps its PNG and PDF evidence in R2, typed by their content', async () => {
    const before = await countObjects(env.EVIDENCE);
    const res = await postForm(
      '/api/v1/reports',
      formOf(validReport(), [
        { bytes: PNG, name: 'transfer.png', type: 'image/png' },
        // A PDF declared as an image is stored as what it is.
        { bytes: PDF, name: 'chat.jpg', type: 'image/jpeg' },
      ]),
      { Accept: 'application/json' },
    );
    expect(res.status).toBe(201);
    const { ref } = await res.json<any>();
    const { results } = await env.DB.prepare('SELECT content_type, size, r2_key FROM evidence WHERE report_ref = ? ORDER BY id').bind(ref).all<any>();
    expect(results.map((r) => r.content_type)).toEqual(['image/png', 'application/pdf']);
    expect(await countObjects(env.EVIDENCE)).toBe(before + 2);
    const stored = await env.EVIDENCE.get(results[0].r2_key);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(PNG);
  });

  test('other methods answer 405 naming the allowed ones', async () => {
    const put = await exports.default.fetch(new Request(`${BASE}/api/v1/reports`, { method: 'PUT', body: '{}' }));
    expect(put.status).toBe(405);
    expect(put.headers.get('Allow')).toBe('POST, OPTIONS');
    const del = await exports.default.fetch(new Request(`${BASE}/api/v1/reports/CD-0000-0000-0000`, { method: 'DELETE' }));
    expect(del.headers.get('Allow')).toBe('GET, OPTIONS');
    expect((await del.json<any>()).error.code).toBe('method_not_allowed');
  });

  test('an unknown or malformed reference answers 404 or 400', async () => {
    const missing = await exports.default.fetch(new Request(`${BASE}/api/v1/reports/CD-0000-0000-0000`));
    expect(missing.status).toBe(404);
    expect((await missing.json<any>()).error.code).toBe('report_not_found');
    const bad = await exports.default.fetch(new Request(`${BASE}/api/v1/reports/1%20OR%201=1`));
    expect(bad.status).toBe(400);
    expect((await bad.json<any>()).error).toMatchObject({ code: 'invalid_reference', field: 'ref' });
  });
});

describe('bad input gets a per-field error and writes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['no identifier', { value: '' }, 'missing_value', 'value'],
    ['a bank account without the bank', { bank: '' }, 'bank_required', 'bank'],
    ['an Instagram post link', { type: 'instagram', value: 'https://instagram.com/p/abc/' }, 'instagram_not_profile', 'value'],
    ['no category', { category: undefined }, 'invalid_category', 'category'],
    ['an unknown channel', { channel: 'myspace' }, 'invalid_channel', 'channel'],
    ['a negative loss', { lossIdr: -5 }, 'invalid_loss', 'lossIdr'],
    ['a fractional loss', { lossIdr: 10.5 }, 'invalid_loss', 'lossIdr'],
    ['a javascript: profile link', { profileUrl: 'javascript:alert(1)' }, 'invalid_profile_url', 'profileUrl'],
    ['no chronology', { chronology: '   ' }, 'missing_text', 'chronology'],
    ['a chronology of 5,001 characters', { chronology: 'x'.repeat(5001) }, 'text_too_long', 'chronology'],
    ['no contact', { contact: undefined }, 'missing_text', 'contact'],
  ];
  test.each(cases)('%s → 400 %s on %s', async (_name, overrides, code, field) => {
    const before = await countRows(env.DB, 'reports');
    const res = await postJson('/api/v1/reports', validReport(overrides));
    expect(res.status).toBe(400);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json<any>();
    expect(body.error).toMatchObject({ code, field });
    expect(await countRows(env.DB, 'reports')).toBe(before);
  });

  test('messages are Indonesian by default and English by Accept-Language', async () => {
    const id = await (await postJson('/api/v1/reports', validReport({ contact: '' }))).json<any>();
    const en = await (await postJson('/api/v1/reports', validReport({ contact: '' }), { 'Accept-Language': 'en' })).json<any>();
    expect(id.error.message).toBe('Bagian ini wajib diisi.');
    expect(en.error.message).toBe('This field is required.');
  });

  test('a body that is neither JSON nor a form is invalid_body', async () => {
    for (const [type, body] of [['application/json', '{not json'], ['text/plain', 'hello'], ['application/json', '[1,2]']]) {
      const res = await exports.default.fetch(
        new Request(`${BASE}/api/v1/reports`, { method: 'POST', headers: { 'Content-Type': type!, 'CF-Connecting-IP': freshIp() }, body }),
      );
      expect(res.status).toBe(400);
      expect((await res.json<any>()).error.code).toBe('invalid_body');
    }
  });

  test('a .png that is really HTML is refused by its content, and the valid file before it is not kept', async () => {
    const [reports, objects] = [await countRows(env.DB, 'reports'), await countObjects(env.EVIDENCE)];
    const res = await postForm(
      '/api/v1/reports',
      formOf(validReport(), [
        { bytes: PNG, name: 'ok.png', type: 'image/png' },
        { bytes: HTML_AS_PNG, name: 'bukti.png', type: 'image/png' },
      ]),
      { Accept: 'application/json' },
    );
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error).toMatchObject({ code: 'evidence_type', field: 'evidence' });
    expect(await countRows(env.DB, 'reports')).toBe(reports);
    expect(await countObjects(env.EVIDENCE)).toBe(objects);
  });

  test('a file over 5 MB, or more than 5 files, is evidence_too_large', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = await postForm('/api/v1/reports', formOf(validReport(), [{ bytes: big, name: 'big.png', type: 'image/png' }]), { Accept: 'application/json' });
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json<any>()).error).toMatchObject({ code: 'evidence_too_large', field: 'evidence' });

    const six = Array.from({ length: 6 }, (_, i) => ({ bytes: PNG, name: `${i}.png`, type: 'image/png' }));
    const tooMany = await postForm('/api/v1/reports', formOf(validReport(), six), { Accept: 'application/json' });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json<any>()).error.code).toBe('evidence_too_large');
  });

  test('markup in text fields is stored as the text it is', async () => {
    const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { ref } = await (await postJson('/api/v1/reports', validReport({ chronology: attack, contact: `"><b>${attack}` }))).json<any>();
    const row = await env.DB.prepare('SELECT chronology, reporter_contact FROM reports WHERE ref = ?').bind(ref).first<any>();
    expect(row).toEqual({ chronology: attack, reporter_contact: `"><b>${attack}` });
  });
});

// The forms' own answers (303 to the sent page, the form filled in again with every error):
// tests/worker/report-forms.test.ts.

describe('floods', () => {
  test('the 11th report in a minute from one address is 429 with Retry-After; others go on', async () => {
    const from = (ip: string) =>
      exports.default.fetch(
        new Request(`${BASE}/api/v1/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
          body: JSON.stringify(validReport()),
        }),
      );
    const flood = async (ip: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 13; i++) statuses.push((await from(ip)).status);
      return statuses;
    };
    let ip = '203.0.113.50';
    let statuses = await flood(ip);
    // Fixed one-minute windows: a flood straddling a window's end is repeated once from a fresh address.
    if (statuses.slice(10).includes(201)) statuses = await flood((ip = '203.0.113.51'));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses.slice(10)).toEqual([429, 429, 429]);

    const limited = await from(ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect((await limited.json<any>()).error.code).toBe('rate_limited');
    expect((await from('198.51.100.77')).status).toBe(201);
  });
});

describe('a dispute is decided by what is published, never by D1', () => {
  const account = (value: string) => ({ type: 'bank', bank: '014', value });
  const dispute = (value: string) => postJson('/api/v1/disputes', { ...account(value), statement: 'Rekening ini milik saya.', contact: 'pemilik@example.com' });
  const lookup = async (value: string) =>
    (await (await exports.default.fetch(new Request(`${BASE}/api/v1/check?type=bank&bank=014&value=${value}`))).json<any>()).status;

  test('an account verified in D1 but not yet published is refused exactly as one nobody reported; once published, accepted', async () => {
    await publishListing(env, account('5556660001')); // a live snapshot, listing another account
    await verifyInD1(env.DB, account('5556660002'));
    expect(await lookup('5556660002')).toBe('not_reported'); // the lookup does not know it yet

    const before = await countRows(env.DB, 'disputes');
    const verified = await dispute('5556660002');
    const unreported = await dispute('5556660003');
    expect(verified.status).toBe(422);
    expect(unreported.status).toBe(422);
    const answer = await verified.json<any>();
    expect(answer.error).toMatchObject({ code: 'not_reported', field: 'value' });
    expect(answer).toEqual(await unreported.json<any>()); // nothing tells the two apart
    expect(await countRows(env.DB, 'disputes')).toBe(before);

    await publishListing(env, account('5556660002')); // the nightly run
    expect(await lookup('5556660002')).toBe('reported');
    expect((await dispute('5556660002')).status).toBe(201);
  });
});
