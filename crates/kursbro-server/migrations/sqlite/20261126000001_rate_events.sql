-- Rate-limit events (failed sign-ins per address, posts per author), in the database so
-- every app server behind one database counts the same events.
CREATE TABLE rate_events (
    id      INTEGER PRIMARY KEY,
    scope   TEXT NOT NULL,          -- 'login' or 'post'
    key     TEXT NOT NULL,          -- client address or user id
    at      TEXT NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (scope, key, at);
