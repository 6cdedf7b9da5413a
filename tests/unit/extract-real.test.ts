// The figure that counts (issue 22): precision and recall on real messages
// nobody here wrote (tests/unit/real-messages/, sources in SOURCES.md),
// labelled by hand before the extractor ran. dev.json was read while writing
// the rules; held-out.json never was, so its figure is the honest one. The
// floors below are the documented targets (docs/performance.md): 0.95 on dev,
// bank accounts 0.9; held-out must not fall below what was measured when the
// rules were written (0.90 precision, 0.88 recall), a regression guard short
// of the 0.95 target it has not reached.
import { describe, expect, test } from 'vitest';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { describeScore, scoreCorpus } from './corpus-score.ts';
import { realMessages } from './real-corpus.ts';

const read = (text: string) => extractIdentifiers(text, 'id');

describe('real messages', () => {
  test('dev set: precision and recall at least 0.95, bank accounts at least 0.9', () => {
    const messages = realMessages('dev');
    const score = scoreCorpus(messages, read, false);
    console.log(describeScore('real messages, dev', score));
    for (const miss of score.misses) console.log(`  read differently: ${JSON.stringify(miss)}`);
    expect(messages.length).toBeGreaterThanOrEqual(400);
    expect(messages.filter((m) => m.found.length > 0 || (m.unresolved ?? []).length > 0).length).toBeGreaterThanOrEqual(300);
    expect(messages.filter((m) => m.found.length === 0 && (m.unresolved ?? []).length === 0).length).toBeGreaterThanOrEqual(100);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.byKind.bank!.recall).toBeGreaterThanOrEqual(0.9);
  });

  test('held-out set (never read while writing the rules): figures only, no messages printed', () => {
    const messages = realMessages('held-out');
    const score = scoreCorpus(messages, read, false);
    console.log(describeScore('real messages, held-out', score));
    expect(new Set(messages.map((m) => m.source.split(' ')[0])).size).toBeGreaterThan(1);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.88);
  });

  test('every message keeps its source, and no source is in both sets', () => {
    const dev = realMessages('dev');
    const held = realMessages('held-out');
    for (const m of [...dev, ...held]) expect(m.source.length, m.id).toBeGreaterThan(10);
    const origin = (source: string) => source.replace(/ row \d+.*$/, '').replace(/#.*$/, '');
    const devSources = new Set(dev.map((m) => origin(m.source)));
    expect(held.filter((m) => devSources.has(origin(m.source))).map((m) => m.id)).toEqual([]);
  });
});
