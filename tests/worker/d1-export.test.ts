// The nightly input from D1 (npm run export-reports, npm run snapshot -- --d1):
// against the real D1 engine and schema, only verified reports come out, page
// by page, in the report contract's shape and without the reporter's contact,
// chronology or moderation fields.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { d1VerifiedRows, verifiedReportLines } from '../../scripts/pipeline/read-d1-reports.ts';
import { parseReportLine } from '../../scripts/pipeline/report-line.ts';

const STATUSES = ['pending', 'verified', 'rejected', 'disputed'] as const;
const CONTACT = 'Siti Rahayu, 081399998888, siti.rahayu@example.id';
const CHRONOLOGY = 'Transfer ke rekening penjual, barang tidak dikirim.';

/** Three reports of every status, their references interleaved so that pages mix them. */
const rows = STATUSES.flatMap((status, s) =>
  [0, 1, 2].map((i) => ({ ref: `CD-EXPT-000${i}-000${s}`, status, value: `+62812555${s}${i}000` })),
);

async function seed(): Promise<void> {
  await env.DB.batch(
    rows.map(({ ref, status, value }) =>
      env.DB.prepare(
        `INSERT OR REPLACE INTO reports (ref, type, value, bank, provider, lookup_key, category, loss_idr, channel, profile_url,
           chronology, reporter_contact, status, decision_reason, created_at, decided_at, decided_by)
         VALUES (?, 'phone', ?, NULL, NULL, ?, 'online_shopping', 150000, 'whatsapp', NULL, ?, ?, ?, 'checked by phone', ?, ?, 'moderator@cekdulu.id')`,
      ).bind(ref, value, `tel:${value}`, CHRONOLOGY, CONTACT, status, '2026-11-20T03:00:00.000Z', '2026-11-21T03:00:00.000Z'),
    ),
  );
}

async function exported(pageSize: number) {
  const lines = [];
  for await (const line of verifiedReportLines(d1VerifiedRows(env.DB), pageSize)) lines.push(line);
  // Only this file's rows: other tests may have reports of their own in the database.
  return lines.filter((line) => line.id.startsWith('CD-EXPT-'));
}

describe('the verified reports read from D1', () => {
  test('only verified reports come out, each once, whatever the page size', async () => {
    await seed();
    const verified = rows.filter((r) => r.status === 'verified').map((r) => r.ref);
    for (const pageSize of [1, 2, 5, 10_000]) {
      const lines = await exported(pageSize);
      expect(lines.map((l) => l.id)).toEqual(verified);
      for (const line of lines) expect(line.status).toBe('verified');
    }
  });

  test('a line holds the report contract fields only: no contact, chronology or moderation detail', async () => {
    await seed();
    const lines = await exported(10_000);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['bank', 'category', 'channel', 'id', 'lossIdr', 'provider', 'reportedAt', 'status', 'type', 'value']);
      // The nightly job reads it through the contract like a line of a file.
      expect(parseReportLine(JSON.stringify(line))).toMatchObject({ id: line.id, status: 'verified', lossIdr: 150000 });
    }
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/Siti|081399998888|siti\.rahayu|Transfer ke|checked by phone|moderator@/);
  });
});
