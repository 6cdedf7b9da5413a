-- Four eyes both ways (issue 23, docs/reports.md "The listing policy"):
-- accepting a dispute takes an account off the list, so, like listing one on a
-- report without evidence, it takes two different moderators. The first
-- moderator's accept leaves the dispute pending and is recorded here; a second,
-- different moderator's accept sets confirmed_by and decides it.
ALTER TABLE disputes ADD COLUMN first_accepted_by TEXT;
ALTER TABLE disputes ADD COLUMN confirmed_by TEXT;

-- Moderators are compared in one form since issue 23 (trimmed, lower-cased, a
-- +tag dropped from the local part: worker/admin/moderator-identity.ts). A first
-- verify recorded before under another spelling of the same person must not
-- count as someone else's, so the waiting ones are rewritten in that form.
UPDATE reports
SET first_verified_by = CASE
    WHEN instr(lower(trim(first_verified_by)), '+') > 0
     AND instr(lower(trim(first_verified_by)), '+') < instr(lower(trim(first_verified_by)), '@')
    THEN substr(lower(trim(first_verified_by)), 1, instr(lower(trim(first_verified_by)), '+') - 1)
         || substr(lower(trim(first_verified_by)), instr(lower(trim(first_verified_by)), '@'))
    ELSE lower(trim(first_verified_by))
  END
WHERE first_verified_by IS NOT NULL AND status = 'pending';
