// The undo window is 5 minutes (docs/reports.md, "The listing policy"; the admin
// page's key list and the API's undo_expired message say so in words). The API
// and the admin page read this one constant; the API's behaviour at the edges
// of the window is tested in tests/worker/moderation-decisions.test.ts.
import { describe, expect, test } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { UNDO_WINDOW_MS } from '../../worker/core/undo-window.ts';

describe('the undo window', () => {
  test('is the documented 5 minutes, for the API and the admin page alike', () => {
    expect(UNDO_WINDOW_MS).toBe(5 * 60 * 1000);
    expect(ERROR_MESSAGES.undo_expired.en).toContain('5 minutes');
    expect(ERROR_MESSAGES.undo_expired.id).toContain('5 menit');
  });
});
