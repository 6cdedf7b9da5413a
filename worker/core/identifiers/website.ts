// Seller websites: one canonical form per site, the registrable domain by the
// Public Suffix List (tldts), so every page, subdomain and spelling of a shop
// is one identifier: `https://www.Promo.TokoMurah.com:8443/checkout?x=1` is
// `tokomurah.com`. The PSL's private section keeps hosted users apart:
// `toko-a.blogspot.com` and `toko-b.blogspot.com` are two sites (as on
// myshopify.com, netlify.app, github.io…). Internationalised names come out
// as punycode, as the WHATWG URL parser (in every runtime here) writes them.
//
// Many free shop hosts are not in the PSL's private section (wordpress.com,
// weebly.com, business.site, the blogspot country domains the PSL dropped in
// December 2024…): shared-hosts.json lists them beside the bank table, each
// with where the fact comes from, so that one report against one shop there
// does not mark every shop on the host. Its kinds:
// - subdomain: each shop is a subdomain, as in the PSL's private section
//   (`toko-a.wordpress.com`); the host itself is the platform. Blogger's
//   country domains name blogspot.com's blogs (`toko.blogspot.co.id` redirects
//   to `toko.blogspot.com`), so they are keyed as blogspot.com (`sameAs`):
//   the PSL listed them until publicsuffix/list#2327 (Dec 2024); blogspot.cv,
//   .mr and .td had already lapsed (expired or taken) and are left out;
// - path: link-in-bio pages, where the shop is the first path segment, in
//   lower case (`https://lynk.id/TokoKu?utm=x` is `lynk.id/tokoku`); the bare
//   host, or a path with no shop name, is the platform;
// - shortener: see below.
//
// Refused, each with its own code: what is not an http(s) address
// (javascript:, data:, mailto:), IP addresses, names without a public suffix
// (localhost, tokomurah.local), platforms where a seller only has a page (use
// that kind, or the seller's profile link), and URL shorteners: a shortener's
// domain is shared by every link it makes, so `bit.ly` would put every seller
// who uses it under one key; the message says to open the link and paste the
// address it leads to. TikTok's own short links (vt.tiktok.com/…) keep the
// TikTok kind's message for them.
import { parse } from 'tldts';
import { ApiError, type ErrorCode } from '../errors.ts';
import sharedHosts from '../shared-hosts.json' with { type: 'json' };
import { isTiktokShortLink } from './tiktok.ts';

type SharedHostKind = 'subdomain' | 'path' | 'shortener';

/**
 * Registrable domains that are someone else's platform, and where the seller is
 * to be looked up instead. Built on first use: a module-level `new Map(...)`
 * would keep this module, and tldts with it, in every bundle that imports
 * identifiers.ts for its constants (the widget's embed.js).
 */
let platforms: ReadonlyMap<string, ErrorCode> | undefined;
const platformsByDomain = (): ReadonlyMap<string, ErrorCode> => (platforms ??= new Map([
  ...kind('website_use_instagram', 'instagram.com instagr.am'),
  ...kind('website_use_facebook', 'facebook.com fb.com fb.me fb.watch messenger.com m.me'),
  ...kind('website_use_tiktok', 'tiktok.com'),
  ...kind('website_use_telegram', 't.me telegram.me telegram.dog telegram.org'),
  ...kind('website_use_phone', 'wa.me whatsapp.com'),
  // Marketplaces and other sites every seller shares: their domain names none of them.
  ...kind(
    'website_platform',
    'shopee.co.id shopee.com shp.ee tokopedia.com tokopedia.link lazada.co.id lazada.com bukalapak.com blibli.com ' +
      'olx.co.id carousell.co.id carousell.com zalora.co.id jd.id google.com youtube.com youtu.be x.com twitter.com ' +
      'threads.net line.me',
  ),
]));

function kind(code: ErrorCode, domains: string): Array<[string, ErrorCode]> {
  return domains.split(' ').map((domain) => [domain, code]);
}

interface SharedHost {
  kind: SharedHostKind;
  /** Where the same sites live under another name: Blogger's country domains are blogspot.com's blogs. */
  sameAs: string | undefined;
}

/** shared-hosts.json by host; built on first use, like the platforms above. */
let shared: ReadonlyMap<string, SharedHost> | undefined;
const sharedHost = (domain: string): SharedHost | undefined =>
  (shared ??= new Map(
    sharedHosts.map((entry) => [entry.host, { kind: entry.kind as SharedHostKind, sameAs: 'sameAs' in entry ? entry.sameAs : undefined }]),
  )).get(domain);

/** A scheme (`javascript:`, `https:`), not a host and port (`tokomurah.com:8080`). */
const SCHEME = /^([a-z][a-z0-9+.-]*):(?![0-9])/i;

/** A link-in-bio page's name: what those hosts allow in a username, lowercased. */
const PAGE_NAME = /^[a-z0-9_][a-z0-9._-]{0,99}$/;

/**
 * The registrable domain, lowercase, punycode (`label.host` on a subdomain
 * host, `host/page` on a link-in-bio host); throws invalid_website or a
 * website_* code (tiktok_short_link for TikTok's short links).
 */
export function canonicalWebsite(raw: string): string {
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw new ApiError('website_not_web', 'value');
  let url: URL;
  try {
    url = new URL(scheme !== undefined ? raw : raw.startsWith('//') ? `http:${raw}` : `http://${raw}`);
  } catch {
    throw new ApiError('invalid_website', 'value');
  }
  const host = url.hostname.replace(/\.$/, '');
  const site = parse(host, { allowPrivateDomains: true, extractHostname: false });
  if (site.isIp) throw new ApiError('website_ip_address', 'value');
  // A hosting platform's own name (blogspot.com, github.io) is a public suffix, not a site.
  if (site.isPrivate && site.publicSuffix === host) throw new ApiError('website_platform', 'value');
  if (site.domain === null || !(site.isIcann || site.isPrivate)) throw new ApiError('invalid_website', 'value');
  const domain = site.domain;
  const shared = sharedHost(domain);
  switch (shared?.kind) {
    case 'shortener':
      throw new ApiError('website_shortener', 'value');
    case 'subdomain':
      return `${shopLabel(host, domain)}.${shared.sameAs ?? domain}`;
    case 'path':
      return pageOnLinkInBioHost(host, domain, url.pathname);
    case undefined:
      break;
  }
  const platform = platformsByDomain().get(domain);
  if (platform === 'website_use_tiktok' && isTiktokShortLink(host, url.pathname.split('/')[1] ?? '')) {
    throw new ApiError('tiktok_short_link', 'value');
  }
  if (platform !== undefined) throw new ApiError(platform, 'value');
  return domain;
}

/** The shop's label on a subdomain host: `toko-a` in `www.toko-a.wordpress.com`; `wordpress.com` and `www.wordpress.com` are the platform. */
function shopLabel(host: string, domain: string): string {
  const below = host.slice(0, Math.max(0, host.length - domain.length - 1));
  const label = below.slice(below.lastIndexOf('.') + 1);
  if (label === '' || label === 'www') throw new ApiError('website_platform', 'value');
  return label;
}

/** `https://www.lynk.id/TokoKu/produk?utm=x` is `lynk.id/tokoku`; the host alone, or its other subdomains (help., blog.), is the platform. */
function pageOnLinkInBioHost(host: string, domain: string, pathname: string): string {
  const page = (pathname.split('/')[1] ?? '').toLowerCase();
  if ((host !== domain && host !== `www.${domain}`) || !PAGE_NAME.test(page)) throw new ApiError('website_platform', 'value');
  return `${domain}/${page}`;
}
