/** An in-memory `PostChannelMessage` that behaves like Discord for what the delivery engine relies on. */
import type {
  ChannelMessageSummary,
  OutgoingWithNonce,
  PostChannelMessage,
  PostFailure,
  PostOutcome,
} from '../../../src/digest/poster';

export type ChannelMode = 'ok' | '403' | '404' | '429' | '500';

export interface StoredMessage {
  id: string;
  channelId: string;
  body: OutgoingWithNonce;
}

export class MemoryPoster implements PostChannelMessage {
  readonly messages: StoredMessage[] = [];
  readonly modes = new Map<string, ChannelMode>();
  /** Remaining failures before a channel in 429/500 mode recovers (Infinity = never). */
  readonly failuresLeft = new Map<string, number>();
  readonly systemChannels = new Map<string, string>();
  postCalls = 0;
  /** Delay of each post, to overlap concurrent runs. */
  delayMs = 0;
  private seq = 1;

  private failure(channelId: string): PostFailure | null {
    const mode = this.modes.get(channelId) ?? 'ok';
    if (mode === 'ok') return null;
    if (mode === '403' || mode === '404') return { ok: false, kind: 'gone', status: Number(mode), message: mode };
    const left = this.failuresLeft.get(channelId) ?? Infinity;
    if (left <= 0) return null;
    this.failuresLeft.set(channelId, left - 1);
    return { ok: false, kind: 'retry', status: Number(mode), retryAfterMs: mode === '429' ? 5 : null, message: mode };
  }

  async post(channelId: string, body: OutgoingWithNonce): Promise<PostOutcome> {
    this.postCalls++;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const f = this.failure(channelId);
    if (f) return f;
    // enforce_nonce: a repeated nonce in the same channel returns the first message.
    const same = this.messages.find((m) => m.channelId === channelId && m.body.nonce === body.nonce);
    if (same && body.enforce_nonce) return { ok: true, messageId: same.id };
    const id = String(this.seq++);
    this.messages.push({ id, channelId, body });
    return { ok: true, messageId: id };
  }

  async recent(
    channelId: string,
    limit: number,
  ): Promise<{ ok: true; messages: ChannelMessageSummary[] } | PostFailure> {
    const f = this.failure(channelId);
    if (f) return f;
    return {
      ok: true,
      messages: this.messages
        .filter((m) => m.channelId === channelId)
        .reverse()
        .slice(0, limit)
        // Discord does not return nonces when listing messages: rely on the marker.
        .map((m) => ({
          id: m.id,
          nonce: null,
          content: m.body.content,
          footers: m.body.embeds.map((e) => e.footer?.text ?? ''),
        })),
    };
  }

  async openDm(userId: string): Promise<{ ok: true; channelId: string } | PostFailure> {
    const mode = this.modes.get(`user:${userId}`);
    if (mode === '403') return { ok: false, kind: 'gone', status: 403, message: 'Cannot send messages to this user' };
    return { ok: true, channelId: `dm-${userId}` };
  }

  async systemChannel(guildId: string): Promise<string | null> {
    return this.systemChannels.get(guildId) ?? null;
  }

  in(channelId: string): StoredMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  /** How many messages carry each nonce (exactly-once means all 1). */
  nonceCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.body.nonce, (counts.get(m.body.nonce) ?? 0) + 1);
    return counts;
  }
}
