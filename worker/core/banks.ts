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
