// Who may moderate (worker/admin/admin-auth.ts, access-jwt.ts): Cloudflare
// Access tokens signed here with a key pair made by Web Crypto, verified by
// jose against a local key set (the `accessKeys` seam) or, for the isolate's
// cached remote set, a stubbed global fetch. Never the network.
import { createLocalJWKSet } from 'jose';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { authenticateAdmin, type AdminAuthConfig } from '../../worker/admin/admin-auth.ts';
import { verifyAccessJwt } from '../../worker/admin/access-jwt.ts';
import { b64text as text, b64url, keyPair, sign } from './access-fixture.ts';

const TEAM = 'cekdulu.cloudflareaccess.com';
const AUD = 'a1b2c3d4e5f6-test-aud';

/** HS256 with the team's public key as the shared secret: the classic algorithm confusion. */
async function signHs256(secret: string, kid: string, claims: Record<string, unknown>): Promise<string> {
  const head = `${text({ alg: 'HS256', kid, typ: 'JWT' })}.${text(claims)}`;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `${head}.${b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(head))))}`;
}

const now = () => Math.floor(Date.now() / 1000);
const claimsFor = (team = TEAM) => ({ aud: [AUD], email: 'moderator@cekdulu.id', exp: now() + 600, iat: now(), iss: `https://${team}`, sub: 'u1' });

const requestWith = (headers: Record<string, string>) => new Request('https://cekdulu.test/api/v1/admin/reports', { headers });

describe('Cloudflare Access', () => {
  test('a valid token names the moderator; crafted, foreign, expired, early or misaddressed tokens are refused', async () => {
    const team = await keyPair('team-key');
    const stranger = await keyPair('team-key');
    const fetched: string[] = [];
    const config: AdminAuthConfig = {
      accessTeamDomain: TEAM,
      accessAud: AUD,
      accessKeys: (url) => (fetched.push(url.href), createLocalJWKSet({ keys: [team.jwk] })),
    };
    const claims = claimsFor();
    const call = (token: string, extra: Partial<AdminAuthConfig> = {}) =>
      authenticateAdmin(requestWith({ 'Cf-Access-Jwt-Assertion': token }), { ...config, ...extra }).catch((e: unknown) => e);

    expect(await call(await sign(team.privateKey, 'team-key', claims))).toBe('moderator@cekdulu.id');
    expect(fetched[0]).toBe(`https://${TEAM}/cdn-cgi/access/certs`);

    const refused: Record<string, string> = {
      'wrong audience': await sign(team.privateKey, 'team-key', { ...claims, aud: ['another-app'] }),
      expired: await sign(team.privateKey, 'team-key', { ...claims, exp: now() - 1 }),
      'no expiry': await sign(team.privateKey, 'team-key', { ...claims, exp: undefined }),
      'not yet valid': await sign(team.privateKey, 'team-key', { ...claims, nbf: now() + 120 }),
      'wrong issuer': await sign(team.privateKey, 'team-key', { ...claims, iss: 'https://evil.cloudflareaccess.com' }),
      'foreign key, same kid': await sign(stranger.privateKey, 'team-key', claims),
      'unknown kid': await sign(team.privateKey, 'other-kid', claims),
      'payload swapped after signing': (await sign(team.privateKey, 'team-key', claims)).replace(
        /\.[^.]+\./,
        `.${text({ ...claims, email: 'attacker@example.com' })}.`,
      ),
      'alg none': `${text({ alg: 'none', kid: 'team-key', typ: 'JWT' })}.${text(claims)}.`,
      'HS256 keyed with the public key': await signHs256(JSON.stringify(team.jwk), 'team-key', claims),
      'HS256 keyed with the modulus': await signHs256(team.jwk.n!, 'team-key', claims),
      'not a JWT': 'not-a-jwt',
    };
    for (const [name, token] of Object.entries(refused)) {
      expect({ name, outcome: await call(token) }).toMatchObject({ name, outcome: { code: 'unauthorized' } });
    }
  });

  test('with Access configured the Bearer token is refused, even a correct one, and with half of Access nothing passes', async () => {
    const team = await keyPair('team-key');
    const accessKeys = () => createLocalJWKSet({ keys: [team.jwk] });
    const bearer = requestWith({ Authorization: 'Bearer local-secret' });
    const access = { accessTeamDomain: TEAM, accessAud: AUD, accessKeys, adminToken: 'local-secret' };
    await expect(authenticateAdmin(bearer, access)).rejects.toMatchObject({ code: 'unauthorized' });
    // A forged assertion next to a correct token does not fall back to the token.
    const both = requestWith({ Authorization: 'Bearer local-secret', 'Cf-Access-Jwt-Assertion': 'x.y.z' });
    await expect(authenticateAdmin(both, access)).rejects.toMatchObject({ code: 'unauthorized' });
    // Only one of the two Access settings: a misconfiguration, so fail closed rather than fall back to the token.
    const valid = requestWith({ Authorization: 'Bearer local-secret', 'Cf-Access-Jwt-Assertion': await sign(team.privateKey, 'team-key', claimsFor()) });
    await expect(authenticateAdmin(valid, { accessAud: AUD, adminToken: 'local-secret', accessKeys })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(authenticateAdmin(valid, { accessTeamDomain: TEAM, adminToken: 'local-secret', accessKeys })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await authenticateAdmin(valid, access)).toBe('moderator@cekdulu.id');
  });

  describe("the team's key set, kept by the isolate", () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    });

    test('is fetched once for many requests, and again for an unknown kid only after the cooldown', async () => {
      const team = `cache-${crypto.randomUUID()}.cloudflareaccess.com`; // a set no other test has cached
      const first = await keyPair('k1');
      const rotated = await keyPair('k2');
      let published = [first.jwk];
      const fetched: string[] = [];
      vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
        fetched.push(String(input instanceof Request ? input.url : input));
        return Response.json({ keys: published });
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      const verify = (token: string) => verifyAccessJwt(token, { teamDomain: team, aud: AUD });

      const token = await sign(first.privateKey, 'k1', claimsFor(team));
      for (let i = 0; i < 3; i++) expect(await verify(token)).toEqual({ email: 'moderator@cekdulu.id' });
      expect(fetched).toEqual([`https://${team}/cdn-cgi/access/certs`]);

      // Access rotates its key: an unknown kid refetches, but not more than once in 30 seconds.
      published = [first.jwk, rotated.jwk];
      const next = await sign(rotated.privateKey, 'k2', claimsFor(team));
      expect(await verify(next)).toBeNull();
      expect(fetched).toHaveLength(1);
      vi.setSystemTime(Date.now() + 31_000);
      expect(await verify(await sign(rotated.privateKey, 'k2', claimsFor(team)))).toEqual({ email: 'moderator@cekdulu.id' });
      expect(fetched).toHaveLength(2);
      expect(await verify(await sign(first.privateKey, 'k1', claimsFor(team)))).toEqual({ email: 'moderator@cekdulu.id' });
      expect(fetched).toHaveLength(2);
    });

    test('a crafted token is refused before any key is fetched', async () => {
      const fetched: string[] = [];
      vi.stubGlobal('fetch', async (input: RequestInfo | URL) => (fetched.push(String(input)), Response.json({ keys: [] })));
      const team = `crafted-${crypto.randomUUID()}.cloudflareaccess.com`;
      const none = `${text({ alg: 'none', typ: 'JWT' })}.${text(claimsFor(team))}.`;
      expect(await verifyAccessJwt(none, { teamDomain: team, aud: AUD })).toBeNull();
      expect(await verifyAccessJwt(await signHs256('secret', 'k1', claimsFor(team)), { teamDomain: team, aud: AUD })).toBeNull();
      expect(fetched).toEqual([]);
    });
  });
});

describe('the local token', () => {
  test('works only as a Bearer token and only when configured', async () => {
    const withAuth = (value: string) => new Request('https://cekdulu.test/', { headers: { Authorization: value } });
    expect(await authenticateAdmin(withAuth('Bearer s3cret'), { adminToken: 's3cret' })).toBe('admin-token');
    await expect(authenticateAdmin(withAuth('Bearer s3cret'), {})).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(authenticateAdmin(withAuth('s3cret'), { adminToken: 's3cret' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(authenticateAdmin(withAuth('Bearer s3cre'), { adminToken: 's3cret' })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
