/**
 * Builds the discord.js client (intents: Guilds only) and starts it. `apiUrl` (DISCORD_API_URL) points the REST
 * client — hence the gateway, whose URL comes from GET /gateway/bot — at another server (tests: the fake); the REST
 * settings are discord.js's production ones either way (50 requests/s global limit, per-route buckets learnt
 * from the headers, retries), so that tests and benchmarks measure what production does.
 *
 * Sharding: `shards` 'auto' asks Discord how many (GET /gateway/bot), a number fixes it; every shard runs in this
 * process (discord.js internal sharding), so the rest of the bot exists once whatever the count.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../logger';
import { redactToken } from '../logger';

export interface DiscordClientOptions {
  token: string;
  apiUrl: string | null;
  shards: number | 'auto';
  logger: Logger;
  onInteraction: (interaction: import('discord.js').Interaction) => Promise<void>;
}

export function createDiscordClient(opts: Pick<DiscordClientOptions, 'apiUrl' | 'shards'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: opts.apiUrl ? { api: opts.apiUrl } : {},
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
  client.on(Events.Error, (e) => logger.error({ err: { message: redactToken(e.message, opts.token), name: e.name } }, 'discord client error'));
  client.on(Events.Warn, (m) => logger.warn({ message: redactToken(m, opts.token) }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (ev, shard) => logger.warn({ code: ev.code, shard }, 'gateway disconnected'));
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, (c) => resolve(c)));
  try {
    await client.login(opts.token);
  } catch (e) {
    await client.destroy();
    const message = e instanceof Error ? redactToken(e.message, opts.token) : String(e);
    throw new Error(`Connexion à Discord impossible : ${message}`);
  }
  const c = await ready;
  logger.info({ user: c.user.tag, applicationId: c.application.id, guilds: c.guilds.cache.size, shards: c.ws.shards.size }, 'connecté à Discord');
  return c;
}
