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

export interface PostChannelMessage {
  post(channelId: string, body: OutgoingWithNonce): Promise<PostOutcome>;
  /** The channel's latest messages, newest first. */
  recent(channelId: string, limit: number): Promise<{ ok: true; messages: ChannelMessageSummary[] } | PostFailure>;
  /** Opens (or finds) the DM channel with a user. */
  openDm(userId: string): Promise<{ ok: true; channelId: string } | PostFailure>;
  /** The guild's system channel, where we tell a server that one of its subscriptions was disabled. */
  systemChannel(guildId: string): Promise<string | null>;
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
    return {
      ok: false,
      kind: 'retry',
      status: err.status,
      retryAfterMs: null,
      message: `${err.status} ${err.message}`,
    };
  }
  if (err instanceof RateLimitError) {
    return { ok: false, kind: 'retry', status: 429, retryAfterMs: err.retryAfter, message: 'rate limited' };
  }
  if (err instanceof HTTPError) {
    return {
      ok: false,
      kind: 'retry',
      status: err.status,
      retryAfterMs: null,
      message: `${err.status} ${err.message}`,
    };
  }
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
export function restPoster(
  rest: REST,
  systemChannelOf: (guildId: string) => string | null = () => null,
): PostChannelMessage {
  return {
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
