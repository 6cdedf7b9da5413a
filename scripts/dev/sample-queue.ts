// A seeded moderation queue for local D1: pending reports grouped by account,
// with one seeded abusive pattern per abuse flag (worker/admin/abuse-flags.ts),
// so each flag shows on the admin page and is tested on known data:
//
//   one_contact_many_accounts  one reporter against 6 accounts in a day
//   one_network_many_accounts  11 reporters from one network against 11 accounts within hours
//   repeat_contact             one reporter, 4 reports against one account
//   shared_evidence            the same file (SHA-256) on reports from two reporters
//   burst                      6 reports against one account within 5 minutes
//   after_dispute              3 reports filed within 2 days after a dispute on the account
//
// and ordinary groups (1–8 independent reporters each) for the rest. Pure and
// deterministic: (options) → rows and SQL; scripts/dev/seed-queue.ts writes them
// into local D1 (npm start, the benchmark), the Worker tests insert them directly.
// Contact and network hashes are opaque placeholders (the queue only compares
// them); reporters' contacts are fake (example.com / 0812-0000-…).
import { REPORT_CATEGORIES, REPORT_CHANNELS } from '../../worker/core/report-contract.ts';

interface QueueReportRow {
  ref: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  lookup_key: string;
  category: string;
  loss_idr: number;
  channel: string;
  chronology: string;
  reporter_contact: string;
  created_at: string;
  contact_hash: string;
  network_hash: string;
}

interface QueueEvidenceRow {
  id: string;
  report_ref: string;
  r2_key: string;
  content_type: string;
  size: number;
  created_at: string;
  sha256: string;
}

interface QueueDisputeRow {
  ref: string;
  type: string;
  value: string;
  bank: string | null;
  provider: string | null;
  lookup_key: string;
  statement: string;
  contact: string;
  created_at: string;
}

/** An accepted dispute's delisting (migrations/0007_delistings.sql). */
interface QueueDelistingRow {
  lookup_key: string;
  dispute_ref: string;
  reason: string;
  first_moderator: string;
  moderator: string;
  at: string;
}

export interface QueueSample {
  reports: QueueReportRow[];
  evidence: QueueEvidenceRow[];
  disputes: QueueDisputeRow[];
  delistings: QueueDelistingRow[];
  /** The lookup key of each seeded pattern, by the flag it should raise. */
  patterns: Record<
    'one_contact_many_accounts' | 'one_network_many_accounts' | 'repeat_contact' | 'shared_evidence' | 'burst' | 'after_dispute' | 'after_delisting',
    string[]
  >;
}

export interface QueueOptions {
  /** Pending reports in all (at least the patterns' 38). */
  reports: number;
  seed?: number;
  now?: Date;
}

const DEFAULT_QUEUE_NOW = new Date('2026-11-01T00:00:00Z');
const DAY_MS = 86_400_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BANKS = ['014', '008', '009', '002', '451'];

/** A small seeded generator (mulberry32): the same seed, the same numbers. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A reference in the real format, numbered (never random: the same seed gives the same queue). */
function reference(prefix: 'CD' | 'DP', n: number): string {
  let chars = '';
  let x = n;
  for (let i = 0; i < 12; i++) {
    chars = ALPHABET[x % 32] + chars;
    x = Math.floor(x / 32);
  }
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const hex = (label: string, n: number) => `${label}${n.toString(16).padStart(12, '0')}`.padEnd(64, '0');

export function sampleQueue(options: QueueOptions): QueueSample {
  const random = mulberry32(options.seed ?? 17);
  const now = (options.now ?? DEFAULT_QUEUE_NOW).getTime();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sample: QueueSample = {
    reports: [],
    evidence: [],
    disputes: [],
    delistings: [],
    patterns: {
      one_contact_many_accounts: [],
      one_network_many_accounts: [],
      repeat_contact: [],
      shared_evidence: [],
      burst: [],
      after_dispute: [],
      after_delisting: [],
    },
  };
  let refNo = 1;
  let contactNo = 1;
  let networkNo = 1;
  let accountNo = 1;

  const account = () => {
    const n = accountNo++;
    const kind = n % 10;
    if (kind < 6) {
      const bank = BANKS[n % BANKS.length]!;
      // Mandiri issues 13-digit accounts, the others here 10 (banks.json accountDigits).
      const value = String((bank === '008' ? 1_370_000_000_000 : 7_000_000_000) + n);
      return { type: 'bank', value, bank, provider: null, lookup_key: `bank:${bank}:${value}` };
    }
    if (kind < 9) {
      const value = `+62813${String(n).padStart(8, '0')}`;
      return kind === 8
        ? { type: 'ewallet', value, bank: null, provider: 'dana', lookup_key: `tel:${value}` }
        : { type: 'phone', value, bank: null, provider: null, lookup_key: `tel:${value}` };
    }
    const value = `toko.sample.${n}`;
    return { type: 'instagram', value, bank: null, provider: null, lookup_key: `ig:${value}` };
  };
  const newContact = () => contactNo++;
  const newNetwork = () => networkNo++;

  const report = (acct: ReturnType<typeof account>, at: number, contact: number, network: number, evidence: string | null = null) => {
    const ref = reference('CD', refNo++);
    const created_at = new Date(at).toISOString();
    sample.reports.push({
      ref,
      ...acct,
      category: pick(REPORT_CATEGORIES),
      loss_idr: Math.round(random() * 20) * 250_000,
      channel: pick(REPORT_CHANNELS),
      chronology: `Contoh laporan ${ref}: transfer ke ${acct.value}, barang tidak dikirim.`,
      reporter_contact: `pelapor${contact}@example.com`,
      created_at,
      contact_hash: hex('c', contact),
      network_hash: hex('n', network),
    });
    if (evidence !== null) {
      const id = `${ref}-1`;
      sample.evidence.push({ id, report_ref: ref, r2_key: `evidence/${ref}/1`, content_type: 'image/png', size: 20_000, created_at, sha256: evidence });
    }
    return ref;
  };
  const daysAgo = (d: number) => now - d * DAY_MS;

  // one_contact_many_accounts: one reporter, 6 accounts, one day.
  {
    const c = newContact();
    const base = daysAgo(3);
    for (let i = 0; i < 6; i++) {
      const acct = account();
      sample.patterns.one_contact_many_accounts.push(acct.lookup_key);
      report(acct, base + i * 3_600_000, c, newNetwork());
    }
  }
  // one_network_many_accounts: 11 reporters, one network, 11 accounts, a few hours.
  {
    const net = newNetwork();
    const base = daysAgo(4);
    for (let i = 0; i < 11; i++) {
      const acct = account();
      sample.patterns.one_network_many_accounts.push(acct.lookup_key);
      report(acct, base + i * 900_000, newContact(), net);
    }
  }
  // repeat_contact: one reporter, 4 reports, one account, over a week.
  {
    const acct = account();
    const c = newContact();
    sample.patterns.repeat_contact.push(acct.lookup_key);
    for (let i = 0; i < 4; i++) report(acct, daysAgo(9 - i * 2), c, newNetwork());
  }
  // shared_evidence: the same file from two different reporters (on two accounts).
  {
    const file = hex('e', 1);
    for (let i = 0; i < 2; i++) {
      const acct = account();
      sample.patterns.shared_evidence.push(acct.lookup_key);
      report(acct, daysAgo(6 - i), newContact(), newNetwork(), file);
    }
  }
  // burst: 6 reports against one account within 5 minutes, 6 reporters.
  {
    const acct = account();
    sample.patterns.burst.push(acct.lookup_key);
    const base = daysAgo(2);
    for (let i = 0; i < 6; i++) report(acct, base + i * 50_000, newContact(), newNetwork());
  }
  // after_dispute: the owner disputes, then 3 reports within 2 days.
  {
    const acct = account();
    sample.patterns.after_dispute.push(acct.lookup_key);
    const disputed = daysAgo(5);
    sample.disputes.push({
      ref: reference('DP', 1),
      ...acct,
      statement: 'Contoh sanggahan: rekening ini milik toko saya yang sah.',
      contact: 'pemilik@example.com',
      created_at: new Date(disputed).toISOString(),
    });
    for (let i = 0; i < 3; i++) report(acct, disputed + (i + 1) * 12 * 3_600_000, newContact(), newNetwork());
  }
  // after_delisting: an accepted dispute delisted the account 4 days ago; 2 reports came after it.
  {
    const acct = account();
    sample.patterns.after_delisting.push(acct.lookup_key);
    const delisted = daysAgo(4);
    sample.delistings.push({
      lookup_key: acct.lookup_key,
      dispute_ref: reference('DP', 2),
      reason: 'ownership_proven',
      first_moderator: 'sample-first@example.com',
      moderator: 'sample-second@example.com',
      at: new Date(delisted).toISOString(),
    });
    for (let i = 0; i < 2; i++) report(acct, delisted + (i + 1) * 24 * 3_600_000, newContact(), newNetwork());
  }

  // Ordinary groups: 1–8 independent reporters, spread over 60 days, a third with evidence.
  let evidenceNo = 100;
  while (sample.reports.length < options.reports) {
    const acct = account();
    const size = Math.min(options.reports - sample.reports.length, 1 + Math.floor(random() ** 3 * 8));
    const start = daysAgo(1 + random() * 60);
    for (let i = 0; i < size; i++) {
      report(acct, start + Math.floor(random() * 10 * DAY_MS), newContact(), newNetwork(), random() < 0.35 ? hex('e', evidenceNo++) : null);
    }
  }
  return sample;
}

const quote = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** INSERT statements for the sample, many rows each (for `wrangler d1 execute --file` or a D1 batch). */
export function queueSql(sample: QueueSample, rowsPerStatement = 200): string[] {
  const statements: string[] = [];
  const insert = <T extends object>(table: string, rows: T[]) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const values = rows
        .slice(i, i + rowsPerStatement)
        .map((row) => `(${columns.map((c) => quote((row as Record<string, string | number | null>)[c]!)).join(', ')})`);
      statements.push(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')};`);
    }
  };
  insert('disputes', sample.disputes);
  insert('reports', sample.reports);
  insert('evidence', sample.evidence);
  insert('delistings', sample.delistings);
  return statements;
}
