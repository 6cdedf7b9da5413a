// Indonesian banks with their Bank Indonesia 3-digit codes (the codes used for
// interbank transfers), shipped as data in banks.json so it can be corrected
// without touching code.
import banks from './banks.json' with { type: 'json' };

export interface Bank {
  /** Bank Indonesia 3-digit code, e.g. "014". */
  code: string;
  name: string;
  /** The name people use, e.g. "BCA". */
  short: string;
  /**
   * Every length an account number at this bank has, where the bank (or a
   * reference that parses its numbers) documents it; any other length cannot
   * exist and is refused (bank_account_length). Absent: 5 to 20 digits, as
   * for any bank. A wrong entry refuses real accounts, so a bank whose sources
   * disagree is left without one (docs/api.md lists which and why).
   */
  accountDigits?: readonly number[];
  /** Where accountDigits comes from: title and address of each source. */
  accountDigitsSource?: string;
}

export const BANKS: readonly Bank[] = [...banks].sort((a, b) => a.code.localeCompare(b.code));

const byCode = new Map(BANKS.map((bank) => [bank.code, bank]));

/** The bank with this exact 3-digit code ("014", not "14"). */
export function bankByCode(code: string): Bank | undefined {
  return byCode.get(code);
}

/**
 * Shown first in the site's bank picker, where most transfers go: BCA, BRI,
 * Mandiri, BNI, BSI, CIMB Niaga, BTN, Permata, Danamon, SeaBank, Jago.
 */
export const POPULAR_BANK_CODES: readonly string[] = ['014', '002', '008', '009', '451', '022', '200', '013', '011', '535', '542'];
