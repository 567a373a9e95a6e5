-- A requirement of a competence plan asks for a module or for a whole programme (every
-- module of it). SQLite cannot relax a NOT NULL column in place: the table is rebuilt with
-- the same rows (nothing refers to it).
CREATE TABLE plan_requirements_new (
    id                    INTEGER PRIMARY KEY,
    plan_id               INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    module_id             INTEGER REFERENCES modules (id),
    programme_id          INTEGER REFERENCES programmes (id),
    position              INTEGER NOT NULL,
    due_days_after_join   INTEGER CHECK (due_days_after_join >= 0),
    due_on                TEXT,                                   -- YYYY-MM-DD
    recert_months         INTEGER CHECK (recert_months > 0),      -- NULL: once is enough
    recert_from           TEXT CHECK (recert_from IN ('completion', 'expiry', 'fixed')),
    fixed_month           INTEGER CHECK (fixed_month BETWEEN 1 AND 12),
    fixed_day             INTEGER CHECK (fixed_day BETWEEN 1 AND 31),
    min_validity_months   INTEGER NOT NULL DEFAULT 0 CHECK (min_validity_months >= 0),
    window_days           INTEGER NOT NULL DEFAULT 60 CHECK (window_days >= 0),
    CHECK ((module_id IS NULL) <> (programme_id IS NULL)),
    CHECK ((due_days_after_join IS NULL) <> (due_on IS NULL)),
    CHECK ((recert_months IS NULL) = (recert_from IS NULL)),
    CHECK ((recert_from = 'fixed') = (fixed_month IS NOT NULL AND fixed_day IS NOT NULL)),
    UNIQUE (plan_id, module_id),
    UNIQUE (plan_id, programme_id)
);

INSERT INTO plan_requirements_new
    (id, plan_id, module_id, programme_id, position, due_days_after_join, due_on,
     recert_months, recert_from, fixed_month, fixed_day, min_validity_months, window_days)
SELECT id, plan_id, module_id, NULL, position, due_days_after_join, due_on,
       recert_months, recert_from, fixed_month, fixed_day, min_validity_months, window_days
FROM plan_requirements;

DROP TABLE plan_requirements;
ALTER TABLE plan_requirements_new RENAME TO plan_requirements;
