// The nightly input from D1 (npm run export-reports, npm run snapshot -- --d1):
// against the real D1 engine and schema, only verified reports the listing
// policy admits (an evidence file, or a second moderator's confirmation) come
// out, page by page, in the report contract's shape and without the reporter's
// contact, chronology or moderation fields; the rest are counted as held back;
// a key with a pending dispute comes out flagged.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { d1PendingDisputeKeys, d1VerifiedRows, verifiedReportLines } from '../../worker/reports/listing-policy.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';

const STATUSES = ['pending', 'verified', 'rejected', 'disputed'] as const;
const CONTACT = 'Siti Rahayu, 081399998888, siti.rahayu@example.id';
const CHRONOLOGY = 'Transfer ke rekening penjual, barang tidak dikirim.';

/** Three reports of every status, their references interleaved so that pages mix them. */
const rows = STATUSES.flatMap((status, s) =>
  [0, 1, 2].map((i) => ({ ref: `CD-EXPT-000${i}-000${s}`, status, value: `+62812555${s}${i}000` })),
);

/**
 * How each row meets the listing policy, by its index among the three of a status:
 * 0 has an evidence file, 1 a second moderator's confirmation, 2 neither.
 */
const POLICY = ['evidence', 'confirmed', 'neither'] as const;

async function seed(): Promise<void> {
  await env.DB.batch([
    ...rows.map(({ ref, status, value }, n) =>
      env.DB.prepare(
        `INSERT OR REPLACE INTO reports (ref, type, value, bank, provider, lookup_key, category, loss_idr, channel, profile_url,
           chronology, reporter_contact, status, decision_reason, created_at, decided_at, decided_by, confirmed_by)
         VALUES (?, 'phone', ?, NULL, NULL, ?, 'online_shopping', 150000, 'whatsapp', NULL, ?, ?, ?, 'checked by phone', ?, ?, 'moderator@cekdulu.id', ?)`,
      ).bind(ref, value, `tel:${value}`, CHRONOLOGY, CONTACT, status, '2026-11-20T03:00:00.000Z', '2026-11-21T03:00:00.000Z',
        POLICY[n % 3] === 'confirmed' ? 'second@cekdulu.id' : null),
    ),
    ...rows
      .filter((_, n) => POLICY[n % 3] === 'evidence')
      .map(({ ref }) =>
        env.DB.prepare(
          `INSERT OR REPLACE INTO evidence (id, report_ref, r2_key, content_type, size, created_at) VALUES (?, ?, ?, 'image/png', 10, '2026-11-20T03:00:00.000Z')`,
        ).bind(`EV-${ref}`, ref, `evidence/${ref}`),
      ),
  ]);
}

async function exported(pageSize: number, disputed: ReadonlySet<string> = new Set()) {
  const lines = [];
  const tally = { heldBack: 0 };
  for await (const line of verifiedReportLines(d1VerifiedRows(env.DB), disputed, tally, pageSize)) lines.push(line);
  // Only this file's rows: other tests may have reports of their own in the database.
  return { lines: lines.filter((line) => line.id.startsWith('CD-EXPT-')), heldBack: tally.heldBack };
}

describe('the verified reports read from D1', () => {
  test('only verified reports with evidence or a confirmation come out, each once, whatever the page size; the rest are held back', async () => {
    await seed();
    const verified = rows.filter((r, n) => r.status === 'verified' && POLICY[n % 3] !== 'neither').map((r) => r.ref);
    expect(verified).toHaveLength(2);
    for (const pageSize of [1, 2, 5, 10_000]) {
      const { lines, heldBack } = await exported(pageSize);
      expect(lines.map((l) => l.id)).toEqual(verified);
      for (const line of lines) expect(line.status).toBe('verified');
      // At least this file's one verified row with neither (other files' rows may be held back too).
      expect(heldBack).toBeGreaterThanOrEqual(1);
    }
  });

  test('a line holds the report contract fields only: no contact, chronology or moderation detail', async () => {
    await seed();
    const { lines } = await exported(10_000);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['bank', 'category', 'channel', 'id', 'lossIdr', 'provider', 'reportedAt', 'status', 'type', 'value']);
      // The nightly job reads it through the contract like a line of a file.
      expect(parseReportLine(JSON.stringify(line))).toMatchObject({ id: line.id, status: 'verified', lossIdr: 150000 });
    }
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/Siti|081399998888|siti\.rahayu|Transfer ke|checked by phone|moderator@/);
  });

  test('a report whose key has a pending dispute comes out flagged; the pending disputes are read by key', async () => {
    await seed();
    const key = `tel:${rows.find((r) => r.status === 'verified')!.value}`;
    await env.DB.batch(
      (['pending', 'rejected'] as const).map((status, n) =>
        env.DB.prepare(
          `INSERT OR REPLACE INTO disputes (ref, type, value, lookup_key, statement, contact, status, created_at)
           VALUES (?, 'phone', ?, ?, 'Nomor ini milik saya.', 'owner@example.id', ?, '2026-11-22T03:00:00.000Z')`,
        ).bind(`CD-DISP-000${n}-0000`, key.slice(4), n === 0 ? key : 'tel:+6281200000000', status),
      ),
    );
    const pending = await d1PendingDisputeKeys(env.DB);
    expect(pending.has(key)).toBe(true);
    expect(pending.has('tel:+6281200000000')).toBe(false);
    const { lines } = await exported(10_000, pending);
    expect(lines.filter((l) => l.disputed).map((l) => `tel:${l.value}`)).toEqual([key]);
    expect(parseReportLine(JSON.stringify(lines[0]))).toMatchObject({ disputed: true });
  });
});
