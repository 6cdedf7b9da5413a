// The browser's private check (site/src/client/private-check.ts) against a
// stand-in range API: what it sends is the first 5 hex digits of the plain
// SHA-256 of the canonical key (node:crypto as the oracle), and a padding entry
// (count 0) never reads as a report, even when its suffix matches.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RangeResponse, RangeSuffix } from '../../worker/core/api-types.ts';
import { privateCheck } from '../../site/src/client/private-check.ts';
import { rangeAnswerJson } from '../../worker/core/range.ts';

const BCA = { params: new URLSearchParams({ type: 'bank', bank: '014', value: '1234567890' }), key: 'bank:014:1234567890' };
const hash = createHash('sha256').update(BCA.key).digest('hex');
const snapshot = { version: '20261128T020000Z-3fa4c2d1', generatedAt: '2026-11-28T02:00:00.000Z' };

/** Answers every range request with these entries, serialised as the Worker sends them; records the URLs asked for. */
function rangeApi(suffixes: RangeSuffix[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const body: RangeResponse = { prefix: url.slice(-5), suffixes, snapshot };
    return new Response(rangeAnswerJson(body), { headers: { 'Content-Type': 'application/json' } });
  });
  return asked;
}

const check = () => privateCheck('https://cekdulu.test', BCA.params, 'en', new AbortController().signal);
const padding = (n: number): RangeSuffix[] =>
  Array.from({ length: n }, (_, i) => ({ suffix: createHash('sha256').update(`pad:${i}`).digest('hex').slice(5), count: 0 }));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the private check', () => {
  test('sends only the first 5 hex digits of the unsalted SHA-256 of the canonical key, and finds its count', async () => {
    const asked = rangeApi([...padding(120), { suffix: hash.slice(5), count: 5 }]);
    const view = await check();
    expect(asked).toEqual([`https://cekdulu.test/api/v1/range/${hash.slice(0, 5)}`]);
    expect(view.tone).toBe('reported');
    expect(view.heading).toMatch(/5/);
  });

  test('reads a count written right-aligned among the padding, as every answer writes it (12 reports)', async () => {
    rangeApi([...padding(120), { suffix: hash.slice(5), count: 12 }]);
    const view = await check();
    expect(view.tone).toBe('reported');
    expect(view.heading).toMatch(/12/);
  });

  test('a count-0 entry with the very suffix asked for is padding: not reported', async () => {
    rangeApi([...padding(120), { suffix: hash.slice(5), count: 0 }]);
    expect((await check()).tone).toBe('not_reported');
  });

  test('a reported key that shares only the first 5 digits is not a match', async () => {
    const other = hash.slice(5, -1) + (hash.endsWith('0') ? '1' : '0');
    rangeApi([...padding(120), { suffix: other, count: 9 }]);
    expect((await check()).tone).toBe('not_reported');
  });
});
