// Precision and recall of extraction over a labelled corpus: the written one
// (extract-corpus.ts) and the real messages (real-messages/*.json). One scorer
// for both, so their figures mean the same thing. An identifier counts by its
// lookup key (phone and e-wallet share one: the lookup answers both alike) and,
// where the labels ask for it, its kind; digits asked "which bank?" count as
// `?digits`. Other unresolved parts (a short link, an impossible account) are
// no identifier: they are scored apart, as "said" (each labelled unchecked
// part named in `unresolved`).
import type { Extraction } from '../../worker/core/extract-types.ts';
import { lookupKey, parseIdentifier, type IdentifierInput } from '../../worker/core/identifiers.ts';

export interface LabelledMessage {
  text: string;
  found: IdentifierInput[];
  /** Account-like digits with no bank named. */
  unresolved?: string[];
  /** Parts that look like identifiers but cannot be checked, as written. */
  unchecked?: string[];
}

export interface CorpusScore {
  messages: number;
  distinct: number;
  expected: number;
  precision: number;
  recall: number;
  /** Per kind (bank, ewallet, phone, …, unresolved): precision and recall. */
  byKind: Record<string, { expected: number; precision: number; recall: number }>;
  /** Labelled unchecked parts, and how many of them the answer named in `unresolved`. */
  unchecked: { expected: number; said: number };
  /** Messages read differently from what was expected: text, missed and extra keys. */
  misses: Array<{ text: string; missed: string[]; extra: string[] }>;
}

type Extract = (text: string) => Extraction;

/** `key|kind`: kind is the type (and provider) when `strictKind`, else the lookup key's family. */
function keyOf(input: IdentifierInput, strictKind: boolean): string {
  const id = parseIdentifier(input);
  const key = lookupKey(id);
  return strictKind ? `${key}|${id.type}|${id.provider ?? ''}` : `${key}|${key.startsWith('tel:') ? 'phone' : id.type}`;
}

/** A label the parser refuses (a landline it does not know) still counts as expected: it can only be missed. */
function labelKey(input: IdentifierInput, strictKind: boolean): string {
  try {
    return keyOf(input, strictKind);
  } catch {
    return `refused:${input.type}:${input.value}|${input.type}`;
  }
}

const loose = (text: string): string => text.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/[/.,;:!?)]+$/, '');

export function scoreCorpus(cases: readonly LabelledMessage[], extract: Extract, strictKind: boolean): CorpusScore {
  let truePositives = 0;
  let extracted = 0;
  let expectedTotal = 0;
  let uncheckedExpected = 0;
  let said = 0;
  const misses: CorpusScore['misses'] = [];
  const kinds = new Map<string, { hits: number; got: number; expected: number }>();
  const count = (key: string, field: 'hits' | 'got' | 'expected'): void => {
    const kind = key.startsWith('?') ? 'unresolved' : key.split('|')[1]!;
    const tally = kinds.get(kind) ?? { hits: 0, got: 0, expected: 0 };
    tally[field]++;
    kinds.set(kind, tally);
  };
  for (const item of cases) {
    const expected = new Set([...item.found.map((f) => labelKey(f, strictKind)), ...(item.unresolved ?? []).map((d) => `?${d}`)]);
    let result: Extraction;
    try {
      result = extract(item.text);
    } catch {
      result = { found: [], unresolved: [] };
    }
    const asked = result.unresolved.filter((u) => u.code === 'bank_not_named');
    const got = new Set([...result.found.map((f) => labelKey(f.input, strictKind)), ...asked.map((u) => `?${u.value}`)]);
    const hits = [...got].filter((k) => expected.has(k)).length;
    for (const k of got) {
      count(k, 'got');
      if (expected.has(k)) count(k, 'hits');
    }
    for (const k of expected) count(k, 'expected');
    truePositives += hits;
    extracted += got.size;
    expectedTotal += expected.size;
    const named = result.unresolved.filter((u) => u.code !== 'bank_not_named').map((u) => loose(u.value));
    for (const part of item.unchecked ?? []) {
      uncheckedExpected++;
      if (named.some((n) => n.includes(loose(part)) || loose(part).includes(n))) said++;
    }
    if (hits !== got.size || hits !== expected.size) {
      misses.push({ text: item.text, missed: [...expected].filter((k) => !got.has(k)), extra: [...got].filter((k) => !expected.has(k)) });
    }
  }
  return {
    messages: cases.length,
    distinct: new Set(cases.map((c) => c.text)).size,
    expected: expectedTotal,
    precision: extracted === 0 ? 1 : truePositives / extracted,
    recall: expectedTotal === 0 ? 1 : truePositives / expectedTotal,
    byKind: Object.fromEntries(
      [...kinds].map(([kind, t]) => [kind, { expected: t.expected, precision: t.got === 0 ? 1 : t.hits / t.got, recall: t.expected === 0 ? 1 : t.hits / t.expected }]),
    ),
    unchecked: { expected: uncheckedExpected, said },
    misses,
  };
}

/** One line per corpus: the figures a person compares across runs. */
export function describeScore(name: string, score: CorpusScore): string {
  const kinds = Object.entries(score.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, k]) => `${kind} ${k.expected} (p ${k.precision.toFixed(3)}, r ${k.recall.toFixed(3)})`)
    .join(', ');
  return (
    `${name}: ${score.messages} messages (${score.distinct} distinct), ${score.expected} expected, ` +
    `precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}; ` +
    `unchecked parts said ${score.unchecked.said}/${score.unchecked.expected}\n  by kind: ${kinds}`
  );
}
