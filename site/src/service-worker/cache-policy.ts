// What the service worker keeps on the phone, and nothing else: the site's
// hashed build files (/_astro/*, whose address changes with their content) and
// the picture reader's engine and trained data (OCR_BASE, whose address names
// the tesseract.js release). Both never change under an address, so a kept copy
// is always right and lets a picture be read again without the ±MB download.
// Never an answer: no /api/*, no /cek/ page (the Worker fills it with answers
// from data that changes), no other page, no other origin, nothing but GET.
import { OCR_BASE } from '../client/picture/ocr-files.ts';

/** The one cache the service worker fills; a new name on a change of policy, so activate drops the old one. */
export const STATIC_CACHE = 'cekdulu-static-v1';

/** The address prefixes whose files never change: the only ones kept. */
const KEPT_PREFIXES = ['/_astro/', OCR_BASE] as const;

/** Whether a request's answer may be kept in Cache Storage and served from it. */
export function isKept(request: { method: string; url: string }, origin: string): boolean {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== origin || url.search !== '') return false;
  // A path with `..` or its encoded form could name another file once resolved: not kept.
  if (/(^|\/)\.\.?(\/|$)|%2e|%2f/i.test(url.pathname)) return false;
  return KEPT_PREFIXES.some((prefix) => url.pathname.startsWith(prefix) && url.pathname.length > prefix.length);
}
