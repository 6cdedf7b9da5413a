// The isolate's finished range answers (worker/lookup/range-answers.ts): a
// bounded memory, holding exactly what would be built afresh.
import { expect, test } from 'vitest';
import { paddedSuffixes, rangeAnswerJson } from '../../worker/core/range.ts';
import { RangeAnswers } from '../../worker/lookup/range-answers.ts';

const VERSIONS = ['20261128T020000Z-3fa4c2d1', '20261129T020000Z-9b01e7aa'];
const prefixOf = (n: number) => ((n * 5_242_877) % 0xfffff).toString(16).padStart(5, '0');
/** An answer as the route builds it, for a prefix with no reported key or with one. */
const build = async (version: string, prefix: string, real = 0) =>
  rangeAnswerJson({
    prefix,
    suffixes: await paddedSuffixes(real ? [{ suffix: 'f'.repeat(59), count: real }] : [], version, prefix),
    snapshot: { version, generatedAt: '2026-11-28T02:00:00.000Z' },
  });

test('holds at most 1,024 answers of 11,899 bytes each (about 12 MB), across versions, however many prefixes are asked', async () => {
  const answers = new RangeAnswers();
  let bytes = 0;
  for (let n = 0; n < 2_500; n++) {
    const version = VERSIONS[n % 2]!;
    const held = answers.set(version, prefixOf(n), await build(version, prefixOf(n), n % 3));
    expect(held.length).toBe(11_899); // every answer of a version one size, padding included
    expect(answers.size).toBeLessThanOrEqual(1_024);
  }
  expect(answers.size).toBe(1_024);
  for (let n = 0; n < 2_500; n++) bytes += answers.get(VERSIONS[n % 2]!, prefixOf(n))?.length ?? 0;
  expect(bytes).toBe(1_024 * 11_899);
});

test('drops the least recently used answer first; an answer asked again stays', async () => {
  const answers = new RangeAnswers(3);
  const [v] = VERSIONS as [string];
  for (const prefix of ['00000', '00001', '00002']) answers.set(v, prefix, await build(v, prefix));
  expect(answers.get(v, '00000')).toBeDefined(); // now the most recent: 00001 is the oldest
  answers.set(v, '00003', await build(v, '00003'));
  expect(answers.get(v, '00001')).toBeUndefined();
  expect(['00000', '00002', '00003'].map((prefix) => answers.get(v, prefix) !== undefined)).toEqual([true, true, true]);
});

test('a held answer is byte for byte the one built afresh: the padding of a (version, prefix) is stable, the same prefix in another version is another answer', async () => {
  const answers = new RangeAnswers();
  const [a, b] = VERSIONS as [string, string];
  answers.set(a, 'abcde', await build(a, 'abcde', 12));
  answers.set(b, 'abcde', await build(b, 'abcde', 12));
  expect(answers.get(a, 'abcde')).toBe(await build(a, 'abcde', 12));
  expect(answers.get(b, 'abcde')).toBe(await build(b, 'abcde', 12));
  expect(answers.get(a, 'abcde')).not.toBe(answers.get(b, 'abcde'));
  expect(answers.get(a, 'abcdf')).toBeUndefined();
});
