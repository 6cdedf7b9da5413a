// Who is calling the moderation API. Production: Cloudflare Access (a valid
// Cf-Access-Jwt-Assertion; the moderator is its email). Local: ADMIN_TOKEN as
// `Authorization: Bearer …` (the actor is "admin-token"). Neither configured,
// or neither presented and valid: 401.
import { ApiError } from '../core/errors.ts';
import { verifyAccessJwt, type JwksFetcher } from './access-jwt.ts';

export interface AdminAuthConfig {
  adminToken?: string | undefined;
  accessTeamDomain?: string | undefined;
  accessAud?: string | undefined;
  fetchJwks: JwksFetcher;
  now?: () => number;
}

/** The moderator's name for the audit log; throws unauthorized. */
export async function authenticateAdmin(request: Request, config: AdminAuthConfig): Promise<string> {
  const assertion = request.headers.get('Cf-Access-Jwt-Assertion');
  if (assertion && config.accessTeamDomain && config.accessAud) {
    const identity = await verifyAccessJwt(assertion, {
      teamDomain: config.accessTeamDomain,
      aud: config.accessAud,
      fetchJwks: config.fetchJwks,
      ...(config.now ? { now: config.now } : {}),
    });
    if (identity) return identity.email;
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
