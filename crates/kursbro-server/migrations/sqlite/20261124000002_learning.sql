-- The learner journey: content of activities, enrolments, completions, quiz attempts,
-- reflections, and the log that makes offline events idempotent.

ALTER TABLE activities ADD COLUMN body_html TEXT NOT NULL DEFAULT '';   -- sanitised, from body_markdown
ALTER TABLE activities ADD COLUMN video_url TEXT;
ALTER TABLE activities ADD COLUMN pass_mark_percent INTEGER NOT NULL DEFAULT 80
    CHECK (pass_mark_percent BETWEEN 0 AND 100);

ALTER TABLE modules ADD COLUMN search_text TEXT NOT NULL DEFAULT '';    -- lower-case title, summary, description, theme

CREATE TABLE quiz_questions (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    prompt       TEXT NOT NULL,
    multiple     INTEGER NOT NULL DEFAULT 0,          -- 1: choose all that apply
    UNIQUE (activity_id, position)
);

CREATE TABLE quiz_options (
    id           INTEGER PRIMARY KEY,
    question_id  INTEGER NOT NULL REFERENCES quiz_questions (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    correct      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (question_id, position)
);

CREATE TABLE programme_enrolments (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    programme_id  INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    enrolled_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, programme_id)
);

CREATE TABLE module_enrolments (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id    INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    enrolled_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, module_id)
);

-- One row per activity a learner has completed; the earliest completion wins and a
-- completion is never removed by a later event.
CREATE TABLE activity_completions (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id   INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    completed_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, activity_id)
);
CREATE INDEX activity_completions_activity ON activity_completions (activity_id);

CREATE TABLE quiz_attempts (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id    INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    score_percent  INTEGER NOT NULL,
    passed         INTEGER NOT NULL,
    answers_json   TEXT NOT NULL,
    submitted_at   TEXT NOT NULL
);
CREATE INDEX quiz_attempts_user_activity ON quiz_attempts (user_id, activity_id);

-- The learner's own text; visible to the learner and their cohort's facilitators.
CREATE TABLE reflections (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id   INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    body          TEXT NOT NULL,
    submitted_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, activity_id)
);

-- Every accepted learning event, by its client-generated id: a repeat with the same body
-- gets the stored receipt; a repeat with another body is refused.
CREATE TABLE learning_events (
    id            TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body_hash     TEXT NOT NULL,
    receipt_json  TEXT NOT NULL,
    occurred_at   TEXT NOT NULL,
    received_at   TEXT NOT NULL
);
CREATE INDEX learning_events_user ON learning_events (user_id);
