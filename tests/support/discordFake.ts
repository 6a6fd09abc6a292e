/**
 * A fake Discord (REST + gateway) on 127.0.0.1 that the UNMODIFIED discord.js client talks to, and that
 * checks what Discord checks.
 *
 * Use (one client per test file: a second IDENTIFY within 5 s is slow):
 *
 *   const fake = await startDiscordFake();                  // fake.apiUrl -> DISCORD_API_URL
 *   // start the bot with DISCORD_API_URL = fake.apiUrl, DISCORD_TOKEN = FAKE_TOKEN ...
 *   await fake.waitForReady();                              // the client identified and got READY/GUILD_CREATE
 *   const i = fake.command('recherche', { texte: 'internet', legislature: 14 });  // injects INTERACTION_CREATE
 *   const res = await i.done;                               // final response (callback 4/7/8, or PATCH after 5/6)
 *   res.message.embeds ...                                  // the message as the fake stored it
 *   fake.button(res.message, 'rs:p:abc:2')  /  fake.select(res.message, 'rs:o:abc', ['QANR5L14QE1'])
 *   fake.autocomplete('depute', { nom: 'tar' }, 'nom')      // -> (await .done).choices
 *   fake.channelMessages('123')                             // what was POSTed to a channel (digests)
 *   fake.failChannel('123', { status: 403 })                // per-channel failure modes: 403, 404, 429, 500
 *   fake.failRequests(INTERACTION_ROUTES.callback, 500)     // interaction routes answering 500 / 404
 *   fake.holdRequests(match, 'after')                       // answer late (release()); 'before' = not yet done
 *   afterAll: fake.assertClean(); await fake.close();       // throws on any violation recorded below
 *
 * Checked on every request (a violation answers 400 like Discord where Discord would, is recorded, and makes
 * `assertClean()` throw): unknown route (404), missing/invalid bot Authorization on bot routes, embed and message
 * limits (content 2000, 10 embeds, title 256, description 4096, 25 fields, field name 256 / value 1024, footer
 * 2048, author 256, 6000 total; 5 rows, 5 buttons, custom_id 100 unique per message, button label 80, select
 * options 1..25 with label/description/value 100), empty messages, `allowed_mentions` present with `parse: []` on
 * every message body, the 3 s acknowledgement deadline (dispatch -> callback POST), double acknowledgement, and
 * a PATCH of @original before any acknowledgement.
 * Channel messages honour `nonce` + `enforce_nonce` (same nonce within 5 minutes -> the same message, not a new
 * one). `GET /channels/{id}/messages` returns newest first WITHOUT `nonce` (as Discord does).
 *
 * Rate limits, as Discord enforces them (section "rate limits" below): a global limit of 50 requests per second per
 * bot token on authenticated routes — interaction endpoints (the callback, and the webhook routes an interaction
 * token opens: @original, follow-ups) are NOT bound to it, as Discord documents — and per-route buckets keyed by
 * the top-level resource (channel, guild, webhook id + token), with the `X-RateLimit-*` headers on every response
 * and 429 + `retry_after` past a limit (`fake.rateLimited` lists them). `rateLimits: false` turns them off.
 *
 * Sharding (section "shards" below): `GET /gateway/bot` recommends `shards` (option, default 1); each IDENTIFY
 * carries `shard: [id, count]`; a shard receives the guilds with `(guild_id >> 22) % count === id`, and an
 * interaction is dispatched on the connection of its guild's shard (DMs on shard 0). `guilds` lists the servers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type {
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIEmbed,
  APIGuildMember,
  APIMessage,
  APIUser,
  GatewayDispatchPayload,
  GatewayGuildCreateDispatchData,
  GatewayHelloData,
  GatewayReadyDispatchData,
} from 'discord-api-types/v10';

export const FAKE_TOKEN = 'ZmFrZS1ib3QtdG9rZW4.fake.test-token-never-logged-0123456789';
export const FAKE_APP_ID = '100000000000000001';
export const FAKE_GUILD_ID = '200000000000000002';
export const FAKE_CHANNEL_ID = '300000000000000003';
export const FAKE_USER_ID = '400000000000000004';
/** A second server, on shard 1 when the bot runs two shards ((id >> 22) % 2 === 1), and its channel. */
export const SECOND_GUILD_ID = '200000000004194306';
export const SECOND_CHANNEL_ID = '300000000000000033';

const DISCORD_EPOCH = 1420070400000n;

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
  status: number;
}

export interface InteractionResult {
  /** Callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete. */
  callbackType: number;
  ackMs: number;
  /** Time from dispatch to the final message (PATCH for deferred ones). */
  replyMs: number;
  /** The message body as sent (for 4/7 the callback data, for 5/6 the PATCH or follow-up). */
  body: Record<string, unknown>;
  /** The message as stored by the fake (absent for autocomplete). */
  message: APIMessage;
  ephemeral: boolean;
  /** Autocomplete choices (type 8). */
  choices: Array<{ name: string; value: string | number }>;
}

export interface InjectOptions {
  userId?: string;
  permissions?: string;
  /** The server it comes from (default the test server); it is dispatched on that server's shard. */
  guildId?: string;
  channelId?: string;
  timeoutMs?: number;
  locale?: string;
  /**
   * Who installed the command used: 'guild' (the server, default) or 'user' (the person: `authorizing_integration_owners`
   * `{"1": user id}`). A user install may be used in a server the bot is not in (a `guildId` absent from `guilds`):
   * no gateway event about it ever came, and any bot request on its channels is refused (403) and recorded as a
   * violation (the bot must answer through the interaction only).
   */
  install?: 'guild' | 'user';
  /** Discord's interaction context: 0 a server (default), 1 the bot's DM, 2 a group DM or another DM. */
  context?: 0 | 1 | 2;
  /** The bot's permissions in the channel (bitfield as a string). */
  appPermissions?: string;
  /** The type of the channel it comes from in a server (default 0, text; 11 a public thread). */
  channelType?: number;
  /** Role ids and channel ids with what Discord resolves for them (interaction `data.resolved`). */
  resolved?: { roles?: Array<Partial<FakeRole> & { id: string }>; channels?: Array<{ id: string; type: number }> };
}

/** A role of a server, as the fake knows it (for role options and role mentions). */
export interface FakeRole {
  id: string;
  name: string;
  mentionable: boolean;
  managed: boolean;
}

/** Who one message could ping (see DiscordFake.pings). */
export interface MessagePings {
  channelId: string;
  messageId: string;
  roles: string[];
  users: string[];
  everyone: boolean;
}

/** A forum (15) or media (16) channel: only threads, with at most 20 available tags. */
export interface FakeForum {
  id: string;
  guildId: string;
  type: 15 | 16;
  tags: Array<{ id: string; name: string; moderated: boolean; emoji_id: null; emoji_name: null }>;
  /** Whether the bot has Manage Channels there (needed to change its tags). */
  botCanManage: boolean;
  /** The forum's REQUIRE_TAG flag: a post without a tag is refused (400, code 40067). */
  requireTag: boolean;
}

/** A thread: a forum post (its starter message has the thread's id) or a thread of a text channel. */
export interface FakeThread {
  id: string;
  parentId: string;
  guildId: string;
  name: string;
  appliedTags: string[];
  archived: boolean;
  locked: boolean;
  deleted: boolean;
  createdAt: number;
}

export interface InjectedInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
  /** Resolves with the final response; rejects after `timeoutMs` (default 10 s). */
  done: Promise<InteractionResult>;
}

interface InteractionState {
  id: string;
  token: string;
  /** Who invoked it (the fake's interaction_metadata names them). */
  userId: string;
  channelId: string;
  type: number;
  dispatchedAt: number;
  callbackType: number | null;
  callbackAt: number | null;
  /** The message a component interaction came from (updates replace it). */
  sourceMessage: APIMessage | null;
  original: APIMessage | null;
  followUps: APIMessage[];
  deleted: boolean;
  resolve: (r: InteractionResult) => void;
  settled: boolean;
  choices: Array<{ name: string; value: string | number }>;
  /** `authorizing_integration_owners` of the interaction (echoed in its messages' interaction_metadata). */
  owners?: Record<string, string>;
}

export interface ChannelFailure {
  status: 403 | 404 | 429 | 500;
  /** Seconds, for 429. */
  retryAfter?: number;
  /** How many requests fail before the channel works again (default: forever). */
  times?: number;
}

export interface FakeOptions {
  /** Acknowledgement deadline checked for every interaction (Discord: 3 s). */
  ackDeadlineMs?: number;
  /** Rejects GET /gateway/bot with 401 (login must fail). */
  rejectToken?: boolean;
  token?: string;
  /** Upload limit in bytes (Discord: 10 MiB for a bot in a server without boosts). */
  attachmentSizeLimit?: number;
  /** Discord's rate limits (default on, with Discord's figures); `false` turns them off. */
  rateLimits?: RateLimitOptions | false;
  /** Shards recommended by `GET /gateway/bot` (default 1); the client must identify with at least as many. */
  shards?: number;
  /**
   * The fake's clock for its rules (rate-limit windows and buckets, the acknowledgement deadline), epoch ms; default
   * Date.now. A test moves it forward instead of sleeping through a window.
   */
  clock?: () => number;
  /** The servers the bot is in (default: the one test server). */
  guilds?: FakeGuild[];
}

export interface FakeGuild {
  id: string;
  /** Its text channel (also its system channel). */
  channelId: string;
}

const BOT_USER: APIUser = {
  id: '500000000000000005',
  username: 'questions-bot',
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
};

export function testUser(id = FAKE_USER_ID, username = 'depute-curieux'): APIUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

/** Independent re-statement of Discord's limits (not imported from the bot, so a bot bug cannot hide). */
export function checkMessageBody(body: Record<string, unknown>, opts: { requireContent: boolean }): string[] {
  const problems: string[] = [];
  const content = body.content;
  const embeds = (body.embeds ?? []) as APIEmbed[];
  const components = (body.components ?? []) as Array<{ type: number; components: Array<Record<string, unknown>> }>;
  if (content !== undefined && content !== null && typeof content !== 'string')
    problems.push('content is not a string');
  if (typeof content === 'string' && content.length > 2000) problems.push(`content ${content.length} > 2000`);
  if (!Array.isArray(embeds)) problems.push('embeds is not an array');
  if (embeds.length > 10) problems.push(`${embeds.length} embeds > 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const t = e.title?.length ?? 0;
    const d = e.description?.length ?? 0;
    if (t > 256) problems.push(`embed ${i} title ${t} > 256`);
    if (d > 4096) problems.push(`embed ${i} description ${d} > 4096`);
    if ((e.footer?.text.length ?? 0) > 2048) problems.push(`embed ${i} footer > 2048`);
    if ((e.author?.name.length ?? 0) > 256) problems.push(`embed ${i} author > 256`);
    const fields = e.fields ?? [];
    if (fields.length > 25) problems.push(`embed ${i} has ${fields.length} fields > 25`);
    total += t + d + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    fields.forEach((f, j) => {
      if (!f.name || f.name.length > 256) problems.push(`embed ${i} field ${j} name length ${f.name?.length ?? 0}`);
      if (!f.value || f.value.length > 1024)
        problems.push(`embed ${i} field ${j} value length ${f.value?.length ?? 0}`);
      total += (f.name?.length ?? 0) + (f.value?.length ?? 0);
    });
    if (e.url !== undefined && !/^https?:\/\//.test(e.url)) problems.push(`embed ${i} url invalid`);
  });
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  if (components.length > 5) problems.push(`${components.length} action rows > 5`);
  const ids = new Set<string>();
  components.forEach((row, r) => {
    if (row.type !== 1) problems.push(`row ${r} is not an action row`);
    const inner = row.components ?? [];
    if (inner.length === 0 || inner.length > 5) problems.push(`row ${r} has ${inner.length} components`);
    for (const c of inner) {
      const id = c.custom_id as string | undefined;
      if (id !== undefined) {
        if (id.length > 100) problems.push(`custom_id ${id.length} > 100`);
        if (ids.has(id)) problems.push(`duplicate custom_id ${id}`);
        ids.add(id);
      }
      if (c.type === 2) {
        const label = (c.label as string | undefined) ?? '';
        if (label.length > 80) problems.push(`button label ${label.length} > 80`);
        if (c.style !== 5 && id === undefined) problems.push('button without custom_id');
        if (c.style === 5 && typeof c.url !== 'string') problems.push('link button without url');
      }
      if (c.type === 3) {
        if (inner.length !== 1) problems.push('a select menu must be alone in its row');
        const options = (c.options ?? []) as Array<{ label: string; value: string; description?: string }>;
        if (options.length < 1 || options.length > 25) problems.push(`select has ${options.length} options`);
        for (const o of options) {
          if (!o.label || o.label.length > 100) problems.push(`select option label ${o.label?.length}`);
          if (!o.value || o.value.length > 100) problems.push(`select option value ${o.value?.length}`);
          if ((o.description?.length ?? 0) > 100) problems.push(`select option description ${o.description?.length}`);
        }
        if (new Set(options.map((o) => o.value)).size !== options.length) problems.push('duplicate select values');
      }
    }
  });
  if (
    opts.requireContent &&
    !(typeof content === 'string' && content.length > 0) &&
    embeds.length === 0 &&
    components.length === 0 &&
    uploadsOf(body).length === 0
  ) {
    problems.push('empty message');
  }
  problems.push(...checkAttachments(body));
  const am = body.allowed_mentions as { parse?: unknown } | undefined;
  if (!am || !Array.isArray(am.parse) || am.parse.length !== 0) {
    problems.push(`allowed_mentions must be { parse: [] }, got ${JSON.stringify(am)}`);
  }
  return problems;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const buf = Buffer.concat(chunks);
      if (buf.length === 0) return resolve(undefined);
      const type = req.headers['content-type'] ?? '';
      if (type.includes('multipart/form-data')) {
        try {
          return resolve(readMultipart(buf, type));
        } catch (e) {
          return reject(e);
        }
      }
      try {
        resolve(JSON.parse(buf.toString('utf8')));
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

export class DiscordFake {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly commandsByScope = new Map<string, unknown[]>();
  readonly ackDeadlineMs: number;
  private readonly clock: () => number;
  readonly token: string;
  apiUrl = '';
  private server: Server;
  private wss: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private seq = 0;
  private counter = 0n;
  private interactions = new Map<string, InteractionState>();
  private byToken = new Map<string, InteractionState>();
  private channels = new Map<string, APIMessage[]>();
  private nonces = new Map<string, { message: APIMessage; at: number }>();
  private failures = new Map<string, ChannelFailure & { count: number }>();
  private readyWaiters: Array<() => void> = [];
  private identified = false;
  private rejectToken: boolean;
  private readonly limits: RateLimits | null;
  /** 429 answers given (what a well-behaved client should keep near zero). */
  readonly rateLimited: RateLimitHit[] = [];
  private readonly recommendedShards: number;
  private readonly guilds: FakeGuild[];
  /** Shard id -> its gateway connection, and the shard count the client identified with. */
  private shardSockets = new Map<number, WebSocket>();
  private readyShards = new Set<number>();
  private shardCount = 1;
  /** IDENTIFY payloads' `shard` field, in arrival order. */
  readonly identifiedShards: Array<[number, number]> = [];
  /** Number of IDENTIFY received (a reconnect storm shows here). */
  identifyCount = 0;
  /** The intents of the last IDENTIFY (bit field). */
  identifyIntents = 0;
  /** Messages injected with `userMessage`, waiting for the bot's reply. */
  private messageWaiters = new Map<
    string,
    { resolve: (m: { message: APIMessage; body: Record<string, unknown> }) => void }
  >();
  /**
   * For every message the bot made (channel posts, forum posts, interaction answers), who it could ping given its
   * content, its allowed_mentions and the roles' mentionability: what a role-mention test checks.
   */
  readonly pings: MessagePings[] = [];
  /** Roles by id (mentionable or not), for pings and for role options. */
  private roles = new Map<string, FakeRole>();
  /** Whether the bot has "Mention @everyone, @here and all roles" (then any role pings when allowed). */
  botMentionsEveryone = false;
  /** Forum and media channels, by id. */
  private forums = new Map<string, FakeForum>();
  /** Threads (forum posts and text-channel threads), by id. */
  private threads = new Map<string, FakeThread>();
  /** Channels of servers the bot is not in (seen through user-installed commands): off limits to bot routes. */
  private foreignChannels = new Set<string>();
  /** Bytes of each stored attachment, by attachment id (see `attachmentData`). */
  private attachmentBytes = new Map<string, Buffer>();
  /** Discord's per-message upload limit for a bot without boosts (also sent as `attachment_size_limit`). */
  readonly attachmentSizeLimit: number;

  constructor(opts: FakeOptions = {}) {
    this.ackDeadlineMs = opts.ackDeadlineMs ?? 3000;
    this.clock = opts.clock ?? Date.now;
    this.attachmentSizeLimit = opts.attachmentSizeLimit ?? 10 * 1024 * 1024;
    this.rejectToken = opts.rejectToken ?? false;
    this.token = opts.token ?? FAKE_TOKEN;
    this.limits = opts.rateLimits === false ? null : new RateLimits(opts.rateLimits ?? {});
    this.recommendedShards = opts.shards ?? 1;
    this.guilds = opts.guilds ?? [{ id: FAKE_GUILD_ID, channelId: FAKE_CHANNEL_ID }];
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        this.violations.push(`fake error: ${String(e)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  snowflake(): string {
    this.counter++;
    return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + (this.counter % 4096n));
  }

  /** Resolves once a client has identified and received READY + GUILD_CREATE. */
  waitForReady(timeoutMs = 10_000): Promise<void> {
    if (this.identified) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the bot never identified on the fake gateway')), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Throws when any violation was recorded (call in afterEach/afterAll). */
  assertClean(): void {
    if (this.violations.length > 0) {
      throw new Error(`Discord fake recorded ${this.violations.length} violation(s):\n${this.violations.join('\n')}`);
    }
  }

  failChannel(channelId: string, failure: ChannelFailure | null): void {
    if (failure === null) this.failures.delete(channelId);
    else this.failures.set(channelId, { ...failure, count: 0 });
  }

  channelMessages(channelId: string): APIMessage[] {
    return [...(this.channels.get(channelId) ?? [])];
  }

  /** A role of the server(s), for role options and pings. */
  addRole(role: FakeRole): void {
    this.roles.set(role.id, role);
  }

  /** A forum (or media) channel with these tag names. */
  addForum(f: {
    id: string;
    guildId?: string;
    type?: 15 | 16;
    tags?: string[];
    botCanManage?: boolean;
    requireTag?: boolean;
  }): FakeForum {
    const forum: FakeForum = {
      id: f.id,
      guildId: f.guildId ?? FAKE_GUILD_ID,
      type: f.type ?? 15,
      tags: (f.tags ?? []).map((name) => ({
        id: this.snowflake(),
        name,
        moderated: false,
        emoji_id: null,
        emoji_name: null,
      })),
      botCanManage: f.botCanManage ?? true,
      requireTag: f.requireTag ?? false,
    };
    this.forums.set(f.id, forum);
    return forum;
  }

  forum(id: string): FakeForum | undefined {
    return this.forums.get(id);
  }

  /** The threads (posts) of a forum or text channel, deleted ones included, in creation order. */
  threadsOf(parentId: string): FakeThread[] {
    return [...this.threads.values()].filter((t) => t.parentId === parentId);
  }

  /** Archives, locks or deletes a thread as a moderator would. */
  setThread(id: string, change: Partial<Pick<FakeThread, 'archived' | 'locked' | 'deleted'>>): void {
    const t = this.threads.get(id);
    if (!t) throw new Error(`no thread ${id}`);
    Object.assign(t, change);
  }

  /** The tag names applied to a thread. */
  threadTagNames(id: string): string[] {
    const t = this.threads.get(id);
    const forum = t ? this.forums.get(t.parentId) : undefined;
    return (t?.appliedTags ?? []).map((tagId) => forum?.tags.find((x) => x.id === tagId)?.name ?? `?${tagId}`);
  }

  /** Who a message body could ping, as Discord decides it (content, allowed_mentions, roles' mentionability). */
  private pingsOf(body: Record<string, unknown>): Omit<MessagePings, 'channelId' | 'messageId'> {
    const content = typeof body.content === 'string' ? body.content : '';
    const am = body.allowed_mentions as { parse?: string[]; roles?: string[]; users?: string[] } | undefined;
    // Without allowed_mentions Discord parses everything.
    const parse = am ? (am.parse ?? []) : ['users', 'roles', 'everyone'];
    const users = [...content.matchAll(/<@!?(\d+)>/g)]
      .map((x) => x[1] as string)
      .filter((id) => parse.includes('users') || (am?.users ?? []).includes(id));
    const roles = [...content.matchAll(/<@&(\d+)>/g)]
      .map((x) => x[1] as string)
      .filter((id) => parse.includes('roles') || (am?.roles ?? []).includes(id))
      .filter((id) => this.botMentionsEveryone || (this.roles.get(id)?.mentionable ?? true));
    const everyone = /@(everyone|here)/.test(content) && parse.includes('everyone');
    return { roles: [...new Set(roles)], users: [...new Set(users)], everyone };
  }

  private threadJson(t: FakeThread): Record<string, unknown> {
    return {
      id: t.id,
      type: 11,
      guild_id: t.guildId,
      parent_id: t.parentId,
      name: t.name,
      owner_id: BOT_USER.id,
      applied_tags: t.appliedTags,
      flags: 0,
      message_count: (this.channels.get(t.id) ?? []).length,
      member_count: 1,
      rate_limit_per_user: 0,
      thread_metadata: {
        archived: t.archived,
        locked: t.locked,
        auto_archive_duration: 10080,
        archive_timestamp: new Date(t.createdAt).toISOString(),
      },
    };
  }

  /** Forum and thread routes (POST threads, GET/PATCH a channel, thread lists); null when not one of them. */
  private threadRoute(
    method: string,
    p: string,
    body: Record<string, unknown> | undefined,
    res: ServerResponse,
  ): number | null {
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/threads$/.exec(p))) {
      const parentId = m[1] as string;
      const forum = this.forums.get(parentId);
      const data = body ?? {};
      const name = typeof data.name === 'string' ? data.name : '';
      const problems: string[] = [];
      if (name.length < 1 || name.length > 100) problems.push(`thread name length ${name.length} (1-100)`);
      const failure = this.failures.get(parentId);
      if (failure && (failure.times === undefined || failure.count < failure.times)) {
        failure.count++;
        if (failure.status === 403) return this.json(res, 403, { message: 'Missing Permissions', code: 50013 });
        if (failure.status === 404) return this.json(res, 404, { message: 'Unknown Channel', code: 10003 });
        return this.json(res, 500, { message: '500: Internal Server Error', code: 0 });
      }
      const id = this.snowflake();
      let starter: APIMessage | null = null;
      if (forum) {
        const message = data.message as Record<string, unknown> | undefined;
        if (!message) problems.push('a forum post needs a message');
        else problems.push(...checkMessageBody(message, { requireContent: true }));
        const applied = (data.applied_tags ?? []) as string[];
        if (applied.length > 5) problems.push(`${applied.length} applied tags > 5`);
        for (const tag of applied) if (!forum.tags.some((t) => t.id === tag)) problems.push(`unknown tag ${tag}`);
        if (problems.length) return this.reject(res, `post in forum ${parentId}`, problems);
        // Discord's own refusal, not a bot mistake the fake should flag: answered 400 without a violation.
        if (forum.requireTag && applied.length === 0) {
          return this.json(res, 400, {
            message: 'A tag is required to create a forum post in this channel',
            code: 40067,
          });
        }
        starter = this.makeMessage(id, message ?? {}, { id } as Partial<APIMessage>);
      } else if (problems.length) return this.reject(res, `thread in channel ${parentId}`, problems);
      const thread: FakeThread = {
        id,
        parentId,
        guildId: forum?.guildId ?? FAKE_GUILD_ID,
        name,
        appliedTags: forum ? ((data.applied_tags ?? []) as string[]) : [],
        archived: false,
        locked: false,
        deleted: false,
        createdAt: Date.now(),
      };
      this.threads.set(id, thread);
      if (starter) this.pushChannel(id, starter);
      return this.json(res, 201, { ...this.threadJson(thread), ...(starter ? { message: starter } : {}) });
    }
    if ((m = /^\/channels\/(\d+)$/.exec(p)) && (method === 'GET' || method === 'PATCH')) {
      const id = m[1] as string;
      const forum = this.forums.get(id);
      const thread = this.threads.get(id);
      if (forum) {
        if (method === 'PATCH') {
          if (!forum.botCanManage) return this.json(res, 403, { message: 'Missing Permissions', code: 50013 });
          const tags = (body?.available_tags ?? []) as Array<{ id?: string; name: string }>;
          const problems: string[] = [];
          if (tags.length > 20) problems.push(`${tags.length} available tags > 20`);
          for (const t of tags) if (!t.name || t.name.length > 20) problems.push(`tag name length ${t.name?.length}`);
          if (problems.length) return this.reject(res, `tags of forum ${id}`, problems);
          forum.tags = tags.map((t) => ({
            id: t.id && forum.tags.some((x) => x.id === t.id) ? t.id : this.snowflake(),
            name: t.name,
            moderated: false,
            emoji_id: null,
            emoji_name: null,
          }));
        }
        return this.json(res, 200, {
          id,
          type: forum.type,
          guild_id: forum.guildId,
          name: 'questions-forum',
          available_tags: forum.tags,
          flags: 0,
        });
      }
      if (thread) {
        if (thread.deleted) return this.json(res, 404, { message: 'Unknown Channel', code: 10003 });
        if (method === 'PATCH') {
          const data = body ?? {};
          if (data.applied_tags !== undefined) {
            const applied = data.applied_tags as string[];
            const parent = this.forums.get(thread.parentId);
            const problems: string[] = [];
            if (applied.length > 5) problems.push(`${applied.length} applied tags > 5`);
            for (const tag of applied) if (!parent?.tags.some((t) => t.id === tag)) problems.push(`unknown tag ${tag}`);
            if (problems.length) return this.reject(res, `tags of thread ${id}`, problems);
            if (thread.locked) return this.json(res, 403, { message: 'Missing Permissions', code: 50013 });
            thread.appliedTags = applied;
          }
          if (typeof data.archived === 'boolean') thread.archived = data.archived;
          if (typeof data.locked === 'boolean') thread.locked = data.locked;
        }
        return this.json(res, 200, this.threadJson(thread));
      }
      return null;
    }
    if (method === 'GET' && (m = /^\/guilds\/(\d+)\/threads\/active$/.exec(p))) {
      const guildId = m[1];
      const active = [...this.threads.values()].filter((t) => t.guildId === guildId && !t.archived && !t.deleted);
      return this.json(res, 200, { threads: active.map((t) => this.threadJson(t)), members: [] });
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)\/threads\/archived\/public$/.exec(p))) {
      const archived = this.threadsOf(m[1] as string).filter((t) => t.archived && !t.deleted);
      return this.json(res, 200, { threads: archived.map((t) => this.threadJson(t)), members: [], has_more: false });
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(p))) {
      const msg = (this.channels.get(m[1] as string) ?? []).find((x) => x.id === m?.[2]);
      return msg ? this.json(res, 200, msg) : this.json(res, 404, { message: 'Unknown Message', code: 10008 });
    }
    return null;
  }

  /** Every REST request made for one interaction (its callback, its @original, its follow-ups), in order. */
  requestsOf(i: Pick<InjectedInteraction, 'token'>): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${i.token}/`) || r.path.endsWith(`/${i.token}`));
  }

  /** Bot-route requests matching a method and path prefix (e.g. 'PUT', '/applications/'). */
  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------------------------------- gateway

  private send(ws: WebSocket, payload: unknown): void {
    ws.send(JSON.stringify(payload));
  }

  private dispatch(ws: WebSocket, t: string, d: unknown): void {
    this.send(ws, { op: 0, t, s: ++this.seq, d } as GatewayDispatchPayload);
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    const hello: GatewayHelloData = { heartbeat_interval: 41_250 };
    this.send(ws, { op: 10, d: hello, s: null, t: null });
    ws.on('message', (raw) => {
      let msg: { op: number; d: unknown };
      try {
        msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        this.violations.push('gateway: non-JSON frame (compression enabled? zlib-sync installed?)');
        return;
      }
      if (msg.op === 1) this.send(ws, { op: 11 });
      else if (msg.op === 2) this.onIdentify(ws, msg.d as { token: string; intents: number; shard?: [number, number] });
    });
  }

  private onIdentify(ws: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
    this.identifyCount++;
    this.identifyIntents = d.intents;
    if (this.privilegedIntentsProblem(d.intents, ws)) return;
    if (d.token !== this.token && d.token !== `Bot ${this.token}`) {
      this.violations.push('gateway: IDENTIFY with a wrong token');
      ws.close(4004, 'Authentication failed');
      return;
    }
    const shard = this.acceptShard(ws, d.shard);
    if (!shard) return;
    const guilds = this.guilds.filter((g) => this.shardOfGuild(g.id) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: BOT_USER,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${this.snowflake()}`,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      application: { id: FAKE_APP_ID, flags: 0 },
      shard,
    } as unknown as GatewayReadyDispatchData;
    this.dispatch(ws, 'READY', ready);
    for (const g of guilds) this.dispatch(ws, 'GUILD_CREATE', this.guildCreate(g));
    // discord.js emits clientReady on the next tick after the last GUILD_CREATE; give it a moment.
    setTimeout(() => {
      this.readyShards.add(shard[0]);
      if (this.readyShards.size < shard[1]) return;
      this.identified = true;
      for (const w of this.readyWaiters.splice(0)) w();
    }, 50);
  }

  private guildCreate(g: FakeGuild): GatewayGuildCreateDispatchData {
    return {
      id: g.id,
      name: 'Serveur de test',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: FAKE_USER_ID,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: g.id,
          name: '@everyone',
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: '104324673',
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: g.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'fr',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      stickers: [],
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 1,
      voice_states: [],
      members: [],
      channels: [
        {
          id: g.channelId,
          type: 0,
          guild_id: g.id,
          name: 'questions',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
          topic: null,
          last_message_id: null,
          rate_limit_per_user: 0,
          flags: 0,
        },
      ],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    } as unknown as GatewayGuildCreateDispatchData;
  }

  // ------------------------------------------------------------------------------------------- shards

  /** The shard a guild belongs to, as Discord computes it: (guild_id >> 22) % shard count. */
  shardOfGuild(guildId: string, count = this.shardCount): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  /** Checks IDENTIFY's `shard` against the recommendation; closes the connection as Discord would when wrong. */
  private acceptShard(ws: WebSocket, shard: [number, number] | undefined): [number, number] | null {
    const [id, count] = shard ?? [0, 1];
    this.identifiedShards.push([id, count]);
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) {
      this.violations.push(`gateway: IDENTIFY with an invalid shard [${id}, ${count}]`);
      ws.close(4010, 'Invalid shard');
      return null;
    }
    if (count < this.recommendedShards) {
      this.violations.push(`gateway: IDENTIFY with ${count} shard(s), ${this.recommendedShards} required`);
      ws.close(4011, 'Sharding required');
      return null;
    }
    this.shardCount = count;
    this.shardSockets.set(id, ws);
    ws.on('close', () => {
      if (this.shardSockets.get(id) === ws) this.shardSockets.delete(id);
    });
    return [id, count];
  }

  /** The connection an event about this guild goes through (DMs: shard 0). */
  private socketFor(guildId: string | null): WebSocket {
    const shard = guildId === null ? 0 : this.shardOfGuild(guildId);
    const ws = this.shardSockets.get(shard);
    if (!ws) throw new Error(`no gateway connection for shard ${shard}`);
    return ws;
  }

  private channelOfGuild(guildId: string): string {
    return this.guilds.find((g) => g.id === guildId)?.channelId ?? FAKE_CHANNEL_ID;
  }

  // ------------------------------------------------------------------------------------------- interactions

  private member(userId: string, permissions: string): APIGuildMember & { permissions: string } {
    return {
      user: testUser(userId),
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      permissions,
    } as unknown as APIGuildMember & { permissions: string };
  }

  /** Injects any interaction payload (fields not given are filled). Must be called after waitForReady(). */
  inject(
    partial: { type: number; data: Record<string, unknown>; message?: APIMessage },
    opts: InjectOptions = {},
  ): InjectedInteraction {
    if (!this.identified) throw new Error('inject() before the bot is ready: call waitForReady() first');
    const guildId = opts.guildId ?? FAKE_GUILD_ID;
    const ws = this.socketFor((opts.context ?? 0) === 0 ? guildId : null);
    const id = this.snowflake();
    const token = `itok_${id}_${Math.random().toString(36).slice(2)}`;
    const channelId = opts.channelId ?? this.channelOfGuild(guildId);
    let resolve!: (r: InteractionResult) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<InteractionResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const userId = opts.userId ?? FAKE_USER_ID;
    const state: InteractionState = {
      id,
      token,
      userId,
      channelId,
      type: partial.type,
      dispatchedAt: 0,
      callbackType: null,
      callbackAt: null,
      sourceMessage: partial.message ?? null,
      original: null,
      followUps: [],
      deleted: false,
      resolve,
      settled: false,
      choices: [],
    };
    this.interactions.set(id, state);
    this.byToken.set(token, state);
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      if (!state.settled)
        reject(new Error(`interaction ${id} (type ${partial.type}) got no final response within ${timeoutMs} ms`));
    }, timeoutMs);
    done.finally(() => clearTimeout(timer)).catch(() => undefined);
    const context = opts.context ?? 0;
    const install = opts.install ?? 'guild';
    this.checkInstallable(partial, install, context);
    const owners: Record<string, string> = install === 'user' ? { '1': userId } : { '0': guildId };
    state.owners = owners;
    if (context === 0 && install === 'user' && !this.guilds.some((g) => g.id === guildId)) {
      this.foreignChannels.add(channelId);
    }
    const place =
      context === 0
        ? {
            guild_id: guildId,
            guild: { id: guildId, locale: 'fr', features: [] },
            channel: {
              id: channelId,
              type: opts.channelType ?? 0,
              guild_id: guildId,
              name: 'questions',
              ...(opts.channelType === 11
                ? {
                    parent_id: FAKE_CHANNEL_ID,
                    thread_metadata: {
                      archived: false,
                      locked: false,
                      auto_archive_duration: 10080,
                      archive_timestamp: new Date().toISOString(),
                    },
                  }
                : {}),
              permission_overwrites: [],
              position: 0,
              nsfw: false,
              parent_id: null,
              flags: 0,
            },
            member: this.member(userId, opts.permissions ?? '2248473465835073'),
            guild_locale: 'fr',
          }
        : {
            channel: { id: channelId, type: context === 1 ? 1 : 3, recipients: [testUser(userId)], flags: 0 },
            user: testUser(userId),
          };
    const data = opts.resolved
      ? { ...partial.data, resolved: this.resolvedData(opts.resolved, guildId) }
      : partial.data;
    const d = {
      id,
      application_id: FAKE_APP_ID,
      type: partial.type,
      data,
      ...place,
      channel_id: channelId,
      token,
      version: 1,
      app_permissions: opts.appPermissions ?? '2248473465835073',
      locale: opts.locale ?? 'fr',
      entitlements: [],
      authorizing_integration_owners: owners,
      context,
      attachment_size_limit: this.attachmentSizeLimit,
      ...(partial.message ? { message: partial.message } : {}),
    };
    state.dispatchedAt = this.clock();
    this.dispatch(ws, 'INTERACTION_CREATE', d);
    return { id, token, dispatchedAt: state.dispatchedAt, done };
  }

  /**
   * Discord offers a globally registered command only where its declaration allows: a user install needs
   * `integration_types` with 1, and the context must be in `contexts` (checked once commands are deployed).
   */
  private checkInstallable(
    partial: { type: number; data: Record<string, unknown> },
    install: string,
    context: number,
  ): void {
    if (partial.type !== 2) return;
    const declared = (this.commandsByScope.get('global') ?? []) as Array<Record<string, unknown>>;
    const c = declared.find((d) => d.name === partial.data.name);
    if (!c) return;
    const types = (c.integration_types as number[] | undefined) ?? [0];
    const contexts = (c.contexts as number[] | undefined) ?? [0, 1, 2];
    if (!types.includes(install === 'user' ? 1 : 0))
      this.violation(`command ${String(c.name)} used through a ${install} install it is not declared for`);
    if (!contexts.includes(context)) this.violation(`command ${String(c.name)} used in context ${context}`);
  }

  /** `data.resolved` of an interaction, as Discord fills it for role and channel options. */
  private resolvedData(r: NonNullable<InjectOptions['resolved']>, guildId: string): Record<string, unknown> {
    const roles = Object.fromEntries(
      (r.roles ?? []).map((role) => [
        role.id,
        {
          id: role.id,
          name: role.name ?? 'veille',
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 1,
          permissions: '0',
          managed: role.managed ?? false,
          mentionable: role.mentionable ?? false,
          flags: 0,
        },
      ]),
    );
    const channels = Object.fromEntries(
      (r.channels ?? []).map((c) => [
        c.id,
        { id: c.id, type: c.type, name: 'salon', permissions: '2248473465835073', guild_id: guildId, flags: 0 },
      ]),
    );
    return { ...(r.roles ? { roles } : {}), ...(r.channels ? { channels } : {}) };
  }

  /** A chat input command. `options` is flat ({ texte: 'x' }); `subcommand` nests them. */
  command(
    name: string,
    options: Record<string, string | number | boolean> = {},
    opts: InjectOptions & { subcommand?: string } = {},
  ): InjectedInteraction {
    // A value naming a resolved role or channel is a role (8) or channel (7) option, as Discord sends them.
    const typeOf = (v: string | number | boolean): number =>
      opts.resolved?.roles?.some((r) => r.id === v)
        ? 8
        : opts.resolved?.channels?.some((c) => c.id === v)
          ? 7
          : typeof v === 'string'
            ? 3
            : typeof v === 'boolean'
              ? 5
              : Number.isInteger(v)
                ? 4
                : 10;
    const flat = Object.entries(options).map(([n, v]) => ({
      name: n,
      type: typeOf(v),
      value: v,
    })) as APIApplicationCommandInteractionDataOption[];
    const dataOptions = opts.subcommand ? [{ name: opts.subcommand, type: 1, options: flat }] : flat;
    return this.inject(
      {
        type: 2,
        data: {
          id: this.snowflake(),
          name,
          type: 1,
          options: dataOptions,
          ...((opts.context ?? 0) === 0 ? { guild_id: opts.guildId ?? FAKE_GUILD_ID } : {}),
        },
      },
      opts,
    );
  }

  autocomplete(
    name: string,
    options: Record<string, string | number>,
    focused: string,
    opts: InjectOptions & { subcommand?: string } = {},
  ): InjectedInteraction {
    const flat = Object.entries(options).map(([n, v]) => ({
      name: n,
      type: typeof v === 'string' ? 3 : 4,
      value: v,
      ...(n === focused ? { focused: true } : {}),
    }));
    const dataOptions = opts.subcommand ? [{ name: opts.subcommand, type: 1, options: flat }] : flat;
    return this.inject({ type: 4, data: { id: this.snowflake(), name, type: 1, options: dataOptions } }, opts);
  }

  button(message: APIMessage, customId: string, opts: InjectOptions = {}): InjectedInteraction {
    const exists = (message.components ?? []).some((row) =>
      'components' in row ? row.components.some((c) => 'custom_id' in c && c.custom_id === customId) : false,
    );
    if (!exists) throw new Error(`no component ${customId} on message ${message.id}`);
    return this.inject({ type: 3, data: { custom_id: customId, component_type: 2 }, message }, opts);
  }

  select(message: APIMessage, customId: string, values: string[], opts: InjectOptions = {}): InjectedInteraction {
    return this.inject({ type: 3, data: { custom_id: customId, component_type: 3, values }, message }, opts);
  }

  /**
   * A user's message, as the gateway delivers it to a bot WITHOUT the privileged MessageContent intent: the
   * content is there only when the message mentions the bot or is a DM. `done` resolves with the bot's reply to
   * it (a channel message whose message_reference is this message); rejects after `timeoutMs`.
   */
  userMessage(
    content: string,
    opts: { mention?: boolean; dm?: boolean; userId?: string; channelId?: string; timeoutMs?: number } = {},
  ): { message: APIMessage; done: Promise<{ message: APIMessage; body: Record<string, unknown> }> } {
    if (!this.identified) throw new Error('userMessage() before the bot is ready: call waitForReady() first');
    const ws = [...this.sockets][0];
    if (!ws) throw new Error('no gateway connection');
    const userId = opts.userId ?? FAKE_USER_ID;
    const dm = opts.dm === true;
    const channelId = dm ? `9${userId.slice(1)}` : (opts.channelId ?? FAKE_CHANNEL_ID);
    const text = opts.mention ? `<@${BOT_USER.id}> ${content}` : content;
    const readable = dm || opts.mention === true || (this.identifyIntents & MESSAGE_CONTENT_INTENT) !== 0;
    const id = this.snowflake();
    const message = {
      id,
      channel_id: channelId,
      author: testUser(userId),
      content: readable ? text : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: opts.mention ? [BOT_USER] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...(dm
        ? {}
        : {
            guild_id: FAKE_GUILD_ID,
            member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
          }),
    } as unknown as APIMessage;
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const done = new Promise<{ message: APIMessage; body: Record<string, unknown> }>((resolve, reject) => {
      const t = setTimeout(() => {
        this.messageWaiters.delete(id);
        reject(new Error(`no reply to message ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.messageWaiters.set(id, { resolve: (r) => (clearTimeout(t), resolve(r)) });
    });
    // Discord only sends guild messages to a bot that asked for GuildMessages, DMs for DirectMessages.
    const intent = dm ? DIRECT_MESSAGES_INTENT : GUILD_MESSAGES_INTENT;
    // The gateway adds `channel_type` (discord.js needs it to build an uncached DM channel).
    if ((this.identifyIntents & intent) !== 0)
      this.dispatch(ws, 'MESSAGE_CREATE', { ...message, channel_type: dm ? 1 : 0 });
    return { message, done };
  }

  /** A message context-menu command (type 2 interaction, data.type 3) on `target`. */
  messageCommand(
    name: string,
    target: APIMessage,
    opts: { userId?: string; timeoutMs?: number } = {},
  ): InjectedInteraction {
    return this.inject(
      {
        type: 2,
        data: {
          id: this.snowflake(),
          name,
          type: 3,
          target_id: target.id,
          resolved: { messages: { [target.id]: { ...target, content: target.content } } },
        },
      },
      opts,
    );
  }

  /** A bot asking for a privileged intent the application was not granted is disconnected (4014), as Discord does. */
  private privilegedIntentsProblem(intents: number, ws: WebSocket): boolean {
    const privileged = intents & (MESSAGE_CONTENT_INTENT | GUILD_MEMBERS_INTENT | GUILD_PRESENCES_INTENT);
    if (!privileged) return false;
    this.violations.push(
      `gateway: IDENTIFY asks for privileged intents ${privileged} that the application does not have`,
    );
    ws.close(4014, 'Disallowed intent(s).');
    return true;
  }

  /** Every interaction's acknowledgement time (ms), for load tests. */
  ackTimes(): number[] {
    return [...this.interactions.values()]
      .filter((s) => s.callbackAt !== null)
      .map((s) => (s.callbackAt as number) - s.dispatchedAt);
  }

  // ------------------------------------------------------------------------------------------- REST

  /** A message someone else wrote in the test channel: the target of a message context-menu command. */
  someonesMessage(content: string): APIMessage {
    return this.makeMessage(FAKE_CHANNEL_ID, { content }, { author: testUser('1', 'x') });
  }

  private makeMessage(channelId: string, body: Record<string, unknown>, extra: Partial<APIMessage> = {}): APIMessage {
    const id = extra.id ?? this.snowflake();
    const ping = this.pingsOf(body);
    if (typeof body.content === 'string' || body.allowed_mentions !== undefined)
      this.pings.push({ channelId, messageId: id, ...ping });
    return {
      id,
      channel_id: channelId,
      author: BOT_USER,
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: ping.everyone,
      mentions: ping.users.map((u) => testUser(u)),
      mention_roles: ping.roles,
      embeds: (body.embeds ?? []) as APIEmbed[],
      components: (body.components ?? []) as APIMessage['components'],
      attachments: this.storeAttachments(body, []),
      pinned: false,
      type: 0,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...extra,
    } as APIMessage;
  }

  private finish(state: InteractionResultSource, message: APIMessage | null, body: Record<string, unknown>): void {
    const s = state;
    if (s.settled) return;
    s.settled = true;
    const now = this.clock();
    s.resolve({
      callbackType: s.callbackType ?? 0,
      ackMs: (s.callbackAt ?? now) - s.dispatchedAt,
      replyMs: now - s.dispatchedAt,
      body,
      message: message ?? this.makeMessage(FAKE_CHANNEL_ID, {}),
      ephemeral: ((message?.flags ?? 0) & 64) === 64,
      choices: s.choices,
    });
  }

  private violation(what: string): void {
    this.violations.push(what);
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    if (status === 204) {
      res.writeHead(204, headers).end();
      return 204;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    return status;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const rec: RecordedRequest = {
      method,
      path,
      query: url.search,
      headers: req.headers,
      body,
      at: Date.now(),
      status: 0,
    };
    this.requests.push(rec);
    // ops: failure modes (see failRequests / holdRequests); without rules, straight to route().
    this.noticeRequest(rec);
    const failed = this.failureFor(rec);
    if (failed !== null) {
      rec.status = this.json(
        res,
        failed,
        failed === 404
          ? { message: 'Unknown interaction', code: 10062 }
          : { message: '500: Internal Server Error', code: 0 },
      );
      return;
    }
    if (this.limits) {
      const route = path.replace(/^\/api\/v10/, '');
      const verdict = this.limits.take(
        method,
        route,
        this.isInteractionEndpoint(route) ? null : (req.headers.authorization ?? 'ip:127.0.0.1'),
        this.clock(),
      );
      for (const [k, v] of Object.entries(verdict.headers)) res.setHeader(k, v);
      if (verdict.limited) {
        this.rateLimited.push({
          method,
          path: route,
          scope: verdict.limited.scope,
          bucket: verdict.limited.bucket,
          retryAfterMs: verdict.limited.retryAfterMs,
          at: Date.now(),
        });
        rec.status = this.json(res, 429, verdict.limited.body);
        return;
      }
    }
    const hold = this.holdFor(rec);
    if (hold?.when === 'before') await hold.gate;
    if (hold?.when !== 'after') {
      rec.status = this.route(method, path, url.searchParams, req, body as Record<string, unknown> | undefined, res);
      return;
    }
    // Route now (Discord did the work), answer later.
    const held = heldResponse();
    rec.status = this.route(method, path, url.searchParams, req, body as Record<string, unknown> | undefined, held.res);
    await hold.gate;
    held.replay(res);
  }

  // ------------------------------------------------------------------------------------------- failure modes (ops)
  // Interaction routes that fail (500, 404) or answer late, to test what the bot logs and how it stops.

  private failureRules: Array<{ match: RequestMatch; status: 404 | 500; times: number; count: number }> = [];
  private holdRules: Array<{
    match: RequestMatch;
    when: 'before' | 'after';
    gate: Promise<void>;
    reached: (r: RecordedRequest) => void;
  }> = [];
  private requestWaiters: Array<{ match: RequestMatch; resolve: (r: RecordedRequest) => void }> = [];

  /** Answers requests matching `match` with `status` (Discord's JSON error body), `times` times (default: always). */
  failRequests(match: RequestMatch, status: 404 | 500, times = Number.POSITIVE_INFINITY): { remove(): void } {
    const rule = { match, status, times, count: 0 };
    this.failureRules.push(rule);
    return { remove: () => void this.failureRules.splice(this.failureRules.indexOf(rule) >>> 0, 1) };
  }

  /**
   * Holds requests matching `match` until `release()`: 'before' routing them (nothing happened yet), or 'after'
   * (Discord did the work: message stored, interaction acknowledged; only the answer is late). `reached` resolves
   * with the first held request.
   */
  holdRequests(match: RequestMatch, when: 'before' | 'after'): { reached: Promise<RecordedRequest>; release(): void } {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: (r: RecordedRequest) => void;
    const first = new Promise<RecordedRequest>((resolve) => (reached = resolve));
    const rule = { match, when, gate, reached };
    this.holdRules.push(rule);
    return {
      reached: first,
      release: () => {
        this.holdRules.splice(this.holdRules.indexOf(rule) >>> 0, 1);
        release();
      },
    };
  }

  /** Resolves with the first request (already recorded or to come) matching `match`. */
  waitForRequest(match: RequestMatch, timeoutMs = 10_000): Promise<RecordedRequest> {
    const seen = this.requests.find((r) => matches(match, r));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no request ${match.method ?? ''} ${String(match.path)} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.requestWaiters.push({ match, resolve: (r) => (clearTimeout(t), resolve(r)) });
    });
  }

  /** Forgets recorded requests and settled interactions (long runs keep the fake's memory flat). */
  forget(): void {
    this.requests.length = 0;
    for (const [id, s] of this.interactions) {
      if (!s.settled) continue;
      this.interactions.delete(id);
      this.byToken.delete(s.token);
    }
  }

  private noticeRequest(rec: RecordedRequest): void {
    for (const w of [...this.requestWaiters]) {
      if (!matches(w.match, rec)) continue;
      this.requestWaiters.splice(this.requestWaiters.indexOf(w), 1);
      w.resolve(rec);
    }
  }

  private failureFor(rec: RecordedRequest): 404 | 500 | null {
    const rule = this.failureRules.find((r) => r.count < r.times && matches(r.match, rec));
    if (!rule) return null;
    rule.count++;
    return rule.status;
  }

  private holdFor(rec: RecordedRequest): { when: 'before' | 'after'; gate: Promise<void> } | null {
    const rule = this.holdRules.find((r) => matches(r.match, rec));
    if (!rule) return null;
    rule.reached(rec);
    return rule;
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
    body: Record<string, unknown> | undefined,
    res: ServerResponse,
  ): number {
    const p = path.replace(/^\/api\/v10/, '');
    const tooLarge = uploadProblems(body, this.attachmentSizeLimit);
    if (tooLarge.length) {
      for (const pr of tooLarge) this.violation(`${method} ${p}: ${pr}`);
      return this.json(res, 413, { message: 'Request entity too large', code: 40005 });
    }
    if (p === path) {
      this.violation(`request outside /api/v10: ${method} ${path}`);
      return this.json(res, 404, { message: '404: Not Found', code: 0 });
    }
    const isInteractionRoute = p.startsWith('/interactions/') || p.startsWith('/webhooks/');
    if (!isInteractionRoute) {
      const auth = req.headers.authorization;
      if (auth !== `Bot ${this.token}`) {
        if (this.rejectToken && p === '/gateway/bot')
          return this.json(res, 401, { message: '401: Unauthorized', code: 0 });
        this.violation(`${method} ${p}: missing or wrong Authorization`);
        return this.json(res, 401, { message: '401: Unauthorized', code: 0 });
      }
    }
    let m: RegExpExecArray | null;

    const onChannel = /^\/channels\/(\d+)/.exec(p)?.[1];
    if (onChannel !== undefined && this.foreignChannels.has(onChannel)) {
      this.violation(`${method} ${p}: a channel of a server the bot is not in (answer through the interaction)`);
      return this.json(res, 403, { message: 'Missing Access', code: 50001 });
    }

    const threadAnswer = this.threadRoute(method, p, body, res);
    if (threadAnswer !== null) return threadAnswer;

    if (method === 'GET' && p === '/gateway/bot') {
      if (this.rejectToken) return this.json(res, 401, { message: '401: Unauthorized', code: 0 });
      return this.json(res, 200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.recommendedShards,
        // Large bots get max_concurrency > 1: that many shards may identify at once (otherwise 5 s apart).
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: Math.max(1, this.recommendedShards),
        },
      });
    }
    if (method === 'GET' && (p === '/applications/@me' || p === '/oauth2/applications/@me')) {
      return this.json(res, 200, {
        id: FAKE_APP_ID,
        name: 'questions-bot',
        flags: 0,
        bot_public: true,
        bot_require_code_grant: false,
        description: '',
        icon: null,
        verify_key: 'x',
        team: null,
      });
    }
    if (method === 'GET' && p === '/users/@me') return this.json(res, 200, BOT_USER);

    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(p))) {
      const [, app, guild] = m;
      if (app !== FAKE_APP_ID) this.violation(`commands registered for unknown application ${app}`);
      const scope = guild ? `guild:${guild}` : 'global';
      if (method === 'GET') return this.json(res, 200, this.commandsByScope.get(scope) ?? []);
      if (method === 'PUT') {
        if (!Array.isArray(body)) {
          this.violation('PUT commands: body is not an array');
          return this.json(res, 400, { message: 'Invalid Form Body', code: 50035 });
        }
        const problems = checkCommandDeclarations(body, guild ? 'guild' : 'global');
        if (problems.length) {
          for (const pr of problems) this.violation(`PUT commands: ${pr}`);
          return this.json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
        }
        const echoed = body.map((c: Record<string, unknown>) => ({
          ...c,
          id: this.snowflake(),
          application_id: app,
          version: this.snowflake(),
          type: c.type ?? 1,
          ...(guild ? { guild_id: guild } : {}),
        }));
        this.commandsByScope.set(scope, echoed);
        return this.json(res, 200, echoed);
      }
    }

    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(p))) {
      const [, id, token] = m;
      const s = this.interactions.get(id ?? '');
      if (!s || s.token !== token) {
        this.violation(`callback for unknown interaction ${id}`);
        return this.json(res, 404, { message: 'Unknown interaction', code: 10062 });
      }
      const now = this.clock();
      if (s.callbackType !== null) {
        this.violation(`interaction ${id} acknowledged twice`);
        return this.json(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      const ack = now - s.dispatchedAt;
      if (ack > this.ackDeadlineMs) {
        this.violation(`interaction ${id} acknowledged after ${ack} ms (> ${this.ackDeadlineMs} ms)`);
        return this.json(res, 404, { message: 'Unknown interaction', code: 10062 });
      }
      const type = Number(body?.type);
      const data = (body?.data ?? {}) as Record<string, unknown>;
      s.callbackType = type;
      s.callbackAt = now;
      if (type === 4) {
        const problems = checkMessageBody(data, { requireContent: true });
        if (problems.length) return this.reject(res, `reply to interaction ${id}`, problems);
        s.original = this.makeMessage(s.channelId, data, {
          // As Discord sends it: discord.js reads `user` back when a component of this message is used.
          interaction_metadata: {
            id,
            type: s.type,
            user: testUser(s.userId),
            authorizing_integration_owners: s.owners ?? { '0': FAKE_GUILD_ID },
          },
        } as Partial<APIMessage>);
        this.finish(s, s.original, data);
      } else if (type === 7) {
        if (!s.sourceMessage) this.violation(`update (7) on interaction ${id} without a message`);
        const problems = checkMessageBody(data, { requireContent: false });
        if (problems.length) return this.reject(res, `update of interaction ${id}`, problems);
        s.original = this.applyEdit(s.sourceMessage ?? this.makeMessage(s.channelId, {}), data);
        this.finish(s, s.original, data);
      } else if (type === 8) {
        if (s.type !== 4) this.violation(`autocomplete result for a non-autocomplete interaction ${id}`);
        const choices = (data.choices ?? []) as Array<{ name: string; value: string | number }>;
        const problems: string[] = [];
        if (choices.length > 25) problems.push(`${choices.length} choices > 25`);
        for (const c of choices) {
          if (!c.name || c.name.length > 100) problems.push(`choice name length ${c.name?.length}`);
          if (typeof c.value === 'string' && c.value.length > 100)
            problems.push(`choice value length ${c.value.length}`);
        }
        if (problems.length) return this.reject(res, `autocomplete ${id}`, problems);
        s.choices = choices;
        this.finish(s, null, data);
      } else if (type === 5) {
        s.original = this.makeMessage(s.channelId, { content: '', flags: data.flags }, {
          flags: (Number(data.flags ?? 0) & 64) | 128,
        } as Partial<APIMessage>);
      } else if (type === 6) {
        if (!s.sourceMessage) this.violation(`deferred update (6) on interaction ${id} without a message`);
        s.original = s.sourceMessage;
      } else {
        this.violation(`unsupported callback type ${type}`);
        return this.json(res, 400, { message: 'Invalid interaction response type', code: 50035 });
      }
      return this.json(res, 204, null);
    }

    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(p))) {
      const [, , token, which] = m;
      const s = this.byToken.get(token ?? '');
      if (!s) {
        this.violation(`webhook for unknown interaction token`);
        return this.json(res, 404, { message: 'Unknown Webhook', code: 10015 });
      }
      if (s.callbackType === null) {
        this.violation(`${method} @original before the interaction was acknowledged`);
        return this.json(res, 404, { message: 'Unknown Message', code: 10008 });
      }
      const target = which === '@original' ? s.original : (s.followUps.find((f) => f.id === which) ?? null);
      if (method === 'GET')
        return target ? this.json(res, 200, target) : this.json(res, 404, { message: 'Unknown Message', code: 10008 });
      if (method === 'DELETE') {
        if (which === '@original') s.deleted = true;
        return this.json(res, 204, null);
      }
      if (method === 'PATCH') {
        const data = body ?? {};
        const problems = checkMessageBody(data, { requireContent: false });
        if (problems.length) return this.reject(res, `edit of interaction ${s.id}`, problems);
        const base = target ?? this.makeMessage(s.channelId, {});
        const edited = this.applyEdit(base, data, s.callbackType === 5 ? { flags: (base.flags ?? 0) & ~128 } : {});
        if (!edited.content && edited.embeds.length === 0) problems.push('edit leaves an empty message');
        if (problems.length) return this.reject(res, `edit of interaction ${s.id}`, problems);
        if (which === '@original') s.original = edited;
        if (which === '@original' && (s.callbackType === 5 || s.callbackType === 6)) this.finish(s, edited, data);
        return this.json(res, 200, edited);
      }
    }

    if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(p))) {
      const [, , token] = m;
      const s = this.byToken.get(token ?? '');
      if (!s) {
        this.violation('follow-up for unknown interaction token');
        return this.json(res, 404, { message: 'Unknown Webhook', code: 10015 });
      }
      if (s.callbackType === null) this.violation(`follow-up on interaction ${s.id} before acknowledgement`);
      const data = body ?? {};
      const problems = checkMessageBody(data, { requireContent: true });
      if (problems.length) return this.reject(res, `follow-up of interaction ${s.id}`, problems);
      const msg = this.makeMessage(s.channelId, data);
      s.followUps.push(msg);
      // A follow-up after a deferral (or after deleting the deferred original) is the final answer.
      if (s.callbackType === 5 || s.callbackType === 6) this.finish(s, msg, data);
      return this.json(res, 200, msg);
    }

    if (method === 'POST' && p === '/users/@me/channels') {
      const recipient = String(body?.recipient_id ?? '');
      return this.json(res, 200, {
        id: `9${recipient.slice(1)}`,
        type: 1,
        recipients: [testUser(recipient)],
        last_message_id: null,
        flags: 0,
      });
    }

    if ((m = /^\/channels\/(\d+)\/messages$/.exec(p))) {
      const channelId = m[1] as string;
      if (method === 'GET') {
        const limit = Math.min(100, Number(query.get('limit') ?? 50));
        const list = [...(this.channels.get(channelId) ?? [])]
          .reverse()
          .slice(0, limit)
          .map((msg) => {
            const { nonce: _nonce, ...rest } = msg as APIMessage & { nonce?: unknown };
            return rest;
          });
        return this.json(res, 200, list);
      }
      if (method === 'POST') {
        const thread = this.threads.get(channelId);
        if (thread?.deleted) return this.json(res, 404, { message: 'Unknown Channel', code: 10003 });
        if (thread?.locked) return this.json(res, 403, { message: 'Thread is locked', code: 50083 });
        if (this.forums.has(channelId)) {
          return this.reject(res, `message to forum ${channelId}`, ['a forum holds only posts (threads)']);
        }
        // A message in an archived thread that is not locked unarchives it.
        if (thread?.archived) thread.archived = false;
        const failure = this.failures.get(channelId);
        if (failure && (failure.times === undefined || failure.count < failure.times)) {
          failure.count++;
          if (failure.status === 403) return this.json(res, 403, { message: 'Missing Permissions', code: 50013 });
          if (failure.status === 404) return this.json(res, 404, { message: 'Unknown Channel', code: 10003 });
          if (failure.status === 429) {
            const after = failure.retryAfter ?? 1;
            return this.json(
              res,
              429,
              { message: 'You are being rate limited.', retry_after: after, global: false },
              {
                'retry-after': String(Math.ceil(after)),
                'x-ratelimit-scope': 'user',
              },
            );
          }
          return this.json(res, 500, { message: '500: Internal Server Error', code: 0 });
        }
        const data = body ?? {};
        const problems = [...checkMessageBody(data, { requireContent: true }), ...checkReplyMentions(data)];
        if (problems.length) return this.reject(res, `message to channel ${channelId}`, problems);
        const replyTo = (data.message_reference as { message_id?: string } | undefined)?.message_id;
        if (replyTo && this.messageWaiters.has(replyTo)) {
          const msg = this.makeMessage(channelId, data, {
            message_reference: { message_id: replyTo, channel_id: channelId },
          } as Partial<APIMessage>);
          this.pushChannel(channelId, msg);
          this.messageWaiters.get(replyTo)!.resolve({ message: msg, body: data });
          this.messageWaiters.delete(replyTo);
          return this.json(res, 200, msg);
        }
        const nonce = data.nonce;
        if (
          nonce !== undefined &&
          ((typeof nonce !== 'string' && typeof nonce !== 'number') || String(nonce).length > 25)
        ) {
          return this.reject(res, `message to channel ${channelId}`, [
            'nonce must be a string or integer of at most 25 characters',
          ]);
        }
        if (nonce !== undefined && data.enforce_nonce === true) {
          const key = `${channelId}:${String(nonce)}`;
          const seen = this.nonces.get(key);
          if (seen && Date.now() - seen.at < 5 * 60_000) return this.json(res, 200, seen.message);
          const msg = this.makeMessage(channelId, data, { nonce } as Partial<APIMessage>);
          this.nonces.set(key, { message: msg, at: Date.now() });
          this.pushChannel(channelId, msg);
          return this.json(res, 200, msg);
        }
        const msg = this.makeMessage(channelId, data, nonce === undefined ? {} : ({ nonce } as Partial<APIMessage>));
        this.pushChannel(channelId, msg);
        return this.json(res, 200, msg);
      }
    }

    this.violation(`unknown route ${method} ${p}`);
    return this.json(res, 404, { message: '404: Not Found', code: 0 });
  }

  /**
   * The message's attachments after a create or an edit: kept ones (listed by id in `attachments`) and the
   * uploads (`files[n]` parts, described by the `attachments` entry whose id is n). Bytes are kept for tests.
   */
  private storeAttachments(body: Record<string, unknown>, existing: readonly APIAttachment[]): APIAttachment[] {
    const listed = (Array.isArray(body.attachments) ? body.attachments : []) as Array<{
      id: string | number;
      description?: string;
    }>;
    const uploads = uploadsOf(body);
    const kept =
      body.attachments === undefined
        ? [...existing]
        : existing.filter((a) => listed.some((l) => String(l.id) === a.id));
    const added = uploads.map((u) => {
      const id = this.snowflake();
      this.attachmentBytes.set(id, u.data);
      const description = listed.find((l) => String(l.id) === String(u.index))?.description;
      return {
        id,
        filename: u.filename,
        size: u.data.length,
        url: `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(u.filename)}`,
        proxy_url: `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(u.filename)}`,
        content_type: u.contentType,
        ...(description ? { description } : {}),
      } as APIAttachment;
    });
    return [...kept, ...added];
  }

  /** The bytes of an attachment of a stored message, by file name. */
  attachmentData(message: APIMessage, filename: string): Buffer {
    const a = (message.attachments ?? []).find((x) => x.filename === filename);
    const data = a ? this.attachmentBytes.get(a.id) : undefined;
    if (!a || !data)
      throw new Error(
        `no attachment ${filename} on message ${message.id} (has: ${(message.attachments ?? []).map((x) => x.filename).join(', ')})`,
      );
    return data;
  }

  /**
   * Discord: "Interaction endpoints are not bound to the bot's Global Rate Limit": the interaction callback and
   * the webhook routes opened by an interaction token (original response, follow-ups).
   */
  private isInteractionEndpoint(route: string): boolean {
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) return true;
    const m = /^\/webhooks\/\d+\/([^/]+)/.exec(route);
    return m !== null && this.byToken.has(m[1] ?? '');
  }

  private pushChannel(channelId: string, msg: APIMessage): void {
    const list = this.channels.get(channelId) ?? [];
    list.push(msg);
    this.channels.set(channelId, list);
  }

  private applyEdit(base: APIMessage, data: Record<string, unknown>, extra: Partial<APIMessage> = {}): APIMessage {
    return {
      ...base,
      ...(data.content !== undefined ? { content: (data.content as string | null) ?? '' } : {}),
      ...(data.embeds !== undefined ? { embeds: (data.embeds as APIEmbed[] | null) ?? [] } : {}),
      ...(data.components !== undefined
        ? { components: (data.components as APIMessage['components'] | null) ?? [] }
        : {}),
      ...(data.attachments !== undefined || uploadsOf(data).length
        ? { attachments: this.storeAttachments(data, base.attachments ?? []) }
        : {}),
      edited_timestamp: new Date().toISOString(),
      ...extra,
    };
  }

  private reject(res: ServerResponse, what: string, problems: string[]): number {
    for (const pr of problems) this.violation(`${what}: ${pr}`);
    return this.json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
  }
}

type InteractionResultSource = InteractionState;

/** Which requests a failure mode applies to: method (any when absent) and a pattern of the path (with /api/v10). */
export interface RequestMatch {
  method?: string;
  path: RegExp;
  /** Further condition, asked once per request by the rule it belongs to (e.g. "the 2nd one"). */
  test?: (r: RecordedRequest) => boolean;
}

/** Interaction routes, for failure modes: the callback, a follow-up, an edit of @original. */
export const INTERACTION_ROUTES = {
  callback: { method: 'POST', path: /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/ },
  followUp: { method: 'POST', path: /^\/api\/v10\/webhooks\/\d+\/[^/]+$/ },
  editOriginal: { method: 'PATCH', path: /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/ },
} satisfies Record<string, RequestMatch>;

function matches(m: RequestMatch, r: RecordedRequest): boolean {
  return (m.method === undefined || m.method === r.method) && m.path.test(r.path) && (m.test?.(r) ?? true);
}

/** A stand-in response that keeps what route() wrote, to write it to the real one later. */
function heldResponse(): { res: ServerResponse; replay(res: ServerResponse): void } {
  let status = 200;
  let headers: Record<string, string> = {};
  let body: string | undefined;
  const stand = {
    headersSent: false,
    writeHead(s: number, h?: Record<string, string>) {
      status = s;
      headers = h ?? {};
      return stand;
    },
    end(b?: string) {
      body = b;
      return stand;
    },
  };
  return {
    res: stand as unknown as ServerResponse,
    replay(res) {
      if (res.destroyed) return;
      res.writeHead(status, headers).end(body);
    },
  };
}

// ------------------------------------------------------------------------------------------- rate limits
//
// What Discord documents (docs/topics/rate-limits): a global limit of 50 requests per second per bot (per IP
// without authorization), independent of per-route limits; "Interaction endpoints are not bound to the bot's
// Global Rate Limit"; per-route limits keyed by the top-level resource (channel_id, guild_id, webhook_id or
// webhook_id + webhook_token) and shared by similar routes (X-RateLimit-Bucket); every response carries
// X-RateLimit-Limit / -Remaining / -Reset (epoch s) / -Reset-After (s) / -Bucket; a 429 carries a JSON body
// { message, retry_after (s, float), global } and the Retry-After header (whole seconds), plus
// X-RateLimit-Global and X-RateLimit-Scope: global for the global limit, X-RateLimit-Scope: user for a route.
// Discord publishes no per-route figures ("should not be hard coded"): the table below uses commonly observed
// ones, and the client must learn them from the headers, as discord.js does. Route windows are fixed (a bucket
// empties, then refills at its reset), as the Reset / Reset-After headers describe. The global limit has no
// headers until it is hit; "50 requests per second" is kept as a bucket of 50 refilled continuously (50/s), so a
// client pacing itself at 50 per second is never refused whatever the latency between its clock and ours.

export interface RateLimitOptions {
  /** Requests per second per bot token on routes bound to the global limit (Discord: 50). */
  globalPerSecond?: number;
  /** Overrides of the per-route table (by bucket name). */
  routes?: Record<string, { limit: number; windowMs: number }>;
}

export interface RateLimitHit {
  method: string;
  path: string;
  scope: 'global' | 'user';
  bucket: string | null;
  retryAfterMs: number;
  at: number;
}

interface RouteRule {
  bucket: string;
  method: string | null;
  pattern: RegExp;
  limit: number;
  windowMs: number;
}

/** Per-route buckets; the first match wins. The top-level resource is the pattern's captures. */
const ROUTE_RULES: RouteRule[] = [
  // The interaction callback: one per interaction (a second is refused as "already acknowledged"), no bucket.
  {
    bucket: 'channel-message-create',
    method: 'POST',
    pattern: /^\/channels\/(\d+)\/messages$/,
    limit: 5,
    windowMs: 5000,
  },
  {
    bucket: 'channel-messages-read',
    method: 'GET',
    pattern: /^\/channels\/(\d+)\/messages$/,
    limit: 5,
    windowMs: 1000,
  },
  // Thread creation has its own limit (Discord publishes none; a commonly observed order of magnitude).
  { bucket: 'thread-create', method: 'POST', pattern: /^\/channels\/(\d+)\/threads$/, limit: 5, windowMs: 5000 },
  { bucket: 'webhook-token', method: null, pattern: /^\/webhooks\/(\d+\/[^/]+)(?:\/|$)/, limit: 5, windowMs: 2000 },
  {
    bucket: 'application-commands',
    method: null,
    pattern: /^\/applications\/(\d+)(?:\/guilds\/\d+)?\/commands/,
    limit: 2,
    windowMs: 1000,
  },
  { bucket: 'dm-create', method: 'POST', pattern: /^\/users\/@me\/channels$/, limit: 5, windowMs: 1000 },
];
const DEFAULT_RULE = { bucket: 'default', limit: 10, windowMs: 1000 };

interface Window {
  count: number;
  resetAt: number;
}

export interface RateLimitVerdict {
  headers: Record<string, string>;
  limited: null | {
    scope: 'global' | 'user';
    bucket: string | null;
    retryAfterMs: number;
    body: Record<string, unknown>;
  };
}

export class RateLimits {
  private readonly globalPerSecond: number;
  private readonly routes: Record<string, { limit: number; windowMs: number }>;
  private windows = new Map<string, Window>();
  /** Global buckets per token: tokens left and when they were last counted. */
  private globals = new Map<string, { tokens: number; at: number }>();

  constructor(opts: RateLimitOptions) {
    this.globalPerSecond = opts.globalPerSecond ?? 50;
    this.routes = opts.routes ?? {};
  }

  private window(key: string, windowMs: number, now: number): Window {
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    return w;
  }

  /**
   * Counts one request. `globalKey`: who the global limit is counted for (the Authorization header, or the IP),
   * null for the interaction endpoints, which it does not bind.
   */
  take(method: string, route: string, globalKey: string | null, now: number): RateLimitVerdict {
    let rule: { bucket: string; limit: number; windowMs: number } | null = null;
    let major = 'global';
    if (!/^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) {
      const found = ROUTE_RULES.find((r) => (r.method === null || r.method === method) && r.pattern.test(route));
      if (found) major = (found.pattern.exec(route) ?? []).slice(1).join('/');
      else major = /^\/(?:channels|guilds)\/(\d+)/.exec(route)?.[1] ?? 'global';
      const base = found ?? {
        ...DEFAULT_RULE,
        bucket: `${DEFAULT_RULE.bucket}:${method}:${route.replace(/\d{15,21}/g, ':id')}`,
      };
      rule = { bucket: base.bucket, ...(this.routes[base.bucket] ?? { limit: base.limit, windowMs: base.windowMs }) };
    }
    if (globalKey !== null && Number.isFinite(this.globalPerSecond)) {
      const rate = this.globalPerSecond;
      const prev = this.globals.get(globalKey) ?? { tokens: rate, at: now };
      const g = { tokens: Math.min(rate, prev.tokens + ((now - prev.at) * rate) / 1000), at: now };
      this.globals.set(globalKey, g);
      if (g.tokens >= 1) g.tokens -= 1;
      else {
        const after = Math.max(1, Math.ceil(((1 - g.tokens) * 1000) / rate));
        return {
          headers: {
            'retry-after': String(Math.ceil(after / 1000)),
            'x-ratelimit-global': 'true',
            'x-ratelimit-scope': 'global',
          },
          limited: {
            scope: 'global',
            bucket: null,
            retryAfterMs: after,
            body: { message: 'You are being rate limited.', retry_after: round3(after / 1000), global: true },
          },
        };
      }
    }
    if (rule === null) return { headers: {}, limited: null };
    const w = this.window(`${rule.bucket}:${major}`, rule.windowMs, now);
    const hash = bucketHash(rule.bucket);
    const routeHeaders = (remaining: number): Record<string, string> => ({
      'x-ratelimit-limit': String(rule.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(round3(w.resetAt / 1000)),
      'x-ratelimit-reset-after': String(round3((w.resetAt - now) / 1000)),
      'x-ratelimit-bucket': hash,
    });
    if (w.count >= rule.limit) {
      const after = Math.max(1, w.resetAt - now);
      return {
        headers: { ...routeHeaders(0), 'retry-after': String(Math.ceil(after / 1000)), 'x-ratelimit-scope': 'user' },
        limited: {
          scope: 'user',
          bucket: rule.bucket,
          retryAfterMs: after,
          body: { message: 'You are being rate limited.', retry_after: round3(after / 1000), global: false },
        },
      };
    }
    w.count++;
    return { headers: routeHeaders(rule.limit - w.count), limited: null };
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** An opaque bucket id, stable per bucket name (Discord's are hashes too). */
function bucketHash(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** What Discord checks on command declarations (names, lengths, option order, localizations). */
export function checkCommandDeclarations(commands: unknown[], scope: 'global' | 'guild' = 'global'): string[] {
  const problems: string[] = [];
  // Installation kinds (0 guild, 1 user) and contexts (0 server, 1 bot DM, 2 group/other DMs): global commands only.
  for (const raw of commands) {
    const c = raw as Record<string, unknown>;
    const where = `command ${String(c.name)}`;
    for (const [field, allowed] of [
      ['integration_types', [0, 1]],
      ['contexts', [0, 1, 2]],
    ] as const) {
      const v = c[field];
      if (v === undefined || v === null) continue;
      if (scope === 'guild') problems.push(`${where}: ${field} on a guild command`);
      if (
        !Array.isArray(v) ||
        v.length === 0 ||
        v.some((x) => !(allowed as readonly unknown[]).includes(x)) ||
        new Set(v).size !== v.length
      )
        problems.push(`${where}: invalid ${field} ${JSON.stringify(v)}`);
    }
  }
  const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
  const names = new Set<string>();
  if (commands.length > 100) problems.push('more than 100 commands');
  const checkLoc = (where: string, loc: unknown, max: number): void => {
    if (loc === undefined || loc === null) return;
    for (const [k, v] of Object.entries(loc as Record<string, string>)) {
      if (!['en-US', 'en-GB', 'fr'].includes(k)) problems.push(`${where}: unexpected locale ${k}`);
      if (typeof v !== 'string' || v.length < 1 || v.length > max) problems.push(`${where}: localization ${k} length`);
    }
  };
  const checkOptions = (where: string, options: Array<Record<string, unknown>>): void => {
    if (options.length > 25) problems.push(`${where}: more than 25 options`);
    let seenOptional = false;
    const seen = new Set<string>();
    for (const o of options) {
      const n = String(o.name);
      const w = `${where} ${n}`;
      if (!NAME.test(n)) problems.push(`${w}: invalid name`);
      if (seen.has(n)) problems.push(`${w}: duplicate option`);
      seen.add(n);
      const d = String(o.description ?? '');
      if (d.length < 1 || d.length > 100) problems.push(`${w}: description length ${d.length}`);
      checkLoc(w, o.name_localizations, 32);
      checkLoc(w, o.description_localizations, 100);
      if (!o.description_localizations) problems.push(`${w}: no English description`);
      if (o.type === 1 || o.type === 2) {
        checkOptions(w, (o.options ?? []) as Array<Record<string, unknown>>);
        continue;
      }
      if (o.required === true && seenOptional) problems.push(`${w}: required option after an optional one`);
      if (o.required !== true) seenOptional = true;
      if (o.autocomplete === true && Array.isArray(o.choices) && o.choices.length > 0)
        problems.push(`${w}: autocomplete with choices`);
      if (Array.isArray(o.choices) && o.choices.length > 25) problems.push(`${w}: more than 25 choices`);
    }
  };
  for (const raw of commands) {
    const c = raw as Record<string, unknown>;
    const n = String(c.name);
    if (c.type === 2 || c.type === 3) {
      problems.push(...checkContextMenuDeclaration(c, names));
      continue;
    }
    if (!NAME.test(n)) problems.push(`command ${n}: invalid name`);
    if (names.has(n)) problems.push(`command ${n}: duplicate`);
    names.add(n);
    const d = String(c.description ?? '');
    if (d.length < 1 || d.length > 100) problems.push(`command ${n}: description length ${d.length}`);
    checkLoc(`command ${n}`, c.name_localizations, 32);
    checkLoc(`command ${n}`, c.description_localizations, 100);
    if (!c.description_localizations) problems.push(`command ${n}: no English description`);
    checkOptions(`command ${n}`, (c.options ?? []) as Array<Record<string, unknown>>);
  }
  return problems;
}

export async function startDiscordFake(opts: FakeOptions = {}): Promise<DiscordFake> {
  return new DiscordFake(opts).listen();
}

/** The buttons and selects of a message, flattened (for tests). */
export interface FlatComponent {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  url?: string;
  options?: Array<{ label: string; value: string; description?: string }>;
}

export function componentsOf(message: { components?: unknown }): FlatComponent[] {
  const rows = (message.components ?? []) as Array<{ components?: FlatComponent[] }>;
  return rows.flatMap((r) => r.components ?? []);
}

// ------------------------------------------------------------------------------------------- multipart uploads

/** One `files[n]` part of a multipart request. */
export interface Upload {
  index: number;
  filename: string;
  contentType: string;
  data: Buffer;
}

const UPLOADS = Symbol('uploads');

/** The uploads that came with a message body (a callback's `data` carries its request's uploads too). */
export function uploadsOf(body: unknown): Upload[] {
  return ((body as Record<symbol, Upload[]> | undefined)?.[UPLOADS] ?? []) as Upload[];
}

/**
 * Reads a multipart/form-data request as Discord does: a `payload_json` part (the JSON body) and `files[n]` parts.
 * Binary-safe (PNG bytes); throws on anything else (a violation through the request handler).
 */
export function readMultipart(buf: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error('multipart without boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Array<{ headers: string; data: Buffer }> = [];
  let pos = buf.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (buf.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = buf.indexOf('\r\n\r\n', start);
    const next = buf.indexOf(delimiter, headerEnd);
    if (headerEnd < 0 || next < 0) throw new Error('multipart: truncated part');
    parts.push({
      headers: buf.subarray(start + 2, headerEnd).toString('utf8'),
      data: buf.subarray(headerEnd + 4, next - 2),
    });
    pos = next;
  }
  let payload: Record<string, unknown> | null = null;
  const uploads: Upload[] = [];
  for (const part of parts) {
    const name = /name="([^"]*)"/.exec(part.headers)?.[1];
    if (name === 'payload_json') payload = JSON.parse(part.data.toString('utf8')) as Record<string, unknown>;
    else if (name && /^files\[(\d+)\]$/.test(name)) {
      const filename = /filename="([^"]*)"/.exec(part.headers)?.[1];
      if (!filename) throw new Error(`multipart: ${name} without a filename`);
      uploads.push({
        index: Number(/\d+/.exec(name)![0]),
        filename,
        contentType: /content-type:\s*([^\r\n;]+)/i.exec(part.headers)?.[1]?.trim() ?? 'application/octet-stream',
        data: Buffer.from(part.data),
      });
    } else throw new Error(`multipart: unexpected part « ${name} » (Discord reads payload_json and files[n])`);
  }
  if (!payload) throw new Error('multipart without payload_json');
  Object.defineProperty(payload, UPLOADS, { value: uploads, enumerable: false });
  const data = payload.data;
  if (data && typeof data === 'object') Object.defineProperty(data, UPLOADS, { value: uploads, enumerable: false });
  return payload;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Upload size: the request's files together within the limit (Discord answers 413 past it). */
export function uploadProblems(body: unknown, limit: number): string[] {
  const total = uploadsOf(body).reduce((n, u) => n + u.data.length, 0);
  return total > limit ? [`uploads of ${total} bytes > ${limit} (attachment size limit)`] : [];
}

/** What Discord checks of a message's attachments and of the embeds that show them. */
export function checkAttachments(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const uploads = uploadsOf(body);
  const listed = (Array.isArray(body.attachments) ? body.attachments : []) as Array<{
    id?: unknown;
    description?: unknown;
    filename?: unknown;
  }>;
  if (uploads.length > 10) problems.push(`${uploads.length} files > 10`);
  const indexes = new Set(uploads.map((u) => u.index));
  if (indexes.size !== uploads.length) problems.push('two files with the same files[n] index');
  for (const a of listed) {
    if (a.description !== undefined && (typeof a.description !== 'string' || a.description.length > 1024)) {
      problems.push(`attachment ${String(a.id)} description longer than 1024`);
    }
  }
  for (const u of uploads) {
    if (!listed.some((a) => String(a.id) === String(u.index)))
      problems.push(`files[${u.index}] has no entry in attachments`);
    if (!/^[^\\/:*?"<>|]{1,1024}$/.test(u.filename)) problems.push(`invalid file name ${u.filename}`);
    if (/\.png$/i.test(u.filename) && (!u.data.subarray(0, 8).equals(PNG_SIGNATURE) || u.contentType !== 'image/png')) {
      problems.push(`${u.filename} is not a PNG (content-type ${u.contentType})`);
    }
  }
  const names = new Set(uploads.map((u) => u.filename));
  // On an edit, kept attachments may be referenced too: they are listed by id with their filename.
  for (const a of listed) if (typeof a.filename === 'string') names.add(a.filename);
  const embeds = (Array.isArray(body.embeds) ? body.embeds : []) as APIEmbed[];
  // Without uploads nor an `attachments` list, an edit keeps the message's attachments: nothing to check here.
  if (!uploads.length && body.attachments === undefined) return problems;
  embeds.forEach((e, i) => {
    for (const url of [e.image?.url, e.thumbnail?.url]) {
      if (url?.startsWith('attachment://') && !names.has(url.slice('attachment://'.length))) {
        problems.push(`embed ${i} shows ${url}, which is not uploaded with the message`);
      }
    }
  });
  return problems;
}

// ------------------------------------------------------------------------------------------- messages and context menus

export const GUILD_MEMBERS_INTENT = 1 << 1;
export const GUILD_PRESENCES_INTENT = 1 << 8;
export const GUILD_MESSAGES_INTENT = 1 << 9;
export const DIRECT_MESSAGES_INTENT = 1 << 12;
export const MESSAGE_CONTENT_INTENT = 1 << 15;

/** A reply to a message pings its author unless `allowed_mentions.replied_user` is false. */
export function checkReplyMentions(body: Record<string, unknown>): string[] {
  if (!body.message_reference) return [];
  const am = body.allowed_mentions as { replied_user?: unknown } | undefined;
  return am?.replied_user === false ? [] : ['a reply without allowed_mentions.replied_user: false pings its author'];
}

/** Context-menu commands (type 2 user, 3 message): a name of 1-32 characters (spaces and capitals allowed), no description. */
export function checkContextMenuDeclaration(c: Record<string, unknown>, names: Set<string>): string[] {
  const problems: string[] = [];
  const n = String(c.name ?? '');
  const key = `${String(c.type)}:${n}`;
  if (n.length < 1 || n.length > 32) problems.push(`context menu ${n}: name length ${n.length}`);
  if (names.has(key)) problems.push(`context menu ${n}: duplicate`);
  names.add(key);
  if (c.description !== undefined && c.description !== '')
    problems.push(`context menu ${n}: a context menu has no description`);
  if (c.options !== undefined) problems.push(`context menu ${n}: a context menu has no options`);
  for (const [k, v] of Object.entries((c.name_localizations ?? {}) as Record<string, string>)) {
    if (typeof v !== 'string' || v.length < 1 || v.length > 32)
      problems.push(`context menu ${n}: localization ${k} length`);
  }
  return problems;
}
