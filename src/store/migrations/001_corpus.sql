-- Corpus tables. Owned by the store; other domains add their own numbered files (010_bot.sql, 020_digest.sql).
-- Each file runs once, in a transaction, in file-name order (see migrate.ts).

CREATE TABLE questions (
  uid               TEXT PRIMARY KEY,
  legislature       INTEGER NOT NULL,
  number            INTEGER NOT NULL,
  type              TEXT NOT NULL,
  status            TEXT NOT NULL,
  question_date     TEXT,
  answer_date       TEXT,
  acteur_ref        TEXT,
  mandat_ref        TEXT,
  author_name       TEXT,
  group_name        TEXT,
  group_abbrev      TEXT,
  department        TEXT,
  ministry_asked    TEXT,
  ministry_assigned TEXT,
  rubrique          TEXT,
  source_format     TEXT NOT NULL,
  -- sha1 of the record without `source`: equal hash = unchanged question.
  content_hash      TEXT NOT NULL,
  -- The full Question as JSON (the model of src/corpus/types.ts).
  record            TEXT NOT NULL,
  first_seen_at     TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX questions_ref ON questions (legislature, number, type);
CREATE INDEX questions_status ON questions (status);
CREATE INDEX questions_question_date ON questions (question_date);
CREATE INDEX questions_answer_date ON questions (answer_date);
CREATE INDEX questions_acteur_ref ON questions (acteur_ref);
CREATE INDEX questions_author_name ON questions (author_name);
CREATE INDEX questions_group_name ON questions (group_name);
CREATE INDEX questions_department ON questions (department);
CREATE INDEX questions_ministry_asked ON questions (ministry_asked);
CREATE INDEX questions_ministry_assigned ON questions (ministry_assigned);
CREATE INDEX questions_rubrique ON questions (rubrique);
CREATE INDEX questions_type ON questions (type);

CREATE TABLE acteurs (
  uid          TEXT PRIMARY KEY,
  full_name    TEXT,
  content_hash TEXT NOT NULL,
  record       TEXT NOT NULL, -- the Acteur as JSON
  updated_at   TEXT NOT NULL
);

CREATE TABLE events (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  uid      TEXT NOT NULL REFERENCES questions (uid),
  kind     TEXT NOT NULL CHECK (kind IN ('new_question', 'new_answer', 'closed', 'transfer')),
  seen_at  TEXT NOT NULL,
  baseline INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
  detail   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_uid ON events (uid);

-- Conditional GET state per URL: only written after the download was fully ingested.
CREATE TABLE sources (
  url           TEXT PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  sha256        TEXT,
  fetched_at    TEXT NOT NULL
);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- store_id + revision_counter make QuestionStore.revision(): a new database never repeats an old fingerprint.
INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(8))));
INSERT INTO meta (key, value) VALUES ('revision_counter', '0');
