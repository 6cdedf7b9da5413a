// A report as a person submits it, validated field by field: each failure is
// an ApiError naming the field, so the form can point at it. The category and
// channel lists and the loss bound are the report contract's own
// (worker/core/report-contract.ts), so what is accepted here is what the nightly
// job accepts.
import { isEmailAddress, MAX_EMAIL_LENGTH } from '../core/email-address.ts';
import { ApiError, type ErrorField } from '../core/errors.ts';
import { lookupKey, parseIdentifier, type Identifier } from '../core/identifiers.ts';
import { MAX_QRIS_PAYLOAD_LENGTH } from '../core/identifiers/qris-merchant.ts';
import {
  MAX_LOSS_IDR,
  REPORT_CATEGORIES,
  REPORT_CHANNELS,
  type ReportCategory,
  type ReportChannel,
} from '../core/report-contract.ts';
import { readEvidence, type EvidenceFile } from './evidence.ts';
import { FieldErrorCollector } from './field-errors.ts';
import { SUBMISSION_TOKEN_FIELDS } from './idempotency.ts';
import type { BodyFields, FieldLimit } from './request-body.ts';
import { TURNSTILE_FIELDS } from './turnstile.ts';

export const MAX_CHRONOLOGY = 5_000;
export const MAX_CONTACT = 200;
const MAX_PROFILE_URL = 500;

/** Over its limit, a field's text is refused before any parsing: no regular expression sees more. */
const tooLong = (max: number, field: FieldLimit['field']): FieldLimit => ({ max, code: 'text_too_long', field });

/** The identifier's fields, shared by reports and disputes. Codes and bank ids are short; 40 is room. */
export const IDENTIFIER_FIELDS = {
  type: tooLong(40, 'type'),
  // The longest value any kind reads (a QRIS payload); parseIdentifier then holds each kind to its own limit.
  value: { max: MAX_QRIS_PAYLOAD_LENGTH, code: 'value_too_long', field: 'value' },
  bank: tooLong(40, 'bank'),
  provider: tooLong(40, 'provider'),
} satisfies Record<string, FieldLimit>;

/**
 * Every field a report is read from, with its limit. Free text gets twice its
 * stored maximum here (a browser sends each newline of a textarea as CRLF);
 * requiredText then applies the exact limit.
 */
export const REPORT_FIELDS = {
  ...IDENTIFIER_FIELDS,
  ...TURNSTILE_FIELDS,
  category: tooLong(40, 'category'),
  lossIdr: tooLong(40, 'lossIdr'),
  channel: tooLong(40, 'channel'),
  profileUrl: { max: MAX_PROFILE_URL, code: 'invalid_profile_url', field: 'profileUrl' },
  chronology: tooLong(2 * MAX_CHRONOLOGY, 'chronology'),
  contact: tooLong(MAX_CONTACT, 'contact'),
  email: tooLong(MAX_EMAIL_LENGTH, 'email'),
  ...SUBMISSION_TOKEN_FIELDS,
} satisfies Record<string, FieldLimit>;
export type ReportField = keyof typeof REPORT_FIELDS;

export interface ReportSubmission {
  identifier: Identifier;
  key: string;
  category: ReportCategory;
  lossIdr: number;
  channel: ReportChannel | null;
  profileUrl: string | null;
  chronology: string;
  /** Personal data: for follow-up only. */
  contact: string;
  /** Personal data, opt-in: for the one message that tells the decision (reference only). */
  email: string | null;
  evidence: EvidenceFile[];
}

/** The identifier's fields (shared by reports and disputes), its error kept in `errors`. */
export function parseIdentifierFields(body: BodyFields<keyof typeof IDENTIFIER_FIELDS>, errors: FieldErrorCollector) {
  return errors.take(() => {
    const identifier = parseIdentifier({
      type: body.text('type'),
      value: body.text('value'),
      bank: body.text('bank'),
      provider: body.text('provider'),
    });
    return { identifier, key: lookupKey(identifier) };
  });
}

/** Every field checked, in the form's order; all errors thrown at once (FieldErrors). */
export async function parseReportSubmission(body: BodyFields<ReportField>): Promise<ReportSubmission> {
  const errors = new FieldErrorCollector();
  const id = parseIdentifierFields(body, errors);
  const category = errors.take(() => {
    const text = body.text('category');
    if (!(REPORT_CATEGORIES as readonly string[]).includes(text)) throw new ApiError('invalid_category', 'category');
    return text as ReportCategory;
  });
  const lossIdr = errors.take(() => parseLoss(body));
  const channel = errors.take(() => {
    const text = body.text('channel');
    if (text !== '' && !(REPORT_CHANNELS as readonly string[]).includes(text)) throw new ApiError('invalid_channel', 'channel');
    return text === '' ? null : (text as ReportChannel);
  });
  const profileUrl = errors.take(() => parseProfileUrl(body.text('profileUrl')));
  const chronology = errors.take(() => requiredText(body.text('chronology'), MAX_CHRONOLOGY, 'chronology'));
  const evidence = await errors.takeAsync(() => readEvidence(body.files('evidence'), 'evidence'));
  const contact = errors.take(() => requiredText(body.text('contact'), MAX_CONTACT, 'contact'));
  const email = errors.take(() => parseEmail(body.text('email')));
  errors.throwIfAny();
  return {
    ...id!,
    category: category!,
    lossIdr: lossIdr!,
    channel: channel!,
    profileUrl: profileUrl!,
    chronology: chronology!,
    contact: contact!,
    email: email!,
    evidence: evidence!,
  };
}

/** Required free text, stored as typed (it is only ever shown as text, never as HTML). */
export function requiredText(text: string, max: number, field: ErrorField): string {
  if (text === '') throw new ApiError('missing_text', field);
  if (text.length > max) throw new ApiError('text_too_long', field);
  return text;
}

/** Rupiah: a JSON integer, or form text like "1500000", "1.500.000" or "Rp 1.500.000"; empty is 0. */
function parseLoss(body: BodyFields<ReportField>): number {
  const raw = body.json('lossIdr');
  let amount: number;
  if (typeof raw === 'number') {
    amount = raw;
  } else {
    const text = body.text('lossIdr');
    if (text === '') return 0;
    if (!/^(rp\.?\s*)?\d{1,3}([.\s]?\d{3})*$|^(rp\.?\s*)?\d+$/i.test(text)) throw new ApiError('invalid_loss', 'lossIdr');
    amount = Number(text.replace(/\D/g, ''));
  }
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_LOSS_IDR) throw new ApiError('invalid_loss', 'lossIdr');
  if (amount > MAX_REPORTED_LOSS_IDR) throw new ApiError('loss_too_large', 'lossIdr');
  return amount;
}

/**
 * The most one report sent through the site may claim lost: Rp 100 miliar
 * (docs/reports.md). Above it a typo or a joke (Rp 999.999.999.999) would
 * weigh in the queue's priority and the statistics' loss figures as if real;
 * a real loss that large is a case for the police, not a form. The report
 * contract for imported files keeps its own, wider bound (MAX_LOSS_IDR).
 */
const MAX_REPORTED_LOSS_IDR = 100_000_000_000;

/** A scheme (`https:`, `javascript:`), not a host and port (`instagram.com:443`). */
const SCHEME = /^[a-z][a-z0-9+.-]*:(?![0-9])/i;

/**
 * Optional; an http(s) link, stored as the URL parser writes it. Typed without
 * its scheme (`instagram.com/tokojaya`, `www.facebook.com/jual.hp`), as the
 * lookup accepts a profile link, it is read as https://; a text with no scheme
 * whose host has no dot (`tokojaya`, `@tokojaya`) is a name, not a link.
 */
function parseProfileUrl(text: string): string | null {
  if (text === '') return null;
  if (text.length > MAX_PROFILE_URL) throw new ApiError('invalid_profile_url', 'profileUrl');
  const schemeless = !SCHEME.test(text);
  let url: URL;
  try {
    url = new URL(schemeless ? `https://${text.replace(/^\/\//, '')}` : text);
  } catch {
    throw new ApiError('invalid_profile_url', 'profileUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('invalid_profile_url', 'profileUrl');
  if (schemeless && (!url.hostname.includes('.') || url.username !== '')) throw new ApiError('invalid_profile_url', 'profileUrl');
  return url.href;
}

/**
 * Optional; when given, one address of the HTML Standard's shape (worker/core/email-address.ts),
 * stored as typed. Deliverability is not checked: the address is only ever written to once, to
 * tell the decision.
 */
function parseEmail(text: string): string | null {
  if (text === '') return null;
  if (!isEmailAddress(text)) throw new ApiError('invalid_email', 'email');
  return text;
}
