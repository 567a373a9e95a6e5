-- A module author may require another module to be completed first. Nothing is locked
-- unless this is set.
ALTER TABLE modules ADD COLUMN prerequisite_module_id INTEGER REFERENCES modules (id);
