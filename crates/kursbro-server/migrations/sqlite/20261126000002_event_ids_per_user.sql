-- Event ids are the device's, so they are unique per person, not across everyone: another
-- person's id neither collides with nor reveals anything about yours.
CREATE TABLE learning_events_by_user (
    id            TEXT NOT NULL,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body_hash     TEXT NOT NULL,
    receipt_json  TEXT NOT NULL,
    occurred_at   TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, id)
);
INSERT INTO learning_events_by_user (id, user_id, body_hash, receipt_json, occurred_at, received_at)
    SELECT id, user_id, body_hash, receipt_json, occurred_at, received_at FROM learning_events;
DROP TABLE learning_events;
ALTER TABLE learning_events_by_user RENAME TO learning_events;
