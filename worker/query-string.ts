// GET /api/v1/check — most of the Worker's requests — and the paste box's POST
// answered before itty-router sees the request (index.ts). The router builds a URL object for
// every request, walks its searchParams into request.query and matches every
// route's pattern before this one; for a lookup that came to about a tenth of
// the Worker's CPU (docs/performance.md, "Where the time goes"). Here the query
// string is cut from request.url as the runtime serialised it and read here (or,
// when an escape is broken, by the runtime's own URLSearchParams), and a name is
// read as routerQuery reads what itty-router built; tests/unit/query-string.test.ts
// holds the readings equal with fast-check for any query a request can carry.
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
export function checkQueryParams(search: string): QueryParams & { readonly searchParams: QueryParams } {
  return plainPairs(search) ?? new SearchQuery(search);
}

/** The reading of any query by the runtime's own URLSearchParams. */
class SearchQuery {
  /** The query as the URL's own searchParams reads it (a name's first value, even empty): for negotiateLang. */
  readonly searchParams: URLSearchParams;
  constructor(search: string) {
    // The constructor drops one leading '?', which here is part of the first name ("/api/v1/check??x"): an empty '&' pair keeps it.
    this.searchParams = new URLSearchParams(search.startsWith('?') ? `&${search}` : search);
  }
  get(name: string): string | null {
    const first = this.searchParams.get(name);
    return first !== '' ? first : (this.searchParams.getAll(name).find((value) => value !== '') ?? '');
  }
}

/**
 * The same reading in the Worker's own code, for a query whose escapes are all
 * well-formed UTF-8 (every query a browser, the widget or the paste box sends):
 * a lookup's five names are read without crossing into the runtime six times
 * (measured: docs/performance.md, "Where the time goes").
 * Undefined for any other query, which SearchQuery reads.
 */
class PlainQuery {
  /** Names and values in turn. */
  readonly #pairs: string[];
  constructor(pairs: string[]) {
    this.#pairs = pairs;
  }
  /** A name's first value, even empty, as URLSearchParams.get reads it: for negotiateLang. */
  get searchParams(): QueryParams {
    return { get: (name) => this.#first(name) };
  }
  #first(name: string): string | null {
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return pairs[i + 1]!;
    return null;
  }
  get(name: string): string | null {
    let given = false;
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] !== name) continue;
      if (pairs[i + 1] !== '') return pairs[i + 1]!;
      given = true;
    }
    return given ? '' : null;
  }
}

/** Names and values, decoded as application/x-www-form-urlencoded decodes them, or undefined when an escape is not well-formed UTF-8. */
function plainPairs(search: string): PlainQuery | undefined {
  const pairs: string[] = [];
  let at = 0;
  // The next '=' from `at`, searched again only once passed: a query of many pairs without one stays one pass.
  let eq = search.indexOf('=');
  while (at < search.length) {
    let end = search.indexOf('&', at);
    if (end < 0) end = search.length;
    if (end > at) {
      if (eq >= 0 && eq < at) eq = search.indexOf('=', at);
      const split = eq >= 0 && eq < end ? eq : end;
      const name = decoded(search.slice(at, split));
      const value = split < end ? decoded(search.slice(split + 1, end)) : '';
      if (name === undefined || value === undefined) return undefined;
      pairs.push(name, value);
    }
    at = end + 1;
  }
  return new PlainQuery(pairs);
}

function decoded(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined; // a broken escape: URLSearchParams keeps it as typed or puts U+FFFD in its place
  }
}
