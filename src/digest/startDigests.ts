/**
 * Wiring of the digest domain into the running bot (called once from src/main.ts): the service on the store,
 * `deps.digest` for the commands, and — when a Discord client exists — the scheduler posting through the
 * client's REST (so DISCORD_API_URL reaches the fake in tests). In console mode only the refresh runs.
 */
import { campaignAwareCorpus } from '../campaigns/digestCorpus';
import path from 'node:path';
import type { Client } from 'discord.js';
import type { Config } from '../config';
import type { CommandDeps } from '../present/deps';
import type { Logger } from '../logger';
import type { QuestionStore } from '../store/QuestionStore';
import './commandDeps';
import { DigestRepository } from './DigestRepository';
import { DigestService } from './DigestService';
import { restPoster } from './poster';
import { createLiveLegislature } from './liveLegislature';
import { refreshAtStart, type StartRefresh } from './refreshAtStart';
import { startDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from './scheduler';

export interface StartDigestsOptions {
  config: Config;
  store: QuestionStore;
  deps: CommandDeps;
  client: Client<true> | null;
  logger: Logger;
  clock?: () => Date;
  /** Health and metrics (src/ops). */
  onRefresh?: DigestSchedulerOptions['onRefresh'];
  onTick?: DigestSchedulerOptions['onTick'];
  /** French lines for the console (the start refresh says what it does). */
  notify?: (text: string) => void;
}

export function startDigests(opts: StartDigestsOptions): {
  service: DigestService;
  scheduler: DigestScheduler;
  /** What the start did about a missing live legislature (resolves after the probe, not the refresh). */
  startRefresh: Promise<StartRefresh>;
  stop(): Promise<void>;
} {
  const log = opts.logger.child({ domain: 'digest' });
  const service = new DigestService({
    corpus: campaignAwareCorpus(opts.store),
    repo: new DigestRepository(opts.store.db),
    log,
  });
  const client = opts.client;
  const live = createLiveLegislature({
    store: opts.store,
    openDataUrl: opts.config.openDataUrl,
    fixedUrl: opts.config.refreshUrl,
    log,
    ...(opts.clock ? { now: opts.clock } : {}),
  });
  const scheduler = startDigestScheduler({
    store: opts.store,
    service,
    poster: client
      ? restPoster(client.rest, (guildId) => client.guilds.cache.get(guildId)?.systemChannelId ?? null)
      : null,
    refreshUrl: live.inputs().questions,
    live,
    senatUrl: opts.config.senatUrl,
    refreshCron: opts.config.refreshCron,
    timeZone: opts.config.timeZone,
    cacheDir: path.join(path.dirname(opts.config.databasePath), 'cache'),
    log,
    ...(opts.clock ? { now: opts.clock } : {}),
    ...(opts.onRefresh ? { onRefresh: opts.onRefresh } : {}),
    ...(opts.onTick ? { onTick: opts.onTick } : {}),
  });
  opts.deps.digest = {
    service,
    timeZone: opts.config.timeZone,
    defaultTime: opts.config.digestDefaultTime,
    get defaultLegislature() {
      return live.current();
    },
    scheduler,
  };
  const startRefresh = refreshAtStart({
    store: opts.store,
    scheduler,
    refreshUrl: live.inputs().questions,
    liveLegislature: live.current(),
    log,
    ...(opts.notify ? { notify: opts.notify } : {}),
  }).catch((err: unknown) => {
    log.error({ err: err instanceof Error ? err.stack : String(err) }, 'start refresh failed');
    return 'offline' as const;
  });
  return { service, scheduler, startRefresh, stop: () => scheduler.stop() };
}
