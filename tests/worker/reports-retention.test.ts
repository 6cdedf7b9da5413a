// Personal data past its retention period is deleted; what the snapshot counts stays.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, test } from 'vitest';
import { PURGED, purgeExpired } from '../../worker/reports/retention.ts';

const NOW = new Date('2026-11-28T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

async function report(ref: string, status: string, decidedDaysAgo: number | null, withEvidence = true) {
  await env.DB.prepare(
    `INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, channel, profile_url, chronology,
       reporter_contact, status, created_at, decided_at, decided_by)
     VALUES (?1, 'bank', '5550001111', '014', 'bank:014:5550001111', 'online_shopping', 100000, 'instagram',
       'https://instagram.com/toko', 'cerita kronologi', 'siti@example.id', ?2, ?3, ?4, 'admin-token')`,
  )
    .bind(ref, status, daysAgo(800), decidedDaysAgo === null ? null : daysAgo(decidedDaysAgo))
    .run();
  if (withEvidence) {
    await env.EVIDENCE.put(`evidence/${ref}/1.png`, new Uint8Array([1, 2, 3]));
    await env.DB.prepare(
      `INSERT INTO evidence (id, report_ref, r2_key, content_type, size, created_at) VALUES (?1, ?2, ?3, 'image/png', 3, ?4)`,
    )
      .bind(`${ref}-1`, ref, `evidence/${ref}/1.png`, daysAgo(800))
      .run();
  }
}

const row = (ref: string) => env.DB.prepare('SELECT * FROM reports WHERE ref = ?').bind(ref).first<Record<string, unknown>>();

beforeAll(async () => {
  await report('CD-OLD-VERIFIED', 'verified', 400);
  await report('CD-NEW-VERIFIED', 'verified', 30);
  await report('CD-OLD-REJECTED', 'rejected', 200);
  await report('CD-NEW-REJECTED', 'rejected', 30);
  await report('CD-OLD-PENDING', 'pending', null);
  await env.DB.prepare(
    `INSERT INTO disputes (ref, type, value, lookup_key, statement, contact, status, created_at, decided_at)
     VALUES ('DP-OLD', 'phone', '+6281234567890', 'tel:+6281234567890', 'bukan saya', 'pemilik@example.id', 'accepted', ?1, ?2)`,
  )
    .bind(daysAgo(800), daysAgo(400))
    .run();
  await env.DB.prepare(`INSERT INTO audit_log (at, actor, action, subject) VALUES (?1, 'a', 'verify', 'CD-X'), (?2, 'a', 'verify', 'CD-Y')`)
    .bind(daysAgo(800), daysAgo(10))
    .run();
});

describe('the daily retention purge', () => {
  test('scrubs personal data of reports decided over a year ago but keeps what the snapshot counts', async () => {
    const result = await purgeExpired(env.DB, env.EVIDENCE, NOW);
    expect(result).toEqual({ reportsScrubbed: 1, rejectedDeleted: 1, evidenceDeleted: 2, disputesScrubbed: 1, auditDeleted: 1 });

    const old = await row('CD-OLD-VERIFIED');
    expect(old).toMatchObject({ status: 'verified', lookup_key: 'bank:014:5550001111', category: 'online_shopping', loss_idr: 100000 });
    expect(old).toMatchObject({ reporter_contact: PURGED, chronology: PURGED, profile_url: null });
    expect(await env.EVIDENCE.get('evidence/CD-OLD-VERIFIED/1.png')).toBeNull();
  });

  test('deletes rejected reports after six months, keeps recent and pending ones whole', async () => {
    expect(await row('CD-OLD-REJECTED')).toBeNull();
    expect(await env.EVIDENCE.get('evidence/CD-OLD-REJECTED/1.png')).toBeNull();
    for (const ref of ['CD-NEW-VERIFIED', 'CD-NEW-REJECTED', 'CD-OLD-PENDING']) {
      expect(await row(ref)).toMatchObject({ reporter_contact: 'siti@example.id', chronology: 'cerita kronologi' });
      expect(await env.EVIDENCE.get(`evidence/${ref}/1.png`)).not.toBeNull();
    }
  });

  test('scrubs old dispute contacts, drops old audit rows, and audits itself; a second run changes nothing', async () => {
    const dispute = await env.DB.prepare(`SELECT contact, statement, status FROM disputes WHERE ref = 'DP-OLD'`).first();
    expect(dispute).toEqual({ contact: PURGED, statement: PURGED, status: 'accepted' });
    const purges = await env.DB.prepare(`SELECT detail FROM audit_log WHERE actor = 'retention'`).all<{ detail: string }>();
    expect(purges.results).toHaveLength(1);
    expect(await purgeExpired(env.DB, env.EVIDENCE, NOW)).toEqual({
      reportsScrubbed: 0,
      rejectedDeleted: 0,
      evidenceDeleted: 0,
      disputesScrubbed: 0,
      auditDeleted: 0,
    });
  });
});
