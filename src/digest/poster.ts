/**
 * How the digest talks to Discord: the `PostChannelMessage` interface (what the delivery engine needs), and
 * its implementation on discord.js REST (the client's `rest`, so tests reach the Discord fake through the
 * same base URL setting).
 *
 * Errors are classified, never thrown: 403/404 mean the channel is lost for us ("gone": disable what posts
 * there); 429, 5xx and network errors are transient ("retry").
 */
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import type { OutgoingMessage } from './types';

export type PostFailure =
  | { ok: false; kind: 'gone'; status: number; message: string }
  | { ok: false; kind: 'retry'; status: number | null; retryAfterMs: number | null; message: string };

export type PostOutcome = { ok: true; messageId: string } | PostFailure;

export interface ChannelMessageSummary {
  id: string;
  nonce: string | null;
  content: string;
  /** Footer texts of the message's embeds (the delivery marker lives there). */
  footers: string[];
}

export type OutgoingWithNonce = OutgoingMessage & { nonce: string; enforce_nonce: true };

/** A tag of a forum or media channel. */
export interface ForumTag {
  id: string;
  name: string;
}

/** A forum post as POST /channels/{forum}/threads takes it: title, tags (ids, at most 5), first message. */
interface NewForumPost {
  name: string;
  applied_tags: string[];
  message: OutgoingMessage;
}

type ThreadOutcome = { ok: true; threadId: string } | PostFailure;

/**
 * What forum digests and follow threads need besides channel messages. Separate from PostChannelMessage so that a
 * poster for text channels only (tests, tools) still fits where threads are not used.
 */
export interface PostThreads {
  /** Creates a post (a thread with its first message) in a forum or media channel. */
  createForumPost(forumId: string, post: NewForumPost): Promise<ThreadOutcome>;
  /** Creates a public thread in a text channel, without a starter message. */
  createThread(channelId: string, name: string): Promise<ThreadOutcome>;
  /** The forum's available tags. */
  forumTags(forumId: string): Promise<{ ok: true; tags: ForumTag[] } | PostFailure>;
  /** Replaces the forum's available tags (new ones without id); needs Manage Channels. */
  setForumTags(
    forumId: string,
    tags: Array<{ id?: string; name: string }>,
  ): Promise<{ ok: true; tags: ForumTag[] } | PostFailure>;
  /** Sets a thread's applied tags. */
  setThreadTags(threadId: string, tagIds: string[]): Promise<{ ok: true } | PostFailure>;
  /**
   * A thread of `parentId` (active, or archived and public) named `name` whose starter message carries `marker`
   * (no starter check when `marker` is null): an earlier attempt that reached Discord before a crash.
   */
  findThread(
    guildId: string,
    parentId: string,
    name: string,
    marker: string | null,
  ): Promise<{ ok: true; threadId: string | null } | PostFailure>;
}

export interface PostChannelMessage {
  post(channelId: string, body: OutgoingWithNonce): Promise<PostOutcome>;
  /** The channel's latest messages, newest first. */
  recent(channelId: string, limit: number): Promise<{ ok: true; messages: ChannelMessageSummary[] } | PostFailure>;
  /** Opens (or finds) the DM channel with a user. */
  openDm(userId: string): Promise<{ ok: true; channelId: string } | PostFailure>;
  /** The guild's system channel, where we tell a server that one of its subscriptions was disabled. */
  systemChannel(guildId: string): Promise<string | null>;
}

/** An HTTP error worth retrying later (5xx, an unexpected 4xx): its status and message, no hint of when. */
function httpRetry(err: { status: number; message: string }): PostFailure {
  return { ok: false, kind: 'retry', status: err.status, retryAfterMs: null, message: `${err.status} ${err.message}` };
}

function classifyError(err: unknown): PostFailure {
  if (err instanceof DiscordAPIError) {
    if (err.status === 403 || err.status === 404)
      return { ok: false, kind: 'gone', status: err.status, message: `${err.status} ${err.message}` };
    if (err.status === 429) {
      const raw = (err.rawError as { retry_after?: unknown } | undefined)?.retry_after;
      return {
        ok: false,
        kind: 'retry',
        status: 429,
        retryAfterMs: typeof raw === 'number' ? raw * 1000 : null,
        message: err.message,
      };
    }
    return httpRetry(err);
  }
  if (err instanceof RateLimitError) {
    return { ok: false, kind: 'retry', status: 429, retryAfterMs: err.retryAfter, message: 'rate limited' };
  }
  if (err instanceof HTTPError) return httpRetry(err);
  return {
    ok: false,
    kind: 'retry',
    status: null,
    retryAfterMs: null,
    message: err instanceof Error ? err.message : String(err),
  };
}

interface ApiMessage {
  id: string;
  nonce?: string | number | null;
  content?: string;
  embeds?: Array<{ footer?: { text?: string } }>;
}

/**
 * `PostChannelMessage` over a discord.js REST instance (e.g. `client.rest`). `systemChannelOf` reads the
 * guild's system channel (e.g. from the client's cache: `client.guilds.cache.get(id)?.systemChannelId`).
 */
/** Posts stay open a week without activity before Discord archives them (a reply unarchives them). */
const AUTO_ARCHIVE_MINUTES = 10_080;

interface ApiThread {
  id: string;
  name?: string;
  parent_id?: string | null;
}

export function restPoster(
  rest: REST,
  systemChannelOf: (guildId: string) => string | null = () => null,
): PostChannelMessage & PostThreads {
  const attempt = async <T>(f: () => Promise<T>): Promise<T | PostFailure> => {
    try {
      return await f();
    } catch (err) {
      return classifyError(err);
    }
  };
  return {
    createForumPost: (forumId, post) =>
      attempt(async () => {
        const thread = (await rest.post(Routes.threads(forumId), {
          body: { ...post, auto_archive_duration: AUTO_ARCHIVE_MINUTES },
        })) as ApiThread;
        return { ok: true as const, threadId: thread.id };
      }),
    createThread: (channelId, name) =>
      attempt(async () => {
        const thread = (await rest.post(Routes.threads(channelId), {
          body: { name, type: 11, auto_archive_duration: AUTO_ARCHIVE_MINUTES },
        })) as ApiThread;
        return { ok: true as const, threadId: thread.id };
      }),
    forumTags: (forumId) =>
      attempt(async () => {
        const ch = (await rest.get(Routes.channel(forumId))) as { available_tags?: ForumTag[] };
        return { ok: true as const, tags: (ch.available_tags ?? []).map((t) => ({ id: t.id, name: t.name })) };
      }),
    setForumTags: (forumId, tags) =>
      attempt(async () => {
        const ch = (await rest.patch(Routes.channel(forumId), { body: { available_tags: tags } })) as {
          available_tags?: ForumTag[];
        };
        return { ok: true as const, tags: (ch.available_tags ?? []).map((t) => ({ id: t.id, name: t.name })) };
      }),
    setThreadTags: (threadId, tagIds) =>
      attempt(async () => {
        await rest.patch(Routes.channel(threadId), { body: { applied_tags: tagIds } });
        return { ok: true as const };
      }),
    findThread: (guildId, parentId, name, marker) =>
      attempt(async () => {
        const active = (await rest.get(Routes.guildActiveThreads(guildId))) as { threads?: ApiThread[] };
        const archived = (await rest.get(Routes.channelThreads(parentId, 'public'))) as { threads?: ApiThread[] };
        const candidates = [...(active.threads ?? []), ...(archived.threads ?? [])].filter(
          (t) => t.parent_id === parentId && t.name === name,
        );
        for (const t of candidates) {
          if (marker === null) return { ok: true as const, threadId: t.id };
          // A forum post's starter message has the thread's id.
          const starter = (await rest.get(Routes.channelMessage(t.id, t.id))) as ApiMessage;
          const texts = [starter.content ?? '', ...(starter.embeds ?? []).map((e) => e.footer?.text ?? '')];
          if (texts.some((x) => x.includes(marker))) return { ok: true as const, threadId: t.id };
        }
        return { ok: true as const, threadId: null };
      }),
    async post(channelId, body) {
      try {
        const msg = (await rest.post(Routes.channelMessages(channelId), { body })) as ApiMessage;
        return { ok: true, messageId: msg.id };
      } catch (err) {
        return classifyError(err);
      }
    },
    async recent(channelId, limit) {
      try {
        const msgs = (await rest.get(Routes.channelMessages(channelId), {
          query: new URLSearchParams({ limit: String(limit) }),
        })) as ApiMessage[];
        return {
          ok: true,
          messages: msgs.map((m) => ({
            id: m.id,
            nonce: m.nonce === undefined || m.nonce === null ? null : String(m.nonce),
            content: m.content ?? '',
            footers: (m.embeds ?? []).map((e) => e.footer?.text ?? '').filter((t) => t !== ''),
          })),
        };
      } catch (err) {
        return classifyError(err);
      }
    },
    async openDm(userId) {
      try {
        const ch = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
        return { ok: true, channelId: ch.id };
      } catch (err) {
        return classifyError(err);
      }
    },
    async systemChannel(guildId) {
      return systemChannelOf(guildId);
    },
  };
}
