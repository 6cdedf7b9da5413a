// Disputes: an account owner contests a listing, with a proof of ownership (a
// bank statement page, an e-wallet profile screenshot: bytes in R2 under
// proof/<ref>/<n>, one dispute_evidence row each, with the SHA-256 of the bytes).
// Stored pending in D1, all or nothing as reports are (worker/reports/report-store.ts);
// a moderator's decision is in worker/admin/moderation.ts.
import { ApiError } from '../core/errors.ts';
import type { Identifier } from '../core/identifiers.ts';
import { sha256Hex } from '../core/sha256.ts';
import { readEvidence, type EvidenceFile } from './evidence.ts';
import { FieldErrorCollector } from './field-errors.ts';
import { filedAfterConflict, recordToken, SUBMISSION_TOKEN_FIELDS } from './idempotency.ts';
import { newReference } from './reference.ts';
import type { BodyFields, FieldLimit } from './request-body.ts';
import { IDENTIFIER_FIELDS, MAX_CHRONOLOGY, MAX_CONTACT, parseIdentifierFields, requiredText } from './submission.ts';
import { TURNSTILE_FIELDS } from './turnstile.ts';

export interface DisputeSubmission {
  identifier: Identifier;
  key: string;
  statement: string;
  /** Personal data: for follow-up only. */
  contact: string;
  /** Proof of ownership. Personal data: for the moderator only; purged by retention. */
  proof: EvidenceFile[];
}

/** Every field a dispute is read from, with its limit (as for reports: worker/reports/submission.ts). */
export const DISPUTE_FIELDS = {
  ...IDENTIFIER_FIELDS,
  ...TURNSTILE_FIELDS,
  ...SUBMISSION_TOKEN_FIELDS,
  statement: { max: 2 * MAX_CHRONOLOGY, code: 'text_too_long', field: 'statement' },
  contact: { max: MAX_CONTACT, code: 'text_too_long', field: 'contact' },
} satisfies Record<string, FieldLimit>;
export type DisputeField = keyof typeof DISPUTE_FIELDS;

/** R2 prefix of proof files (worker/reports/retention.ts purges it like evidence/). */
export const PROOF_PREFIX = 'proof/';

/**
 * Every field checked, in the form's order; all errors thrown at once. A form
 * post (the site's dispute form) must carry a proof file; a JSON dispute has
 * no way to, and is stored without one (a moderator cannot accept it until the
 * owner sends one through the form: docs/reports.md).
 */
export async function parseDisputeSubmission(body: BodyFields<DisputeField>): Promise<DisputeSubmission> {
  const errors = new FieldErrorCollector();
  const id = parseIdentifierFields(body, errors);
  const statement = errors.take(() => requiredText(body.text('statement'), MAX_CHRONOLOGY, 'statement'));
  const proof = await errors.takeAsync(async () => {
    const files = await readEvidence(body.files('proof'), 'proof');
    if (body.isForm && files.length === 0) throw new ApiError('proof_required', 'proof');
    return files;
  });
  const contact = errors.take(() => requiredText(body.text('contact'), MAX_CONTACT, 'contact'));
  errors.throwIfAny();
  return { ...id!, statement: statement!, contact: contact!, proof: proof! };
}

export async function saveDispute(db: D1Database, bucket: R2Bucket, dispute: DisputeSubmission, token?: string, now = new Date()): Promise<string> {
  const ref = newReference('DP');
  const createdAt = now.toISOString();
  const digests = await Promise.all(dispute.proof.map((file) => sha256Hex(file.bytes)));
  const objects = dispute.proof.map((file, i) => ({ ...file, id: `${ref}-${i + 1}`, key: `${PROOF_PREFIX}${ref}/${i + 1}`, sha256: digests[i]! }));
  const written: string[] = [];
  const { identifier } = dispute;
  try {
    for (const object of objects) {
      await bucket.put(object.key, object.bytes, { httpMetadata: { contentType: object.contentType } });
      written.push(object.key);
    }
    await db.batch([
      db
        .prepare(
          `INSERT INTO disputes (ref, type, value, bank, provider, lookup_key, statement, contact, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        )
        .bind(ref, identifier.type, identifier.value, identifier.bank ?? null, identifier.provider ?? null, dispute.key,
          dispute.statement, dispute.contact, createdAt),
      ...objects.map((o) =>
        db
          .prepare('INSERT INTO dispute_evidence (id, dispute_ref, r2_key, content_type, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .bind(o.id, ref, o.key, o.contentType, o.bytes.byteLength, o.sha256, createdAt),
      ),
      ...(token ? [recordToken(db, token, 'dispute', ref, createdAt)] : []),
    ]);
  } catch (err) {
    await Promise.allSettled(written.map((key) => bucket.delete(key)));
    const first = token ? await filedAfterConflict(db, token, 'dispute') : null;
    if (first) return first;
    throw err;
  }
  return ref;
}
