// Cloudflare Access in front of the admin API and page: Access signs each
// request's identity as a JWT in Cf-Access-Jwt-Assertion. We check it
// ourselves (RS256 against the team's JWKS at
// https://<team>.cloudflareaccess.com/cdn-cgi/access/certs, the application's
// AUD tag, issuer, expiry) so a request that bypasses Access is refused.
// The JWKS comes from an injectable function: tests use a key pair of their own.

export interface Jwk extends JsonWebKey {
  kid?: string;
}
export type JwksFetcher = (certsUrl: string) => Promise<{ keys: Jwk[] }>;

export interface AccessConfig {
  /** `team.cloudflareaccess.com` */
  teamDomain: string;
  aud: string;
  fetchJwks: JwksFetcher;
  now?: () => number;
}

export interface AccessIdentity {
  email: string;
}

export const fetchJwksOverNetwork: JwksFetcher = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`JWKS ${res.status}`);
  return res.json();
};

const base64UrlBytes = (text: string): Uint8Array => {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
};
const base64UrlJson = (text: string): Record<string, unknown> =>
  JSON.parse(new TextDecoder().decode(base64UrlBytes(text))) as Record<string, unknown>;

/** The identity in a valid token, or null for anything malformed, unsigned by the team, expired or for another app. */
export async function verifyAccessJwt(token: string, config: AccessConfig): Promise<AccessIdentity | null> {
  try {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [headerText, payloadText, signatureText] = parts as [string, string, string];
    const header = base64UrlJson(headerText);
    if (header.alg !== 'RS256') return null;
    const teamUrl = `https://${config.teamDomain.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;
    const { keys } = await config.fetchJwks(`${teamUrl}/cdn-cgi/access/certs`);
    const jwk = keys.find((k) => k.kid === header.kid);
    if (!jwk) return null;
    const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    const signed = new TextEncoder().encode(`${headerText}.${payloadText}`);
    if (!(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, base64UrlBytes(signatureText), signed))) return null;

    const claims = base64UrlJson(payloadText);
    const now = (config.now ?? Date.now)() / 1000;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(config.aud)) return null;
    if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) return null;
    if (claims.iss !== teamUrl) return null;
    const email = typeof claims.email === 'string' ? claims.email : typeof claims.sub === 'string' ? claims.sub : '';
    return email ? { email } : null;
  } catch {
    return null;
  }
}
