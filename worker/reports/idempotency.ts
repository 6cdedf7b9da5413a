// A repeated submission of the same form files nothing new. Each rendered form
// carries a random token (the Worker puts one in the page, the form's script
// makes one if the page has none); API clients send an Idempotency-Key header
// or the same `submissionToken` field. The first submission with a token
// records token -> reference in the same D1 batch (transaction) as the report
// or dispute itself, so two posts racing with one token file one row: the
// second's batch fails on the token's primary key and it answers the first's
// reference. Migrations/0003_forms.sql holds the table; retention purges old rows.
import { ApiError } from '../core/errors.ts';
import type { SubmissionKind } from '../core/report-contract.ts';
import type { FieldLimit } from './request-body.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

const MAX_TOKEN = 128;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The form's hidden field (and the JSON field) that carries the token. */
export const SUBMISSION_TOKEN_FIELDS = {
  submissionToken: { max: MAX_TOKEN, code: 'invalid_submission_token', field: 'submissionToken' },
} satisfies Record<string, FieldLimit>;

/** A fresh token for a rendered form: 128 random bits, URL-safe. */
export const newSubmissionToken = (): string => crypto.randomUUID().replaceAll('-', '');

/** The token as sent, or undefined when none was; throws invalid_submission_token when malformed. */
export function parseSubmissionToken(text: string | null): string | undefined {
  const token = text?.trim() ?? '';
  if (token === '') return undefined;
  if (!TOKEN.test(token)) throw new ApiError('invalid_submission_token', 'submissionToken');
  return token;
}

/** The reference a token already filed, or null; a token filed for the other kind is refused. */
export async function filedWith(db: D1Database, token: string, kind: SubmissionKind): Promise<string | null> {
  const row = await db.prepare('SELECT kind, ref FROM submission_tokens WHERE token = ?').bind(token).first<{ kind: string; ref: string }>();
  if (!row) return null;
  if (row.kind !== kind) throw new ApiError('submission_token_reused', 'submissionToken');
  return row.ref;
}

/** The statement that records the token with the submission it filed (part of the same batch). */
export function recordToken(db: D1Database, token: string, kind: SubmissionKind, ref: string, createdAt: string): D1PreparedStatement {
  return db.prepare('INSERT INTO submission_tokens (token, kind, ref, created_at) VALUES (?, ?, ?, ?)').bind(token, kind, ref, createdAt);
}

/**
 * After a failed batch: the reference another post filed with this token
 * meanwhile (the batch failed on the token's key), or null when the failure
 * was something else (then the caller rethrows its own error).
 */
export async function filedAfterConflict(db: D1Database, token: string, kind: SubmissionKind): Promise<string | null> {
  try {
    return await filedWith(db, token, kind);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    return null;
  }
}
