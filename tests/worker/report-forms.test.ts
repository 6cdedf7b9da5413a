// The report and dispute forms' answers through the whole Worker (workerd, real
// D1 and R2, the built site): a form post is answered 303 See Other to the
// sent page in the form's language; a repeated post of the same form (its
// submission token, or an Idempotency-Key) files nothing new and answers the
// first reference; every field error comes back at once, in the JSON
// (error.fields) and, without JavaScript, as the form filled in again (values
// as text, each error beside its field, a summary at the top); the optional
// e-mail is stored; a dispute needs a listed account and, from the form, a
// proof of ownership kept in R2 with its SHA-256.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import worker from '../../worker/index.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { BASE, HTML_AS_PNG, PNG, countRows, disputeFormOf, formOf, publishListing, postForm, postJson, validReport } from './reports-fixture.ts';

const HTML = { Accept: 'text/html,application/xhtml+xml' };
const CTX = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;
const TOKEN = () => crypto.randomUUID().replaceAll('-', '');
const get = (path: string, headers: Record<string, string> = {}) => exports.default.fetch(new Request(new URL(path, BASE), { headers }));

describe('a form post is answered 303 to the sent page, in the form’s language', () => {
  test('the sent page shows the reference as text and links its status, in the language of the form, not of the browser', async () => {
    for (const lang of ['id', 'en'] as const) {
      const other = lang === 'id' ? 'en' : 'id';
      const res = await postForm(`/api/v1/reports?lang=${lang}`, formOf(validReport()), { ...HTML, 'Accept-Language': other });
      expect(res.status).toBe(303);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const location = res.headers.get('Location')!;
      const sentPath = lang === 'id' ? '/lapor/terkirim/' : '/en/report/sent/';
      expect(location).toMatch(new RegExp(`^${sentPath}\\?ref=CD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
      const ref = new URL(location, BASE).searchParams.get('ref')!;

      const sent = await get(location, { 'Accept-Language': other });
      expect(sent.status).toBe(200);
      const html = await sent.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(`data-outcome-ref>${ref}</p>`);
      expect(html).toContain(`href="${lang === 'id' ? '/lapor/status/' : '/en/report/status/'}?ref=${ref}" data-outcome-status`);
      expect(html).not.toContain('data-outcome="error"');
    }
  });

  test('a sent page for a reference that does not exist, or none, says so instead of "received"', async () => {
    for (const path of ['/lapor/terkirim/?ref=CD-0000-0000-0000', '/en/dispute/sent/?ref=%3Cb%3E', '/sanggah/terkirim/']) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      const html = await res.text();
      expect(html, path).not.toContain('data-outcome="ok"');
      expect(html, path).not.toContain('<b>');
    }
  });
});

describe('a repeated submission of the same form files nothing new', () => {
  test('the same submission token twice, as a refresh or a double click sends it: one report, the first reference both times', async () => {
    const before = await countRows(env.DB, 'reports');
    const token = TOKEN();
    const first = await postForm('/api/v1/reports?lang=id', formOf(validReport({ submissionToken: token })), HTML);
    const second = await postForm('/api/v1/reports?lang=id', formOf(validReport({ submissionToken: token })), HTML);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await countRows(env.DB, 'reports')).toBe(before + 1);
  });

  test('two posts with one token at the same moment file one report', async () => {
    const before = await countRows(env.DB, 'reports');
    const token = TOKEN();
    const answers = await Promise.all([1, 2, 3].map(() => postJson('/api/v1/reports', validReport({ submissionToken: token }))));
    const refs = new Set(await Promise.all(answers.map(async (res) => (await res.json<any>()).ref)));
    expect(refs.size).toBe(1);
    expect(await countRows(env.DB, 'reports')).toBe(before + 1);
  });

  test('JSON clients send an Idempotency-Key: 201 the first time, 200 with the same reference after', async () => {
    const key = TOKEN();
    const first = await postJson('/api/v1/reports', validReport(), { 'Idempotency-Key': key });
    const again = await postJson('/api/v1/reports', validReport({ chronology: 'Changed text.' }), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect((await again.json<any>()).ref).toBe((await first.json<any>()).ref);
  });

  test('a malformed key is 400 invalid_submission_token; a report key reused for a dispute is 409', async () => {
    const bad = await postJson('/api/v1/reports', validReport(), { 'Idempotency-Key': 'short' });
    expect(bad.status).toBe(400);
    expect((await bad.json<any>()).error.code).toBe('invalid_submission_token');
    const key = TOKEN();
    expect((await postJson('/api/v1/reports', validReport(), { 'Idempotency-Key': key })).status).toBe(201);
    const reused = await postJson('/api/v1/disputes', { type: 'bank', bank: '014', value: '5550001111', statement: 'x', contact: 'y' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(409);
    expect((await reused.json<any>()).error.code).toBe('submission_token_reused');
  });

  test('a token whose submission failed files nothing, so the corrected form with it goes through', async () => {
    const token = TOKEN();
    const refused = await postJson('/api/v1/reports', validReport({ submissionToken: token, category: 'nope' }));
    expect(refused.status).toBe(400);
    const corrected = await postJson('/api/v1/reports', validReport({ submissionToken: token }));
    expect(corrected.status).toBe(201);
  });
});

describe('every field error at once', () => {
  const broken = validReport({ type: 'phone', value: '12', category: 'crypto', lossIdr: 'banyak', chronology: '', contact: '', email: 'bukan-email' });

  test('JSON: error.fields lists each in the form’s order; code, message and field are the first’s, as before', async () => {
    const res = await postJson('/api/v1/reports', broken, { 'Accept-Language': 'en' });
    expect(res.status).toBe(400);
    const { error } = await res.json<any>();
    expect(error.fields.map((f: any) => [f.field, f.code])).toEqual([
      ['value', 'invalid_phone'],
      ['category', 'invalid_category'],
      ['lossIdr', 'invalid_loss'],
      ['chronology', 'missing_text'],
      ['contact', 'missing_text'],
      ['email', 'invalid_email'],
    ]);
    expect(error).toMatchObject({ code: 'invalid_phone', field: 'value', message: error.fields[0].message });
    expect(error.fields[5].message).toContain('Not a valid e-mail address');
  });

  test('without JavaScript: the form again, every error beside its field and in the summary, the values filled in as text', async () => {
    const before = await countRows(env.DB, 'reports');
    const token = TOKEN();
    const attack = '</textarea><script>alert(1)</script>';
    const res = await postForm('/api/v1/reports?lang=en', formOf({ ...broken, chronology: '', profileUrl: `https://x.test/"><b>`, contact: attack, submissionToken: token }), { ...HTML, 'Accept-Language': 'id' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/<title>Error: /);
    expect(html).not.toMatch(/data-error-summary[^>]*hidden/);
    // The summary names each field before its message (issue 24: "This field is required." twice said nothing of where).
    for (const [field, name, message] of [
      ['value', 'Number or account', 'Not a valid phone number.'],
      ['category', 'Kind of fraud', 'Choose the kind of fraud.'],
      ['lossIdr', 'Amount lost', 'The amount lost must be a whole number'],
      ['chronology', 'What happened', 'This field is required.'],
      ['email', 'E-mail', 'Not a valid e-mail address.'],
    ]) {
      expect(html, field).toMatch(new RegExp(`data-error-for="${field}">${message}`));
      expect(html, field).toMatch(
        new RegExp(`<li data-summary-for="${field}">\\s*<a href="#report-${field}"><span class="error-summary__field">${name}</span>: <span data-summary-message="${field}">${message}`),
      );
    }
    // Fields without an error show none.
    expect(html).toContain('data-error-for="channel" hidden');
    // The values as typed, escaped; the token kept; the select choices kept.
    expect(html).toContain('value="12"');
    expect(html).toContain('value="banyak"');
    expect(html).toContain('value="bukan-email"');
    // Attribute values: the quote escaped, so nothing typed leaves the attribute.
    expect(html).toContain('value="https://x.test/&quot;><b>"');
    expect(html).toContain(`value="${attack}"`);
    expect(html).toContain(`value="${token}"`);
    expect(html).toMatch(/<option value="phone" selected(="")?>/);
    expect(html).toMatch(/<option value="instagram" selected(="")?>/);
    expect(html.replace(/ value="[^"]*"/g, '')).not.toContain('<script>alert(1)</script>');
    expect(await countRows(env.DB, 'reports')).toBe(before);
  });

  test('the chronology comes back in its textarea as text', async () => {
    const chronology = 'Saya transfer <b>Rp 2.000.000</b>,\nlalu diblokir & </textarea> hilang.';
    const res = await postForm('/api/v1/reports?lang=id', formOf(validReport({ chronology, category: '' })), HTML);
    const html = await res.text();
    const shown = /name="chronology"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1];
    expect(shown).toBe('Saya transfer &lt;b&gt;Rp 2.000.000&lt;/b&gt;,\nlalu diblokir &amp; &lt;/textarea&gt; hilang.');
    expect(html).toMatch(/data-error-for="category">Pilih kategori penipuan\./);
  });

  test('a form post refused by the rate limit comes back filled in: the chronology is not lost', async () => {
    const chronology = 'Saya transfer Rp 2.000.000,\nlalu nomor saya diblokir.';
    const refuse = { limit: async () => ({ success: false }) } as unknown as RateLimit;
    const request = new Request(`${BASE}/api/v1/reports?lang=id`, {
      method: 'POST',
      headers: { ...HTML, 'CF-Connecting-IP': '198.51.100.7' },
      body: formOf(validReport({ chronology })),
    });
    const res = await worker.fetch(request, { ...env, RATE_LIMITS: 'on', REPORT_LIMITER: refuse }, CTX);
    expect(res.status).toBe(429);
    const html = await res.text();
    expect(/name="chronology"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1]).toBe(chronology);
    expect(html).toMatch(/data-summary-for="general"/);
  });

  test('an error that names no field of the form goes in the summary’s general line', async () => {
    const res = await postForm('/api/v1/reports?lang=en', formOf(validReport({ submissionToken: 'bad token!' })), HTML);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<li data-summary-for="general">\s*<span data-summary-message="general">Not a valid submission key/);
  });
});

describe('the forms as the Worker serves them', () => {
  test('each GET carries a fresh submission token and is never cached', async () => {
    for (const path of ['/lapor/', '/en/report/', '/sanggah/', '/en/dispute/']) {
      const tokens = await Promise.all([1, 2].map(async () => {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('Cache-Control'), path).toBe('no-store');
        return /name="submissionToken" value="([0-9a-f]{32})"/.exec(await res.text())?.[1];
      }));
      expect(tokens[0], path).toBeDefined();
      expect(tokens[0], path).not.toBe(tokens[1]);
    }
  });
});

describe('the optional e-mail for the decision', () => {
  test('is stored when given, null when not, and is never in the answer', async () => {
    const withEmail = await postJson('/api/v1/reports', validReport({ email: 'kabari.saya@example.com' }));
    const body = await withEmail.text();
    expect(body).not.toContain('kabari.saya');
    const { ref } = JSON.parse(body);
    const without = await (await postJson('/api/v1/reports', validReport())).json<any>();
    const email = (r: string) => env.DB.prepare('SELECT reporter_email AS e FROM reports WHERE ref = ?').bind(r).first<{ e: string | null }>();
    expect((await email(ref))?.e).toBe('kabari.saya@example.com');
    expect((await email(without.ref))?.e).toBeNull();
  });

  test('the addresses the live review slipped through are refused 400 invalid_email, and nothing is stored', async () => {
    const before = await countRows(env.DB, 'reports');
    for (const hostile of ['a,b@evil.example', 'a@evil.example,b', '<x@evil.example>', 'a\u0000@b.co', '"a\u0085Bcc:"@b.co', 'a@b.co\r\nBcc: x@evil.example']) {
      const res = await postJson('/api/v1/reports', validReport({ email: hostile }));
      expect(res.status, JSON.stringify(hostile)).toBe(400);
      expect((await res.json<any>()).error).toMatchObject({ code: 'invalid_email', field: 'email' });
    }
    expect(await countRows(env.DB, 'reports')).toBe(before);
  });
});

describe('disputes', () => {
  const dispute = (overrides: Record<string, unknown> = {}) => ({
    type: 'bank', bank: '014', value: '5557770001', statement: 'Rekening ini milik toko saya.', contact: 'pemilik@example.com', ...overrides,
  });

  /** The dispute handler with the snapshot's answer given (tests/e2e/report-forms.test.ts asks the real one). */
  const direct = async (body: Record<string, unknown>, listed: () => Promise<boolean>) => {
    const { handleCreateDispute } = await import('../../worker/routes/reports.ts');
    const { errorResponse } = await import('../../worker/http.ts');
    const request = new Request(`${BASE}/api/v1/disputes`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' }, body: JSON.stringify(body),
    });
    return handleCreateDispute(request, { db: env.DB, bucket: env.EVIDENCE, assets: env.ASSETS, turnstile: { mode: 'disabled' }, listed })
      .catch((err) => errorResponse(err, request));
  };

  test('for an account nothing lists: 422 not_reported naming the value, nothing stored', async () => {
    const before = await countRows(env.DB, 'disputes');
    const res = await direct(dispute({ value: '5557770999' }), async () => false);
    expect(res.status).toBe(422);
    const { error } = await res.json<any>();
    expect(error).toMatchObject({ code: 'not_reported', field: 'value' });
    expect(error.message).toContain('no verified reports');
    expect(await countRows(env.DB, 'disputes')).toBe(before);
  });

  test('when the live snapshot cannot be read, 503 — never a wrong "not reported"', async () => {
    // This test environment has no published snapshot.
    const res = await postJson('/api/v1/disputes', dispute({ value: '5557770998' }));
    expect(res.status).toBe(503);
    expect((await res.json<any>()).error.code).toBe('snapshot_unavailable');
  });

  test('from the form: the proof of ownership is required; with it, kept in R2 and dispute_evidence with its SHA-256', async () => {
    await publishListing(env, { type: 'bank', bank: '014', value: '5557770001' });
    const missing = await postForm('/api/v1/disputes?lang=en', formOf(dispute()), HTML);
    expect(missing.status).toBe(400);
    const page = await missing.text();
    expect(page).toMatch(/data-error-for="proof">Attach a proof of ownership/);
    expect(page).toContain('value="5557770001"');

    const fake = await postForm('/api/v1/disputes', disputeFormOf(dispute(), HTML_AS_PNG));
    expect((await fake.json<any>()).error).toMatchObject({ code: 'evidence_type', field: 'proof' });

    const res = await postForm('/api/v1/disputes', disputeFormOf(dispute()));
    expect(res.status).toBe(201);
    const { ref } = await res.json<any>();
    const rows = await env.DB.prepare('SELECT r2_key, content_type, size, sha256 FROM dispute_evidence WHERE dispute_ref = ?').bind(ref).all<any>();
    expect(rows.results).toEqual([{ r2_key: `proof/${ref}/1`, content_type: 'image/png', size: PNG.byteLength, sha256: await sha256Hex(PNG) }]);
    const object = await env.EVIDENCE.get(`proof/${ref}/1`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(PNG);
  });

  test('the listing can come from the live snapshot too (not only D1)', async () => {
    const asked: string[] = [];
    const res = await direct(dispute({ value: '5557770002' }), async function listed(this: unknown, ...args: unknown[]) {
      asked.push((args[0] as { value: string }).value);
      return true;
    });
    expect(res.status).toBe(201);
    expect(asked).toEqual(['5557770002']);
  });
});
