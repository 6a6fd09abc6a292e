/**
 * SQL of the digest domain (tables of migration 020_digest.sql) on the store's better-sqlite3 connection.
 * Synchronous, like better-sqlite3. Time is always passed in (`now`).
 */
import type Database from 'better-sqlite3';
import type { Chamber } from '../corpus/types';
import { deserializeDays, nextRun, serializeDays } from './schedule';
import type {
  ChannelKind,
  DigestContent,
  DigestFilters,
  Follow,
  FollowTarget,
  OutgoingMessage,
  Subscription,
} from './types';

export interface NewSubscription extends DigestFilters {
  guildId: string;
  channelId: string;
  /** Default 'text'. */
  channelKind?: ChannelKind;
  mentionRoleId?: string | null;
  createdBy: string;
  time: string;
  days: number[] | null;
  timeZone: string;
}

export interface SubscriptionChanges extends DigestFilters {
  time: string;
  days: number[] | null;
  /** Unchanged when absent. */
  mentionRoleId?: string | null;
}

/** What a delivery does (see migration 070): a channel message, a forum post, a reply in a post, a follow thread. */
type DeliveryKind = 'message' | 'forum_post' | 'forum_reply' | 'follow_thread';

/** A forum post of a subscription: its thread once posted, its state, the tag names applied. */
export interface ForumPost {
  subscriptionId: number;
  uid: string;
  threadId: string | null;
  state: 'open' | 'locked' | 'deleted';
  tags: string[];
}

export type DeliverySource = 'digest' | 'follow' | 'notice';
type DeliveryStatus = 'pending' | 'sent' | 'abandoned';

/** What a delivery is for and carries, fixed when it is queued. */
interface DeliveryOrder {
  source: DeliverySource;
  sourceId: number;
  rangeFrom: number;
  rangeTo: number;
  part: number;
  parts: number;
  channelId: string | null;
  recipientId: string | null;
  nonce: string;
  payload: OutgoingMessage;
}

export interface Delivery extends DeliveryOrder {
  id: number;
  kind: DeliveryKind;
  /** The question of a forum post / reply / follow thread. */
  uid: string | null;
  /** A forum post's or follow thread's title. */
  threadName: string | null;
  /** Tag names wanted on the forum post after this delivery. */
  tags: string[] | null;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  sentAt: string | null;
  messageId: string | null;
  error: string | null;
}

export interface NewDelivery extends DeliveryOrder {
  /** Default 'message'. */
  kind?: DeliveryKind;
  uid?: string | null;
  threadName?: string | null;
  tags?: string[] | null;
}

interface SubscriptionRow {
  id: number;
  guild_id: string;
  channel_id: string;
  channel_kind: ChannelKind;
  mention_role_id: string | null;
  tag_note: string | null;
  created_by: string;
  created_at: string;
  keywords: string | null;
  deputy: string | null;
  ministry: string | null;
  rubrique: string | null;
  content: DigestContent;
  chamber: Chamber | null;
  time: string;
  days: string | null;
  time_zone: string;
  cursor: number;
  next_run_at: string;
  last_run_at: string | null;
  enabled: number;
  disabled_reason: string | null;
  disabled_at: string | null;
}

interface FollowRow {
  id: number;
  user_id: string;
  guild_id: string | null;
  target: FollowTarget;
  channel_id: string | null;
  uid: string;
  created_at: string;
  ended_at: string | null;
  ended_reason: string | null;
  mention: number;
  in_thread: number;
  thread_id: string | null;
}

interface DeliveryRow {
  id: number;
  source: DeliverySource;
  source_id: number;
  range_from: number;
  range_to: number;
  part: number;
  parts: number;
  channel_id: string | null;
  recipient_id: string | null;
  nonce: string;
  payload: string;
  kind: DeliveryKind;
  uid: string | null;
  thread_name: string | null;
  tags: string | null;
  status: DeliveryStatus;
  attempts: number;
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  sent_at: string | null;
  message_id: string | null;
  error: string | null;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    channelKind: r.channel_kind,
    mentionRoleId: r.mention_role_id,
    tagNote: r.tag_note,
    createdBy: r.created_by,
    createdAt: r.created_at,
    keywords: r.keywords,
    deputy: r.deputy,
    ministry: r.ministry,
    rubrique: r.rubrique,
    content: r.content,
    chamber: r.chamber,
    time: r.time,
    days: deserializeDays(r.days),
    timeZone: r.time_zone,
    cursor: r.cursor,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
  };
}

function toFollow(r: FollowRow): Follow {
  return {
    id: r.id,
    userId: r.user_id,
    guildId: r.guild_id,
    target: r.target,
    channelId: r.channel_id,
    uid: r.uid,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    endedReason: r.ended_reason,
    mention: r.mention === 1,
    inThread: r.in_thread === 1,
    threadId: r.thread_id,
  };
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    source: r.source,
    sourceId: r.source_id,
    rangeFrom: r.range_from,
    rangeTo: r.range_to,
    part: r.part,
    parts: r.parts,
    channelId: r.channel_id,
    recipientId: r.recipient_id,
    nonce: r.nonce,
    payload: JSON.parse(r.payload) as OutgoingMessage,
    kind: r.kind,
    uid: r.uid,
    threadName: r.thread_name,
    tags: r.tags === null ? null : (JSON.parse(r.tags) as string[]),
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    sentAt: r.sent_at,
    messageId: r.message_id,
    error: r.error,
  };
}

export class DigestRepository {
  constructor(readonly db: Database.Database) {}

  /** Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken first, so claims never race. */
  immediate<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // --- subscriptions ---------------------------------------------------------------------------------

  addSubscription(input: NewSubscription, startCursor: number, now: Date): Subscription {
    const next = nextRun({ time: input.time, days: input.days, timeZone: input.timeZone }, now).toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO digest_subscriptions
           (guild_id, channel_id, created_by, created_at, keywords, deputy, ministry, rubrique, content, time, days,
            time_zone, cursor, next_run_at, channel_kind, mention_role_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.guildId,
        input.channelId,
        input.createdBy,
        now.toISOString(),
        input.keywords,
        input.deputy,
        input.ministry,
        input.rubrique,
        input.content,
        input.time,
        serializeDays(input.days),
        input.timeZone,
        startCursor,
        next,
        input.channelKind ?? 'text',
        input.mentionRoleId ?? null,
      );
    const id = Number(info.lastInsertRowid);
    this.setChamber(id, input.chamber ?? null);
    return this.getSubscription(id) as Subscription;
  }

  getSubscription(id: number): Subscription | null {
    const row = this.db.prepare('SELECT * FROM digest_subscriptions WHERE id = ?').get(id) as
      | SubscriptionRow
      | undefined;
    return row ? toSubscription(row) : null;
  }

  listSubscriptions(guildId: string): Subscription[] {
    const rows = this.db
      .prepare('SELECT * FROM digest_subscriptions WHERE guild_id = ? ORDER BY id')
      .all(guildId) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  /** Deletes a subscription of that guild (and its undelivered messages). False when there is none. */
  removeSubscription(guildId: string, id: number): boolean {
    return this.immediate(() => {
      const info = this.db.prepare('DELETE FROM digest_subscriptions WHERE id = ? AND guild_id = ?').run(id, guildId);
      if (info.changes === 0) return false;
      this.db.prepare('DELETE FROM forum_posts WHERE subscription_id = ?').run(id);
      this.db
        .prepare(
          `UPDATE digest_deliveries SET status = 'abandoned', error = 'abonnement supprimé' WHERE source = 'digest' AND source_id = ? AND status = 'pending'`,
        )
        .run(id);
      return true;
    });
  }

  dueSubscriptions(now: Date): Subscription[] {
    const rows = this.db
      .prepare('SELECT * FROM digest_subscriptions WHERE enabled = 1 AND next_run_at <= ? ORDER BY next_run_at, id')
      .all(now.toISOString()) as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  /** Records a run: cursor moved to `cursor`, next run computed from `now`. */
  advanceSubscription(id: number, cursor: number, nextRunAt: Date, now: Date): void {
    this.db
      .prepare('UPDATE digest_subscriptions SET cursor = ?, next_run_at = ?, last_run_at = ? WHERE id = ?')
      .run(cursor, nextRunAt.toISOString(), now.toISOString(), id);
  }

  /** Replaces filters and schedule; re-enables a disabled subscription (its cursor is given by the caller). */
  updateSubscription(id: number, f: SubscriptionChanges, cursor: number, nextRunAt: Date): void {
    this.db
      .prepare(
        `UPDATE digest_subscriptions SET keywords = ?, deputy = ?, ministry = ?, rubrique = ?, content = ?, time = ?, days = ?,
           cursor = ?, next_run_at = ?, enabled = 1, disabled_reason = NULL, disabled_at = NULL,
           mention_role_id = CASE WHEN ? THEN ? ELSE mention_role_id END
         WHERE id = ?`,
      )
      .run(
        f.keywords,
        f.deputy,
        f.ministry,
        f.rubrique,
        f.content,
        f.time,
        serializeDays(f.days),
        cursor,
        nextRunAt.toISOString(),
        f.mentionRoleId === undefined ? 0 : 1,
        f.mentionRoleId ?? null,
        id,
      );
    this.setChamber(id, f.chamber ?? null);
  }

  /** The chamber a subscription follows (null: both); written with the subscription, in its caller's transaction. */
  private setChamber(id: number, chamber: Chamber | null): void {
    this.db.prepare('UPDATE digest_subscriptions SET chamber = ? WHERE id = ?').run(chamber, id);
  }

  /** Why a forum subscription's posts carry no tags (null: they do). */
  setTagNote(id: number, note: string | null): void {
    this.db.prepare('UPDATE digest_subscriptions SET tag_note = ? WHERE id = ?').run(note, id);
  }

  disableSubscription(id: number, reason: string, now: Date): void {
    this.db
      .prepare(
        'UPDATE digest_subscriptions SET enabled = 0, disabled_reason = ?, disabled_at = ? WHERE id = ? AND enabled = 1',
      )
      .run(reason, now.toISOString(), id);
  }

  // --- follows -----------------------------------------------------------------------------------------

  /** Adds an active follow; returns the existing one when the same user already follows it there. */
  addFollow(
    input: {
      userId: string;
      guildId: string | null;
      target: FollowTarget;
      channelId: string | null;
      uid: string;
      mention?: boolean;
      inThread?: boolean;
    },
    now: Date,
  ): { follow: Follow; created: boolean } {
    return this.immediate(() => {
      const existing = this.db
        .prepare(
          `SELECT * FROM question_follows WHERE user_id = ? AND uid = ? AND target = ? AND coalesce(channel_id, '') = coalesce(?, '') AND ended_at IS NULL`,
        )
        .get(input.userId, input.uid, input.target, input.channelId) as FollowRow | undefined;
      if (existing) return { follow: toFollow(existing), created: false };
      const info = this.db
        .prepare(
          `INSERT INTO question_follows (user_id, guild_id, target, channel_id, uid, created_at, mention, in_thread)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.userId,
          input.guildId,
          input.target,
          input.channelId,
          input.uid,
          now.toISOString(),
          input.mention === true ? 1 : 0,
          input.inThread === true ? 1 : 0,
        );
      const row = this.db
        .prepare('SELECT * FROM question_follows WHERE id = ?')
        .get(Number(info.lastInsertRowid)) as FollowRow;
      return { follow: toFollow(row), created: true };
    });
  }

  activeFollowsOfUser(userId: string): Follow[] {
    const rows = this.db
      .prepare('SELECT * FROM question_follows WHERE user_id = ? AND ended_at IS NULL ORDER BY id')
      .all(userId) as FollowRow[];
    return rows.map(toFollow);
  }

  activeFollowsOfUids(uids: string[]): Follow[] {
    if (uids.length === 0) return [];
    const out: Follow[] = [];
    for (let i = 0; i < uids.length; i += 500) {
      const chunk = uids.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT * FROM question_follows WHERE ended_at IS NULL AND uid IN (${chunk.map(() => '?').join(',')}) ORDER BY id`,
        )
        .all(...chunk) as FollowRow[];
      out.push(...rows.map(toFollow));
    }
    return out;
  }

  getFollow(id: number): Follow | null {
    const row = this.db.prepare('SELECT * FROM question_follows WHERE id = ?').get(id) as FollowRow | undefined;
    return row ? toFollow(row) : null;
  }

  /** The thread a follow's notices go to, once created. */
  setFollowThread(id: number, threadId: string): void {
    this.db.prepare('UPDATE question_follows SET thread_id = ? WHERE id = ?').run(threadId, id);
  }

  endFollow(id: number, reason: string, now: Date): boolean {
    const info = this.db
      .prepare('UPDATE question_follows SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL')
      .run(now.toISOString(), reason, id);
    return info.changes > 0;
  }

  /** Ends a follow of that user (a user only removes their own). */
  removeFollow(userId: string, id: number, now: Date): boolean {
    const info = this.db
      .prepare(
        `UPDATE question_follows SET ended_at = ?, ended_reason = 'retiré' WHERE id = ? AND user_id = ? AND ended_at IS NULL`,
      )
      .run(now.toISOString(), id, userId);
    return info.changes > 0;
  }

  // --- state -------------------------------------------------------------------------------------------

  getState(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM digest_state WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  }

  setState(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO digest_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  // --- deliveries --------------------------------------------------------------------------------------

  /** Records intents; a delivery already recorded (same source, range, part) is kept as is. */
  insertDeliveries(rows: NewDelivery[], now: Date): void {
    const stmt = this.db.prepare(
      `INSERT INTO digest_deliveries
         (source, source_id, range_from, range_to, part, parts, channel_id, recipient_id, nonce, payload, created_at,
          kind, uid, thread_name, tags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    for (const r of rows) {
      stmt.run(
        r.source,
        r.sourceId,
        r.rangeFrom,
        r.rangeTo,
        r.part,
        r.parts,
        r.channelId,
        r.recipientId,
        r.nonce,
        JSON.stringify(r.payload),
        now.toISOString(),
        r.kind ?? 'message',
        r.uid ?? null,
        r.threadName ?? null,
        r.tags ? JSON.stringify(r.tags) : null,
      );
    }
  }

  // --- forum posts -------------------------------------------------------------------------------------

  /** Records that a post of `uid` is intended in this forum subscription (kept as is when it exists). */
  recordForumPost(subscriptionId: number, uid: string, now: Date): void {
    this.db
      .prepare('INSERT INTO forum_posts (subscription_id, uid, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(subscriptionId, uid, now.toISOString());
  }

  getForumPost(subscriptionId: number, uid: string): ForumPost | null {
    const row = this.db
      .prepare('SELECT * FROM forum_posts WHERE subscription_id = ? AND uid = ?')
      .get(subscriptionId, uid) as
      | { subscription_id: number; uid: string; thread_id: string | null; state: ForumPost['state']; tags: string }
      | undefined;
    return row
      ? {
          subscriptionId: row.subscription_id,
          uid: row.uid,
          threadId: row.thread_id,
          state: row.state,
          tags: JSON.parse(row.tags) as string[],
        }
      : null;
  }

  /** Whether a post of `uid` in this subscription is recorded and not posted yet. */
  hasPendingForumPost(subscriptionId: number, uid: string): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM digest_deliveries WHERE source = 'digest' AND source_id = ? AND uid = ? AND kind = 'forum_post' AND status = 'pending'`,
        )
        .get(subscriptionId, uid) !== undefined
    );
  }

  /** The post's thread once Discord created it, with the tags applied. */
  setForumThread(subscriptionId: number, uid: string, threadId: string, tags: string[]): void {
    this.db
      .prepare('UPDATE forum_posts SET thread_id = ?, tags = ? WHERE subscription_id = ? AND uid = ?')
      .run(threadId, JSON.stringify(tags), subscriptionId, uid);
  }

  setForumTags(subscriptionId: number, uid: string, tags: string[]): void {
    this.db
      .prepare('UPDATE forum_posts SET tags = ? WHERE subscription_id = ? AND uid = ?')
      .run(JSON.stringify(tags), subscriptionId, uid);
  }

  /** A thread that refused a reply (locked, deleted): its pending replies are abandoned with the reason. */
  closeForumPost(subscriptionId: number, uid: string, state: 'locked' | 'deleted', reason: string): void {
    this.immediate(() => {
      this.db
        .prepare('UPDATE forum_posts SET state = ? WHERE subscription_id = ? AND uid = ?')
        .run(state, subscriptionId, uid);
      this.db
        .prepare(
          `UPDATE digest_deliveries SET status = 'abandoned', error = ?, lease_owner = NULL, lease_until = NULL
           WHERE source = 'digest' AND source_id = ? AND uid = ? AND status = 'pending'`,
        )
        .run(reason, subscriptionId, uid);
    });
  }

  /** Forum posts of a subscription whose thread refused a reply, by state. */
  closedForumPosts(subscriptionId: number): { locked: number; deleted: number } {
    const rows = this.db
      .prepare(
        `SELECT state, count(*) AS n FROM forum_posts WHERE subscription_id = ? AND state != 'open' GROUP BY state`,
      )
      .all(subscriptionId) as Array<{ state: string; n: number }>;
    return {
      locked: rows.find((r) => r.state === 'locked')?.n ?? 0,
      deleted: rows.find((r) => r.state === 'deleted')?.n ?? 0,
    };
  }

  /** Pending deliveries whose retry time has come, oldest first. */
  pendingDeliveries(now: Date): Delivery[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM digest_deliveries WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id`,
      )
      .all(now.toISOString()) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  getDelivery(id: number): Delivery | null {
    const row = this.db.prepare('SELECT * FROM digest_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  listDeliveries(): Delivery[] {
    return (this.db.prepare('SELECT * FROM digest_deliveries ORDER BY id').all() as DeliveryRow[]).map(toDelivery);
  }

  /**
   * Claims a pending delivery for `owner` until `leaseUntil`, counting one attempt. Fails (null) when it is
   * no longer pending or another live owner holds it; `isOwnerAlive` tells whether a holder still runs.
   */
  claimDelivery(
    id: number,
    owner: string,
    now: Date,
    leaseUntil: Date,
    isOwnerAlive: (owner: string) => boolean,
  ): Delivery | null {
    return this.immediate(() => {
      const row = this.db.prepare('SELECT * FROM digest_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
      if (row?.status !== 'pending') return null;
      const held =
        row.lease_owner !== null &&
        row.lease_owner !== owner &&
        row.lease_until !== null &&
        row.lease_until > now.toISOString() &&
        isOwnerAlive(row.lease_owner);
      if (held) return null;
      this.db
        .prepare('UPDATE digest_deliveries SET lease_owner = ?, lease_until = ? WHERE id = ?')
        .run(owner, leaseUntil.toISOString(), id);
      return toDelivery({ ...row, lease_owner: owner, lease_until: leaseUntil.toISOString() });
    });
  }

  /** Counted right before the POST, committed: after a crash we know it may have been posted. */
  recordAttempt(id: number, now: Date, channelId: string | null): void {
    this.db
      .prepare(
        'UPDATE digest_deliveries SET attempts = attempts + 1, last_attempt_at = ?, channel_id = coalesce(?, channel_id) WHERE id = ?',
      )
      .run(now.toISOString(), channelId, id);
  }

  markSent(id: number, messageId: string | null, now: Date): void {
    this.db
      .prepare(
        `UPDATE digest_deliveries SET status = 'sent', sent_at = ?, message_id = ?, lease_owner = NULL, lease_until = NULL, error = NULL WHERE id = ?`,
      )
      .run(now.toISOString(), messageId, id);
  }

  /** Leaves it pending for a later run. */
  markRetry(id: number, error: string, nextAttemptAt: Date): void {
    this.db
      .prepare(
        'UPDATE digest_deliveries SET error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?',
      )
      .run(error, nextAttemptAt.toISOString(), id);
  }

  releaseLease(id: number): void {
    this.db.prepare('UPDATE digest_deliveries SET lease_owner = NULL, lease_until = NULL WHERE id = ?').run(id);
  }

  abandonDelivery(id: number, error: string): void {
    this.db
      .prepare(
        `UPDATE digest_deliveries SET status = 'abandoned', error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?`,
      )
      .run(error, id);
  }

  abandonPendingOf(source: DeliverySource, sourceId: number, error: string): void {
    this.db
      .prepare(
        `UPDATE digest_deliveries SET status = 'abandoned', error = ? WHERE source = ? AND source_id = ? AND status = 'pending'`,
      )
      .run(error, source, sourceId);
  }

  /**
   * Forgets history older than `before`: deliveries sent or abandoned (pending ones are kept whatever their
   * age) and follows that ended. The intents are never re-created (the cursors moved on in the same
   * transaction that recorded them), so only the record of what happened goes. Returns the rows deleted.
   */
  pruneHistory(before: Date, postsBefore: Date = before): { deliveries: number; follows: number; posts: number } {
    const at = before.toISOString();
    return this.immediate(() => ({
      // Forum posts: closed threads after the history's retention, any post after `postsBefore` (a later event of
      // such an old question, rare, makes a new post). Never a post whose intent is still pending.
      posts: this.db
        .prepare(
          `DELETE FROM forum_posts WHERE thread_id IS NOT NULL AND ((state != 'open' AND created_at < ?) OR created_at < ?)`,
        )
        .run(at, postsBefore.toISOString()).changes,
      deliveries: this.db
        .prepare(
          `DELETE FROM digest_deliveries WHERE status != 'pending' AND coalesce(sent_at, last_attempt_at, created_at) < ?`,
        )
        .run(at).changes,
      follows: this.db.prepare('DELETE FROM question_follows WHERE ended_at IS NOT NULL AND ended_at < ?').run(at)
        .changes,
    }));
  }

  /** Deliveries recorded and not posted yet. */
  countPending(): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM digest_deliveries WHERE status = 'pending'`).get() as { n: number }
    ).n;
  }
}
