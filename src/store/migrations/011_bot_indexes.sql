-- Indexes for the bot's own queries on the store's `questions` table (src/insights/sqlInsights.ts, /stats), so
-- that none of them scans the table's large JSON rows at 100,000+ questions:
-- /question without a legislature (by number), the deputy list for autocomplete (covering), and the counts by
-- legislature and status of /stats (covering).
CREATE INDEX IF NOT EXISTS bot_questions_number ON questions (number, type, legislature);
CREATE INDEX IF NOT EXISTS bot_questions_author ON questions (acteur_ref, author_name);
CREATE INDEX IF NOT EXISTS bot_questions_leg_status ON questions (legislature, status);
