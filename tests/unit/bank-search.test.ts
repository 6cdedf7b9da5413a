// The bank search (site/src/client/bank-search.ts) and the aliases the widget's
// bundle keeps of it (site/build/embed-bundle.ts neededAliases).
import { expect, test } from 'vitest';
import aliases from '../../worker/core/bank-aliases.json' with { type: 'json' };
import { neededAliases } from '../../site/build/embed-bundle.ts';
import { findBanks } from '../../site/src/client/bank-search.ts';
import { BANKS } from '../../worker/core/banks.ts';

const byName = [...BANKS].sort((a, b) => a.short.localeCompare(b.short));
const found = (query: string, banks: readonly { code: string; short: string; name?: string }[] = byName) => findBanks(query, banks).map((b) => b.code);

test('a bank is found by its short name, its full name, its code or an alias, whatever the case, spaces or a leading "bank"', () => {
  expect(found('BCA')[0]).toBe('014');
  expect(found('bank central asia')).toEqual(['014']);
  expect(found('014')).toEqual(['014']);
  expect(found('jenius')).toEqual(['213']);
  expect(found('blu')[0]).toBe('501');
  expect(found('Bank Jago')).toEqual(['542']);
  expect(found('BNI-46')).toEqual(['009']);
  expect(found('sea bank')).toEqual(['535']);
  expect(found('nama yang tidak ada')).toEqual([]);
});

test('names first, then code or alias: "mandiri" gives Mandiri before BSI (once Bank Syariah Mandiri), in the list\'s order', () => {
  // Mandiri and Mandiri Taspen by name (A–Z), then BSI by alias.
  expect(found('mandiri')).toEqual(['008', '564', '451']);
});

test('an empty query finds every bank, in the order given', () => {
  expect(found('  ')).toEqual(byName.map((b) => b.code));
  expect(found('bank')).toEqual(byName.map((b) => b.code));
});

test('the aliases the widget keeps still find every bank an alias names: what is left out its short name finds', () => {
  const kept = neededAliases(aliases, BANKS);
  expect(Object.keys(kept).length).toBeLessThan(Object.keys(aliases).length);
  const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const short = new Map(BANKS.map((b) => [b.code, plain(b.short)]));
  for (const [alias, code] of Object.entries(aliases)) {
    const words = plain(alias.replace(/^bank\s+/, ''));
    const stillFound = short.get(code)!.includes(words) || Object.entries(kept).some(([k, c]) => c === code && k.includes(words));
    expect(stillFound, alias).toBe(true);
  }
  expect(kept).toMatchObject({ jenius: '213', klikbca: '014', bsm: '451' });
});
