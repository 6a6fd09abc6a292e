/**
 * The e2e files' common set-up: a temp database holding a test corpus, a Discord fake, the bot started through
 * main() against it, and its search index serving; one `stop()` that undoes it all. Kept apart from botCorpus.ts:
 * it loads main() and discord.js, which the CLI tests (importers of the corpus) must not load.
 */
import path from 'node:path';
import { updateCampaigns } from '../../src/campaigns/updateCampaigns';
import type { RunningApp } from '../../src/main';
import { buildCorpus, type CorpusOptions, tempDir } from './botCorpus';
import { type DiscordFake, type FakeOptions, startDiscordFake } from './discordFake';
import { type StartBotOptions, startBot } from './startBot';

export interface BotOnCorpusOptions {
  /** What the database holds (botCorpus's buildCorpus; the seed pages unless `seeds: false`). */
  corpus: Omit<CorpusOptions, 'dbPath'>;
  /** Campaigns computed as an ingest computes them, before the bot starts. */
  campaigns?: boolean;
  fake?: FakeOptions;
  /** What the fake holds before the bot connects (roles, forums…). */
  beforeBot?: (fake: DiscordFake) => void;
  /** The bot's options besides the fake and the database (clock, env, search workers, log lines). */
  bot?: Omit<StartBotOptions, 'fake' | 'dir' | 'dbPath'>;
}

export interface BotOnCorpus {
  tmp: ReturnType<typeof tempDir>;
  dbPath: string;
  fake: DiscordFake;
  app: RunningApp;
  /** Stops the bot, closes the fake, removes the temp folder. */
  stop(): Promise<void>;
}

/** Starts the set-up and resolves once the bot's search index serves; a failed start undoes what it had started. */
export async function startBotOnCorpus(opts: BotOnCorpusOptions): Promise<BotOnCorpus> {
  const tmp = tempDir();
  const dbPath = path.join(tmp.dir, 'questions.db');
  let fake: DiscordFake | undefined;
  let app: RunningApp | undefined;
  const stop = async () => {
    await app?.stop();
    await fake?.close();
    tmp.cleanup();
  };
  try {
    const store = await buildCorpus({ dbPath, ...opts.corpus });
    if (opts.campaigns) updateCampaigns(store, () => {});
    store.close();
    fake = await startDiscordFake(opts.fake);
    opts.beforeBot?.(fake);
    app = await startBot({ ...opts.bot, fake, dir: tmp.dir, dbPath });
    await app.search.whenReady;
    return { tmp, dbPath, fake, app, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
