// GET /api/v1/check is answered before itty-router (worker/query-string.ts);
// whatever a request's URL holds, the handler must read exactly what it read
// through the router: routerQuery over the object itty-router builds.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { routerQuery } from '../../worker/http.ts';
import { checkQueryParams, checkQueryString } from '../../worker/query-string.ts';

/** itty-router 5's own reading (its fetch): the URL's searchParams, a repeated name gathered. */
function ittyReads(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URL(url).searchParams) query[name] = query[name] ? ([] as string[]).concat(query[name]!, value) : value;
  return query;
}

/** A request's URL as the runtime gives it: serialised by the URL parser, whatever was typed or sent. */
const requestUrl = (query: string) => new URL(`https://cekdulu.example/api/v1/check?${query}`).href;

/** Query strings people and programs send: names and values with %-escapes (good and broken), +, =, &, and any text. */
const piece = fc.oneof(
  fc.constantFrom('type', 'value', 'bank', 'provider', 'partner', 'lang', '=', '&', '+', '%', '%2B', '%20', '%E2%82%AC', '%e2%82', '%ZZ', '%2', '%%41', '%F0%9F%98%80', '%C3%28', '%ED%A0%80', '%C0%80', '%E0%80%80', '%F4%90%80%80'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.stringMatching(/^[0-9+\- ]{1,14}$/),
);
const queryText = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));

/** Every name a lookup reads, and names of the query itself. */
const NAMES = ['type', 'value', 'bank', 'provider', 'partner', 'lang', 'display', ''];

describe('the lookup query read before the router', () => {
  test('reads every name as the router did, for any query a request can carry', () => {
    fc.assert(
      fc.property(queryText, (typed) => {
        const url = requestUrl(typed);
        const search = checkQueryString('GET', url);
        if (search === undefined) return; // not this path's request (the URL parser moved the ? into the path)
        const ours = checkQueryParams(search);
        const router = routerQuery({ query: ittyReads(url) });
        const own = new URL(url).searchParams;
        for (const name of [...NAMES, ...own.keys()]) {
          expect(ours.get(name), name).toBe(router.get(name));
          // The first value, even empty, as the URL's own searchParams reads it (negotiateLang's ?lang=).
          expect(ours.searchParams.get(name), `searchParams ${name}`).toBe(own.get(name));
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('reads a lookup as sent: %-escapes, + as a space, a repeated name by its first value, an empty first value passed over', () => {
    const params = checkQueryParams(checkQueryString('GET', requestUrl('type=phone&value=%2B62+812-3456-7890&bank=&bank=014&x=1&x=2&lang'))!);
    expect(['type', 'value', 'bank', 'x', 'lang', 'provider'].map((name) => params.get(name))).toEqual(['phone', '+62 812-3456-7890', '014', '1', '', null]);
    expect(checkQueryParams('a=%E2%82%AC%ZZ%2').get('a')).toBe('€%ZZ%2');
    expect(checkQueryParams('a=%C3%28').get('a')).toBe('\uFFFD(');
    expect(checkQueryParams('a=&a=').get('a')).toBe('');
    // Overlong and out-of-range escapes are no UTF-8: each byte is U+FFFD, as the URL's own reading gives.
    expect(checkQueryParams('a=%C0%80&b=%F4%90%80%80').get('a')).toBe(new URLSearchParams('a=%C0%80').get('a'));
    expect(checkQueryParams('a=%C0%80&b=%F4%90%80%80').get('b')).toBe(new URLSearchParams('b=%F4%90%80%80').get('b'));
  });

  test('reads every pair of a long query whose pairs mostly have no "="', () => {
    const many = `${'a&'.repeat(8000)}type=phone&value=0812`;
    const params = checkQueryParams(many);
    expect([params.get('type'), params.get('value'), params.get('a')]).toEqual(['phone', '0812', '']);
  });

  test('takes only GET and POST /api/v1/check, with a query or without; every other request goes through the router', () => {
    expect(checkQueryString('GET', 'https://x.example/api/v1/check?type=phone')).toBe('type=phone');
    expect(checkQueryString('GET', 'https://x.example/api/v1/check?')).toBe('');
    expect(checkQueryString('GET', 'https://x.example/api/v1/check')).toBe('');
    expect(checkQueryString('POST', 'https://x.example/api/v1/check?partner=toko')).toBe('partner=toko');
    expect(checkQueryString('POST', 'https://x.example/api/v1/check')).toBe('');
    expect(checkQueryString('HEAD', 'https://x.example/api/v1/check?type=phone')).toBeUndefined();
    expect(checkQueryString('PUT', 'https://x.example/api/v1/check')).toBeUndefined();
    expect(checkQueryString('OPTIONS', 'https://x.example/api/v1/check')).toBeUndefined();
    expect(checkQueryString('GET', 'https://x.example/api/v1/check/?type=phone')).toBeUndefined();
    expect(checkQueryString('GET', 'https://x.example/api/v1/checks?type=phone')).toBeUndefined();
    expect(checkQueryString('GET', 'https://x.example/api/v1/range/abcde?type=phone')).toBeUndefined();
    expect(checkQueryString('GET', 'https://x.example/x/api/v1/check?type=phone')).toBeUndefined();
  });
});
