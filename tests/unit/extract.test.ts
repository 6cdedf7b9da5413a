import { describe, expect, test } from 'vitest';
import { measureCorpus } from './extract-corpus.ts';

describe('the corpus', () => {
  test('precision and recall are at least 0.99', () => {
    const score = measureCorpus();
    console.log(
      `extraction corpus: ${score.messages} messages (${score.distinct} distinct), ${score.expected} expected, precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}`,
    );
    for (const miss of score.misses) console.log(JSON.stringify(miss));
    expect(score.distinct).toBe(score.messages);
    expect(score.messages).toBeGreaterThanOrEqual(300);
    expect(score.precision).toBeGreaterThanOrEqual(0.99);
    expect(score.recall).toBeGreaterThanOrEqual(0.99);
  });
});
