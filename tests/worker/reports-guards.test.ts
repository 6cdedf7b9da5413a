// The guards around a submission, with their dependencies injected: Turnstile
// through a fake verifier (never the network), Cloudflare Access through a key
// pair made here with Web Crypto, and a D1 that fails mid-submission.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { authenticateAdmin } from '../../worker/admin/admin-auth.ts';
import type { Jwk } from '../../worker/admin/access-jwt.ts';
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

describe('Cloudflare Access', () => {
  const TEAM = 'cekdulu.cloudflareaccess.com';
  const AUD = 'a1b2c3d4e5f6-test-aud';
  const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const text = (object: unknown) => b64url(new TextEncoder().encode(JSON.stringify(object)));

  async function keyPair(kid: string) {
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const jwk = { ...((await crypto.subtle.exportKey('jwk', pair.publicKey)) as Jwk), kid };
    return { privateKey: pair.privateKey, jwk };
  }

  async function sign(privateKey: CryptoKey, kid: string, claims: Record<string, unknown>): Promise<string> {
    const head = `${text({ alg: 'RS256', kid, typ: 'JWT' })}.${text(claims)}`;
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, new TextEncoder().encode(head));
    return `${head}.${b64url(new Uint8Array(signature))}`;
  }

  test('a valid token names the moderator; wrong audience, expiry, issuer, key or signature are refused', async () => {
    const team = await keyPair('team-key');
    const stranger = await keyPair('team-key');
    const fetched: string[] = [];
    const config = {
      accessTeamDomain: TEAM,
      accessAud: AUD,
      fetchJwks: async (url: string) => (fetched.push(url), { keys: [team.jwk] }),
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = { aud: [AUD], email: 'moderator@cekdulu.id', exp: now + 600, iat: now, iss: `https://${TEAM}`, sub: 'u1' };
    const call = (token: string, extra: Partial<typeof config> & { adminToken?: string } = {}) =>
      authenticateAdmin(
        new Request('https://cekdulu.test/api/v1/admin/reports', { headers: { 'Cf-Access-Jwt-Assertion': token } }),
        { ...config, ...extra },
      ).catch((e: unknown) => e);

    expect(await call(await sign(team.privateKey, 'team-key', claims))).toBe('moderator@cekdulu.id');
    expect(fetched[0]).toBe(`https://${TEAM}/cdn-cgi/access/certs`);

    const refused = [
      await sign(team.privateKey, 'team-key', { ...claims, aud: ['another-app'] }),
      await sign(team.privateKey, 'team-key', { ...claims, exp: now - 1 }),
      await sign(team.privateKey, 'team-key', { ...claims, iss: 'https://evil.cloudflareaccess.com' }),
      await sign(stranger.privateKey, 'team-key', claims),
      await sign(team.privateKey, 'other-kid', claims),
      (await sign(team.privateKey, 'team-key', claims)).replace(/\.[^.]+\./, `.${text({ ...claims, email: 'attacker@example.com' })}.`),
      'not-a-jwt',
    ];
    for (const token of refused) expect(await call(token)).toMatchObject({ code: 'unauthorized' });

    // With Access configured, a forged assertion is refused even if a local token is also configured.
    expect(await call('x.y.z', { adminToken: 'local' })).toMatchObject({ code: 'unauthorized' });
  });

  test('the local token works only as a Bearer token and only when configured', async () => {
    const fetchJwks = async () => ({ keys: [] });
    const withAuth = (value: string) => new Request('https://cekdulu.test/', { headers: { Authorization: value } });
    expect(await authenticateAdmin(withAuth('Bearer s3cret'), { adminToken: 's3cret', fetchJwks })).toBe('admin-token');
    await expect(authenticateAdmin(withAuth('Bearer s3cret'), { fetchJwks })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(authenticateAdmin(withAuth('s3cret'), { adminToken: 's3cret', fetchJwks })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(authenticateAdmin(withAuth('Bearer s3cre'), { adminToken: 's3cret', fetchJwks })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
