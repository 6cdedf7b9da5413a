// Bank accounts: a Bank Indonesia bank code and the account's digits. The same
// digits at two banks are two accounts, so the code is part of the identifier.
import { bankByCode } from '../banks.ts';
import { ApiError } from '../errors.ts';

/** The 3-digit bank code ("14" and " 014 " are "014"); throws bank_required or unknown_bank. */
export function canonicalBankCode(raw: string | null | undefined): string {
  const text = String(raw ?? '').trim();
  if (text === '') throw new ApiError('bank_required', 'bank');
  // People drop the leading zeros of a code as they would of a number.
  const code = /^\d{1,3}$/.test(text) ? text.padStart(3, '0') : text;
  if (!bankByCode(code)) throw new ApiError('unknown_bank', 'bank');
  return code;
}

/**
 * The account number's digits, without the spaces, dashes and dots people
 * group them with. Leading zeros stay: banks print them and some accounts
 * differ only there.
 */
export function canonicalBankAccount(raw: string): string {
  const digits = raw.replace(/[\s.\-]/g, '');
  if (!/^[0-9]{5,20}$/.test(digits)) throw new ApiError('invalid_bank_account', 'value');
  return digits;
}
