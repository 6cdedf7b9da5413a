// Bank accounts: a Bank Indonesia bank code and the account's digits. The same
// digits at two banks are two accounts, so the code is part of the identifier.
import { bankByCode, type Bank } from '../banks.ts';
import { ApiError, BankAccountLengthError } from '../errors.ts';
import { isDigitsFrom } from './digits.ts';

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
 * group them with, nor the chosen bank's own name written before them
 * ("BCA 1234567890" with BCA chosen: people copy the line the seller sent).
 * Leading zeros stay: banks print them and some accounts differ only there.
 * A length the bank never issues (banks.json `accountDigits`) is refused with
 * bank_account_length, so a slip of one digit is not answered "not reported";
 * other banks take 5 to 20 digits (invalid_bank_account).
 */
export function canonicalBankAccount(raw: string, bankCode: string): string {
  const bank = bankByCode(bankCode);
  // Digits alone, as most lookups type them, are the account as they stand; anything else is read once more.
  const digits = isDigitsFrom(raw) ? raw : accountDigits(raw, bank);
  if (bank?.accountDigits && !bank.accountDigits.includes(digits.length)) {
    throw new BankAccountLengthError(bank.short, bank.accountDigits);
  }
  if (digits.length < 5 || digits.length > 20) throw new ApiError('invalid_bank_account', 'value');
  return digits;
}

/** The digits of an account typed with separators or after the bank's name; throws invalid_bank_account otherwise. */
function accountDigits(raw: string, bank: Bank | undefined): string {
  const digits = withoutBankName(raw, bank).replace(/[\s.\-]/g, '');
  if (!isDigitsFrom(digits)) throw new ApiError('invalid_bank_account', 'value');
  return digits;
}

/**
 * The text after the chosen bank's name ("BCA", "Bank BCA", "Bank Central
 * Asia", optionally with ":" or "-"); the text itself when it does not start
 * with that name. Another bank's name stays, and is refused with the digits
 * as letters: the bank is chosen, not typed.
 */
function withoutBankName(raw: string, bank: Bank | undefined): string {
  if (!bank || !/^\s*[a-z]/i.test(raw)) return raw;
  const text = raw.trim().toLowerCase();
  for (const name of [bank.short, bank.name]) {
    const n = name.toLowerCase();
    for (const prefix of [n, `bank ${n}`]) {
      if (text.startsWith(prefix) && /^\s*[:\-]?\s*[0-9]/.test(text.slice(prefix.length))) {
        return text.slice(prefix.length).replace(/^\s*[:\-]?/, '');
      }
    }
  }
  return raw;
}
