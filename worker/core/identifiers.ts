// STUB — being written by the identifiers helper. The exported names and types below are the contract.
import { ApiError } from './errors.ts';

export const IDENTIFIER_TYPES = ['bank', 'ewallet', 'phone', 'instagram', 'facebook'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export const EWALLET_PROVIDERS = ['gopay', 'ovo', 'dana', 'shopeepay', 'linkaja'] as const;
export type EwalletProvider = (typeof EWALLET_PROVIDERS)[number];

/** What a person typed: from a report line, a query string or a form. */
export interface IdentifierInput {
  type: string;
  value: string;
  bank?: string | null | undefined;
  provider?: string | null | undefined;
}

/** A validated identifier in canonical form. */
export interface Identifier {
  type: IdentifierType;
  /** Canonical value: E.164 for phone/ewallet, digits for bank, username (or numeric id) for instagram/facebook. */
  value: string;
  /** Bank Indonesia 3-digit code; only for type 'bank'. */
  bank?: string;
  /** Only for type 'ewallet'. */
  provider?: EwalletProvider;
}

/** Parse and canonicalise; throws ApiError (code + field) on bad input. */
export function parseIdentifier(input: IdentifierInput): Identifier {
  throw new ApiError('invalid_type', 'type');
}

/**
 * The key under which an identifier is filtered and stored. Phone and e-wallet
 * share one key per number (`tel:+628123456789`) so each finds the other;
 * bank `bank:014:1234567890`; instagram `ig:handle`; facebook `fb:handle`.
 */
export function lookupKey(id: Identifier): string {
  return '';
}
