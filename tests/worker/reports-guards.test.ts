// The guards around a submission, with their dependencies injected: Turnstile
// through a fake verifier (never the network) and a D1 that fails
// mid-submission. (Cloudflare Access: tests/worker/admin-auth.test.ts.)
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../worker/core/errors.ts';
import { saveReport } from '../../worker/reports/report-store.ts';
import { parseReportSubmission } from '../../worker/reports/submission.ts';
import { turnstileFromSecret } from '../../worker/reports/turnstile.ts';
import { handleCreateReport, type SubmissionDeps } from '../../worker/routes/reports.ts';
import { PNG, countObjects, countRows, validReport } from './reports-fixture.ts';

const request = (body: Record<string, unknown>) =>
  new Request('https://cekdulu.test/api/v1/reports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '192.0.2.200' },
    body: JSON.stringify(body),
  });

describe('Turnstile', () => {
  test('unset or "disabled" is disabled mode', () => {
    expect(turnstileFromSecret(undefined)).toBeUndefined();
    expect(turnstileFromSecret('disabled')).toBeUndefined();
    expect(turnstileFromSecret('1x0000000000000000000000000000000AA')).toBeTypeOf('function');
  });

  test('a token the verifier refuses (or none) is turnstile_failed; one it accepts is stored', async () => {
    const seen: Array<[string, string | null]> = [];
    const deps = (ok: boolean): SubmissionDeps => ({
      db: env.DB,
      bucket: env.EVIDENCE,
      assets: env.ASSETS,
      turnstile: async (token, ip) => (seen.push([token, ip]), ok),
    });
    const before = await countRows(env.DB, 'reports');
    const refused = await handleCreateReport(request(validReport({ turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' })), deps(false)).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'turnstile_failed', field: 'turnstile' });
    const missing = await handleCreateReport(request(validReport()), deps(true)).catch((e) => e);
    expect(missing).toMatchObject({ code: 'turnstile_failed' });
    expect(await countRows(env.DB, 'reports')).toBe(before);

    const accepted = await handleCreateReport(request(validReport({ turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' })), deps(true));
    expect(accepted.status).toBe(201);
    expect(seen).toEqual([
      ['XXXX.DUMMY.TOKEN.XXXX', '192.0.2.200'],
      ['XXXX.DUMMY.TOKEN.XXXX', '192.0.2.200'],
    ]);
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
    const submission = parseReportSubmission({
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
