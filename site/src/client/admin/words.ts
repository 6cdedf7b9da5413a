// What the moderators' page says about the API's codes and numbers: abuse
// flags in Indonesian and English with what each means, the outcome of a
// decision in one sentence for the screen reader's live region, ages and rupiah.

export interface FlagWords {
  id: string;
  en: string;
  /** What the flag means, for the moderator weighing the group. */
  explain: string;
}

/** The abuse flags the queue puts on a group or a report (docs/reports.md, "The flags"). */
const FLAG_WORDS: Record<string, FlagWords> = {
  one_contact_many_accounts: {
    id: 'Satu pelapor, banyak rekening',
    en: 'One reporter, many accounts',
    explain: 'This reporter filed against many accounts: read their other reports (listed below) side by side. A victim of one scam names a few; a competitor or a bot many. Reject copies as false_report.',
  },
  one_network_many_accounts: {
    id: 'Satu jaringan, banyak rekening',
    en: 'One network, many accounts',
    explain: 'Reports from one network (the same /24 or /64) against many accounts within a day. Mobile carriers share networks, so this alone proves nothing: compare the other accounts (listed below) for the same wording or files; with other flags it points to a campaign.',
  },
  repeat_contact: {
    id: 'Pelapor berulang',
    en: 'Repeat reporter',
    explain: 'One contact or network filed several times against this account: count it once.',
  },
  shared_evidence: {
    id: 'Bukti yang sama',
    en: 'Same evidence file',
    explain: 'The same file (by SHA-256) was sent with reports from different contacts: two victims do not have the same screenshot. Open the other report (linked below), decide which is the original; reject copies as false_report.',
  },
  burst: {
    id: 'Lonjakan laporan',
    en: 'Burst of reports',
    explain: 'Many reports against this account within minutes. Before verifying, compare their chronologies and files: the same wording or the same file means a pile-on (reject the copies as false_report); different stories from different people can be a real scam broadcast.',
  },
  after_dispute: {
    id: 'Setelah sanggahan',
    en: 'After a dispute',
    explain: 'Filed right after the owner disputed a listing: read the dispute (linked below) before deciding — it may be retaliation, or a real new victim.',
  },
  after_delisting: {
    id: 'Setelah dihapus dari daftar',
    en: 'After a delisting',
    explain: 'The owner proved ownership and this account was delisted (an accepted dispute); this report came after it. Verifying it lists the account again: make sure it is a new fraud, not the old one.',
  },
};

export function flagWords(code: string): FlagWords {
  return FLAG_WORDS[code] ?? { id: code, en: code, explain: '' };
}

/** The live region's sentence for a decision: "verified 5; 2 wait for a second moderator; 1 decided meanwhile by alice — not changed". */
export function describeOutcome(outcome: {
  verified: readonly string[];
  rejected: readonly string[];
  awaitingConfirmation: readonly string[];
  conflicts: ReadonlyArray<{ decidedBy: string | null }>;
}): string {
  const parts: string[] = [];
  if (outcome.verified.length) parts.push(`verified ${outcome.verified.length}`);
  if (outcome.rejected.length) parts.push(`rejected ${outcome.rejected.length}`);
  const waiting = outcome.awaitingConfirmation.length;
  if (waiting) parts.push(`${waiting} ${waiting === 1 ? 'waits' : 'wait'} for a second moderator`);
  const byWhom = new Map<string, number>();
  for (const c of outcome.conflicts) byWhom.set(c.decidedBy ?? 'another moderator', (byWhom.get(c.decidedBy ?? 'another moderator') ?? 0) + 1);
  for (const [who, n] of byWhom) parts.push(`${n} decided meanwhile by ${who} — not changed`);
  return parts.length ? parts.join('; ') : 'nothing changed';
}

/** "3 h", "2 d": an age in the unit a moderator thinks in. */
export function age(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 3_600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.round(seconds / 3_600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

export const rupiah = (n: number): string => `Rp ${Math.round(n).toLocaleString('id-ID')}`;

/** "2026-11-28 14:05" in UTC: dates side by side compare at a glance. */
export const when = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

/** "online_shopping 3, investment 1". */
export const counts = (map: Record<string, number>): string =>
  Object.entries(map)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
