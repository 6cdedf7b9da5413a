// The report contract shared by the nightly job's input (worker/reports/report-line.ts,
// the NDJSON parser), the Worker's intake (worker/reports/submission.ts), the
// moderation API and the site's forms: the categories, channels and statuses a
// report can have and the loss bound. One list each; nothing else re-derives them.

export const REPORT_CATEGORIES = [
  'online_shopping',
  'investment',
  'phishing',
  'gambling',
  'loan',
  'job',
  'romance',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Where the victim met the seller. */
/** Append only (published): new channels are added before 'other' in the forms, never renamed. */
export const REPORT_CHANNELS = ['instagram', 'facebook', 'whatsapp', 'marketplace', 'website', 'other', 'tiktok', 'telegram'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** Rp 10 trillion: above any single fraud loss, below Number.MAX_SAFE_INTEGER. */
export const MAX_LOSS_IDR = 1e13;

/**
 * A report line's status in the NDJSON input: only verified reports are counted;
 * pending and rejected ones are read, validated and skipped.
 */
export const REPORT_STATUSES = ['verified', 'pending', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

// Every status a report or a dispute can have: the values the CHECK constraints
// in migrations/0001_reports.sql allow (tests/unit/reports.test.ts keeps the two
// in step). The status page (site/src/components/StatusPage.astro) explains
// each in plain words; the Worker (worker/routes/status-page.ts) shows the one
// a reference has; the admin API lists by them (worker/routes/admin.ts).
export const STATUSES = {
  reports: ['pending', 'verified', 'rejected', 'disputed'],
  disputes: ['pending', 'accepted', 'rejected'],
} as const;

/** The D1 table a reference's status is kept in. */
export type StatusTable = keyof typeof STATUSES;

/**
 * The fields of the site's report and dispute forms, in the order they are
 * shown: the order the Worker validates them in (so the first error is the
 * first field to correct) and the order of the forms' error summary. Each is
 * an input's name and a field an error can name (worker/core/errors.ts).
 */
export const FORM_FIELDS = {
  report: ['type', 'bank', 'provider', 'value', 'category', 'lossIdr', 'channel', 'profileUrl', 'chronology', 'evidence', 'contact', 'email', 'turnstile'],
  dispute: ['type', 'bank', 'provider', 'value', 'statement', 'proof', 'contact', 'turnstile'],
} as const;
export type SubmissionKind = keyof typeof FORM_FIELDS;
