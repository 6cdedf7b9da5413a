// The reasons a moderator picks from (GET /api/v1/admin/reasons): a stable code
// stored with the decision, its words in Indonesian and English for the page.
// A rejection needs one; a verification may carry one; accepting or rejecting
// ("dismiss") a dispute needs one of its own kind — the API refuses a reason
// meant for another decision (422 invalid_reason), not only the page.
import { ApiError } from '../core/errors.ts';

export type ReasonFor = 'verify' | 'reject' | 'accept' | 'dismiss';

export interface Reason {
  code: string;
  id: string;
  en: string;
  for: ReasonFor;
}

export const REASONS: readonly Reason[] = [
  { code: 'no_evidence', id: 'Bukti tidak cukup', en: 'Not enough evidence', for: 'reject' },
  { code: 'not_fraud', id: 'Bukan penipuan (sengketa dagang biasa)', en: 'Not fraud (an ordinary trade dispute)', for: 'reject' },
  { code: 'wrong_account', id: 'Nomor atau akun tidak cocok dengan bukti', en: 'The number or account does not match the evidence', for: 'reject' },
  { code: 'duplicate', id: 'Laporan ganda', en: 'Duplicate report', for: 'reject' },
  { code: 'false_report', id: 'Laporan palsu atau serangan terkoordinasi', en: 'False report or coordinated attack', for: 'reject' },
  { code: 'personal_data', id: 'Berisi data pribadi orang lain', en: 'Contains someone else’s personal data', for: 'reject' },
  { code: 'other', id: 'Lainnya (lihat catatan)', en: 'Other (see the note)', for: 'reject' },
  { code: 'evidence_matches', id: 'Bukti cocok dengan kronologi', en: 'The evidence matches the account given', for: 'verify' },
  { code: 'independent_reporters', id: 'Beberapa pelapor independen', en: 'Several independent reporters', for: 'verify' },
  { code: 'provider_confirmed', id: 'Dikonfirmasi bank atau penyedia', en: 'Confirmed by the bank or provider', for: 'verify' },
  { code: 'ownership_proven', id: 'Kepemilikan terbukti, akun diretas atau dipinjam', en: 'Ownership proven; the account was hacked or borrowed', for: 'accept' },
  { code: 'reports_mistaken', id: 'Kepemilikan terbukti, laporan keliru', en: 'Ownership proven; the reports were mistaken', for: 'accept' },
  { code: 'ownership_not_proven', id: 'Kepemilikan tidak terbukti', en: 'Ownership not proven', for: 'dismiss' },
  { code: 'proof_mismatch', id: 'Bukti kepemilikan tidak terbaca atau tidak cocok dengan akun', en: 'The proof is unreadable or does not match the account', for: 'dismiss' },
  { code: 'fraud_confirmed', id: 'Laporan tetap meyakinkan meski ada sanggahan', en: 'The reports stay convincing despite the dispute', for: 'dismiss' },
];

/**
 * The reason code for a decision: required unless `optional`, and then from the
 * list for that kind of decision (invalid_reason otherwise).
 */
export function reasonFor(kind: ReasonFor, code: unknown, optional: boolean): string | null {
  if (code === undefined || code === null || code === '') {
    if (optional) return null;
    throw new ApiError('invalid_reason', 'reason');
  }
  if (!REASONS.some((r) => r.code === code && r.for === kind)) throw new ApiError('invalid_reason', 'reason');
  return code as string;
}

const MAX_NOTE = 1_000;

/** The optional free-text note: trimmed, at most 1,000 characters, null when empty. */
export function noteOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_NOTE) throw new ApiError('invalid_decision', 'reason');
  return value.trim() || null;
}
