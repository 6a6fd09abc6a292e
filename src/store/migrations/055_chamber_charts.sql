-- The chamber in the charts' covering indexes (owner: src/insights/corpusQueries.ts): the palmarès of one chamber or
-- of both, and the overdue pending questions of its export, still read without touching the JSON rows.
DROP INDEX IF EXISTS charts_palmares;
CREATE INDEX charts_palmares ON questions (type, legislature, chamber, ministry_assigned, ministry_asked, status, question_date, answer_date);
DROP INDEX IF EXISTS charts_overdue;
CREATE INDEX charts_overdue ON questions (type, status, legislature, chamber, question_date, number);
CREATE INDEX IF NOT EXISTS questions_chamber_type ON questions (chamber, type);
