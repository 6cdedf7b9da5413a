// Admin writes (decisions, and any POST/PUT/PATCH/DELETE under /api/v1/admin/)
// come only from the site's own admin page. A moderator's browser carries the
// Cloudflare Access cookie to any request aimed at this origin, so without this
// guard a page on another site could post a form (text/plain or urlencoded: no
// preflight) that verifies a report in the moderator's name.
//
// - The body must be JSON: a cross-site page cannot send `application/json`
//   without a CORS preflight, and the API answers no preflight for POST.
// - A browser's Origin must be this origin, and Sec-Fetch-Site, when sent,
//   `same-origin`. Browsers send Origin on every cross-site POST (and
//   Sec-Fetch-Site on every request, in current ones), so a request with
//   neither is not a browser's: curl or a script holding the token itself,
//   which no other site can make a moderator's browser send. Those pass.
//
// Both refusals are 403 (not 415 for the body): they are the same refusal, of a
// request the admin page never sends. Checked before authentication, so a
// forged request costs no JWKS lookup.
import { ApiError } from '../core/errors.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Middleware for every admin path: returns nothing for reads and same-origin JSON writes, else throws 403. */
export function requireSameOriginJson(request: Request): void {
  if (READS.has(request.method)) return;
  const mediaType = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  const origin = request.headers.get('Origin');
  const site = request.headers.get('Sec-Fetch-Site');
  // `Origin: null` (a sandboxed frame, a redirect across sites) is refused like any foreign origin.
  if (origin !== null && origin !== new URL(request.url).origin) throw new ApiError('cross_site_request');
  if (site !== null && site !== 'same-origin') throw new ApiError('cross_site_request');
  if (mediaType !== 'application/json') throw new ApiError('json_required');
}
