-- A module a person has completed in Kursbro (every activity done), and when (the last
-- activity's completion). Kept by the same write that completes an activity, so the
-- competence overview reads one row per person and module instead of grouping every
-- activity completion.
CREATE TABLE module_completions (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id     BIGINT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    completed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, module_id)
);
CREATE INDEX module_completions_module ON module_completions (module_id);

INSERT INTO module_completions (user_id, module_id, completed_at)
    SELECT ac.user_id, a.module_id, MAX(ac.completed_at)
    FROM activity_completions ac JOIN activities a ON a.id = ac.activity_id
    GROUP BY ac.user_id, a.module_id
    HAVING COUNT(*) = (SELECT COUNT(*) FROM activities a2 WHERE a2.module_id = a.module_id);
