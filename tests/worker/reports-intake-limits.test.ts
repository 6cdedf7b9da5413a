// The limits on what a submission may make the Worker read, through the whole
// Worker in workerd: the body's size counted as it streams (no Content-Length
// needed), every field's length before any parsing, and no log line with a
// reporter's contact, chronology or address, whatever happens to the submission.
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { errorResponse } from '../../worker/http.ts';
import { MAX_FORM_BODY_BYTES, MAX_TEXT_BODY_BYTES } from '../../worker/reports/request-body.ts';
import { handleCreateReport } from '../../worker/routes/reports.ts';
import { BASE, PNG, countRows, formOf, freshIp, publishListing, postForm, postJson, validReport } from './reports-fixture.ts';

const encoder = new TextEncoder();

/** `total` bytes in chunks, as a stream: the Request gets no Content-Length (a chunked upload). */
function streamOf(parts: Uint8Array[], total: number): ReadableStream<Uint8Array> {
  const [head, filler, tail] = parts as [Uint8Array, Uint8Array, Uint8Array];
  let sent = 0;
  let stage = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stage === 0) return (stage = 1), controller.enqueue(head);
        if (stage === 1 && sent < total) return (sent += filler.byteLength), controller.enqueue(filler);
        controller.enqueue(tail);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

function postStream(path: string, contentType: string, body: ReadableStream<Uint8Array>) {
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'CF-Connecting-IP': freshIp() },
    body,
  });
  expect(request.headers.get('Content-Length')).toBeNull();
  return exports.default.fetch(request);
}

describe('the body is counted as it streams', () => {
  test('a chunked JSON report with a huge extra field and no Content-Length is 413 body_too_large, and nothing is stored', async () => {
    const before = await countRows(env.DB, 'reports');
    const json = JSON.stringify(validReport({ padding: '' }));
    const [open, close] = [json.slice(0, json.lastIndexOf('""') + 1), json.slice(json.lastIndexOf('""') + 1)];
    const res = await postStream(
      '/api/v1/reports',
      'application/json',
      streamOf([encoder.encode(open), encoder.encode('x'.repeat(64 * 1024)), encoder.encode(close)], MAX_TEXT_BODY_BYTES),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect((await res.json<any>()).error.code).toBe('body_too_large');
    expect(await countRows(env.DB, 'reports')).toBe(before);
  });

  test('a chunked multipart report over the cap (an extra field, no files) is 413 naming the evidence', async () => {
    const boundary = 'cekdulu-test-boundary';
    const fields = Object.entries(validReport()).map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    const head = encoder.encode(`${fields.join('')}--${boundary}\r\nContent-Disposition: form-data; name="extra"\r\n\r\n`);
    const res = await postStream(
      '/api/v1/reports',
      `multipart/form-data; boundary=${boundary}`,
      streamOf([head, new Uint8Array(1024 * 1024).fill(0x61), encoder.encode(`\r\n--${boundary}--\r\n`)], MAX_FORM_BODY_BYTES),
    );
    expect(res.status).toBe(413);
    expect((await res.json<any>()).error).toMatchObject({ code: 'body_too_large', field: 'evidence' });
  });

  test('a declared Content-Length over the cap is refused before reading; a dispute is capped too', async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/api/v1/disputes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_TEXT_BODY_BYTES + 1), 'CF-Connecting-IP': freshIp() },
        body: '{}',
      }),
    );
    expect(res.status).toBe(413);
    expect((await res.json<any>()).error.code).toBe('body_too_large');
  });

  test('a report just under the cap still works (the cap counts bytes, it does not refuse streams)', async () => {
    const json = JSON.stringify(validReport({ padding: 'x'.repeat(MAX_TEXT_BODY_BYTES - 2_000) }));
    const res = await postStream('/api/v1/reports', 'application/json', streamOf([encoder.encode(json), new Uint8Array(), new Uint8Array()], 0));
    expect(res.status).toBe(201);
  });
});

describe('every field is capped before it is parsed', () => {
  test('a long lossIdr (which once overflowed the regex stack) is 400 text_too_long naming lossIdr', async () => {
    const res = await postJson('/api/v1/reports', validReport({ lossIdr: `Rp ${'1.000'.repeat(40_000)}` }));
    expect(res.status).toBe(400);
    expect((await res.json<any>()).error).toMatchObject({ code: 'text_too_long', field: 'lossIdr' });
  });

  test.each([
    ['contact', 'a'.repeat(201) + '@example.com', 'text_too_long'],
    ['category', 'x'.repeat(50_000), 'text_too_long'],
    ['bank', '0'.repeat(50_000), 'text_too_long'],
    ['value', '1'.repeat(50_000), 'value_too_long'],
    ['profileUrl', `https://instagram.com/${'a'.repeat(600)}`, 'invalid_profile_url'],
    ['chronology', 'kronologi '.repeat(1_100), 'text_too_long'],
  ])('%s over its limit is 400 %s naming the field, in JSON and in a form', async (field, value, code) => {
    const json = await postJson('/api/v1/reports', validReport({ [field]: value }));
    expect(json.status).toBe(400);
    expect((await json.json<any>()).error).toMatchObject({ code, field });
    const form = await postForm('/api/v1/reports', formOf(validReport({ [field]: value })), { Accept: 'application/json' });
    expect(form.status).toBe(400);
    expect((await form.json<any>()).error).toMatchObject({ code, field });
  });

  test('a dispute contact of 201 characters is text_too_long; 200 is accepted', async () => {
    await publishListing(env, { type: 'phone', value: '0812-3456-7890' });
    const dispute = (contact: string) =>
      postJson('/api/v1/disputes', { type: 'phone', value: '0812-3456-7890', statement: 'Nomor ini milik saya.', contact });
    const refused = await dispute('a'.repeat(201));
    expect(refused.status).toBe(400);
    expect((await refused.json<any>()).error).toMatchObject({ code: 'text_too_long', field: 'contact' });
    expect((await dispute('a'.repeat(200))).status).toBe(201);
  });
});

describe('no log line holds a reporter’s contact, chronology or address', () => {
  const CONTACT = 'rahasia.pelapor.7731@example.com';
  const CHRONOLOGY = 'Kronologi-rahasia-7731: saya transfer lalu diblokir.';
  const STATEMENT = 'Pernyataan-rahasia-7731: rekening ini milik saya.';
  const IP = '198.51.100.77';
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;

  afterEach(() => vi.restoreAllMocks());

  test('while reports and disputes are submitted, accepted or refused for any reason', async () => {
    const spies = methods.map((m) => vi.spyOn(console, m));
    const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
      exports.default.fetch(new Request(`${BASE}${path}`, { method: 'POST', headers: { 'CF-Connecting-IP': IP, ...headers }, body }));
    const report = (overrides: Record<string, unknown> = {}) =>
      JSON.stringify(validReport({ contact: CONTACT, chronology: CHRONOLOGY, ...overrides }));
    const dispute = (overrides: Record<string, unknown> = {}) =>
      JSON.stringify({ type: 'phone', value: '0812-3456-7890', statement: STATEMENT, contact: CONTACT, ...overrides });
    const json = { 'Content-Type': 'application/json' };
    const statuses: number[] = [];
    const send = async (res: Promise<Response>) => {
      const answer = await res;
      statuses.push(answer.status);
      await answer.text();
    };

    await send(post('/api/v1/reports', report(), json));
    await send(post('/api/v1/reports', report({ category: 'nope' }), json));
    await send(post('/api/v1/reports', report({ lossIdr: '9'.repeat(5_000) }), json));
    await send(post('/api/v1/reports', report({ contact: CONTACT.repeat(10) }), json));
    await send(post('/api/v1/reports', formOf(validReport({ contact: CONTACT, chronology: CHRONOLOGY })), { Accept: 'text/html' }));
    const withFakeImage = formOf(validReport({ contact: CONTACT, chronology: CHRONOLOGY }), [{ bytes: encoder.encode('<html>'), name: 'a.png', type: 'image/png' }]);
    await send(post('/api/v1/reports', withFakeImage));
    await send(post('/api/v1/reports', `${report()}x`, json));
    await send(post('/api/v1/disputes', dispute(), json));
    await send(post('/api/v1/disputes', dispute({ type: 'x' }), json));
    await send(post('/api/v1/disputes', dispute({ statement: STATEMENT.repeat(300) }), json));

    // A failing D1 (logged as an unhandled error) and a Worker without a Turnstile secret (logged as such).
    const brokenDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch' || prop === 'prepare') return () => { throw new Error('D1 unavailable'); };
        return Reflect.get(target, prop);
      },
    });
    const direct = (turnstile: Parameters<typeof handleCreateReport>[1]['turnstile'], db = env.DB) => {
      const request = new Request(`${BASE}/api/v1/reports`, {
        method: 'POST',
        headers: { ...json, 'CF-Connecting-IP': IP },
        body: report(),
      });
      return handleCreateReport(request, { db, bucket: env.EVIDENCE, assets: env.ASSETS, turnstile, listed: async () => true }).catch((err) => errorResponse(err, request));
    };
    await send(direct({ mode: 'disabled' }, brokenDb));
    await send(direct({ mode: 'unconfigured' }));
    await send(direct({ mode: 'on', checkIssuer: true, verify: async () => { throw new Error(`network down for ${IP}`); } }));

    expect(statuses).toContain(201);
    expect(statuses).toContain(400);
    expect(statuses).toContain(500); // the broken D1: internal_error, logged
    expect(statuses).toContain(503);
    const logged = spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' ')));
    expect(logged.length).toBeGreaterThan(0); // the failures above were logged …
    for (const line of logged) {
      // … and not one line carries the person's data.
      for (const secret of [CONTACT, CHRONOLOGY, STATEMENT, IP, 'rahasia']) expect(line).not.toContain(secret);
    }
  });
});

describe('evidence stays within its own limits too', () => {
  test('a valid PNG in a multipart report still goes through the capped stream', async () => {
    const res = await postForm('/api/v1/reports', formOf(validReport(), [{ bytes: PNG, name: 'a.png', type: 'image/png' }]), { Accept: 'application/json' });
    expect(res.status).toBe(201);
  });
});
