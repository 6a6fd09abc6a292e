/**
 * Entry point (`npm start`): config -> store (seed corpus on first start) -> search service (loads or builds
 * in the background) -> Discord client when DISCORD_TOKEN is set, else the console twin -> (scheduler).
 * The client logs in right away: commands needing the index answer "index en cours de chargement" until ready.
 *
 * `main()` is importable (end-to-end tests run it in-process against the Discord fake); run as a script it
 * loads `.env`, handles SIGINT/SIGTERM and exits with a French message on a bad configuration.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from 'discord.js';
import { commands } from '../commands/index';
import { ConfigError, describeConfig, parseConfig, type Config } from './config';
import { createConsoleSession, type ConsoleSession } from './console/consoleTwin';
import { ensureSeedCorpus } from './corpus/ingest';
import { createRegistry, type CommandRegistry } from './discord/commandKit';
import { createCommandDeps, warmCommandDeps } from './discord/createCommandDeps';
import { startDiscordClient } from './discord/createDiscordClient';
import type { CommandDeps } from './discord/deps';
import { createInteractionHandler } from './discord/dispatchInteraction';
import { FloodGate } from './discord/floodControl';
import { createLogger, type Logger } from './logger';
import { createSearchService, type SearchServiceHandle } from './search';
import { startDigests } from './digest/startDigests';
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
  stop(): Promise<void>;
}

export async function main(opts: MainOptions = {}): Promise<RunningApp> {
  const started = performance.now();
  const config = parseConfig(opts.env ?? process.env);
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const clock = opts.clock ?? (() => new Date());
  logger.info({ config: describeConfig(config) }, 'démarrage');

  const store = openStore(config.databasePath);
  let search: SearchServiceHandle | null = null;
  let client: Client<true> | null = null;
  let consoleSession: ConsoleSession | null = null;
  try {
    const seeded = await ensureSeedCorpus(store, config.seedsDir, clock());
    if (seeded) logger.info({ new: seeded.questions.new, rejected: seeded.rejected.length }, 'corpus initial (pages fournies) chargé');

    search = createSearchService({
      store,
      indexDir: config.indexDir,
      logger,
      ...(opts.searchWorkers !== undefined ? { workers: opts.searchWorkers } : {}),
    });
    const registry = createRegistry(commands);
    const deps = createCommandDeps(store, search.engine, logger);
    const warmStarted = performance.now();
    warmCommandDeps(deps);
    logger.info({ ms: Math.round(performance.now() - warmStarted) }, 'caches des commandes prêts');

    if (config.discordToken) {
      const onInteraction = createInteractionHandler({
        registry,
        deps,
        logger,
        flood: new FloodGate(config.floodMax, config.floodWindowMs),
        clock,
      });
      client = await startDiscordClient({ token: config.discordToken, apiUrl: config.discordApiUrl, shards: config.shardCount, logger, onInteraction });
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
    const digests = startDigests({ config, store, deps, client, logger, clock });

    const searchHandle = search;
    let stopped = false;
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
      async stop() {
        if (stopped) return;
        stopped = true;
        consoleSession?.close();
        digests.stop();
        if (client) await client.destroy();
        await searchHandle.close().catch((err: unknown) => logger.warn({ err }, 'index: arrêt incomplet'));
        store.close();
        logger.info('arrêté');
      },
    };
    logger.info({ ms: app.startupMs, mode: client ? 'discord' : 'console' }, 'prêt');
    return app;
  } catch (e) {
    consoleSession?.close();
    if (client) await client.destroy();
    await search?.close().catch(() => undefined);
    store.close();
    throw e;
  }
}

async function runAsScript(): Promise<void> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  let app: RunningApp;
  try {
    app = await main();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`Démarrage impossible : ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string): void => {
    app.logger.info({ signal }, 'arrêt demandé');
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (app.console) {
    await app.console.closed;
    await app.stop();
    process.exit(0);
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) void runAsScript();
export const MAIN_FILE = fileURLToPath(import.meta.url);
