-- Moderation at volume (issue 17, backend side): keyed hashes for abuse flags,
-- the four-eyes rule, reasons and notes stored with decisions, undo, and the
-- per-account aggregate the grouped queue pages through (docs/reports.md).
--
-- Keyed hashes (HMAC-SHA256 with the REPORTER_HASH_KEY secret, computed by the
-- Worker at intake): they let the queue count independent reporters and spot one
-- person or one network behind many reports without showing or comparing the
-- contact itself. NULL for reports filed before this migration.
ALTER TABLE reports ADD COLUMN contact_hash TEXT;
ALTER TABLE reports ADD COLUMN network_hash TEXT;
-- Four eyes: a verify without evidence by a first moderator stays pending and
-- records that moderator here; a second, different moderator's verify sets
-- confirmed_by and makes the report verified. The listing policy (the D1 export):
-- a verified report counts iff it has >= 1 evidence row OR confirmed_by IS NOT NULL.
ALTER TABLE reports ADD COLUMN first_verified_by TEXT;
ALTER TABLE reports ADD COLUMN confirmed_by TEXT;
ALTER TABLE reports ADD COLUMN decision_note TEXT;
-- When the reporter's one decision e-mail was handed to the sender (NULL: not sent).
ALTER TABLE reports ADD COLUMN notified_at TEXT;
ALTER TABLE disputes ADD COLUMN decision_note TEXT;
ALTER TABLE evidence ADD COLUMN sha256 TEXT;

-- One row per decision a moderator takes (on a group or one report), and one row
-- per report it changed with the state before, so the same moderator can undo it
-- within the undo window (worker/admin/decisions.ts).
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT,
  note TEXT,
  lookup_key TEXT,
  undone_at TEXT
);
CREATE TABLE decision_items (
  decision_id INTEGER NOT NULL REFERENCES decisions (id),
  ref TEXT NOT NULL,
  -- 'verified' | 'rejected' | 'awaiting' (first of four eyes, still pending)
  outcome TEXT NOT NULL,
  PRIMARY KEY (decision_id, ref)
);

-- The grouped queue: one row per lookup key with pending reports, kept by the
-- triggers below (recomputed for that key on every change of a pending report),
-- so a page is an index range scan instead of a GROUP BY over the whole backlog.
-- rank orders the queue: priority minus the age term's common "now"
-- (priority = 10 x reporters + 3 x digits of the total loss + age in days of the
-- oldest pending report; rank = priority - julianday(now), the same order).
CREATE TABLE queue_groups (
  lookup_key TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  bank TEXT,
  provider TEXT,
  pending INTEGER NOT NULL,
  reporters INTEGER NOT NULL,
  loss_idr INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  rank REAL NOT NULL
);
CREATE INDEX queue_groups_by_rank ON queue_groups (rank, lookup_key);
CREATE INDEX queue_groups_by_type_rank ON queue_groups (type, rank, lookup_key);

-- Covering index for the per-key recompute and the page's detail queries.
CREATE INDEX reports_pending_by_key ON reports (lookup_key, status, created_at, contact_hash, loss_idr);
-- Abuse flags: one contact / one network across accounts; shared evidence files.
-- (by time: the flags count accounts within a window around the group's reports).
CREATE INDEX reports_by_contact_hash ON reports (contact_hash, created_at, lookup_key) WHERE contact_hash IS NOT NULL;
CREATE INDEX reports_by_network_hash ON reports (network_hash, created_at, lookup_key) WHERE network_hash IS NOT NULL;
CREATE INDEX evidence_by_sha256 ON evidence (sha256) WHERE sha256 IS NOT NULL;
-- Metrics: decisions per day per moderator; disputes on an account (after_dispute flag).
CREATE INDEX reports_by_decided_at ON reports (decided_at) WHERE decided_at IS NOT NULL;
CREATE INDEX disputes_by_key ON disputes (lookup_key, created_at);
CREATE INDEX decisions_by_actor ON decisions (actor, at);
-- Metrics: reports verified once and waiting for a second moderator.
CREATE INDEX reports_awaiting_confirmation ON reports (first_verified_by) WHERE status = 'pending' AND first_verified_by IS NOT NULL;

CREATE TRIGGER queue_groups_on_insert AFTER INSERT ON reports WHEN NEW.status = 'pending'
BEGIN
  DELETE FROM queue_groups WHERE lookup_key = NEW.lookup_key;
  INSERT INTO queue_groups (lookup_key, type, value, bank, provider, pending, reporters, loss_idr, first_at, last_at, rank)
  SELECT NEW.lookup_key, NEW.type, NEW.value, NEW.bank, NEW.provider, COUNT(*),
         COUNT(DISTINCT contact_hash) + COUNT(*) - COUNT(contact_hash), SUM(loss_idr), MIN(created_at), MAX(created_at),
         10.0 * (COUNT(DISTINCT contact_hash) + COUNT(*) - COUNT(contact_hash))
           + 3.0 * (CASE WHEN SUM(loss_idr) > 0 THEN length(CAST(SUM(loss_idr) AS TEXT)) ELSE 0 END)
           - julianday(MIN(created_at))
  FROM reports WHERE lookup_key = NEW.lookup_key AND status = 'pending' GROUP BY lookup_key;
END;

CREATE TRIGGER queue_groups_on_update AFTER UPDATE OF status, contact_hash, loss_idr ON reports
WHEN OLD.status = 'pending' OR NEW.status = 'pending'
BEGIN
  DELETE FROM queue_groups WHERE lookup_key = NEW.lookup_key;
  INSERT INTO queue_groups (lookup_key, type, value, bank, provider, pending, reporters, loss_idr, first_at, last_at, rank)
  SELECT NEW.lookup_key, NEW.type, NEW.value, NEW.bank, NEW.provider, COUNT(*),
         COUNT(DISTINCT contact_hash) + COUNT(*) - COUNT(contact_hash), SUM(loss_idr), MIN(created_at), MAX(created_at),
         10.0 * (COUNT(DISTINCT contact_hash) + COUNT(*) - COUNT(contact_hash))
           + 3.0 * (CASE WHEN SUM(loss_idr) > 0 THEN length(CAST(SUM(loss_idr) AS TEXT)) ELSE 0 END)
           - julianday(MIN(created_at))
  FROM reports WHERE lookup_key = NEW.lookup_key AND status = 'pending' GROUP BY lookup_key;
END;

CREATE TRIGGER queue_groups_on_delete AFTER DELETE ON reports WHEN OLD.status = 'pending'
BEGIN
  DELETE FROM queue_groups WHERE lookup_key = OLD.lookup_key;
  INSERT INTO queue_groups (lookup_key, type, value, bank, provider, pending, reporters, loss_idr, first_at, last_at, rank)
  SELECT OLD.lookup_key, OLD.type, OLD.value, OLD.bank, OLD.provider, COUNT(*),
         COUNT(DISTINCT contact_hash) + COUNT(*) - COUNT(contact_hash), SUM(loss_idr), MIN(created_at), MAX(created_at),
         10.0 * (COUNT(DISTINCT contact_hash) + COUNT(*) - COUNT(contact_hash))
           + 3.0 * (CASE WHEN SUM(loss_idr) > 0 THEN length(CAST(SUM(loss_idr) AS TEXT)) ELSE 0 END)
           - julianday(MIN(created_at))
  FROM reports WHERE lookup_key = OLD.lookup_key AND status = 'pending' GROUP BY lookup_key;
END;

-- The reports already pending when this migration runs.
INSERT INTO queue_groups (lookup_key, type, value, bank, provider, pending, reporters, loss_idr, first_at, last_at, rank)
SELECT lookup_key, MIN(type), MIN(value), MIN(bank), MIN(provider), COUNT(*), COUNT(*), SUM(loss_idr), MIN(created_at), MAX(created_at),
       10.0 * COUNT(*) + 3.0 * (CASE WHEN SUM(loss_idr) > 0 THEN length(CAST(SUM(loss_idr) AS TEXT)) ELSE 0 END) - julianday(MIN(created_at))
FROM reports WHERE status = 'pending' GROUP BY lookup_key;
