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
