// An unexpected error becomes 500 internal_error and one log line that says what
// was thrown and where, never its message: a message may quote what was being
// read (V8's JSON.parse error quotes the text), and queries, pasted messages and
// e-mail addresses are never logged.
import { afterEach, expect, test, vi } from 'vitest';
import { toApiError } from '../../worker/http.ts';

afterEach(() => vi.restoreAllMocks());

function loggedBy(err: unknown): { code: string; log: string } {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  return { code: toApiError(err).code, log: lines.join('\n') };
}

test('a JSON parse error quoting the text it read is logged by name and code position, without the message', () => {
  let thrown: unknown;
  try {
    JSON.parse('WA 0812-3456-7890');
  } catch (err) {
    thrown = err;
  }
  expect(String(thrown)).toContain('0812-3456-7890'); // the runtime does quote it
  const { code, log } = loggedBy(thrown);
  expect(code).toBe('internal_error');
  expect(log).toMatch(/^cekdulu: unhandled SyntaxError\n\s+at /);
  expect(log).not.toContain('0812-3456-7890');
});

test('a message of several lines cannot pass for stack frames', () => {
  const err = new Error('first line\n    at 0812-3456-7890 (budi@example.com)');
  const { log } = loggedBy(err);
  expect(log).toMatch(/^cekdulu: unhandled Error/);
  expect(log).not.toContain('0812-3456-7890');
  expect(log).not.toContain('budi@example.com');
});

test('a thrown non-error is logged by its type alone', () => {
  expect(loggedBy('0812-3456-7890').log).toBe('cekdulu: unhandled string');
});
