// Instagram and Facebook sellers: the account's username (or Facebook's numeric
// id) from a handle, @handle or any profile link, following each platform's
// rules for when two spellings are the same account. Links that point at a
// post, reel, group or Marketplace item are not a seller's profile and are
// refused with a message that says so.
import { ApiError } from './errors.ts';

const INSTAGRAM_HOST = /^(?:www\.|m\.)?(?:instagram\.com|instagr\.am)$/;
/** First path segments that are Instagram pages, not usernames. */
export const INSTAGRAM_NOT_PROFILE: ReadonlySet<string> = new Set([
  'p', 'reel', 'reels', 'tv', 'stories', 'explore', 'accounts', 'direct', 'about', 'legal', 'developer',
  'web', 'challenge', 'emails', 'session', 'oauth', 's', 'share', 'ar', 'api', 'static',
]);
/** Segments after a username that open one post rather than the profile. */
const INSTAGRAM_POST_AFTER_USERNAME = new Set(['p', 'reel', 'tv']);
// Instagram: 1–30 of a-z 0-9 . _, case-insensitive, no leading/trailing or doubled period.
const INSTAGRAM_USERNAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[a-z0-9._]{1,30}$/;

const FACEBOOK_HOST = /^(?:www\.|m\.|web\.|mbasic\.|touch\.|mobile\.|business\.)?(?:facebook\.com|fb\.com)$/;
/** First path segments that are Facebook features, not profiles. */
const FACEBOOK_NOT_PROFILE = new Set([
  'posts', 'photo.php', 'photo', 'photos', 'permalink.php', 'story.php', 'share', 'sharer', 'sharer.php',
  'groups', 'events', 'marketplace', 'watch', 'reel', 'reels', 'hashtag', 'login', 'login.php', 'help',
  'settings', 'notifications', 'messages', 'gaming', 'stories', 'search', 'dialog', 'plugins', 'l.php',
  'video.php', 'videos', 'media', 'ads', 'business', 'privacy', 'policies', 'home.php', 'friends', 'saved',
]);
/** Segments after a username that open one item rather than the profile. */
const FACEBOOK_ITEM_AFTER_USERNAME = new Set(['posts', 'videos', 'photos', 'permalink', 'reels']);
// Facebook: letters, digits and periods, at least 5 characters; case and periods are ignored.
const FACEBOOK_USERNAME = /^[a-z0-9.]{5,50}$/;
const NUMERIC_ID = /^\d{5,20}$/;

export function canonicalInstagram(raw: string): string {
  const url = asUrl(raw, /instagram\.com|instagr\.am/i);
  let username: string;
  if (url) {
    if (!INSTAGRAM_HOST.test(url.hostname.toLowerCase())) throw new ApiError('invalid_instagram', 'value');
    const [first, second] = segments(url);
    if (!first) throw new ApiError('invalid_instagram', 'value');
    if (INSTAGRAM_NOT_PROFILE.has(first.toLowerCase())) throw new ApiError('instagram_not_profile', 'value');
    if (second && INSTAGRAM_POST_AFTER_USERNAME.has(second.toLowerCase())) {
      throw new ApiError('instagram_not_profile', 'value');
    }
    username = first;
  } else {
    username = raw.trim().replace(/^@/, '');
  }
  username = username.toLowerCase();
  if (!INSTAGRAM_USERNAME.test(username)) throw new ApiError('invalid_instagram', 'value');
  return username;
}

export function canonicalFacebook(raw: string): string {
  const url = asUrl(raw, /facebook\.com|fb\.com/i);
  let username: string;
  if (url) {
    if (!FACEBOOK_HOST.test(url.hostname.toLowerCase())) throw new ApiError('invalid_facebook', 'value');
    const parts = segments(url);
    const first = parts[0]?.toLowerCase();
    if (!first) throw new ApiError('invalid_facebook', 'value');
    if (first === 'profile.php') {
      const id = url.searchParams.get('id') ?? '';
      if (!NUMERIC_ID.test(id)) throw new ApiError('invalid_facebook', 'value');
      return id;
    }
    // /people/Some-Name/100012345678/ and old page links /pages/Shop-Name/123456789/ name the account by id.
    if (first === 'people' || first === 'pages') {
      const id = parts[2] ?? '';
      if (!NUMERIC_ID.test(id)) throw new ApiError('invalid_facebook', 'value');
      return id;
    }
    if (FACEBOOK_NOT_PROFILE.has(first)) throw new ApiError('facebook_not_profile', 'value');
    if (parts[1] && FACEBOOK_ITEM_AFTER_USERNAME.has(parts[1].toLowerCase()) && parts[2]) {
      throw new ApiError('facebook_not_profile', 'value');
    }
    username = first;
  } else {
    username = raw.trim().replace(/^@/, '');
  }
  if (NUMERIC_ID.test(username)) return username;
  username = username.toLowerCase();
  if (!FACEBOOK_USERNAME.test(username) || username.replace(/\./g, '').length < 5) {
    throw new ApiError('invalid_facebook', 'value');
  }
  return username.replace(/\./g, '');
}

/** A URL when the text looks like a link (a scheme, a slash, or the platform's host); otherwise null. */
function asUrl(raw: string, host: RegExp): URL | null {
  const text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !text.includes('/') && !host.test(text)) return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
}

function segments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}
