// GET /api/v1/check — most of the Worker's requests — and the paste box's POST
// answered before itty-router sees the request (index.ts). The router builds a URL object for
// every request, walks its searchParams into request.query and matches every
// route's pattern before this one; for a lookup that came to about a tenth of
// the Worker's CPU (docs/performance.md, "Where the time goes"). Here the query
// string is cut from request.url as the runtime serialised it and read by the
// runtime's own URLSearchParams, and a name is read as routerQuery reads what
// itty-router built; tests/unit/query-string.test.ts holds the two readings
// equal with fast-check for any query a request can carry.
import type { QueryParams } from './http.ts';

/** The path whose query this reads; any other request goes through the router. */
const CHECK_PATH = '/api/v1/check';

/**
 * The query string of `GET` or `POST /api/v1/check[?…]` as request.url spells
 * it ('' without one), or undefined for any other request.
 */
export function checkQueryString(method: string, url: string): string | undefined {
  if (method !== 'GET' && method !== 'POST') return undefined;
  const scheme = url.indexOf('://');
  const path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
  if (path < 0 || !url.startsWith(CHECK_PATH, path)) return undefined;
  const end = path + CHECK_PATH.length;
  if (end === url.length) return '';
  if (url[end] !== '?') return undefined;
  const search = url.slice(end + 1);
  return search.includes('#') ? undefined : search;
}

/**
 * A name's value as routerQuery gives it from itty-router's request.query:
 * itty gathers a repeated name's values, but a first value that is empty is
 * replaced by the next rather than kept, so the value read is the first that is
 * not empty, else '' (the name given empty), else null (not given).
 */
export function checkQueryParams(search: string): QueryParams & { readonly searchParams: URLSearchParams } {
  // The constructor drops one leading '?', which here is part of the first name ("/api/v1/check??x"): an empty '&' pair keeps it.
  const params = new URLSearchParams(search.startsWith('?') ? `&${search}` : search);
  return {
    /** The query as the URL's own searchParams reads it (a name's first value, even empty): for negotiateLang. */
    searchParams: params,
    get(name) {
      const first = params.get(name);
      return first !== '' ? first : (params.getAll(name).find((value) => value !== '') ?? '');
    },
  };
}
