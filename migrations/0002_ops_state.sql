-- Operational state the Worker's scheduled jobs keep, one row per job: when it
-- last succeeded and last failed, so a failing job is visible (GET /api/v1/health)
-- instead of silent. Nothing personal: counts and error names only.
CREATE TABLE ops_state (
  name TEXT PRIMARY KEY,
  last_success_at TEXT,
  last_result TEXT,
  last_error_at TEXT,
  last_error TEXT
);
