// Bot protection on the report and dispute forms with Cloudflare Turnstile.
// Fails closed: only TURNSTILE_SECRET="disabled" turns the check off (set
// explicitly for local runs and tests by scripts/start.ts, tests/e2e/server.ts
// and vitest.config.ts); with no secret at all, as on a deployed Worker whose
// secret was forgotten, submissions are refused (503 submissions_unavailable).
// Otherwise the token is verified by a TurnstileVerifier; the default one calls
// Siteverify, and tests pass their own so they never use the network. A token
// counts only if Siteverify says it succeeded for this site's hostname and for
// this form's action ("report" / "dispute", the widget's data-action).
import { ApiError } from '../core/errors.ts';
import type { FieldLimit } from './request-body.ts';

/** What Siteverify answers (the fields this checks). */
export interface SiteverifyOutcome {
  success: boolean;
  hostname?: string;
  action?: string;
}

type TurnstileVerifier = (token: string, remoteIp: string | null) => Promise<SiteverifyOutcome>;

/** What a token must have been issued for. */
export interface TurnstileExpectation {
  hostname: string;
  action: 'report' | 'dispute';
}

/** How the Worker is configured: off (explicitly), unconfigured (refuse), or a verifier. */
export type TurnstileConfig = { mode: 'disabled' } | { mode: 'unconfigured' } | { mode: 'on'; verify: TurnstileVerifier; checkIssuer: boolean };

/** Tokens are at most 2048 characters (Turnstile docs). */
const MAX_TOKEN = 2048;

/** The widget posts its token as cf-turnstile-response; JSON clients send turnstileToken. */
export const TURNSTILE_FIELDS = {
  'cf-turnstile-response': { max: MAX_TOKEN, code: 'turnstile_failed', field: 'turnstile' },
  turnstileToken: { max: MAX_TOKEN, code: 'turnstile_failed', field: 'turnstile' },
} satisfies Record<string, FieldLimit>;

/**
 * A client can send the token in this header instead, and then it is verified
 * before a byte of the body (and its files) is read.
 */
export const TURNSTILE_HEADER = 'CF-Turnstile-Response';

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/**
 * Cloudflare's documented test secrets: their dummy answers carry the hostname
 * "example.com" and no action, so only `success` is checked with them (staging).
 */
const TEST_SECRETS = new Set(['1x0000000000000000000000000000000AA', '2x0000000000000000000000000000000AA', '3x0000000000000000000000000000000AA']);

function siteverify(secret: string, fetcher: typeof fetch = fetch): TurnstileVerifier {
  return async (token, remoteIp) => {
    const body = new FormData();
    body.set('secret', secret);
    body.set('response', token);
    if (remoteIp) body.set('remoteip', remoteIp);
    const res = await fetcher(SITEVERIFY, { method: 'POST', body });
    if (!res.ok) return { success: false };
    const outcome = await res.json<Partial<SiteverifyOutcome>>();
    return {
      success: outcome.success === true,
      ...(typeof outcome.hostname === 'string' ? { hostname: outcome.hostname } : {}),
      ...(typeof outcome.action === 'string' ? { action: outcome.action } : {}),
    };
  };
}

export function turnstileFromSecret(secret: string | undefined, fetcher?: typeof fetch): TurnstileConfig {
  if (secret === 'disabled') return { mode: 'disabled' };
  if (!secret) return { mode: 'unconfigured' };
  return { mode: 'on', verify: siteverify(secret, fetcher), checkIssuer: !TEST_SECRETS.has(secret) };
}

/**
 * Throws submissions_unavailable when unconfigured (logged, nothing personal),
 * turnstile_failed unless the token verifies for this hostname and action.
 */
export async function checkTurnstile(
  config: TurnstileConfig,
  token: string,
  remoteIp: string | null,
  expected: TurnstileExpectation,
): Promise<void> {
  if (config.mode === 'disabled') return;
  if (config.mode === 'unconfigured') {
    console.error('cekdulu: TURNSTILE_SECRET is not set: refusing submissions (set the secret, or "disabled" for local runs)');
    throw new ApiError('submissions_unavailable');
  }
  // An empty token never verifies; don't ask Siteverify.
  if (token === '' || token.length > MAX_TOKEN) throw new ApiError('turnstile_failed', 'turnstile');
  let outcome: SiteverifyOutcome;
  try {
    outcome = await config.verify(token, remoteIp);
  } catch (err) {
    console.error(`cekdulu: Siteverify unreachable: ${(err as Error)?.name ?? typeof err}`);
    throw new ApiError('submissions_unavailable');
  }
  const issuedHere = !config.checkIssuer || (outcome.hostname === expected.hostname && outcome.action === expected.action);
  if (!outcome.success || !issuedHere) throw new ApiError('turnstile_failed', 'turnstile');
}
