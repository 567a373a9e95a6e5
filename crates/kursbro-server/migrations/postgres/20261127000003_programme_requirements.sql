-- A requirement of a competence plan asks for a module or for a whole programme (every
-- module of it).
ALTER TABLE plan_requirements
    ALTER COLUMN module_id DROP NOT NULL,
    ADD COLUMN programme_id BIGINT REFERENCES programmes (id),
    ADD CHECK ((module_id IS NULL) <> (programme_id IS NULL)),
    ADD UNIQUE (plan_id, programme_id);
