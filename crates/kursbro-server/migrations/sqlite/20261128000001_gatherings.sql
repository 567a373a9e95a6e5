-- Gatherings: sessions in a room, on video or both, of a module, a programme (perhaps only
-- one of its cohorts) or a provider's course programme; sign-ups with a waitlist,
-- attendance, in-app notices, and the secret calendar feeds.
--
-- A mandatory gathering of a module is one of the module's steps: an activity of kind
-- 'gathering', completed for a learner when a facilitator marks them present (or excused)
-- at any session of it. So every rule that counts activities (progress, completion, the
-- cohort grid, competence plans) counts it too.
--
-- SQLite cannot widen the CHECK on activities.kind in place, and a table others refer to
-- can only be replaced with foreign keys off, which a migration's transaction cannot do:
-- `store::widen_activity_kinds` rebuilds the table (SQLite's documented 12 steps) just
-- before this migration runs.

CREATE TABLE gatherings (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id       INTEGER NOT NULL REFERENCES organisations (id),   -- hosts and runs it
    module_id             INTEGER REFERENCES modules (id) ON DELETE CASCADE,
    programme_id          INTEGER REFERENCES programmes (id) ON DELETE CASCADE,
    cohort_id             INTEGER REFERENCES cohorts (id) ON DELETE CASCADE,
    -- Sessions of one gathering share its first session's id here (themselves included):
    -- attending any of them meets a mandatory gathering.
    gathering_id          INTEGER NOT NULL,
    -- A mandatory gathering of a module: the step it completes.
    activity_id           INTEGER REFERENCES activities (id) ON DELETE SET NULL,
    title                 TEXT NOT NULL,
    description_markdown  TEXT NOT NULL DEFAULT '',
    description_html      TEXT NOT NULL DEFAULT '',
    theme                 TEXT NOT NULL DEFAULT '',
    starts_at             TEXT NOT NULL,
    ends_at               TEXT NOT NULL,
    address               TEXT NOT NULL DEFAULT '',
    room                  TEXT NOT NULL DEFAULT '',
    video_url             TEXT,
    capacity              INTEGER CHECK (capacity IS NULL OR capacity > 0),
    signup_deadline       TEXT,
    mandatory             INTEGER NOT NULL DEFAULT 0,
    cancelled_at          TEXT,
    sequence              INTEGER NOT NULL DEFAULT 0,                      -- iCalendar SEQUENCE
    created_by            INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at            TEXT NOT NULL,
    CHECK (module_id IS NULL OR programme_id IS NULL),
    CHECK (ends_at > starts_at)
);
CREATE INDEX gatherings_starts ON gatherings (starts_at);
CREATE INDEX gatherings_module ON gatherings (module_id);
CREATE INDEX gatherings_programme ON gatherings (programme_id);
CREATE INDEX gatherings_gathering ON gatherings (gathering_id);

-- One row per person and session; the id is the order of arrival (the waitlist's order).
CREATE TABLE gathering_signups (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    gathering_id    INTEGER NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
    signed_up_at    TEXT NOT NULL,
    attendance      TEXT CHECK (attendance IN ('present', 'absent', 'excused')),
    attendance_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    attendance_at   TEXT,
    UNIQUE (gathering_id, user_id)
);
CREATE INDEX gathering_signups_user ON gathering_signups (user_id);

-- What the app tells a person (moved up from the waitlist, a change, a cancellation).
CREATE TABLE notices (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    gathering_id  INTEGER NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    read_at       TEXT
);
CREATE INDEX notices_user ON notices (user_id, id);

-- A person's calendar feed: only the SHA-256 of its secret token is kept.
CREATE TABLE calendar_tokens (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
