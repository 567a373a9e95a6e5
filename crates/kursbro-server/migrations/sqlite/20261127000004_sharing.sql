-- Who may see a module or programme: everyone (the regional catalogue: visitors who are not
-- signed in too), or only its provider and the organisations it is shared with (a hospital's
-- internal course). Everything published so far stays shared with everyone.
ALTER TABLE modules ADD COLUMN shared_with_all INTEGER NOT NULL DEFAULT 1;
ALTER TABLE programmes ADD COLUMN shared_with_all INTEGER NOT NULL DEFAULT 1;

CREATE TABLE module_shares (
    module_id        INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (module_id, organisation_id)
);

CREATE TABLE programme_shares (
    programme_id     INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, organisation_id)
);
