// Instagram sellers: the username from a handle, @handle or profile link.
// Instagram ignores case but not periods: "toko.ku" and "tokoku" are two
// accounts. Links to a post, reel or story are refused with their own code,
// so the message can say "copy the profile link instead".
import { ApiError } from '../errors.ts';
import { readProfileLink, type ProfileLink } from './profile-link.ts';

const HOST = /^(?:www\.|m\.)?(?:instagram\.com|instagr\.am)$/;

/** First path segments that are Instagram's own pages, never usernames. */
export const INSTAGRAM_NOT_PROFILE: ReadonlySet<string> = new Set([
  'p', 'reel', 'reels', 'tv', 'stories', 'explore', 'accounts', 'direct', 's', 'share',
  'about', 'legal', 'developer', 'web', 'challenge', 'emails', 'session', 'oauth', 'ar', 'api', 'static',
]);

/** Segments after a username that open one post (instagram.com/handle/p/…), not the profile. */
const POST_AFTER_USERNAME: ReadonlySet<string> = new Set(['p', 'reel', 'tv']);

// 1–30 of a-z 0-9 . _; no period first, last or twice in a row.
const USERNAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[a-z0-9._]{1,30}$/;

/** The lowercase username; throws invalid_instagram or instagram_not_profile. */
export function canonicalInstagram(raw: string): string {
  const link = readProfileLink(raw, HOST);
  const username = (link ? usernameInLink(link) : raw.replace(/^@/, '')).toLowerCase();
  if (!USERNAME.test(username)) throw new ApiError('invalid_instagram', 'value');
  return username;
}

function usernameInLink(link: ProfileLink): string {
  if (!HOST.test(link.host)) throw new ApiError('invalid_instagram', 'value');
  // instagram.com/_u/handle is the app's deep link to a profile.
  const segments = link.segments[0] === '_u' && link.segments.length > 1 ? link.segments.slice(1) : link.segments;
  const [first, second] = segments;
  if (first === undefined) throw new ApiError('invalid_instagram', 'value');
  if (INSTAGRAM_NOT_PROFILE.has(first.toLowerCase()) || POST_AFTER_USERNAME.has(second?.toLowerCase() ?? '')) {
    throw new ApiError('instagram_not_profile', 'value');
  }
  return first;
}
