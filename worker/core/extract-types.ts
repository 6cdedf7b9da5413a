// The contract of extraction (worker/core/extract.ts): what reading a seller's
// message gives. Shared by the Worker's POST /api/v1/check, the site's paste box
// and the widget. A published shape: extend, never rename.
import type { IdentifierInput } from './identifiers.ts';

/** The longest text read at all; longer text is refused before any parsing. */
export const MAX_TEXT_LENGTH = 2_000;

/** One identifier found in the text, as the lookup would be asked for it. */
export interface FoundIdentifier {
  /** What to look up: the same fields GET /api/v1/check takes. */
  input: IdentifierInput;
  /** Where in the text it was read (UTF-16 offsets, end exclusive), for highlighting. */
  start: number;
  end: number;
}

/** Digits that look like an account number with no bank named: never guessed. */
export interface Unresolved {
  /** The digits as read (grouping removed). */
  value: string;
  /** A stable code a client can act on, e.g. `bank_not_named`. */
  code: string;
  /** What to ask the person, in the requested language ("Rekening bank apa?"). */
  message: string;
  start: number;
  end: number;
}

export interface Extraction {
  /** Every identifier in text order, de-duplicated by lookup key (the first mention wins). */
  found: FoundIdentifier[];
  unresolved: Unresolved[];
}
