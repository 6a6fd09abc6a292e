/**
 * Wiring of the operator side into the running bot (called from src/main.ts): the health snapshot, the
 * metrics when the endpoint is on (HEALTH_PORT), the observers handed to the dispatcher, the search decorator
 * and the digest scheduler, and the HTTP endpoint. Parts that exist later (the Discord client, the digest
 * repository) are attached when they do.
 */
import type { Client } from 'discord.js';
import type { Config } from '../config';
import type { DeliverReport } from '../digest/deliver';
import type { TickReport } from '../digest/DigestService';
import type { RefreshOutcome } from '../digest/refresh';
import type { BotSearch } from '../present/deps';
import type { InteractionObserver } from '../discord/dispatchInteraction';
import type { Logger } from '../logger';
import './commandDeps';
import type { HealthReport, RefreshFinished } from './health';
import { startHealthServer, type HealthServer } from './healthServer';
import {
  checkHealth,
  gatewayStatusOf,
  readRefreshStatus,
  refreshFinished,
  searchStatusReader,
  type MetaReader,
  type SearchHandleLike,
} from './healthSources';
import { createOpsMetrics, type OpsMetrics } from './metrics';
import { timedSearch } from './timedSearch';

export interface OpsOptions {
  config: Config;
  logger: Logger;
  clock: () => Date;
  store: MetaReader;
  search: SearchHandleLike;
}

export interface Ops {
  /** Null when HEALTH_PORT is not set (no endpoint, nothing collected). */
  readonly metrics: OpsMetrics | null;
  readonly interactionObserver: InteractionObserver | undefined;
  /** The engine the commands get: timed when metrics are on. */
  wrapSearch(engine: BotSearch): BotSearch;
  /** Today's refresh (scheduler's onRefresh): its outcome (null: the job threw) and duration. */
  onRefresh(outcome: RefreshOutcome | null, durationMs: number): void;
  /** A refresh finished, in the health's terms (for a refresh run elsewhere, e.g. off the main thread). */
  refreshFinished(r: RefreshFinished): void;
  onTick(report: TickReport): void;
  /** Parts that exist after the ops: the Discord client, the deliveries' counter. */
  attach(parts: { client?: Client | null; deliveriesPending?: () => number }): void;
  health(): HealthReport;
  /** Health turns 503 (« shutting down ») from now on. */
  markStopping(): void;
  /** Starts the HTTP endpoint when configured; resolves to its URL, or null. */
  listen(): Promise<string | null>;
  close(): Promise<void>;
}

export function startOps(opts: OpsOptions): Ops {
  const { config, logger } = opts;
  const startedAt = opts.clock();
  const searchStatus = searchStatusReader(opts.search);
  let client: Client | null = null;
  let deliveriesPending: (() => number) | null = null;
  let lastRefresh: RefreshFinished | null = null;
  let stopping = false;
  let server: HealthServer | null = null;

  const health = (): HealthReport =>
    checkHealth({
      startedAt,
      now: opts.clock,
      mode: config.discordToken ? 'discord' : 'console',
      shuttingDown: () => stopping,
      gateway: () =>
        config.discordToken ? (client ? gatewayStatusOf(client) : { connected: false, pingMs: null }) : null,
      search: searchStatus,
      refresh: () => readRefreshStatus(opts.store, lastRefresh),
      deliveriesPending: () => (deliveriesPending ? deliveriesPending() : null),
    });

  const metrics = config.healthPort !== null ? createOpsMetrics(health) : null;
  const finished = (r: RefreshFinished): void => {
    lastRefresh = r;
    metrics?.refreshFinished(r);
  };

  return {
    metrics,
    interactionObserver: metrics?.interactions,
    wrapSearch: (engine) => (metrics ? timedSearch(engine, (op, s, r) => metrics.observeSearch(op, s, r)) : engine),
    onRefresh: (outcome, durationMs) => finished(refreshFinished(outcome, durationMs, opts.clock())),
    refreshFinished: finished,
    onTick: (report) => metrics?.deliveriesReported(report.delivery satisfies DeliverReport),
    attach(parts) {
      if (parts.client !== undefined) client = parts.client;
      if (parts.deliveriesPending) deliveriesPending = parts.deliveriesPending;
    },
    health,
    markStopping() {
      stopping = true;
    },
    async listen() {
      if (config.healthPort === null) return null;
      server = await startHealthServer({
        host: config.healthHost,
        port: config.healthPort,
        health,
        metrics,
        onError: (err, path) => logger.error({ err, path }, 'health endpoint failed'),
      });
      logger.info({ url: server.url, paths: ['/healthz', '/metrics'] }, 'health endpoint listening');
      return server.url;
    },
    async close() {
      await server?.close();
      server = null;
      metrics?.close();
    },
  };
}
