-- Flags in the queue's ranking (issue 29, docs/reports.md "The grouped queue"):
-- a group carrying a flag a moderator must see first comes before groups
-- without, so it lands on the first page instead of page 2.
--
--   rank = priority − julianday(now), as before, where priority now adds
--   flag_weight = 200 × the number of these flags on the group:
--     shared_evidence, one_contact_many_accounts, one_network_many_accounts,
--     dispute (a pending dispute on the account, or the after_dispute flag), after_delisting
--
-- 200 outweighs what the rest of the formula gives an ordinary group in
-- practice (10 reporters = 100, the largest loss 3 × 12 digits = 36, and two
-- months of waiting = 60). The conditions are the flags' own
-- (worker/admin/abuse-flags.ts, the same thresholds); tests/worker/
-- moderation-ranking.test.ts checks on the seeded queue that a group carries a
-- weight exactly when it carries one of these flags.
--
-- The page stays an index range scan over queue_groups: the weight is kept in
-- the row, recomputed (queue_groups_weigh_flags) whenever the row is rebuilt by
-- the triggers of 0004, and whenever something else changes a group's flags: a
-- report from the same reporter or network on another account, the same
-- evidence file on another report, a dispute, a delisting.
ALTER TABLE queue_groups ADD COLUMN flag_weight REAL NOT NULL DEFAULT 0;

-- One group's weight (select it by lookup_key: the view flattens to a primary-key lookup).
CREATE VIEW queue_group_flag_weight AS
SELECT g.lookup_key, 200.0 * (
  -- shared_evidence: a file of a pending report here is also on a report from a different reporter.
  EXISTS (SELECT 1 FROM reports r
          JOIN evidence e ON e.report_ref = r.ref AND e.sha256 IS NOT NULL
          JOIN evidence e2 ON e2.sha256 = e.sha256 AND e2.report_ref <> e.report_ref
          JOIN reports r2 ON r2.ref = e2.report_ref
          WHERE r.lookup_key = g.lookup_key AND r.status = 'pending'
            AND (r.contact_hash IS NULL OR r2.contact_hash IS NULL OR r2.contact_hash <> r.contact_hash))
  -- one_contact_many_accounts: a reporter here filed against >= 5 accounts within 30 days of their reports here.
  + EXISTS (SELECT 1 FROM reports r
            WHERE r.lookup_key = g.lookup_key AND r.status = 'pending' AND r.contact_hash IS NOT NULL
              AND (SELECT COUNT(DISTINCT o.lookup_key) FROM reports o
                   WHERE o.contact_hash = r.contact_hash
                     AND o.created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MIN(created_at) FROM reports m WHERE m.lookup_key = g.lookup_key AND m.status = 'pending' AND m.contact_hash = r.contact_hash), '-30 days')
                     AND o.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MAX(created_at) FROM reports m WHERE m.lookup_key = g.lookup_key AND m.status = 'pending' AND m.contact_hash = r.contact_hash), '+30 days')) >= 5)
  -- one_network_many_accounts: a network here filed against >= 10 accounts within 24 hours of its reports here.
  + EXISTS (SELECT 1 FROM reports r
            WHERE r.lookup_key = g.lookup_key AND r.status = 'pending' AND r.network_hash IS NOT NULL
              AND (SELECT COUNT(DISTINCT o.lookup_key) FROM reports o
                   WHERE o.network_hash = r.network_hash
                     AND o.created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MIN(created_at) FROM reports m WHERE m.lookup_key = g.lookup_key AND m.status = 'pending' AND m.network_hash = r.network_hash), '-24 hours')
                     AND o.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MAX(created_at) FROM reports m WHERE m.lookup_key = g.lookup_key AND m.status = 'pending' AND m.network_hash = r.network_hash), '+24 hours')) >= 10)
  -- A dispute to read first: one pending on the account, or a pending report filed within 7 days after any dispute (after_dispute).
  + EXISTS (SELECT 1 FROM disputes d WHERE d.lookup_key = g.lookup_key
              AND (d.status = 'pending'
                   OR EXISTS (SELECT 1 FROM reports r WHERE r.lookup_key = g.lookup_key AND r.status = 'pending'
                                AND r.created_at > d.created_at AND r.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', d.created_at, '+7 days'))))
  -- after_delisting: a pending report filed after a delisting of the account that stands.
  + EXISTS (SELECT 1 FROM reports r JOIN delistings dl ON dl.lookup_key = r.lookup_key AND dl.undone_at IS NULL
            WHERE r.lookup_key = g.lookup_key AND r.status = 'pending' AND r.created_at > dl.at)
) AS weight
FROM queue_groups g;

-- A rebuilt row (0004's triggers delete and insert it) takes its weight at once.
CREATE TRIGGER queue_groups_weigh_flags AFTER INSERT ON queue_groups
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key)
  WHERE lookup_key = NEW.lookup_key;
END;

-- A report on another account from the same reporter (within 30 days) or network (within 24 hours) may raise the many-accounts flags here.
CREATE TRIGGER queue_groups_weigh_same_reporter AFTER INSERT ON reports
WHEN NEW.contact_hash IS NOT NULL OR NEW.network_hash IS NOT NULL
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = queue_groups.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = queue_groups.lookup_key)
  WHERE lookup_key <> NEW.lookup_key AND lookup_key IN (
    SELECT lookup_key FROM reports WHERE status = 'pending' AND contact_hash = NEW.contact_hash
      AND created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-30 days') AND created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '+30 days')
    UNION
    SELECT lookup_key FROM reports WHERE status = 'pending' AND network_hash = NEW.network_hash
      AND created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-24 hours') AND created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '+24 hours'));
END;

-- An evidence file (stored after its report) may be shared with reports of other groups.
CREATE TRIGGER queue_groups_weigh_evidence AFTER INSERT ON evidence
WHEN NEW.sha256 IS NOT NULL
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = queue_groups.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = queue_groups.lookup_key)
  WHERE lookup_key IN (SELECT r.lookup_key FROM evidence e JOIN reports r ON r.ref = e.report_ref WHERE e.sha256 = NEW.sha256);
END;

CREATE TRIGGER queue_groups_weigh_dispute AFTER INSERT ON disputes
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key)
  WHERE lookup_key = NEW.lookup_key;
END;

CREATE TRIGGER queue_groups_weigh_dispute_decided AFTER UPDATE OF status ON disputes
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key)
  WHERE lookup_key = NEW.lookup_key;
END;

CREATE TRIGGER queue_groups_weigh_delisting AFTER INSERT ON delistings
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key)
  WHERE lookup_key = NEW.lookup_key;
END;

CREATE TRIGGER queue_groups_weigh_delisting_undone AFTER UPDATE OF undone_at ON delistings
BEGIN
  UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key),
                          flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = NEW.lookup_key)
  WHERE lookup_key = NEW.lookup_key;
END;

-- The groups already waiting when this migration runs.
UPDATE queue_groups SET rank = rank - flag_weight + (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = queue_groups.lookup_key),
                        flag_weight = (SELECT weight FROM queue_group_flag_weight w WHERE w.lookup_key = queue_groups.lookup_key);
