-- Delistings (issue 29, docs/reports.md "Delistings"): an accepted dispute takes
-- the account off the list whatever the listing came from — the site's reports
-- in D1 and every imported reports file alike. One row per accepted dispute, by
-- lookup key, with the dispute's reference, the reason and both moderators. The
-- nightly job (and the same-day delta once it exists) reads the rows not undone
-- and leaves out every report of that key made up to `at`; a report made after
-- it is a new listing that a moderator sees flagged (after_delisting) first.
CREATE TABLE delistings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lookup_key TEXT NOT NULL,
  dispute_ref TEXT NOT NULL,
  reason TEXT,
  first_moderator TEXT,
  moderator TEXT NOT NULL,
  at TEXT NOT NULL,
  -- The D1 reports it moved to 'disputed', each as it was before ([{ref, decided_at, decided_by, decision_reason}]), for undo.
  restore TEXT NOT NULL DEFAULT '[]',
  undone_at TEXT
);
CREATE INDEX delistings_by_key ON delistings (lookup_key, at) WHERE undone_at IS NULL;
