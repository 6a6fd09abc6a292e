-- Digests and follows (owner: src/digest). Times are ISO date-times in UTC.

-- A channel's daily digest. `cursor` is the last event id already considered (delivered or filtered
-- out); a new subscription starts at the store's max event id so it never back-fills.
CREATE TABLE digest_subscriptions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  guild_id        TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  keywords        TEXT,
  deputy          TEXT,
  ministry        TEXT,
  rubrique        TEXT,
  content         TEXT NOT NULL DEFAULT 'tout' CHECK (content IN ('questions', 'reponses', 'tout')),
  time            TEXT NOT NULL,              -- "HH:MM" local time in time_zone
  days            TEXT,                       -- ISO weekdays "2" or "1,4" (1 = lundi); NULL = every day
  time_zone       TEXT NOT NULL,
  cursor          INTEGER NOT NULL,
  next_run_at     TEXT NOT NULL,
  last_run_at     TEXT,
  enabled         INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT,
  disabled_at     TEXT
);
CREATE INDEX digest_subscriptions_guild ON digest_subscriptions (guild_id);
CREATE INDEX digest_subscriptions_due ON digest_subscriptions (enabled, next_run_at);

-- A user's wish to hear about one question (answer, transfer, withdrawal), in DM or in a channel.
CREATE TABLE question_follows (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      TEXT NOT NULL,
  guild_id     TEXT,
  target       TEXT NOT NULL CHECK (target IN ('dm', 'channel')),
  channel_id   TEXT,                          -- the channel for target 'channel'; NULL for DMs
  uid          TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  ended_at     TEXT,
  ended_reason TEXT
);
CREATE UNIQUE INDEX question_follows_active
  ON question_follows (user_id, uid, target, coalesce(channel_id, ''))
  WHERE ended_at IS NULL;
CREATE INDEX question_follows_uid ON question_follows (uid) WHERE ended_at IS NULL;
CREATE INDEX question_follows_user ON question_follows (user_id);

-- Every message we intend to post, recorded BEFORE posting (exactly-once protocol, see src/digest/deliver.ts).
-- `nonce` is deterministic (source, range, part) and sent with enforce_nonce; `lease_*` is the claim of the
-- process currently posting it.
CREATE TABLE digest_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  source          TEXT NOT NULL CHECK (source IN ('digest', 'follow', 'notice')),
  source_id       INTEGER NOT NULL,
  range_from      INTEGER NOT NULL,
  range_to        INTEGER NOT NULL,
  part            INTEGER NOT NULL,
  parts           INTEGER NOT NULL,
  channel_id      TEXT,                       -- NULL until a DM channel is opened
  recipient_id    TEXT,                       -- user id for DMs
  nonce           TEXT NOT NULL UNIQUE,
  payload         TEXT NOT NULL,              -- JSON message body without nonce
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'abandoned')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  last_attempt_at TEXT,
  next_attempt_at TEXT,
  lease_owner     TEXT,
  lease_until     TEXT,
  sent_at         TEXT,
  message_id      TEXT,
  error           TEXT,
  UNIQUE (source, source_id, range_from, range_to, part)
);
CREATE INDEX digest_deliveries_pending ON digest_deliveries (status, id);

-- Small key/value state of the digest domain (e.g. the follows' event cursor).
CREATE TABLE digest_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
