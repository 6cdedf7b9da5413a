// Seller websites: one canonical form per site, the registrable domain by the
// Public Suffix List (tldts), so every page, subdomain and spelling of a shop
// is one identifier: `https://www.Promo.TokoMurah.com:8443/checkout?x=1` is
// `tokomurah.com`. The PSL's private section keeps hosted users apart:
// `toko-a.blogspot.com` and `toko-b.blogspot.com` are two sites (as on
// myshopify.com, netlify.app, github.io…). Internationalised names come out
// as punycode, as the WHATWG URL parser (in every runtime here) writes them.
//
// Refused, each with its own code: what is not an http(s) address
// (javascript:, data:, mailto:), IP addresses, names without a public suffix
// (localhost, tokomurah.local), platforms where a seller only has a page (use
// that kind, or the seller's profile link), and URL shorteners: a shortener's
// domain is shared by every link it makes, so `bit.ly` would put every seller
// who uses it under one key; the message says to open the link and paste the
// address it leads to.
import { parse } from 'tldts';
import { ApiError, type ErrorCode } from '../errors.ts';

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
      'threads.net line.me linktr.ee',
  ),
  ...kind(
    'website_shortener',
    'bit.ly s.id tinyurl.com t.co goo.gl ow.ly rebrand.ly cutt.ly shorturl.at is.gd v.gd rb.gy tiny.cc lnkd.in ' +
      'bitly.com buff.ly',
  ),
]));

function kind(code: ErrorCode, domains: string): Array<[string, ErrorCode]> {
  return domains.split(' ').map((domain) => [domain, code]);
}

/** A scheme (`javascript:`, `https:`), not a host and port (`tokomurah.com:8080`). */
const SCHEME = /^([a-z][a-z0-9+.-]*):(?![0-9])/i;

/** The registrable domain, lowercase, punycode; throws invalid_website or a website_* code. */
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
  const platform = platformsByDomain().get(site.domain);
  if (platform !== undefined) throw new ApiError(platform, 'value');
  return site.domain;
}
