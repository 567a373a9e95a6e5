-- What a person is found by: name and e-mail address, lower-cased in Rust (Unicode-aware,
-- so Å, Æ and Ø fold; SQL's lower() folds only ASCII in SQLite). Filled for existing people
-- when the server starts (store::people::fill_search_texts).
ALTER TABLE users ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- An organisation's people by name: searches walk it in order and stop at a page.
CREATE INDEX users_organisation_name ON users (organisation_id, name);
