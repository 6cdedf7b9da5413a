// TikTok sellers: the username from @name, name, tiktok.com/@name (www., m.)
// or a video link, which names its seller (tiktok.com/@name/video/…). TikTok
// ignores case, so the canonical form is lowercase. Its usernames are 2–24
// letters, digits, underscores and periods, and cannot end with a period
// (TikTok's help centre, "Changing your username"). Short links
// (vt.tiktok.com/…, vm.tiktok.com/…, tiktok.com/t/…) hide the account behind
// a redirect this code does not follow: refused with their own code.
import { ApiError } from '../errors.ts';
import { readProfileLink, type ProfileLink } from './profile-link.ts';

const HOST = /^(?:(?:www|m|vt|vm)\.)?tiktok\.com$/;
const SHORT_HOST = /^(?:vt|vm)\.tiktok\.com$/;

const USERNAME = /^[a-z0-9._]{1,23}[a-z0-9_]$/;

/** The lowercase username; throws invalid_tiktok, tiktok_short_link or tiktok_not_profile. */
export function canonicalTiktok(raw: string): string {
  const link = readProfileLink(raw, HOST);
  const name = (link ? usernameInLink(link) : raw.replace(/^@/, '')).toLowerCase();
  if (!USERNAME.test(name)) throw new ApiError('invalid_tiktok', 'value');
  return name;
}

/**
 * A short link (vt.tiktok.com/…, vm.tiktok.com/…, tiktok.com/t/…), from its
 * host and first path segment; the website kind refuses these with the same code.
 */
export function isTiktokShortLink(host: string, firstSegment: string): boolean {
  return SHORT_HOST.test(host) || (HOST.test(host) && firstSegment === 't');
}

function usernameInLink(link: ProfileLink): string {
  const [first = ''] = link.segments;
  if (isTiktokShortLink(link.host, first)) throw new ApiError('tiktok_short_link', 'value');
  if (!HOST.test(link.host)) throw new ApiError('invalid_tiktok', 'value');
  // Only /@name… names an account: /video/…, /tag/…, /music/…, /discover… do not.
  const name = first.startsWith('@') ? first.slice(1) : first.startsWith('%40') ? first.slice(3) : undefined;
  if (name === undefined) throw new ApiError(first === '' ? 'invalid_tiktok' : 'tiktok_not_profile', 'value');
  return name;
}
