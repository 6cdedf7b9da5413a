// Validates a submission field by field and keeps going after a failure, so a
// form can show every error at once (each beside its field) instead of the
// first only. Fields are checked in the order the form shows them; the first
// error stays the answer's own code and message (worker/core/errors.ts, FieldErrors).
import { ApiError, FieldErrors } from '../core/errors.ts';

export class FieldErrorCollector {
  private readonly errors: ApiError[] = [];

  /** `check`'s value, or undefined when it threw an ApiError (kept); any other error is rethrown. */
  take<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors.push(err);
        return undefined;
      }
      throw err;
    }
  }

  async takeAsync<T>(check: () => Promise<T>): Promise<T | undefined> {
    try {
      return await check();
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors.push(err);
        return undefined;
      }
      throw err;
    }
  }

  /** Throws every error kept so far as one FieldErrors; nothing when all fields passed. */
  throwIfAny(): void {
    const [first, ...rest] = this.errors;
    if (first) throw new FieldErrors([first, ...rest]);
  }
}
