-- Forum digests, role mentions, follows in threads (owner: src/digest; issue 19). Times are ISO date-times in UTC.

-- A subscription posts either one digest message per run in a text channel ('text'), or one post (a thread) per
-- question in a forum or media channel ('forum'), replies in that thread following the question's events.
ALTER TABLE digest_subscriptions ADD COLUMN channel_kind TEXT NOT NULL DEFAULT 'text'
  CHECK (channel_kind IN ('text', 'forum'));
-- The one role its messages mention (NULL: none). Only that role may be pinged (allowed_mentions.roles).
ALTER TABLE digest_subscriptions ADD COLUMN mention_role_id TEXT;
-- Why a forum subscription's posts carry no tags (the bot may not manage the forum, 20 tags already…), NULL when
-- they do; shown by /digest apercu.
ALTER TABLE digest_subscriptions ADD COLUMN tag_note TEXT;

-- The follower chose to be mentioned in the channel (allowed_mentions.users = them only).
ALTER TABLE question_follows ADD COLUMN mention INTEGER NOT NULL DEFAULT 0;
-- target 'channel' with in_thread = 1: the notices go to a thread of that channel, created at the first notice.
ALTER TABLE question_follows ADD COLUMN in_thread INTEGER NOT NULL DEFAULT 0;
ALTER TABLE question_follows ADD COLUMN thread_id TEXT;

-- What a delivery does: a channel message ('message', as before), a forum post (thread + first message), a reply in
-- the question's forum thread, a notice in a follow's thread. `uid` is the question of the post/reply, `thread_name`
-- the post's title, `tags` the tag names wanted (JSON array).
ALTER TABLE digest_deliveries ADD COLUMN kind TEXT NOT NULL DEFAULT 'message'
  CHECK (kind IN ('message', 'forum_post', 'forum_reply', 'follow_thread'));
ALTER TABLE digest_deliveries ADD COLUMN uid TEXT;
ALTER TABLE digest_deliveries ADD COLUMN thread_name TEXT;
ALTER TABLE digest_deliveries ADD COLUMN tags TEXT;

-- One post per (forum subscription, question): recorded with the intent of its post (thread_id NULL until Discord
-- answered), so the question's later events become replies in it. `state`: 'open', or 'locked' / 'deleted' when
-- a reply was refused (reported once, never retried). `tags`: names applied now (JSON array).
CREATE TABLE forum_posts (
  subscription_id INTEGER NOT NULL,
  uid             TEXT NOT NULL,
  thread_id       TEXT,
  state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'locked', 'deleted')),
  tags            TEXT NOT NULL DEFAULT '[]',
  created_at      TEXT NOT NULL,
  PRIMARY KEY (subscription_id, uid)
);
CREATE INDEX forum_posts_thread ON forum_posts (thread_id);
