// Telegram sellers: the username from @name, name, t.me/name, telegram.me/name
// (also telegram.dog, name.t.me and tg://resolve?domain=name). Telegram ignores
// case, so the canonical form is lowercase. Its usernames are 5–32 letters,
// digits and underscores, starting with a letter, not ending with an
// underscore and never with two in a row (core.telegram.org/method/
// account.checkUsername; TDLib's is_valid_username, td/telegram/misc.cpp).
// Invite links (t.me/+…, t.me/joinchat/…, t.me/addlist/…) name a group, not
// its seller: refused with their own code.
import { ApiError } from '../errors.ts';
import { readProfileLink, type ProfileLink } from './profile-link.ts';

const HOST = /^(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)$/;
/** name.t.me: Telegram's subdomain link to a username. */
const SUBDOMAIN = /^([a-z0-9_]{1,40})\.t\.me$/;
/** What makes a text a link even without a scheme or a slash: `t.me/…`'s hosts, and `name.t.me`. */
const LINK_HOST = /^(?:(?:[a-z0-9_]{1,40}\.)?t\.me|(?:www\.)?(?:telegram\.me|telegram\.dog))$/;

/** First path segments that are Telegram's own pages: a sticker set, a share dialog, a private chat's message. */
const NOT_PROFILE: ReadonlySet<string> = new Set([
  'c', 'share', 'addstickers', 'addemoji', 'addtheme', 'setlanguage', 'proxy', 'socks', 'login', 'bg', 'iv',
  'confirmphone', 'invoice', 'giftcode', 'boost', 'm', 'contact', 'nft',
]);
const INVITE: ReadonlySet<string> = new Set(['joinchat', 'addlist']);

/** 5–32 characters, a letter first, no `_` last; `__` is refused on its own (isUsername). */
const USERNAME = /^[a-z][a-z0-9_]{3,30}[a-z0-9]$/;
const isUsername = (name: string): boolean => USERNAME.test(name) && !name.includes('__');

/** The lowercase username; throws invalid_telegram, telegram_invite_link or telegram_not_profile. */
export function canonicalTelegram(raw: string): string {
  const deepLink = /^tg:\/\/resolve\?/i.test(raw) ? new URLSearchParams(raw.slice(raw.indexOf('?') + 1)).get('domain') ?? '' : undefined;
  const link = deepLink === undefined ? readProfileLink(raw, LINK_HOST) : null;
  const name = (deepLink ?? (link ? usernameInLink(link) : raw.replace(/^@/, ''))).toLowerCase();
  if (!isUsername(name)) throw new ApiError('invalid_telegram', 'value');
  return name;
}

function usernameInLink(link: ProfileLink): string {
  const sub = SUBDOMAIN.exec(link.host);
  if (sub && sub[1] !== 'www') return sub[1]!;
  if (!HOST.test(link.host)) throw new ApiError('invalid_telegram', 'value');
  // t.me/s/name is a channel's web preview.
  const [first = '', second = ''] = link.segments[0] === 's' ? link.segments.slice(1) : link.segments;
  if (first.startsWith('+') || first.startsWith('%2B') || INVITE.has(first.toLowerCase())) throw new ApiError('telegram_invite_link', 'value');
  if (NOT_PROFILE.has(first.toLowerCase())) throw new ApiError('telegram_not_profile', 'value');
  // t.me/name/123 is a message in the channel `name`: it names the seller. Anything else after the name is not a Telegram link.
  if (second !== '' && !/^[0-9]{1,12}$/.test(second)) throw new ApiError('telegram_not_profile', 'value');
  return first;
}
