/**
 * Entry point (`npm start`): config -> store (seed corpus on first start) -> search service (loads or builds
 * in the background) -> Discord client when DISCORD_TOKEN is set, else the console twin -> (scheduler)
 * -> health endpoint (HEALTH_PORT).
 * The client logs in right away: commands needing the index answer "index en cours de chargement" until ready.
 *
 * `main()` is importable (end-to-end tests run it in-process against the Discord fake); run as a script it
 * loads `.env`, exits with a French message on a bad configuration, and hands the process's life cycle to
 * src/ops/processLifecycle.ts (SIGTERM/SIGINT -> `stop()` -> exit 0; an unexpected error -> logged, exit 1).
 *
 * `stop()`: interactions arriving from then on are answered « redémarrage en cours » (ephemeral); those in
 * flight get SHUTDOWN_GRACE_MS to finish, then the digest run in progress (it starts no further delivery:
 * what is not posted stays recorded); then the client, the health endpoint, the search index (a pending save
 * is written) and the database are closed.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from 'discord.js';
import { commands } from '../commands/index';
import { type Config, configOrExit, describeConfig, parseConfig } from './config';
import { createConsoleSession, type ConsoleSession } from './console/consoleTwin';
import { ensureSeedCorpus } from './corpus/ingest';
import { createRegistry, type CommandRegistry } from './present/commandKit';
import { createCommandDeps, warmCommandDeps } from './present/createCommandDeps';
import { startDiscordClient } from './discord/createDiscordClient';
import type { CommandDeps } from './present/deps';
import type { AskFunction } from './discord/contextMenu';
import { createDispatcher } from './discord/dispatchInteraction';
import { answerAsk } from './ask/answerAsk';
import { FloodGate } from './discord/floodControl';
import { createLogger, redactToken, type Logger } from './logger';
import type { HealthReport } from './ops/health';
import { createInteractionGate } from './ops/interactionGate';
import { installProcessLifecycle } from './ops/processLifecycle';
import { startOps } from './ops/startOps';
import { createMessageHandler } from './discord/messageEntry';
import { createSearchService, type SearchServiceHandle } from './search';
import { startDigests } from './digest/startDigests';
import { createChartDeps } from './charts/chartDeps';
import { openStore } from './store/openStore';
import type { QuestionStore } from './store/QuestionStore';

export interface MainOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  clock?: () => Date;
  /** Console mode streams (default stdin/stdout). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Search worker threads (default: the search service's choice; 0 = in-process). */
  searchWorkers?: number;
}

export interface RunningApp {
  config: Config;
  logger: Logger;
  store: QuestionStore;
  search: SearchServiceHandle;
  registry: CommandRegistry;
  deps: CommandDeps;
  client: Client<true> | null;
  console: ConsoleSession | null;
  /** Time from the start of main() to Discord ready (or console ready), ms. */
  startupMs: number;
  /** The service's health now (what GET /healthz returns). */
  health(): HealthReport;
  /** Base URL of the health endpoint ("http://127.0.0.1:9464"), null when HEALTH_PORT is not set. */
  healthUrl: string | null;
  /** Graceful stop (see the header); safe to call twice. */
  stop(): Promise<void>;
}

export async function main(opts: MainOptions = {}): Promise<RunningApp> {
  const started = performance.now();
  const config = parseConfig(opts.env ?? process.env);
  const logger = opts.logger ?? createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  const clock = opts.clock ?? (() => new Date());
  logger.info({ config: describeConfig(config) }, 'starting');

  const store = openStore(config.databasePath);
  let search: SearchServiceHandle | null = null;
  let client: Client<true> | null = null;
  let consoleSession: ConsoleSession | null = null;
  let ops: ReturnType<typeof startOps> | null = null;
  try {
    const seeded = await ensureSeedCorpus(store, config.seedsDir, clock());
    if (seeded)
      logger.info(
        { new: seeded.questions.new, rejected: seeded.rejected.length },
        'seed corpus (bundled pages) loaded',
      );

    search = createSearchService({
      store,
      indexDir: config.indexDir,
      logger,
      ...(opts.searchWorkers !== undefined
        ? { workers: opts.searchWorkers }
        : config.searchWorkers !== null
          ? { workers: config.searchWorkers }
          : {}),
    });
    ops = startOps({ config, logger, clock, store, search });
    const registry = createRegistry(commands);
    const deps = createCommandDeps(store, ops.wrapSearch(search.engine), logger);
    deps.health = ops.health;
    const searchEngine = search.engine;
    // Charts, palmarès and CSV exports (issue 13): charts render in their own worker thread.
    deps.charts = createChartDeps({
      store,
      collect: (req, limit) => searchEngine.collect(req, limit),
      collectFacts: (req) => searchEngine.collectFacts(req),
      campaignRepeats: () => deps.campaigns?.repeats() ?? new Set(),
      logger,
    });
    const warmStarted = performance.now();
    warmCommandDeps(deps);
    logger.info({ ms: Math.round(performance.now() - warmStarted) }, 'command caches warm');

    const flood = new FloodGate(config.floodMax, config.floodWindowMs);
    const ask: AskFunction = (text, now, askOpts) => answerAsk(text, deps, now, askOpts);
    const dispatcher = createDispatcher({
      registry,
      deps,
      ask,
      logger,
      flood,
      clock,
      ...(ops.interactionObserver ? { observer: ops.interactionObserver } : {}),
    });
    const gate = createInteractionGate((interaction) => dispatcher.handleInteraction(interaction), {
      logger,
      ...(ops.interactionObserver ? { observer: ops.interactionObserver } : {}),
    });
    if (config.discordToken) {
      // Questions asked by mention or in DMs (issue 13): served like interactions (same flood control, queue,
      // observer and error boundary), answered by the plain-French parser.
      const onMessage = createMessageHandler({ ask, serve: dispatcher.serve, clock });
      client = await startDiscordClient({
        token: config.discordToken,
        apiUrl: config.discordApiUrl,
        shards: config.shardCount,
        logger,
        onInteraction: gate.handle,
        onMessage,
      });
      ops.attach({ client });
    } else {
      consoleSession = createConsoleSession({
        registry,
        deps,
        input: opts.input ?? process.stdin,
        output: opts.output ?? process.stdout,
        logger,
        clock,
        indexReady: search.whenReady,
      });
    }
    const consoleOut = client ? null : (opts.output ?? process.stdout);
    const searchForRefresh = search;
    const opsForRefresh = ops;
    const digests = startDigests({
      config,
      store,
      deps,
      client,
      logger,
      clock,
      onRefresh: (outcome, durationMs) => {
        opsForRefresh.onRefresh(outcome, durationMs);
        // The refresh ran in a child process: the index adds what it wrote now rather than at the next 10 s check.
        if (outcome && outcome.revisionAfter !== outcome.revisionBefore) {
          void searchForRefresh
            .catchUp()
            .catch((err: unknown) => logger.warn({ err }, 'search index catch-up after refresh failed'));
        }
      },
      onTick: ops.onTick,
      ...(consoleOut ? { notify: (text: string) => void consoleOut.write(`${text}\n\n`) } : {}),
    });
    ops.attach({ deliveriesPending: () => digests.service.repo.countPending() });
    const healthUrl = await ops.listen();

    const searchHandle = search;
    const opsHandle = ops;
    let stopping: Promise<void> | null = null;
    const app: RunningApp = {
      config,
      logger,
      store,
      search: searchHandle,
      registry,
      deps,
      client,
      console: consoleSession,
      startupMs: Math.round(performance.now() - started),
      health: opsHandle.health,
      healthUrl,
      stop() {
        stopping ??= (async () => {
          const t0 = performance.now();
          const left = (): number => Math.max(0, config.shutdownGraceMs - (performance.now() - t0));
          opsHandle.markStopping();
          gate.close();
          consoleSession?.close();
          const unfinished = await gate.drain(left());
          if (unfinished > 0)
            logger.warn(
              { unfinished, graceMs: config.shutdownGraceMs },
              'interactions still running at the shutdown deadline, stopping anyway',
            );
          const digestsDone = await Promise.race([digests.stop().then(() => true), delay(left()).then(() => false)]);
          if (!digestsDone)
            logger.warn(
              {},
              'digest run still in progress at the shutdown deadline; unsent messages stay recorded for the next start',
            );
          if (client) await client.destroy();
          await opsHandle.close();
          await deps.charts?.service.close();
          await searchHandle
            .close()
            .catch((err: unknown) => logger.warn({ err }, 'search index did not close cleanly'));
          store.close();
          logger.info({ ms: Math.round(performance.now() - t0), unfinished }, 'stopped');
        })();
        return stopping;
      },
    };
    logger.info({ ms: app.startupMs, mode: client ? 'discord' : 'console' }, 'ready');
    // After login, not before: starting the chart worker competes for the CPU with the connection.
    deps.charts.service.warm();
    return app;
  } catch (e) {
    consoleSession?.close();
    if (client) await client.destroy();
    await ops?.close().catch(() => undefined);
    await search?.close().catch(() => undefined);
    store.close();
    throw e;
  }
}

/** Resolves after `ms`, without keeping the process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function runAsScript(): Promise<void> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  const config = configOrExit(process.env);
  // One logger from the first line on, so that even a crash during start-up is logged scrubbed of secrets.
  // The console twin on a terminal: a person reads the answers on stdout, so the logs (stderr) are short text,
  // warnings and errors only unless LOG_LEVEL says otherwise. Anywhere else (a service, a pipe, the tests): JSON.
  const consoleAtTerminal =
    config.discordToken === null && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const logger = createLogger({
    level: consoleAtTerminal && !config.logLevelSet ? 'warn' : config.logLevel,
    pretty: consoleAtTerminal,
    secrets: [config.discordToken],
  });
  const lifecycle = installProcessLifecycle({ logger });
  let app: RunningApp;
  try {
    app = await main({ logger });
  } catch (e) {
    logger.error({ err: e }, 'start-up failed');
    process.stderr.write(
      `Démarrage impossible : ${redactToken(e instanceof Error ? e.message : String(e), config.discordToken)}\n`,
    );
    process.exit(1);
  }
  lifecycle.running({
    stop: () => app.stop(),
    // The grace for interactions and deliveries, then closing (index save, database): generous, but bounded.
    deadlineMs: config.shutdownGraceMs * 2 + 30_000,
    onCrash: () => app.store.close(),
  });
  if (app.console) {
    await app.console.closed;
    await app.stop();
    process.exit(0);
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) void runAsScript();
export const MAIN_FILE = fileURLToPath(import.meta.url);
