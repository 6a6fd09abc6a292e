-- Campaigns of identical questions (issue 21, src/campaigns/). Derived from the questions: a full pass rewrites
-- these tables, the incremental pass (after each ingest) assigns the questions written since `meta.campaigns_revision`.
-- qrow is the question's rowid (stable: questions are updated in place, never deleted).
CREATE TABLE campaign_questions (
  qrow        INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  -- The campaign: the qrow of its first member; NULL when the question is in none.
  campaign_id INTEGER,
  -- Key of the published answer's folded text (src/campaigns/detect.ts answerKey); NULL without a long enough answer.
  answer_key  TEXT,
  -- The MinHash signature (64 x uint32, src/campaigns/signature.ts) of a question long enough to be in a campaign:
  -- a candidate far from a new question is set aside without reading its text.
  signature   BLOB,
  -- Its word-shingle hashes (sorted uint32): a candidate is checked by the exact Jaccard without reading its text.
  shingles    BLOB
);
CREATE INDEX campaign_questions_campaign ON campaign_questions (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX campaign_questions_answer ON campaign_questions (answer_key) WHERE answer_key IS NOT NULL;

-- The LSH band keys of every question long enough to be in a campaign: a new question's candidates are the
-- questions sharing one of its keys (src/campaigns/signature.ts).
CREATE TABLE campaign_bands (
  band_key INTEGER NOT NULL,
  qrow     INTEGER NOT NULL,
  PRIMARY KEY (band_key, qrow)
) WITHOUT ROWID;

-- One row per campaign (two questions or more), recomputed when its members change.
CREATE TABLE campaigns (
  id              INTEGER PRIMARY KEY,
  size            INTEGER NOT NULL,
  first_date      TEXT,
  last_date       TEXT,
  authors         INTEGER NOT NULL,
  groups          INTEGER NOT NULL,
  ministry        TEXT,
  answered        INTEGER NOT NULL,
  chambers        TEXT NOT NULL,
  legislatures    TEXT NOT NULL,
  -- Members sharing the most common answer text (0 when none has one in common).
  common_answer   INTEGER NOT NULL,
  -- The first member's subject (« sur la fermeture des classes… ») as shown, and folded with its index terms
  -- (rubrique, analyses) for the text filter of /campagnes.
  subject         TEXT NOT NULL,
  subject_key     TEXT NOT NULL
);
CREATE INDEX campaigns_size ON campaigns (size DESC);
