// What the moderators' page announces after a decision, in the API's numbers.
import { describe, expect, test } from 'vitest';
import { FLAGS } from '../../worker/admin/abuse-flags.ts';
import { age, describeOutcome, flagWords } from '../../site/src/client/admin/words.ts';

const none = { verified: [], rejected: [], awaitingConfirmation: [], conflicts: [] };

describe('the announcement of a decision', () => {
  test('says how many were verified, wait for a second moderator, and were decided meanwhile by whom', () => {
    expect(describeOutcome({ ...none, verified: ['a', 'b', 'c', 'd', 'e'] })).toBe('verified 5');
    expect(
      describeOutcome({
        verified: ['a'],
        rejected: [],
        awaitingConfirmation: ['b', 'c'],
        conflicts: [{ decidedBy: 'alice' }, { decidedBy: 'bob' }, { decidedBy: 'alice' }],
      }),
    ).toBe('verified 1; 2 wait for a second moderator; 2 decided meanwhile by alice — not changed; 1 decided meanwhile by bob — not changed');
    expect(describeOutcome({ ...none, awaitingConfirmation: ['a'] })).toBe('1 waits for a second moderator');
    expect(describeOutcome({ ...none, rejected: ['a', 'b'] })).toBe('rejected 2');
    expect(describeOutcome(none)).toBe('nothing changed');
  });

  test('every flag the API sets has words in both languages; an unknown code shows as itself', () => {
    for (const code of FLAGS) {
      const words = flagWords(code);
      expect(words.id).not.toBe(code);
      expect(words.en).not.toBe(code);
      expect(words.explain.length).toBeGreaterThan(20);
    }
    expect(flagWords('new_flag')).toEqual({ id: 'new_flag', en: 'new_flag', explain: '' });
  });

  test('ages read in minutes, hours or days', () => {
    expect(age(600)).toBe('10 min');
    expect(age(7_200)).toBe('2 h');
    expect(age(5 * 86_400)).toBe('5 d');
    expect(age(null)).toBe('—');
  });
});
