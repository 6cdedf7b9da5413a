// Bot protection on the report and dispute forms with Cloudflare Turnstile.
// TURNSTILE_SECRET unset or "disabled" is the local and test default: no
// check. Otherwise the token is verified by a TurnstileVerifier; the default
// one calls Siteverify, and tests pass their own so they never use the network.
import { ApiError } from '../core/errors.ts';

export type TurnstileVerifier = (token: string, remoteIp: string | null) => Promise<boolean>;

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

export function siteverify(secret: string): TurnstileVerifier {
  return async (token, remoteIp) => {
    const body = new FormData();
    body.set('secret', secret);
    body.set('response', token);
    if (remoteIp) body.set('remoteip', remoteIp);
    const res = await fetch(SITEVERIFY, { method: 'POST', body });
    if (!res.ok) return false;
    const outcome = await res.json<{ success?: boolean }>();
    return outcome.success === true;
  };
}

/** The verifier for this configuration, or undefined in disabled mode. */
export function turnstileFromSecret(secret: string | undefined): TurnstileVerifier | undefined {
  if (!secret || secret === 'disabled') return undefined;
  return siteverify(secret);
}

/** Throws turnstile_failed unless disabled or the token verifies. */
export async function checkTurnstile(verifier: TurnstileVerifier | undefined, token: string, remoteIp: string | null): Promise<void> {
  if (!verifier) return;
  // Tokens are at most 2048 characters (Turnstile docs); an empty one never verifies.
  if (token === '' || token.length > 2048 || !(await verifier(token, remoteIp))) {
    throw new ApiError('turnstile_failed', 'turnstile');
  }
}
