-- One-time links an admin gives a person to choose a password: someone added by an admin
-- or an import (who has none), or someone who forgot theirs. Only a hash of the token is
-- stored, as for sessions. One link per person (a new link replaces the earlier one); using
-- it, choosing another password, or being deactivated removes it.
CREATE TABLE invitations (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
