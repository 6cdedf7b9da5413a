// A report as a person submits it, validated field by field: each failure is
// an ApiError naming the field, so the form can point at it. The category and
// channel lists and the loss bound are the report contract's own
// (worker/core/report-contract.ts), so what is accepted here is what the nightly
// job accepts.
import { ApiError, type ErrorField } from '../core/errors.ts';
import { lookupKey, MAX_VALUE_LENGTH, parseIdentifier, type Identifier } from '../core/identifiers.ts';
import {
  MAX_LOSS_IDR,
  REPORT_CATEGORIES,
  REPORT_CHANNELS,
  type ReportCategory,
  type ReportChannel,
} from '../core/report-contract.ts';
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
  value: { max: MAX_VALUE_LENGTH, code: 'value_too_long', field: 'value' },
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
}

export function parseReportSubmission(body: BodyFields<ReportField>): ReportSubmission {
  const identifier = parseIdentifier({
    type: body.text('type'),
    value: body.text('value'),
    bank: body.text('bank'),
    provider: body.text('provider'),
  });
  const category = body.text('category');
  if (!(REPORT_CATEGORIES as readonly string[]).includes(category)) throw new ApiError('invalid_category', 'category');
  const channelText = body.text('channel');
  if (channelText !== '' && !(REPORT_CHANNELS as readonly string[]).includes(channelText)) {
    throw new ApiError('invalid_channel', 'channel');
  }
  return {
    identifier,
    key: lookupKey(identifier),
    category: category as ReportCategory,
    lossIdr: parseLoss(body),
    channel: channelText === '' ? null : (channelText as ReportChannel),
    profileUrl: parseProfileUrl(body.text('profileUrl')),
    chronology: requiredText(body.text('chronology'), MAX_CHRONOLOGY, 'chronology'),
    contact: requiredText(body.text('contact'), MAX_CONTACT, 'contact'),
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
  return amount;
}

function parseProfileUrl(text: string): string | null {
  if (text === '') return null;
  if (text.length > MAX_PROFILE_URL) throw new ApiError('invalid_profile_url', 'profileUrl');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiError('invalid_profile_url', 'profileUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('invalid_profile_url', 'profileUrl');
  return url.href;
}
