// The guards around a submission, with their dependencies injected: Turnstile
// through a fake verifier (never the network) and a D1 that fails
// mid-submission. (Cloudflare Access: tests/worker/admin-auth.test.ts.)
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../worker/core/errors.ts';
import { saveReport } from '../../worker/reports/report-store.ts';
import { parseReportSubmission } from '../../worker/reports/submission.ts';
import { turnstileFromSecret, type SiteverifyOutcome, type TurnstileConfig } from '../../worker/reports/turnstile.ts';
import { handleCreateReport, type SubmissionDeps } from '../../worker/routes/reports.ts';
import { PNG, countObjects, countRows, validReport } from './reports-fixture.ts';

const request = (body: Record<string, unknown>) =>
  new Request('https://cekdulu.test/api/v1/reports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '192.0.2.200' },
    body: JSON.stringify(body),
  });

describe('Turnstile', () => {
  test('only "disabled" turns it off; no secret at all is unconfigured (fails closed)', () => {
    expect(turnstileFromSecret('disabled')).toEqual({ mode: 'disabled' });
    expect(turnstileFromSecret(undefined)).toEqual({ mode: 'unconfigured' });
    expect(turnstileFromSecret('')).toEqual({ mode: 'unconfigured' });
    expect(turnstileFromSecret('1x0000000000000000000000000000000AA')).toMatchObject({ mode: 'on', checkIssuer: false });
    expect(turnstileFromSecret('0x4AAAAAAA-real-secret')).toMatchObject({ mode: 'on', checkIssuer: true });
  });

  const deps = (turnstile: TurnstileConfig): SubmissionDeps => ({ db: env.DB, bucket: env.EVIDENCE, assets: env.ASSETS, turnstile, listed: async () => true });
  const on = (answer: SiteverifyOutcome | (() => Promise<SiteverifyOutcome>), seen: Array<[string, string | null]> = []): TurnstileConfig => ({
    mode: 'on',
    checkIssuer: true,
    verify: async (token, ip) => (seen.push([token, ip]), typeof answer === 'function' ? answer() : answer),
  });
  const GOOD = { success: true, hostname: 'cekdulu.test', action: 'report' };

  test('a token the verifier refuses (or none) is turnstile_failed; one it accepts is stored', async () => {
    const seen: Array<[string, string | null]> = [];
    const before = await countRows(env.DB, 'reports');
    const refused = await handleCreateReport(request(validReport({ turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' })), deps(on({ success: false }, seen))).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'turnstile_failed', field: 'turnstile' });
    const missing = await handleCreateReport(request(validReport()), deps(on(GOOD, seen))).catch((e) => e);
    expect(missing).toMatchObject({ code: 'turnstile_failed' });
    expect(await countRows(env.DB, 'reports')).toBe(before);

    const accepted = await handleCreateReport(request(validReport({ turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' })), deps(on(GOOD, seen)));
    expect(accepted.status).toBe(201);
    expect(seen).toEqual([
      ['XXXX.DUMMY.TOKEN.XXXX', '192.0.2.200'],
      ['XXXX.DUMMY.TOKEN.XXXX', '192.0.2.200'],
    ]);
  });

  test('a token issued for another hostname or another form (action) is refused', async () => {
    const token = { turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' };
    for (const answer of [
      { ...GOOD, hostname: 'evil.example' },
      { ...GOOD, action: 'dispute' },
      { success: true },
    ]) {
      const refused = await handleCreateReport(request(validReport(token)), deps(on(answer))).catch((e) => e);
      expect(refused, JSON.stringify(answer)).toMatchObject({ code: 'turnstile_failed', field: 'turnstile' });
    }
    // With a documented test secret Siteverify answers example.com and no action: only success counts.
    const staging = { ...on({ success: true, hostname: 'example.com', action: '' }), checkIssuer: false };
    expect((await handleCreateReport(request(validReport(token)), deps(staging))).status).toBe(201);
  });

  test('no secret refuses submissions with 503 submissions_unavailable, before anything is stored', async () => {
    const before = await countRows(env.DB, 'reports');
    const refused = await handleCreateReport(request(validReport()), deps({ mode: 'unconfigured' })).catch((e) => e);
    expect(refused).toMatchObject({ code: 'submissions_unavailable', status: 503 });
    expect(await countRows(env.DB, 'reports')).toBe(before);
  });

  test('a token in the CF-Turnstile-Response header is checked before the body is read', async () => {
    let pulled = false;
    // highWaterMark 0: the stream is pulled only when someone reads the body.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode(JSON.stringify(validReport())));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const req = new Request('https://cekdulu.test/api/v1/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Turnstile-Response': 'bad-token' },
      body,
    });
    const refused = await handleCreateReport(req, deps(on({ success: false }))).catch((e) => e);
    expect(refused).toMatchObject({ code: 'turnstile_failed' });
    expect(pulled).toBe(false);
  });

  test('Siteverify is asked with the secret, the token and the client address, and its hostname and action are read', async () => {
    const asked: FormData[] = [];
    const fetcher = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      asked.push(init!.body as FormData);
      return Response.json({ success: true, hostname: 'cekdulu.test', action: 'dispute', 'error-codes': [] });
    }) as typeof fetch;
    const config = turnstileFromSecret('real-secret', fetcher);
    if (config.mode !== 'on') throw new Error('expected on');
    expect(await config.verify('tok', '198.51.100.1')).toEqual({ success: true, hostname: 'cekdulu.test', action: 'dispute' });
    expect([...asked[0]!.entries()]).toEqual([['secret', 'real-secret'], ['response', 'tok'], ['remoteip', '198.51.100.1']]);
  });
});

describe('a failed submission leaves nothing behind', () => {
  test('when D1 fails after the evidence was written, the evidence objects are deleted and no row is kept', async () => {
    const [reports, objects] = [await countRows(env.DB, 'reports'), await countObjects(env.EVIDENCE)];
    const failingDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch') return async () => { throw new Error('D1 unavailable'); };
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const submission = await parseReportSubmission({
      text: (name) => String((validReport() as Record<string, unknown>)[name] ?? ''),
      json: () => undefined,
      files: () => [],
      isForm: false,
    });
    const evidence = [{ bytes: PNG, contentType: 'image/png' as const }, { bytes: PNG, contentType: 'image/png' as const }];
    await expect(saveReport(failingDb, env.EVIDENCE, submission, evidence)).rejects.toThrow('D1 unavailable');
    expect(await countRows(env.DB, 'reports')).toBe(reports);
    expect(await countObjects(env.EVIDENCE)).toBe(objects);
  });
});
