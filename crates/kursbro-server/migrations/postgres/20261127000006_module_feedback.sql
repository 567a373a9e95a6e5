-- A learner's feedback on a module they completed: three ratings (1–5) and a free text.
-- One answer per learner and module (a new one replaces it). Who answered is kept only so;
-- the provider reads summaries that name nobody.
CREATE TABLE module_feedback (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id     BIGINT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    relevance     BIGINT NOT NULL CHECK (relevance BETWEEN 1 AND 5),
    workload      BIGINT NOT NULL CHECK (workload BETWEEN 1 AND 5),
    quality       BIGINT NOT NULL CHECK (quality BETWEEN 1 AND 5),
    comment       TEXT NOT NULL,
    submitted_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, module_id)
);
CREATE INDEX module_feedback_module ON module_feedback (module_id);
