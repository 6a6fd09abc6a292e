-- `legislaturesWithOpenData()` (the start-up check that the live legislature is loaded) scanned every large JSON row:
-- 6 s on the bot's thread at 180,000 questions, while the first interactions waited. Covering index: instant.
CREATE INDEX IF NOT EXISTS questions_source_legislature ON questions (source_format, legislature);
