-- Authoring. A module is edited as one draft document (JSON of the shared `ModuleDraft`);
-- learners see the published tables until the draft is published, which rewrites them and
-- removes the draft. `version` refuses a save made from an older version.
CREATE TABLE module_drafts (
    module_id   INTEGER PRIMARY KEY REFERENCES modules (id) ON DELETE CASCADE,
    document    TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_by  INTEGER NOT NULL REFERENCES users (id),
    updated_at  TEXT NOT NULL
);

-- Images uploaded into a module's lessons (PNG, JPEG, WebP; type found from the bytes).
CREATE TABLE module_images (
    id            INTEGER PRIMARY KEY,
    module_id     INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    content_type  TEXT NOT NULL,
    bytes         BLOB NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL
);
CREATE INDEX module_images_module ON module_images (module_id);

-- Every change to a provider's content: who, when, what.
CREATE TABLE content_changes (
    id          INTEGER PRIMARY KEY,
    module_id   INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    changed_at  TEXT NOT NULL,
    what        TEXT NOT NULL CHECK (what IN ('created', 'published')),
    added       INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX content_changes_module ON content_changes (module_id, changed_at);

-- A learner's reflection on an activity its author removed: kept, not deleted.
CREATE TABLE retired_reflections (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id       INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    activity_title  TEXT NOT NULL,
    body            TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    retired_at      TEXT NOT NULL
);
CREATE INDEX retired_reflections_user ON retired_reflections (user_id);
