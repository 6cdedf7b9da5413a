// Admin requests come only from the site's own admin page (or from a client
// that is not a browser). A moderator's browser carries the Cloudflare Access
// cookie to any request aimed at this origin, so without this guard a page on
// another site could post a form (text/plain or urlencoded: no preflight) that
// verifies a report in the moderator's name — or navigate the browser to
// `GET …/reports/{ref}`, which writes a "view" row to the audit log in the
// moderator's name (every opened report, dispute, group and evidence file is
// audited). So the same origin rule holds for reads as for writes:
//
// - A browser's Origin, when sent, must be this origin, and Sec-Fetch-Site,
//   when sent, `same-origin` (so `cross-site`, `same-site` and `none`, a typed
//   or bookmarked address, are refused). Browsers send Origin on every
//   cross-site POST and Sec-Fetch-Site on every request (current ones), so a
//   request with neither is not a browser's: curl or a script holding the token
//   itself, which no other site can make a moderator's browser send. Those pass.
// - A write's body must also be JSON: a cross-site page cannot send
//   `application/json` without a CORS preflight, and the API answers no
//   preflight for POST.
//
// Both refusals are 403 (not 415 for the body): they are the same refusal, of a
// request the admin page never sends. Checked before authentication, so a
// forged request costs no JWKS lookup and writes nothing.
import { ApiError } from '../core/errors.ts';

const READS = new Set(['GET', 'HEAD']);

/** Middleware for every admin path: returns nothing for same-origin reads and same-origin JSON writes, else throws 403. */
export function requireSameOriginJson(request: Request): void {
  // A preflight carries no credentials and changes nothing; the generic /api/* answer handles it.
  if (request.method === 'OPTIONS') return;
  const origin = request.headers.get('Origin');
  const site = request.headers.get('Sec-Fetch-Site');
  // `Origin: null` (a sandboxed frame, a redirect across sites) is refused like any foreign origin.
  if (origin !== null && origin !== new URL(request.url).origin) throw new ApiError('cross_site_request');
  if (site !== null && site !== 'same-origin') throw new ApiError('cross_site_request');
  if (READS.has(request.method)) return;
  const mediaType = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new ApiError('json_required');
}
