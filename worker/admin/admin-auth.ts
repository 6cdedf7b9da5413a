// Who is calling the moderation API: one way or the other, never both.
// Production: Cloudflare Access, chosen by setting ACCESS_TEAM_DOMAIN or
// ACCESS_AUD (a valid Cf-Access-Jwt-Assertion; the moderator is its email). Then
// a Bearer token is refused even if ADMIN_TOKEN is set too, so a token left over
// from a local setup cannot get past Access; with only one of the two set,
// nothing is accepted (fail closed). Local: ADMIN_TOKEN as
// `Authorization: Bearer …` (the actor is "admin-token"). Anything else: 401.
// The name returned is in its one comparable form (moderator-identity.ts).
import { ApiError } from '../core/errors.ts';
import { verifyAccessJwt, type AccessKeys } from './access-jwt.ts';
import { moderatorIdentity } from './moderator-identity.ts';

export interface AdminAuthConfig {
  adminToken?: string | undefined;
  accessTeamDomain?: string | undefined;
  accessAud?: string | undefined;
  /** Default: the team's remote JWKS (access-jwt.ts); tests pass their own keys. */
  accessKeys?: AccessKeys | undefined;
  now?: () => number;
}

/** The moderator's name for the audit log; throws unauthorized. */
export async function authenticateAdmin(request: Request, config: AdminAuthConfig): Promise<string> {
  if (config.accessTeamDomain || config.accessAud) {
    const assertion = request.headers.get('Cf-Access-Jwt-Assertion');
    const identity =
      assertion && config.accessTeamDomain && config.accessAud
        ? await verifyAccessJwt(assertion, {
            teamDomain: config.accessTeamDomain,
            aud: config.accessAud,
            keys: config.accessKeys,
            now: config.now,
          })
        : null;
    if (identity) return moderatorIdentity(identity.email);
    throw new ApiError('unauthorized');
  }
  const auth = request.headers.get('Authorization') ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  if (config.adminToken && token && (await sameSecret(token, config.adminToken))) return 'admin-token';
  throw new ApiError('unauthorized');
}

/** Compares digests, so the time taken says nothing about how much of the token matched. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
