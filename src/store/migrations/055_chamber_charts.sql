-- The chamber in the covering indexes of the bot's own queries on `questions` (issue 18), so that none reads the large
-- JSON rows at 100,000+ questions: the palmarès of one chamber or of both and the overdue pending questions of its
-- export (src/insights/corpusQueries.ts), the deputies' and the senators' name lists (src/insights/sqlInsights.ts),
-- and which chambers have written questions (one index probe each).
DROP INDEX IF EXISTS charts_palmares;
CREATE INDEX charts_palmares ON questions (type, legislature, chamber, ministry_assigned, ministry_asked, status, question_date, answer_date);
DROP INDEX IF EXISTS charts_overdue;
CREATE INDEX charts_overdue ON questions (type, status, legislature, chamber, question_date, number);
CREATE INDEX bot_questions_chamber_author ON questions (chamber, acteur_ref, author_name);
CREATE INDEX questions_chamber_type ON questions (chamber, type);
