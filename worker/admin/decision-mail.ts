// The one e-mail a reporter who opted in (reports.reporter_email) gets when
// their report is decided: the reference and where to see its status, nothing
// else — not the outcome, the account, the reason or anyone's name, so a
// forwarded or misdelivered message tells nobody anything about the report.
//
// Sent through Cloudflare Email Service's send_email binding (DECISION_MAIL in
// wrangler.toml; `wrangler dev` and the tests simulate it). Once per report: the
// report is claimed (notified_at set while still NULL) before sending, so two
// decisions racing, or an undo and a new decision, never send twice; a failed
// send releases the claim (a later decision may try again). Logs name only the
// reference, never the address.
import { isEmailAddress } from '../core/email-address.ts';
import { statusPageFor } from '../routes/status-page.ts';

export interface DecisionNotice {
  to: string;
  subject: string;
  text: string;
}

export type NoticeSender = (notice: DecisionNotice) => Promise<void>;

/** The message for one report: its reference and the status pages, in Indonesian first, then English. */
export function decisionNotice(to: string, ref: string, origin: string): DecisionNotice {
  return {
    to,
    subject: `CekDulu: laporan ${ref} sudah diperiksa / report ${ref} reviewed`,
    text: [
      `Laporan Anda dengan nomor referensi ${ref} sudah diperiksa moderator CekDulu.`,
      `Lihat statusnya: ${origin}${statusPageFor('id', ref)}`,
      '',
      `Your report with reference ${ref} has been reviewed by a CekDulu moderator.`,
      `See its status: ${origin}${statusPageFor('en', ref)}`,
      '',
      'E-mail ini dikirim sekali karena Anda memintanya saat melapor. / Sent once because you asked for it when reporting.',
    ].join('\n'),
  };
}

/**
 * The send_email binding as a NoticeSender, from the configured sender address. Only an
 * address of the one accepted shape (worker/core/email-address.ts) reaches the binding: a row
 * stored before that rule, or written by hand, is refused here (TypeError), not sent.
 */
export function bindingSender(binding: SendEmail, from: string): NoticeSender {
  return async ({ to, subject, text }) => {
    if (!isEmailAddress(to)) throw new TypeError('not an accepted e-mail address');
    await binding.send({ from, to, subject, text });
  };
}

/** Tell the reporters of these just-decided reports who asked to be told, each once. */
export async function notifyReporters(db: D1Database, refs: string[], send: NoticeSender, origin: string, now = new Date()): Promise<void> {
  if (refs.length === 0) return;
  const { results } = await db
    .prepare(`UPDATE reports SET notified_at = ?
              WHERE ref IN (SELECT value FROM json_each(?)) AND status IN ('verified', 'rejected')
                AND reporter_email IS NOT NULL AND notified_at IS NULL
              RETURNING ref, reporter_email`)
    .bind(now.toISOString(), JSON.stringify(refs))
    .all<{ ref: string; reporter_email: string }>();
  for (const { ref, reporter_email } of results) {
    try {
      await send(decisionNotice(reporter_email, ref, origin));
    } catch (err) {
      console.error(`decision e-mail for ${ref} failed: ${err instanceof Error ? err.name : 'error'}`);
      await db.prepare('UPDATE reports SET notified_at = NULL WHERE ref = ?').bind(ref).run();
    }
  }
}
