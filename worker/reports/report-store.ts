// Reports in D1, evidence bytes in R2. A submission is all or nothing: the
// evidence objects are written first, then the report and its evidence rows in
// one D1 batch (a transaction); if anything fails, the objects already written
// are deleted, so no half-stored report and no orphaned file is left behind,
// and nothing stored before is touched. The status of a report or a dispute by
// its reference is read here too (the status API and the status page).
import { ApiError } from '../core/errors.ts';
import type { StatusTable } from '../core/report-contract.ts';
import type { EvidenceFile } from './evidence.ts';
import { sha256Hex, type ReporterSignals } from '../admin/reporter-signals.ts';
import { filedAfterConflict, recordToken } from './idempotency.ts';
import { newReference, parseReference, type RefPrefix } from './reference.ts';
import type { ReportSubmission } from './submission.ts';

export interface StatusAnswer {
  ref: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
}

export async function saveReport(
  db: D1Database,
  bucket: R2Bucket,
  report: ReportSubmission,
  evidence: EvidenceFile[],
  now = new Date(),
  // Keyed hashes of the reporter's contact and network for the moderation queue (worker/admin/reporter-signals.ts).
  signals: ReporterSignals = { contactHash: null, networkHash: null },
  // The form's submission token (worker/reports/idempotency.ts): recorded in the same batch.
  token?: string,
): Promise<string> {
  const ref = newReference('CD');
  const createdAt = now.toISOString();
  const digests = await Promise.all(evidence.map((file) => sha256Hex(file.bytes)));
  const objects = evidence.map((file, i) => ({ ...file, id: `${ref}-${i + 1}`, key: `evidence/${ref}/${i + 1}`, sha256: digests[i]! }));
  const written: string[] = [];
  try {
    for (const object of objects) {
      await bucket.put(object.key, object.bytes, { httpMetadata: { contentType: object.contentType } });
      written.push(object.key);
    }
    const { identifier } = report;
    await db.batch([
      db
        .prepare(
          `INSERT INTO reports (ref, type, value, bank, provider, lookup_key, category, loss_idr, channel,
             profile_url, chronology, reporter_contact, status, created_at, contact_hash, network_hash, reporter_email)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .bind(
          ref, identifier.type, identifier.value, identifier.bank ?? null, identifier.provider ?? null, report.key,
          report.category, report.lossIdr, report.channel, report.profileUrl, report.chronology, report.contact, createdAt,
          signals.contactHash, signals.networkHash, report.email,
        ),
      ...(token ? [recordToken(db, token, 'report', ref, createdAt)] : []),
      ...objects.map((o) =>
        db
          .prepare('INSERT INTO evidence (id, report_ref, r2_key, content_type, size, created_at, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .bind(o.id, ref, o.key, o.contentType, o.bytes.byteLength, createdAt, o.sha256),
      ),
    ]);
  } catch (err) {
    await Promise.allSettled(written.map((key) => bucket.delete(key)));
    // The same form sent twice at once: the other post recorded the token first; its reference is the answer.
    const first = token ? await filedAfterConflict(db, token, 'report') : null;
    if (first) return first;
    throw err;
  }
  return ref;
}

/** Status only: no identifier, no text, nothing personal. */
async function reportStatus(db: D1Database, table: StatusTable, ref: string): Promise<StatusAnswer | null> {
  const row = await db
    .prepare(`SELECT ref, status, created_at, decided_at FROM ${table} WHERE ref = ?`)
    .bind(ref)
    .first<{ ref: string; status: string; created_at: string; decided_at: string | null }>();
  return row && { ref: row.ref, status: row.status, createdAt: row.created_at, decidedAt: row.decided_at };
}

/** Which table a reference's prefix names. */
const TABLE_OF: Record<RefPrefix, StatusTable> = { CD: 'reports', DP: 'disputes' };

/**
 * The status of a reference as a person types it (any case, spaces around):
 * its prefix names the table; `table`, when given, must be that one.
 * Status only: never the identifier, the text or anyone's contact.
 */
export async function findStatus(db: D1Database, text: string, table?: StatusTable): Promise<{ table: StatusTable; answer: StatusAnswer }> {
  const parsed = parseReference(text);
  if (!parsed || (table !== undefined && TABLE_OF[parsed.prefix] !== table)) throw new ApiError('invalid_reference', 'ref');
  const found = TABLE_OF[parsed.prefix];
  const answer = await reportStatus(db, found, parsed.ref);
  if (!answer) throw new ApiError('report_not_found', 'ref');
  return { table: found, answer };
}
