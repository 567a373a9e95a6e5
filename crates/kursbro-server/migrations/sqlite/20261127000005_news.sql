-- News a provider's authors post: on the home page of everyone it is shared with (as for
-- modules: with everyone, or only with the provider and chosen organisations) and in the
-- Atom feeds (shared with everyone only). The Markdown is kept for editing; the HTML is
-- rendered and sanitised when written.
CREATE TABLE news (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    author_id        INTEGER NOT NULL REFERENCES users (id),
    title            TEXT NOT NULL,
    body_markdown    TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    shared_with_all  INTEGER NOT NULL DEFAULT 1,
    published_at     TEXT NOT NULL
);
CREATE INDEX news_published ON news (published_at, id);
CREATE INDEX news_organisation ON news (organisation_id, published_at);

CREATE TABLE news_shares (
    news_id          INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (news_id, organisation_id)
);
