/**
 * Starts the bot through its real entry point (`main()`, in-process) against a running Discord fake, with a
 * temp database already filled by the caller. One per test file (one client per file).
 */
import path from 'node:path';
import { createLogger } from '../../src/logger';
import { main, type RunningApp } from '../../src/main';
import { FAKE_TOKEN, type DiscordFake } from './discordFake';

export interface StartBotOptions {
  fake: DiscordFake;
  dir: string;
  dbPath: string;
  env?: Record<string, string>;
  clock?: () => Date;
  searchWorkers?: number;
  /** Collected log lines (JSON) for assertions, e.g. that the token never appears. */
  logLines?: string[];
}

export async function startBot(opts: StartBotOptions): Promise<RunningApp> {
  const lines = opts.logLines;
  // The bot's own logger (secrets scrubbed), writing to memory.
  const logger = createLogger({
    level: 'info',
    destination: { write: (s: string) => void lines?.push(s) },
    secrets: [FAKE_TOKEN],
  });
  const app = await main({
    env: {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: opts.fake.apiUrl,
      DATABASE_PATH: opts.dbPath,
      INDEX_DIR: path.join(opts.dir, 'index'),
      LOG_LEVEL: 'info',
      FLOOD_MAX: '5',
      FLOOD_WINDOW_MS: '10000',
      // No open data from tests unless asked: a closed loopback port (the start refresh then reports "offline").
      OPENDATA_URL: 'http://127.0.0.1:9',
      ...opts.env,
    },
    logger,
    ...(opts.clock ? { clock: opts.clock } : {}),
    searchWorkers: opts.searchWorkers ?? 0,
  });
  await opts.fake.waitForReady();
  return app;
}

let nextUser = 410_000_000_000_000_000n;
/** A fresh user id per interaction, so that flood control does not interfere with unrelated tests. */
export function freshUser(): string {
  nextUser += 1n;
  return String(nextUser);
}
