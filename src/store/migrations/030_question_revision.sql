-- The store revision (meta.revision_counter) at which each question was last written, so that a saved search
-- index can catch up with what changed since it was saved (an ingest run by another process, or while the bot
-- was stopped) instead of being rebuilt. Rows written before this migration have 0.
ALTER TABLE questions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX questions_revision ON questions (revision);
