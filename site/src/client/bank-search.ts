// Finding a bank by what people type: its short or full name, its code, or a
// name it is known by (an app or an old name: "jenius", "blu", "livin", "bsm";
// worker/core/bank-aliases.json, the aliases the message reader uses too).
// Pure and DOM-free, for every bank picker with a search box (the site's lookup form, the <cek-dulu>
// widget's; site/build/embed-bundle.ts packs the aliases its bundle carries).
import aliases from '../../../worker/core/bank-aliases.json' with { type: 'json' };
import type { Bank } from '../../../worker/core/banks.ts';

/** Letters and digits only, lower case: "Bank BNI 46", "bni46" and "BNI-46" read alike. */
const plain = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Each bank code's aliases, run together. */
const aka = new Map<string, string>();
for (const [alias, code] of Object.entries(aliases as Record<string, string>)) aka.set(code, `${aka.get(code) ?? ''} ${plain(alias)}`);

/**
 * The banks `query` finds, keeping the order of `banks`: first those whose name
 * (short or full) holds it, then those found only by code or alias, so "mandiri"
 * puts Mandiri before BSI (once "Bank Syariah Mandiri"). A leading "bank" is
 * ignored, as nearly every bank's name has it. An empty query finds them all.
 */
export function findBanks<B extends Pick<Bank, 'code' | 'short'> & { name?: string }>(query: string, banks: readonly B[]): B[] {
  const q = plain(query.replace(/^\W*bank\b/i, ''));
  if (!q) return [...banks];
  const named = banks.filter((b) => plain(b.short + (b.name ?? '')).includes(q));
  return named.concat(banks.filter((b) => !named.includes(b) && `${b.code}${aka.get(b.code) ?? ''}`.includes(q)));
}
