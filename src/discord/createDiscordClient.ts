/**
 * Builds the discord.js client (intents: Guilds, GuildMessages, DirectMessages; see createDiscordClient) and starts
 * it. `apiUrl` (DISCORD_API_URL) points the REST client — hence the gateway, whose URL comes from GET /gateway/bot —
 * at another server (tests: the fake); the REST settings are discord.js's production ones either way (50 requests/s
 * global limit, per-route buckets learnt from the headers, retries), so that tests and benchmarks measure what
 * production does.
 *
 * Sharding: `shards` 'auto' asks Discord how many (GET /gateway/bot), a number fixes it; every shard runs in this
 * process (discord.js internal sharding), so the rest of the bot exists once whatever the count.
 */
import { Client, Events, GatewayIntentBits, Options, Partials, RESTEvents, type Message } from 'discord.js';
import type { Logger } from '../logger';
import { redactToken } from '../logger';

export interface DiscordClientOptions {
  token: string;
  apiUrl: string | null;
  shards: number | 'auto';
  logger: Logger;
  onInteraction: (interaction: import('discord.js').Interaction) => Promise<void>;
  /** Messages that mention the bot, and DMs (src/discord/messageEntry.ts). */
  onMessage?: (message: Message) => Promise<void>;
}

/**
 * ops (issue 9): discord.js caches every user and member an interaction carries, forever by default: one more
 * per distinct user. The bot reads them from the interaction itself, so the caches are capped (the bot's own
 * user and member are always kept), and so are channel message caches.
 */
export const DISCORD_CACHE_LIMITS = { users: 1000, members: 200, messagesPerChannel: 50 } as const;

/**
 * The REST client keeps one request handler per interaction token (webhook routes are keyed by it) and drops
 * idle ones only every hour by default: an hour of traffic. Tokens live 15 minutes; idle handlers go every 10 s
 * (a handler only holds a route's queue and rate-limit state, re-learnt from the next response).
 */
const REST_HANDLER_SWEEP_MS = 10_000;

export function createDiscordClient(opts: Pick<DiscordClientOptions, 'apiUrl' | 'shards'>): Client {
  return new Client({
    // GuildMessages + DirectMessages for questions asked by mention or in DMs; no privileged MessageContent
    // (Discord gives the content of messages that mention the bot, and of DMs). Partials.Channel: DM channels are
    // not cached, and without it discord.js drops their messages.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: DISCORD_CACHE_LIMITS.users, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: {
        maxSize: DISCORD_CACHE_LIMITS.members,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      MessageManager: DISCORD_CACHE_LIMITS.messagesPerChannel,
    }),
    rest: { ...(opts.apiUrl ? { api: opts.apiUrl } : {}), handlerSweepInterval: REST_HANDLER_SWEEP_MS },
    ...(opts.shards === 'auto'
      ? { shards: 'auto' as const }
      : { shards: Array.from({ length: opts.shards }, (_, i) => i), shardCount: opts.shards }),
  });
}

/** Logs in and resolves once the client is ready (READY + guilds received). */
export async function startDiscordClient(opts: DiscordClientOptions): Promise<Client<true>> {
  const client = createDiscordClient(opts);
  const { logger } = opts;
  client.on(Events.InteractionCreate, (interaction) => {
    void opts.onInteraction(interaction);
  });
  if (opts.onMessage) {
    const onMessage = opts.onMessage;
    client.on(Events.MessageCreate, (message) => {
      void onMessage(message);
    });
  }
  client.on(Events.Error, (e) =>
    logger.error({ err: { message: redactToken(e.message, opts.token), name: e.name } }, 'discord client error'),
  );
  client.on(Events.Warn, (m) => logger.warn({ message: redactToken(m, opts.token) }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (ev, shard) => logger.warn({ code: ev.code, shard }, 'gateway disconnected'));
  // ops: at LOG_LEVEL=debug, discord.js's own debug lines and every REST response (paths of interaction routes
  // carry tokens: the logger scrubs them, see src/logger.ts).
  if (logger.isLevelEnabled('debug')) {
    client.on(Events.Debug, (m) => logger.debug({ source: 'discord.js' }, m));
    client.rest.on(RESTEvents.Response, (req, res) =>
      logger.debug({ method: req.method, path: req.path, status: res.status }, 'discord REST response'),
    );
  }
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, (c) => resolve(c)));
  try {
    await client.login(opts.token);
  } catch (e) {
    await client.destroy();
    const message = e instanceof Error ? redactToken(e.message, opts.token) : String(e);
    throw new Error(`Connexion à Discord impossible : ${message}`);
  }
  const c = await ready;
  logger.info(
    { user: c.user.tag, applicationId: c.application.id, guilds: c.guilds.cache.size, shards: c.ws.shards.size },
    'connected to Discord',
  );
  return c;
}
