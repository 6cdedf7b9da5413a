// Disputes: an account owner contests a listing. Stored pending in D1; a
// moderator's decision is in worker/admin/moderation.ts.
import { lookupKey, parseIdentifier, type Identifier } from '../core/identifiers.ts';
import { newReference } from './reference.ts';
import type { BodyFields, FieldLimit } from './request-body.ts';
import { IDENTIFIER_FIELDS, MAX_CHRONOLOGY, MAX_CONTACT, requiredText } from './submission.ts';
import { TURNSTILE_FIELDS } from './turnstile.ts';

export interface DisputeSubmission {
  identifier: Identifier;
  key: string;
  statement: string;
  /** Personal data: for follow-up only. */
  contact: string;
}

/** Every field a dispute is read from, with its limit (as for reports: worker/reports/submission.ts). */
export const DISPUTE_FIELDS = {
  ...IDENTIFIER_FIELDS,
  ...TURNSTILE_FIELDS,
  statement: { max: 2 * MAX_CHRONOLOGY, code: 'text_too_long', field: 'statement' },
  contact: { max: MAX_CONTACT, code: 'text_too_long', field: 'contact' },
} satisfies Record<string, FieldLimit>;
export type DisputeField = keyof typeof DISPUTE_FIELDS;

export function parseDisputeSubmission(body: BodyFields<DisputeField>): DisputeSubmission {
  const identifier = parseIdentifier({
    type: body.text('type'),
    value: body.text('value'),
    bank: body.text('bank'),
    provider: body.text('provider'),
  });
  return {
    identifier,
    key: lookupKey(identifier),
    statement: requiredText(body.text('statement'), MAX_CHRONOLOGY, 'statement'),
    contact: requiredText(body.text('contact'), MAX_CONTACT, 'contact'),
  };
}

export async function saveDispute(db: D1Database, dispute: DisputeSubmission, now = new Date()): Promise<string> {
  const ref = newReference('DP');
  const { identifier } = dispute;
  await db
    .prepare(
      `INSERT INTO disputes (ref, type, value, bank, provider, lookup_key, statement, contact, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
    )
    .bind(ref, identifier.type, identifier.value, identifier.bank ?? null, identifier.provider ?? null, dispute.key,
      dispute.statement, dispute.contact, now.toISOString())
    .run();
  return ref;
}
