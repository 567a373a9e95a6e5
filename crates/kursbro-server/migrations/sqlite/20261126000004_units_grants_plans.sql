-- Competence plans (issue 10): units, professions, grants instead of a role column,
-- plans with requirements, and completions made outside Kursbro.

-- An organisation's tree of units (hospital -> clinic -> ward; municipality -> district).
CREATE TABLE units (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    parent_id        INTEGER REFERENCES units (id),      -- NULL: the organisation's top unit
    code             TEXT NOT NULL,                      -- the organisation's own unit code
    name             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (organisation_id, code)
);
CREATE INDEX units_parent ON units (parent_id);

-- Professions, a list per organisation (nurse, health worker, physician, ...).
CREATE TABLE professions (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    UNIQUE (organisation_id, code)
);

ALTER TABLE users ADD COLUMN unit_id INTEGER REFERENCES units (id);
ALTER TABLE users ADD COLUMN unit_joined_on TEXT;                 -- YYYY-MM-DD
ALTER TABLE users ADD COLUMN profession_id INTEGER REFERENCES professions (id);
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;   -- 0: deactivated, kept
CREATE INDEX users_unit ON users (unit_id);

-- What a person may do beyond learning. A leader grant names a unit (and covers every unit
-- below it); the others name an organisation, except platform_admin which names nothing.
CREATE TABLE grants (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL
                     CHECK (kind IN ('leader', 'facilitator', 'author', 'admin', 'platform_admin')),
    organisation_id  INTEGER REFERENCES organisations (id),
    unit_id          INTEGER REFERENCES units (id),
    created_at       TEXT NOT NULL,
    CHECK ((kind = 'leader') = (unit_id IS NOT NULL)),
    CHECK ((kind IN ('facilitator', 'author', 'admin')) = (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX grants_once ON grants (user_id, kind, COALESCE(organisation_id, 0), COALESCE(unit_id, 0));
CREATE INDEX grants_unit ON grants (unit_id);

-- The existing data: one top unit per organisation holding all its people; each role
-- becomes the grant that gives the same rights (a leader leads the whole organisation).
INSERT INTO units (organisation_id, parent_id, code, name, created_at)
    SELECT id, NULL, slug, name, created_at FROM organisations;
UPDATE users SET
    unit_id = (SELECT un.id FROM units un
               WHERE un.organisation_id = users.organisation_id AND un.parent_id IS NULL),
    unit_joined_on = substr(created_at, 1, 10);
INSERT INTO grants (user_id, kind, organisation_id, unit_id, created_at)
    SELECT id, 'facilitator', organisation_id, NULL, created_at FROM users WHERE role = 'facilitator';
INSERT INTO grants (user_id, kind, organisation_id, unit_id, created_at)
    SELECT u.id, 'leader', NULL, un.id, u.created_at FROM users u
    JOIN units un ON un.organisation_id = u.organisation_id AND un.parent_id IS NULL
    WHERE u.role = 'leader';
INSERT INTO grants (user_id, kind, organisation_id, unit_id, created_at)
    SELECT id, 'platform_admin', NULL, NULL, created_at FROM users WHERE role = 'admin';
ALTER TABLE users DROP COLUMN role;

-- A competence plan: central (unit_id NULL: the whole organisation) or a unit's own plan
-- (that unit, and the units below it when include_sub_units).
CREATE TABLE plans (
    id                 INTEGER PRIMARY KEY,
    organisation_id    INTEGER NOT NULL REFERENCES organisations (id),
    unit_id            INTEGER REFERENCES units (id),
    include_sub_units  INTEGER NOT NULL DEFAULT 1,
    name               TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX plans_organisation ON plans (organisation_id);

-- Professions a plan is limited to; none means every profession.
CREATE TABLE plan_professions (
    plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    profession_id  INTEGER NOT NULL REFERENCES professions (id),
    PRIMARY KEY (plan_id, profession_id)
);

-- One requirement of a plan: a module, when it is due, and how it recurs.
CREATE TABLE plan_requirements (
    id                    INTEGER PRIMARY KEY,
    plan_id               INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    module_id             INTEGER NOT NULL REFERENCES modules (id),
    position              INTEGER NOT NULL,
    due_days_after_join   INTEGER CHECK (due_days_after_join >= 0),
    due_on                TEXT,                                   -- YYYY-MM-DD
    recert_months         INTEGER CHECK (recert_months > 0),      -- NULL: once is enough
    recert_from           TEXT CHECK (recert_from IN ('completion', 'expiry', 'fixed')),
    fixed_month           INTEGER CHECK (fixed_month BETWEEN 1 AND 12),
    fixed_day             INTEGER CHECK (fixed_day BETWEEN 1 AND 31),
    min_validity_months   INTEGER NOT NULL DEFAULT 0 CHECK (min_validity_months >= 0),
    window_days           INTEGER NOT NULL DEFAULT 60 CHECK (window_days >= 0),
    CHECK ((due_days_after_join IS NULL) <> (due_on IS NULL)),
    CHECK ((recert_months IS NULL) = (recert_from IS NULL)),
    CHECK ((recert_from = 'fixed') = (fixed_month IS NOT NULL AND fixed_day IS NOT NULL)),
    UNIQUE (plan_id, module_id)
);

-- Completions made outside Kursbro (a practical CPR session, a course elsewhere), each
-- registered and approved by one of the person's leaders. Kursbro's own completions are
-- the person's activity completions; neither kind is ever deleted.
CREATE TABLE external_completions (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    module_id     INTEGER NOT NULL REFERENCES modules (id),
    completed_on  TEXT NOT NULL,                                  -- YYYY-MM-DD
    note          TEXT NOT NULL,
    approved_by   INTEGER NOT NULL REFERENCES users (id),
    approved_at   TEXT NOT NULL
);
CREATE INDEX external_completions_user ON external_completions (user_id, module_id);
