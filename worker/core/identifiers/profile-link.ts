// Reading a pasted profile link for the Instagram and Facebook parsers: when
// the text is a link at all, which host it names and its path segments.
// Links are parsed with the WHATWG URL parser every runtime here ships.

export interface ProfileLink {
  /** Lowercase host, '' when the link could not be parsed or is not http(s). */
  host: string;
  /** Non-empty path segments, as written (not lowercased, not decoded). */
  segments: string[];
  params: URLSearchParams;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The link in `text`, or null when the text is a bare name. Text is a link when
 * it has a scheme, a slash, or starts with one of the platform's hosts
 * (`instagram.com?igsh=…`); a bare `toko.id` stays a name, since usernames
 * may contain periods.
 */
export function readProfileLink(text: string, platformHost: RegExp): ProfileLink | null {
  const hostPart = text.split(/[/?#]/, 1)[0] ?? '';
  if (!SCHEME.test(text) && !text.includes('/') && !platformHost.test(hostPart.toLowerCase())) return null;
  let url: URL;
  try {
    url = new URL(SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    return { host: '', segments: [], params: new URLSearchParams() };
  }
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  return {
    host: web ? url.hostname : '',
    segments: url.pathname.split('/').filter(Boolean),
    params: url.searchParams,
  };
}
