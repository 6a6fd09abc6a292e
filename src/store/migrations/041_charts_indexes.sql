-- Indexes for the charts' own queries on the store's `questions` table (owner: src/insights/corpusQueries.ts), so
-- that neither reads the large JSON rows at 100,000+ questions: the palmarès (every written question of a legislature
-- with its ministry, status and dates: covering) and the overdue pending questions of its export (oldest first).
CREATE INDEX IF NOT EXISTS charts_palmares ON questions (type, legislature, ministry_assigned, ministry_asked, status, question_date, answer_date);
CREATE INDEX IF NOT EXISTS charts_overdue ON questions (type, status, legislature, question_date, number);
