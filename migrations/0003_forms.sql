-- The report and dispute forms (issues 16 and 17, form side).
--
-- Idempotency: each rendered form carries a token; the first post with it files
-- a report or dispute and records token -> ref here, a repeated post answers that
-- same ref instead of filing again. Nothing personal; retention purges old tokens.
CREATE TABLE submission_tokens (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Optional, opt-in e-mail of the reporter: used for one message when the report
-- is decided (reference only). Personal data: never in lists, logs, the public API
-- or the snapshot; retention clears it with the reporter's contact.
ALTER TABLE reports ADD COLUMN reporter_email TEXT;

-- Proof of ownership an account owner uploads with a dispute (bytes in R2, one
-- row each here). Accepting a dispute requires one. Personal data: purged by
-- retention on the same schedule as report evidence.
CREATE TABLE dispute_evidence (
  id TEXT PRIMARY KEY,
  dispute_ref TEXT NOT NULL REFERENCES disputes (ref),
  r2_key TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX dispute_evidence_by_dispute ON dispute_evidence (dispute_ref);
