-- Kursbro schema, first version.
-- Written in the common subset of SQLite and PostgreSQL where that costs nothing
-- (TEXT, INTEGER, explicit foreign keys, ISO-8601 text timestamps in UTC).

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('hospital', 'municipality', 'university_college')),
    created_at  TEXT NOT NULL
);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL UNIQUE,          -- stored normalised (trimmed, lower-case)
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('learner', 'facilitator', 'leader', 'admin')),
    password_hash    TEXT NOT NULL,                 -- argon2id, PHC string format
    created_at       TEXT NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a
-- leaked database does not leak usable sessions.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE programmes (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    summary           TEXT NOT NULL,
    description       TEXT NOT NULL,
    credits           REAL NOT NULL,
    provider_id       INTEGER NOT NULL REFERENCES organisations (id),
    published         INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL
);

CREATE TABLE modules (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    summary           TEXT NOT NULL,
    description       TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('programme_module', 'statutory_course')),
    theme             TEXT NOT NULL,
    language          TEXT NOT NULL,
    credits           REAL,
    estimated_hours   INTEGER NOT NULL CHECK (estimated_hours >= 0),
    validity_months   INTEGER CHECK (validity_months > 0),
    provider_id       INTEGER NOT NULL REFERENCES organisations (id),
    published         INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL
);
CREATE INDEX modules_provider ON modules (provider_id);

CREATE TABLE programme_modules (
    programme_id  INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    module_id     INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    required      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (programme_id, module_id)
);
CREATE INDEX programme_modules_module ON programme_modules (module_id);

CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    module_id          INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz', 'reflection', 'external')),
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL,
    body_markdown      TEXT NOT NULL DEFAULT '',
    external_url       TEXT,
    estimated_minutes  INTEGER NOT NULL DEFAULT 10,
    UNIQUE (module_id, position)
);

CREATE TABLE cohorts (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    programme_id     INTEGER NOT NULL REFERENCES programmes (id),
    name             TEXT NOT NULL,
    starts_on        TEXT NOT NULL,                 -- YYYY-MM-DD
    created_at       TEXT NOT NULL
);
CREATE INDEX cohorts_organisation ON cohorts (organisation_id);

CREATE TABLE cohort_members (
    cohort_id  INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('learner', 'facilitator')),
    added_at   TEXT NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_members_user ON cohort_members (user_id);
