-- The Sénat's questions beside the Assemblée's (issue 18). Every row written before is an Assemblée question:
-- the default says so without rewriting the rows (their JSON records lack `chamber`: QuestionStore reads them
-- through withChamber). A Sénat question may share legislature, number and type with an Assemblée one, so the
-- reference's unique index takes the chamber.
ALTER TABLE questions ADD COLUMN chamber TEXT NOT NULL DEFAULT 'an' CHECK (chamber IN ('an', 'senat'));
DROP INDEX questions_ref;
CREATE UNIQUE INDEX questions_ref ON questions (chamber, legislature, number, type);
CREATE INDEX questions_chamber_legislature ON questions (chamber, legislature, status);
