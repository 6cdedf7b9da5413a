-- Reports sent through the site (POST /api/v1/reports), their evidence files
-- (bytes in R2, one row each here), disputes from account owners, and the
-- moderators' audit trail. Values are stored canonical (worker/core/identifiers.ts);
-- lookup_key is what the lookup and the snapshot count by.
CREATE TABLE reports (
  ref TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  bank TEXT,
  provider TEXT,
  lookup_key TEXT NOT NULL,
  category TEXT NOT NULL,
  loss_idr INTEGER NOT NULL DEFAULT 0,
  channel TEXT,
  profile_url TEXT,
  chronology TEXT NOT NULL,
  -- Personal data: for follow-up by a moderator only; never published, never in the snapshot.
  reporter_contact TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected', 'disputed')),
  decision_reason TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE INDEX reports_by_status ON reports (status, created_at);
CREATE INDEX reports_by_key ON reports (lookup_key, status);

CREATE TABLE evidence (
  id TEXT PRIMARY KEY,
  report_ref TEXT NOT NULL REFERENCES reports (ref),
  r2_key TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX evidence_by_report ON evidence (report_ref);

CREATE TABLE disputes (
  ref TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  bank TEXT,
  provider TEXT,
  lookup_key TEXT NOT NULL,
  statement TEXT NOT NULL,
  -- Personal data of the account owner: for follow-up only.
  contact TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  decision_reason TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE INDEX disputes_by_status ON disputes (status, created_at);

-- Who did what to which report or dispute, and when. Append-only.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX audit_by_subject ON audit_log (subject, at);
