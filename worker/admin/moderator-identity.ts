// Who counts as one moderator. Access names a moderator by the e-mail they
// signed in with, as typed: `Alice@x.id`, `alice@x.id` and, under an "emails
// ending in @x.id" policy with one-time PINs, `alice+2@x.id` are three logins
// of one person — and four eyes would be two of them. So every identity is
// compared in one form (trimmed, lower-cased, a `+tag` dropped from the local
// part), and only the moderators the operators name in MODERATORS (that form,
// comma-separated; wrangler.toml) may moderate at all.
import { ApiError } from '../core/errors.ts';

/** `  Alice+otp@X.id ` → `alice@x.id`; a name without `@` (the local token's `admin-token`) is only trimmed and lower-cased. */
export function moderatorIdentity(raw: string): string {
  const identity = raw.trim().toLowerCase();
  const at = identity.indexOf('@');
  if (at < 0) return identity;
  const local = identity.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus < 0 ? local : local.slice(0, plus)}${identity.slice(at)}`;
}

/** The MODERATORS var as a set of identities; unset or empty is nobody (fail closed). */
export const moderatorList = (raw: string | undefined): Set<string> =>
  new Set((raw ?? '').split(',').map(moderatorIdentity).filter((name) => name !== ''));

/** The identity, if the operators listed it; else 403 not_a_moderator. */
export function requireListed(identity: string, moderators: ReadonlySet<string>): string {
  if (!moderators.has(identity)) throw new ApiError('not_a_moderator');
  return identity;
}
