-- Event ids are the device's, so they are unique per person, not across everyone: another
-- person's id neither collides with nor reveals anything about yours.
ALTER TABLE learning_events DROP CONSTRAINT learning_events_pkey;
ALTER TABLE learning_events ADD PRIMARY KEY (user_id, id);
DROP INDEX learning_events_user;
