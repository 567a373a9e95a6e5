-- A completed module that the person started again to renew a certification (in its
-- renewal window, or once it has expired). The completion they had is kept here: the
-- competence overview counts it with the current one, so the history stays whole. The
-- module's activities start afresh; work dated before `started_at` counts from when it
-- arrives. A person's quiz attempts of earlier rounds stay, but count for nothing now; their
-- reflections are kept in `reflection_rounds` (a reflection written again replaces the
-- current text only).
CREATE TABLE module_rounds (
    user_id                BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id              BIGINT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    previous_completed_at  TIMESTAMPTZ NOT NULL,
    started_at             TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, module_id, previous_completed_at)
);

CREATE TABLE reflection_rounds (
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id       BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    body              TEXT NOT NULL,
    submitted_at      TIMESTAMPTZ NOT NULL,
    round_started_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, activity_id, round_started_at)
);
