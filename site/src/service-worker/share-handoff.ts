// How a picture shared to CekDulu passes from the service worker to the page
// (docs/pictures.md, "Sharing a picture"): the service worker answers the share
// target's POST (site/public/manifest.webmanifest) by putting the picture in
// Cache Storage under SHARED_PICTURE_KEY and sending the page to
// `/cek/?gambar=1`; the page (site/src/client/shared-picture.ts) takes it out,
// deletes it and reads it on the phone. A shared message goes to the same
// address as a GET share, `/cek/?title=…&text=…&url=…`.

/** The cache that holds at most one shared picture, between the share and the page reading it. */
export const SHARED_PICTURE_CACHE = 'cekdulu-shared-picture';
/** The picture's key in that cache: an address on the site's origin that no route answers. */
export const SHARED_PICTURE_KEY = '/__shared-picture';
/** The query that tells the result page a shared picture is waiting. */
export const SHARED_PICTURE_PARAM = 'gambar';

/** The share target's action and its English twin: where the service worker takes a POST. */
const SHARE_ACTIONS: Record<string, string> = { '/cek/': '/cek/', '/cek': '/cek/', '/en/check/': '/en/check/', '/en/check': '/en/check/' };

/** The result page a POST to `pathname` is a share for, or null when it is no share action. */
export const shareActionPage = (pathname: string): string | null => SHARE_ACTIONS[pathname] ?? null;

/** The page a share opens: the picture's reading when a picture came, else the message's GET answer. */
export function sharedPageUrl(page: string, fields: { title?: string; text?: string; url?: string }, picture: boolean): string {
  if (picture) return `${page}?${SHARED_PICTURE_PARAM}=1`;
  const query = new URLSearchParams();
  for (const name of ['title', 'text', 'url'] as const) {
    const value = fields[name];
    if (value !== undefined && value.trim() !== '') query.set(name, value);
  }
  return query.size > 0 ? `${page}?${query}` : page;
}
