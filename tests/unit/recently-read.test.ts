import { expect, test } from 'vitest';
import { RecentlyRead } from '../../worker/lookup/recently-read.ts';

test('keeps the most recently used entries up to the limit, dropping the least recently used first', () => {
  const memory = new RecentlyRead<number | null>();
  memory.set('a', 1, 2);
  memory.set('b', null, 2); // null is a value (a record absent from the version), not "not held"
  expect(memory.get('a')).toBe(1); // a is now the most recent
  memory.set('c', 3, 2); // b goes
  expect(memory.get('b')).toBeUndefined();
  expect(memory.get('a')).toBe(1);
  expect(memory.get('c')).toBe(3);
  memory.set('d', 4, 2); // a goes: c was used after it
  expect(memory.get('a')).toBeUndefined();
  expect([memory.get('c'), memory.get('d')]).toEqual([3, 4]);
  memory.clear();
  expect(memory.get('d')).toBeUndefined();
});
