// isDigitsFrom (worker/core/identifiers/digits.ts) says what /^[0-9]+$/ says of the text from an offset on:
// the bank account and the phone readers rely on it in place of that expression.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isDigitsFrom } from '../../worker/core/identifiers/digits.ts';

test('one or more ASCII digits from the offset on, as /^[0-9]+$/ says', () => {
  const text = fc.array(fc.constantFrom('0', '5', '9', '/', ':', ' ', '+', 'a', '٣', '０'), { maxLength: 8 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, fc.nat(9), (value, from) => {
      expect(isDigitsFrom(value, from)).toBe(/^[0-9]+$/.test(value.slice(from)));
    }),
    { numRuns: 3000 },
  );
  // The characters either side of 0–9, nothing at all, and an offset past the end.
  expect([isDigitsFrom('12/4'), isDigitsFrom('12:4'), isDigitsFrom(''), isDigitsFrom('+62812', 3), isDigitsFrom('123', 3)]).toEqual([false, false, false, true, false]);
});
