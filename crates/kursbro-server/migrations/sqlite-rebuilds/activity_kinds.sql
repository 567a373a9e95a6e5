-- Not a migration (so not in migrations/sqlite, whose files sqlx runs): the rebuild of the
-- activities table that lets activities.kind hold 'gathering', run by
-- `store::widen_activity_kinds` with foreign keys off, just before migration
-- 20261128000001. Every row keeps its id, so everything that refers to an activity stays.
CREATE TABLE activities_new (
    id                 INTEGER PRIMARY KEY,
    module_id          INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz', 'reflection', 'external', 'gathering')),
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL,
    body_markdown      TEXT NOT NULL DEFAULT '',
    external_url       TEXT,
    estimated_minutes  INTEGER NOT NULL DEFAULT 10,
    body_html          TEXT NOT NULL DEFAULT '',
    video_url          TEXT,
    pass_mark_percent  INTEGER NOT NULL DEFAULT 80 CHECK (pass_mark_percent BETWEEN 0 AND 100),
    UNIQUE (module_id, position)
);
INSERT INTO activities_new (id, module_id, position, kind, title, summary, body_markdown,
        external_url, estimated_minutes, body_html, video_url, pass_mark_percent)
    SELECT id, module_id, position, kind, title, summary, body_markdown,
        external_url, estimated_minutes, body_html, video_url, pass_mark_percent
    FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
