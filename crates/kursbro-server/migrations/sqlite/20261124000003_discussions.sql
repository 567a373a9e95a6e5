-- Discussion areas: one per module (everyone enrolled) and one per cohort (its members).
-- A thread's opening post is its first row in `posts`; replies follow.

CREATE TABLE threads (
    id                INTEGER PRIMARY KEY,
    module_id         INTEGER REFERENCES modules (id) ON DELETE CASCADE,
    cohort_id         INTEGER REFERENCES cohorts (id) ON DELETE CASCADE,
    author_id         INTEGER NOT NULL REFERENCES users (id),
    title             TEXT NOT NULL,
    pinned            INTEGER NOT NULL DEFAULT 0,
    locked            INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    last_activity_at  TEXT NOT NULL,
    last_post_id      INTEGER NOT NULL DEFAULT 0,
    reply_count       INTEGER NOT NULL DEFAULT 0,
    CHECK ((module_id IS NULL) <> (cohort_id IS NULL))
);
CREATE INDEX threads_module ON threads (module_id, pinned, last_activity_at, id);
CREATE INDEX threads_cohort ON threads (cohort_id, pinned, last_activity_at, id);

CREATE TABLE posts (
    id             INTEGER PRIMARY KEY,
    thread_id      INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    author_id      INTEGER NOT NULL REFERENCES users (id),
    body_markdown  TEXT NOT NULL,       -- kept for editing
    body_html      TEXT NOT NULL,       -- rendered and sanitised when written
    created_at     TEXT NOT NULL,
    edited_at      TEXT,
    deleted_at     TEXT,                -- "deleted by author": the row stays for context
    hidden_at      TEXT,
    hidden_by      INTEGER REFERENCES users (id),
    hidden_reason  TEXT
);
CREATE INDEX posts_thread ON posts (thread_id, id);
CREATE INDEX posts_author_time ON posts (author_id, created_at);

CREATE TABLE post_reports (
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    reporter_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    PRIMARY KEY (post_id, reporter_id)
);

-- How far each person has read each thread (the unread marker).
CREATE TABLE thread_reads (
    user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id          INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    last_read_post_id  INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
