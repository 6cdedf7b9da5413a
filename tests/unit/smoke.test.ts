import { expect, test } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
test('every error code has both languages', () => {
  for (const m of Object.values(ERROR_MESSAGES)) { expect(m.id.length).toBeGreaterThan(0); expect(m.en.length).toBeGreaterThan(0); }
});
