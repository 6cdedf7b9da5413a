// Queue health (GET /api/v1/admin/metrics) on known ages and decisions, and
// the reporter's one decision e-mail, inspected through an injected sender:
// recipient, subject and body hold the reference and the status link, nothing
// about the report; once per report, undo and a new decision included.
import { env } from 'cloudflare:workers';
import { describe, expect, test } from 'vitest';
import { candidates, decide, undoDecision } from '../../worker/admin/decisions.ts';
import { notifyReporters, type DecisionNotice } from '../../worker/admin/decision-mail.ts';
import { queueMetrics } from '../../worker/admin/metrics.ts';
import { newReference } from '../../worker/reports/reference.ts';
import { admin, markSeen } from './reports-fixture.ts';

const db = env.DB;
const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;

async function report(key: string, createdAt: Date, email: string | null = null, evidence = true): Promise<string> {
  const ref = newReference('CD');
  await db
    .prepare(`INSERT INTO reports (ref, type, value, bank, lookup_key, category, loss_idr, chronology, reporter_contact, created_at, reporter_email)
              VALUES (?, 'bank', ?, '014', ?, 'investment', 7500000, 'Kronologi rahasia', 'Siti 0812-1111-2222', ?, ?)`)
    .bind(ref, key.split(':')[2], key, createdAt.toISOString(), email)
    .run();
  if (evidence) {
    await db.prepare(`INSERT INTO evidence (id, report_ref, r2_key, content_type, size, created_at) VALUES (?, ?, ?, 'image/png', 10, ?)`)
      .bind(`${ref}-1`, ref, `evidence/${ref}/1`, createdAt.toISOString()).run();
    await markSeen(db, [ref]); // the file opened and its bytes checked (worker/admin/seen.ts)
  }
  return ref;
}

describe('metrics', () => {
  test('pending count, median and p90 age (nearest rank), disputes pending, decisions per day per moderator, awaiting confirmation', async () => {
    // Ten pending reports aged 1..10 hours.
    const refs: string[] = [];
    for (let h = 1; h <= 10; h++) refs.push(await report('bank:014:9900000001', new Date(NOW.getTime() - h * HOUR)));
    await db.prepare(`INSERT INTO disputes (ref, type, value, bank, lookup_key, statement, contact, created_at) VALUES (?, 'bank', '9900000001', '014', 'bank:014:9900000001', 's', 'c', ?)`)
      .bind(newReference('DP'), NOW.toISOString()).run();
    let metrics = await queueMetrics(db, NOW);
    expect(metrics).toEqual({
      pending: 10,
      pendingAgeSeconds: { median: 5 * 3600, p90: 9 * 3600 },
      disputesPending: 1,
      decisionsByDay: [],
      awaitingConfirmation: 0,
    });

    const key = 'bank:014:9900000001';
    const at = (h: number) => new Date(NOW.getTime() - h * HOUR);
    await decide(db, await candidates(db, refs.slice(0, 3), key), { decision: 'verify', reason: null, note: null, actor: 'alice', now: at(0) }, key);
    await decide(db, await candidates(db, refs.slice(3, 4), key), { decision: 'reject', reason: 'duplicate', note: null, actor: 'alice', now: at(0) }, key);
    await decide(db, await candidates(db, refs.slice(4, 5), key), { decision: 'reject', reason: 'duplicate', note: null, actor: 'bob', now: at(24) }, key);
    await db.prepare('DELETE FROM evidence WHERE report_ref = ?').bind(refs[5]).run();
    await decide(db, await candidates(db, refs.slice(5, 6), key), { decision: 'verify', reason: null, note: null, actor: 'bob', now: at(0) }, key);
    metrics = await queueMetrics(db, NOW);
    expect(metrics.pending).toBe(5);
    expect(metrics.awaitingConfirmation).toBe(1);
    expect(metrics.decisionsByDay).toEqual([
      { day: '2026-11-20', moderator: 'alice', verified: 3, rejected: 1 },
      { day: '2026-11-19', moderator: 'bob', verified: 0, rejected: 1 },
    ]);

    const res = await admin('/api/v1/admin/metrics');
    expect(res.status).toBe(200);
    expect(Object.keys(await res.json<any>()).sort()).toEqual(['awaitingConfirmation', 'decisionsByDay', 'disputesPending', 'pending', 'pendingAgeSeconds']);
  });

  test('an empty queue has zero ages, not an error', async () => {
    await db.prepare(`UPDATE reports SET status = 'rejected', decided_at = ?, decided_by = 'x' WHERE status = 'pending'`).bind(NOW.toISOString()).run();
    expect((await queueMetrics(db, NOW)).pendingAgeSeconds).toEqual({ median: 0, p90: 0 });
  });
});

describe('the decision e-mail', () => {
  const sender = () => {
    const sent: DecisionNotice[] = [];
    return { sent, send: async (notice: DecisionNotice) => void sent.push(notice) };
  };

  test('one message to the address the reporter gave, with the reference and status link only', async () => {
    const key = 'bank:014:9900000002';
    const ref = await report(key, NOW, 'pelapor@example.com');
    const silent = await report(key, NOW, null);
    const result = await decide(db, await candidates(db, null, key), { decision: 'reject', reason: 'no_evidence', note: 'catatan internal', actor: 'alice' }, key);
    expect(result.rejected.sort()).toEqual([ref, silent].sort());
    const mail = sender();
    await notifyReporters(db, result.rejected, mail.send, 'https://cekdulu.test');
    expect(mail.sent).toHaveLength(1);
    const [notice] = mail.sent as [DecisionNotice];
    expect(notice.to).toBe('pelapor@example.com');
    expect(notice.subject).toBe(`CekDulu: laporan ${ref} sudah diperiksa / report ${ref} reviewed`);
    expect(notice.text).toContain(`https://cekdulu.test/lapor/status/?ref=${ref}`);
    expect(notice.text).toContain(`https://cekdulu.test/en/report/status/?ref=${ref}`);
    // Nothing about the report: not the account, the outcome, the reason, the note, the text or anyone's contact.
    for (const secret of ['9900000002', 'rejected', 'ditolak', 'no_evidence', 'catatan', 'Kronologi', 'Siti', '0812', 'investment', '7500000', 'alice']) {
      expect(`${notice.subject}\n${notice.text}`).not.toContain(secret);
    }
    // The reference is the only report-specific text: strip it and the message is the same for every report.
    const other = (await import('../../worker/admin/decision-mail.ts')).decisionNotice('x@example.com', 'CD-0000-0000-0000', 'https://cekdulu.test');
    expect(notice.text.replaceAll(ref, 'REF')).toBe(other.text.replaceAll('CD-0000-0000-0000', 'REF'));
  });

  test('undo and a new decision do not send a second message; a failed send can be retried', async () => {
    const key = 'bank:014:9900000003';
    const ref = await report(key, NOW, 'dua@example.com');
    const mail = sender();
    const first = await decide(db, await candidates(db, null, key), { decision: 'verify', reason: null, note: null, actor: 'alice' }, key);
    await notifyReporters(db, first.verified, mail.send, 'https://cekdulu.test');
    await undoDecision(db, first.decisionId, 'alice');
    const second = await decide(db, await candidates(db, null, key), { decision: 'reject', reason: 'duplicate', note: null, actor: 'alice' }, key);
    await notifyReporters(db, second.rejected, mail.send, 'https://cekdulu.test');
    expect(mail.sent.map((n) => n.to)).toEqual(['dua@example.com']);

    const failing = await report('bank:014:9900000004', NOW, 'tiga@example.com');
    const broken = async () => {
      throw new Error('relay down');
    };
    const decided = await decide(db, await candidates(db, [failing], null), { decision: 'verify', reason: null, note: null, actor: 'alice' }, null);
    await notifyReporters(db, decided.verified, broken, 'https://cekdulu.test');
    expect(await db.prepare('SELECT notified_at FROM reports WHERE ref = ?').bind(failing).first()).toEqual({ notified_at: null });
    const retry = sender();
    await notifyReporters(db, decided.verified, retry.send, 'https://cekdulu.test');
    expect(retry.sent.map((n) => n.to)).toEqual(['tiga@example.com']);
    // A report only waiting for a second moderator is not decided: no message.
    const waiting = await report('bank:014:9900000005', NOW, 'empat@example.com', false);
    const first2 = await decide(db, await candidates(db, [waiting], null), { decision: 'verify', reason: null, note: null, actor: 'alice' }, null);
    expect(first2.awaitingConfirmation).toEqual([waiting]);
    const none = sender();
    await notifyReporters(db, [waiting], none.send, 'https://cekdulu.test');
    expect(none.sent).toEqual([]);
  });
});
