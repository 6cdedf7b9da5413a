// Facebook sellers: the username, or the numeric profile id, from a name,
// @name or profile link. Facebook ignores case and periods in usernames
// (john.smith, johnsmith and John.Smith are one account), so the canonical
// username is lowercase without periods. Links to a post, group, Marketplace
// item or video are refused with their own code.
import { ApiError } from '../errors.ts';
import { readProfileLink, type ProfileLink } from './profile-link.ts';

const HOST = /^(?:(?:www|m|web|mbasic|touch|mobile|free|[a-z]{2}-[a-z]{2})\.)?(?:facebook\.com|fb\.com)$/;
/** Facebook's short links to videos: never a profile. */
const VIDEO_HOST = 'fb.watch';

/** First path segments that are Facebook's own pages, never usernames. */
const NOT_PROFILE: ReadonlySet<string> = new Set([
  'posts', 'photo.php', 'photo', 'photos', 'permalink.php', 'story.php', 'share', 'sharer', 'sharer.php',
  'groups', 'events', 'marketplace', 'watch', 'reel', 'reels', 'hashtag', 'login', 'login.php', 'help',
  'settings', 'notifications', 'messages', 'gaming', 'stories', 'search', 'dialog', 'plugins', 'l.php',
  'video.php', 'videos', 'media', 'ads', 'business', 'privacy', 'policies', 'home.php', 'friends', 'saved',
]);

/** Segments after a username that, followed by an id, open one item: /handle/posts/pfbid…, /handle/photos/a.1/2. */
const ITEM_AFTER_USERNAME: ReadonlySet<string> = new Set(['posts', 'videos', 'photos', 'permalink', 'reels']);

const NUMERIC_ID = /^[0-9]{5,20}$/;

/** The username (lowercase, no periods) or numeric id; throws invalid_facebook or facebook_not_profile. */
export function canonicalFacebook(raw: string): string {
  return readFacebook(raw).key;
}

/**
 * The username as it was typed, periods and capitals kept (`Jual.HP.Murah`
 * for the key `jualhpmurah`): what the answer shows, so the buyer sees the
 * seller's own spelling. Never a key: Facebook ignores both.
 */
export function facebookSpelling(raw: string): string {
  return readFacebook(raw).typed;
}

/**
 * The last text read and what it gave: a lookup reads a name twice, for its key
 * (canonicalFacebook) and for its spelling (facebookSpelling), and a link's
 * reading parses a URL. Pure, so the second reading is the first.
 */
let last: { raw: string; read: { key: string; typed: string } } | undefined;

function readFacebook(raw: string): { key: string; typed: string } {
  if (last?.raw === raw) return last.read;
  const read = readFacebookAfresh(raw);
  last = { raw, read };
  return read;
}

function readFacebookAfresh(raw: string): { key: string; typed: string } {
  const link = readProfileLink(raw, HOST);
  const name = link ? accountInLink(link) : raw.replace(/^@/, '');
  if (NUMERIC_ID.test(name)) return { key: name, typed: name };
  // Letters, digits and periods, at least 5 without the periods, and at least
  // one letter: an all-digit path is a numeric id, never a username.
  const username = name.toLowerCase().replace(/\./g, '');
  if (!/^[a-z0-9.]{1,50}$/i.test(name) || username.length < 5 || !/[a-z]/.test(username)) {
    throw new ApiError('invalid_facebook', 'value');
  }
  return { key: username, typed: name };
}

function accountInLink(link: ProfileLink): string {
  if (link.host === VIDEO_HOST) throw new ApiError('facebook_not_profile', 'value');
  if (!HOST.test(link.host)) throw new ApiError('invalid_facebook', 'value');
  const [first = '', second = '', third = ''] = link.segments;
  switch (first.toLowerCase()) {
    case '':
      throw new ApiError('invalid_facebook', 'value');
    case 'profile.php':
      return numericId(link.params.get('id') ?? '', 'invalid_facebook');
    // /people/Some-Name/100012345678/: a profile without a username.
    case 'people':
      return numericId(third, 'invalid_facebook');
    // /pages/Shop-Name/123456789/ is an old link to a Page, and shops are often
    // Pages: its numeric id names it as profile.php?id= would. Every other
    // /pages/ link (/pages/create, /pages/?category=…) is Facebook's own.
    case 'pages':
      return numericId(third, 'facebook_not_profile');
    // /pg/Shop-Name/about: the older Page link; the name is the username.
    case 'pg':
      return second;
  }
  if (NOT_PROFILE.has(first.toLowerCase())) throw new ApiError('facebook_not_profile', 'value');
  if (ITEM_AFTER_USERNAME.has(second.toLowerCase()) && third !== '') throw new ApiError('facebook_not_profile', 'value');
  return first;
}

function numericId(text: string, otherwise: 'invalid_facebook' | 'facebook_not_profile'): string {
  if (!NUMERIC_ID.test(text)) throw new ApiError(otherwise, 'value');
  return text;
}
