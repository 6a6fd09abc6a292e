-- Bot state (owner: src/discord). What a message's buttons need beyond their 100-character custom id (e.g. the
-- options of a search, for its page buttons), so that buttons keep working after a restart.
-- `id` is derived from (kind, payload): saving the same state twice reuses the row.
CREATE TABLE bot_page_state (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at    TEXT NOT NULL
);
CREATE INDEX bot_page_state_used_at ON bot_page_state (used_at);
