// The report input's parser: one JSON object per line of UTF-8 NDJSON (the
// published contract; its lists and bounds are worker/core/report-contract.ts),
// turned into a validated Report or a ReportLineError that names the field. The snapshot job reads every line through here; nothing else decides
// what a valid report is.
//
// Personal data: `reporter` (name, phone, email) is accepted so exports need
// no cleaning, checked only for shape, then dropped: Report has no field for
// it. Error reasons name the field and what was expected but never echo a
// received value (nor the line), so a log of rejected lines holds no one's
// name or number.
//
// Unknown extra fields are ignored, not rejected: the exporter may add fields
// before this parser knows them (forward compatibility).
import * as v from 'valibot';
import { ApiError } from '../core/errors.ts';
import {
  EWALLET_PROVIDERS,
  IDENTIFIER_TYPES,
  lookupKey,
  parseIdentifier,
  type Identifier,
} from '../core/identifiers.ts';
import {
  MAX_LOSS_IDR,
  REPORT_CATEGORIES,
  REPORT_CHANNELS,
  REPORT_STATUSES,
  type ReportCategory,
  type ReportChannel,
  type ReportStatus,
} from '../core/report-contract.ts';

const MAX_ID_LENGTH = 100;
/** Clock skew between the reporting system and this job, nothing more. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

export interface Report {
  id: string;
  identifier: Identifier;
  /** lookupKey(identifier): where the report is counted. */
  key: string;
  category: ReportCategory;
  status: ReportStatus;
  /** UTC, `YYYY-MM-DDTHH:mm:ss.sssZ`, so strings sort by time. */
  reportedAt: string;
  /** 0 when the report gave none. */
  lossIdr: number;
  channel?: ReportChannel;
  /** The line says a dispute by the owner is pending against this identifier (its key). */
  disputed?: true;
}

export class ReportLineError extends Error {
  override name = 'ReportLineError';
  /** English, naming the field, e.g. `field "bank": required for type "bank"`. */
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

const oneOf = (options: readonly string[]): string => `must be one of ${options.join(', ')}`;

// `null` is accepted wherever a field is optional: spreadsheet and database
// exports write null for an empty cell.
const ReportLineSchema = v.object({
  id: v.pipe(
    v.string('must be a string'),
    v.check((id) => id.trim() !== '', 'must not be empty'),
    v.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
  ),
  type: v.picklist(IDENTIFIER_TYPES, oneOf(IDENTIFIER_TYPES)),
  value: v.string('must be a string'),
  bank: v.nullish(v.string('must be a string (a 3-digit Bank Indonesia code)')),
  provider: v.nullish(v.string(`must be a string (${EWALLET_PROVIDERS.join(', ')})`)),
  category: v.picklist(REPORT_CATEGORIES, oneOf(REPORT_CATEGORIES)),
  status: v.picklist(REPORT_STATUSES, oneOf(REPORT_STATUSES)),
  reportedAt: v.pipe(
    v.string('must be a string'),
    v.check(
      (text) => toUtcIso(text) !== undefined,
      'must be an ISO 8601 date-time with a timezone, e.g. 2025-03-04T10:00:00Z or 2025-03-04T17:00:00+07:00',
    ),
  ),
  lossIdr: v.nullish(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number of rupiah'),
      v.minValue(0, 'must not be negative'),
      v.maxValue(MAX_LOSS_IDR, `must be at most ${MAX_LOSS_IDR}`),
    ),
  ),
  channel: v.nullish(v.picklist(REPORT_CHANNELS, oneOf(REPORT_CHANNELS))),
  // Optional (additive): an owner's dispute against this identifier is pending.
  disputed: v.nullish(v.boolean('must be true or false')),
  reporter: v.nullish(v.custom<Record<string, string | null>>(isObjectOfStrings, 'must be an object of strings (name, phone, email)')),
});

/** One line as JSON holds it: what exporters (and the sample generator) write. */
export type ReportLineJson = v.InferInput<typeof ReportLineSchema>;

/** Parse one line. `now` bounds reportedAt (at most a day ahead). */
export function parseReportLine(text: string, now: Date = new Date()): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportLineError(`invalid JSON: ${jsonProblem(err)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ReportLineError('a line must be a JSON object');
  }

  const parsed = v.safeParse(ReportLineSchema, data);
  if (!parsed.success) throw new ReportLineError(parsed.issues.map(describeIssue).join('; '));
  const line = parsed.output;

  if (line.type === 'bank' && !line.bank) throw new ReportLineError('field "bank": required for type "bank"');
  if (line.type === 'ewallet' && !line.provider) {
    throw new ReportLineError('field "provider": required for type "ewallet"');
  }
  const reportedAt = toUtcIso(line.reportedAt)!;
  if (Date.parse(reportedAt) > now.getTime() + MAX_FUTURE_MS) {
    throw new ReportLineError('field "reportedAt": more than a day in the future');
  }

  let identifier: Identifier;
  try {
    identifier = parseIdentifier({ type: line.type, value: line.value, bank: line.bank, provider: line.provider });
  } catch (err) {
    // ApiError messages are fixed texts (errors.ts), never the input.
    if (err instanceof ApiError) throw new ReportLineError(`field "${err.field ?? 'value'}": ${err.message}`);
    throw err;
  }

  const report: Report = {
    id: line.id,
    identifier,
    key: lookupKey(identifier),
    category: line.category,
    status: line.status,
    reportedAt,
    lossIdr: line.lossIdr ?? 0,
  };
  if (line.channel) report.channel = line.channel;
  if (line.disputed) report.disputed = true;
  return report;
}

type Issue = v.InferIssue<typeof ReportLineSchema>;

function describeIssue(issue: Issue): string {
  // Only the top-level key: a path into `reporter` could name a key that is itself personal data.
  const step = issue.path?.[0];
  const field = typeof step?.key === 'string' ? step.key : '?';
  if (step?.origin === 'key') return `field "${field}": required`;
  return `field "${field}": ${issue.message}`;
}

/**
 * V8 quotes the text around an unexpected token (`Unexpected token 'x',
 * ..."e":"Budi", x"... is not valid JSON`), which may be a reporter's name:
 * keep only the fixed wording and the position.
 */
function jsonProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (message.includes('is not valid JSON')) return 'Unexpected token';
  const wording = message.replace(/ \(line \d+ column \d+\)$/, '');
  return wording === '' || /["`]/.test(wording) ? 'not valid JSON' : wording;
}

function isObjectOfStrings(value: unknown): value is Record<string, string | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((field) => typeof field === 'string' || field === null);
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * ISO 8601 date-time with a timezone → UTC `toISOString()`; undefined when
 * malformed or not a real date (Date.parse alone accepts 2025-02-30 and
 * strings without a timezone, read as local time).
 */
function toUtcIso(text: string): string | undefined {
  // The schema checks the date and the line then converts it: one parse serves both.
  if (text === lastIso.text) return lastIso.utc;
  const utc = convertIso(text);
  lastIso = { text, utc };
  return utc;
}

let lastIso: { text: string; utc: string | undefined } = { text: '', utc: undefined };

function convertIso(text: string): string | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] ? +m[6] : 0;
  const millis = m[7] ? +m[7].padEnd(3, '0').slice(0, 3) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(local);
  // Date.UTC rolls 2025-02-30 over into March and reads years 0–99 as 19xx.
  if (date.getUTCDate() !== day || date.getUTCFullYear() !== year) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const hours = +m[10]!;
    const minutes = +m[11]!;
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
}
