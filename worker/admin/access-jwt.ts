// Cloudflare Access in front of the admin API and page: Access signs each
// request's identity as a JWT in Cf-Access-Jwt-Assertion. We check it
// ourselves with jose (RS256 only, against the team's JWKS at
// https://<team>.cloudflareaccess.com/cdn-cgi/access/certs, the application's
// AUD tag, issuer, expiry, not-before) so a request that bypasses Access is
// refused.
//
// The key set is kept per isolate, one per team domain: jose's remote set
// caches the keys (10 minutes) and refetches early only for an unknown `kid`
// (Access rotates its keys), at most every 30 seconds. Tests replace the whole
// set through `keys` (createLocalJWKSet with a key pair of their own).
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** Where the verifier finds the team's public keys. */
export type AccessKeys = (certsUrl: URL) => JWTVerifyGetKey;

export interface AccessConfig {
  /** `team.cloudflareaccess.com` */
  teamDomain: string;
  aud: string;
  /** Default: the team's remote JWKS, cached for the isolate (teamKeys). */
  keys?: AccessKeys | undefined;
  now?: (() => number) | undefined;
}

export interface AccessIdentity {
  email: string;
}

const teamKeySets = new Map<string, JWTVerifyGetKey>();

/** The isolate's one remote key set for these certs. */
const teamKeys: AccessKeys = (certsUrl) => {
  let keys = teamKeySets.get(certsUrl.href);
  if (!keys) teamKeySets.set(certsUrl.href, (keys = createRemoteJWKSet(certsUrl)));
  return keys;
};

/** The identity in a valid token, or null for anything malformed, unsigned by the team, expired or for another app. */
export async function verifyAccessJwt(token: string, config: AccessConfig): Promise<AccessIdentity | null> {
  try {
    const teamUrl = `https://${config.teamDomain.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;
    const keys = (config.keys ?? teamKeys)(new URL(`${teamUrl}/cdn-cgi/access/certs`));
    // No clock tolerance: Access issues the token at sign-in, long before it is used here.
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'], // never `none`, never HS256 with the public key as secret
      audience: config.aud,
      issuer: teamUrl,
      requiredClaims: ['exp'],
      ...(config.now ? { currentDate: new Date(config.now()) } : {}),
    });
    const email = typeof payload.email === 'string' ? payload.email : typeof payload.sub === 'string' ? payload.sub : '';
    return email ? { email } : null;
  } catch {
    // Any refusal (signature, claims, unknown kid, an unreachable JWKS) is the same 401 to the caller.
    return null;
  }
}
