// How long a moderator may undo their own decision: 5 minutes (docs/reports.md,
// "The listing policy"). One constant for the API (worker/admin/decisions.ts)
// and the admin page that hides its undo button after it.
export const UNDO_WINDOW_MS = 5 * 60 * 1000;
