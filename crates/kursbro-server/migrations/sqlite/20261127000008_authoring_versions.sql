-- A draft row stays after publishing (marked published), so its version keeps counting:
-- an editor opened before a publish cannot save over what was published since.
ALTER TABLE module_drafts ADD COLUMN published INTEGER NOT NULL DEFAULT 0;

-- Images that the published lessons show: only these are served to learners (authors see
-- every image of their modules).
ALTER TABLE module_images ADD COLUMN in_use INTEGER NOT NULL DEFAULT 0;

-- Changes to a provider's programmes, as content_changes for modules.
CREATE TABLE programme_changes (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    changed_at    TEXT NOT NULL,
    what          TEXT NOT NULL CHECK (what IN ('created', 'saved', 'published'))
);
CREATE INDEX programme_changes_programme ON programme_changes (programme_id, changed_at);

-- What the author explains about a quiz question, shown to the learner once they have
-- answered (empty: nothing to explain).
ALTER TABLE quiz_questions ADD COLUMN explanation TEXT NOT NULL DEFAULT '';

-- A news item's themes (a JSON array of texts), shown with it and as Atom categories.
ALTER TABLE news ADD COLUMN themes TEXT NOT NULL DEFAULT '[]';

-- An image a news item may show (PNG, JPEG or WebP; type read from the bytes).
CREATE TABLE news_images (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    content_type     TEXT NOT NULL,
    bytes            BLOB NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL
);
ALTER TABLE news ADD COLUMN image_id INTEGER REFERENCES news_images (id);
ALTER TABLE news ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
