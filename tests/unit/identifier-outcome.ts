// What parseIdentifier makes of an input, as a value a table can list: the
// identifier, or the error's code and field. Anything but an ApiError is rethrown.
import { ApiError, type ErrorCode, type ErrorField } from '../../worker/core/errors.ts';
import { parseIdentifier, type Identifier, type IdentifierInput } from '../../worker/core/identifiers.ts';

export type Refusal = { code: ErrorCode; field: ErrorField | undefined };

export function outcomeOf(input: IdentifierInput): Identifier | Refusal {
  try {
    return parseIdentifier(input);
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, field: err.field };
    throw err;
  }
}

/** Upper- or lowercase each letter as `upper` says (fast-check supplies it). */
export function withCase(text: string, upper: readonly boolean[]): string {
  return [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
}
