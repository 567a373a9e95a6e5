-- A learner is told when they are added to a cohort (who can now see their work); the
-- notice stays until they acknowledge it. Memberships from before have not been told.
ALTER TABLE cohort_members ADD COLUMN acknowledged_at TIMESTAMPTZ;
