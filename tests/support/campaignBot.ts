/** The campaign e2e files' bot (tests/discord/campaigns*.e2e.test.ts), apart from the corpus so that importing the
 * corpus (the CLI and unit tests do) does not load the bot. */
import path from 'node:path';
import { updateCampaigns } from '../../src/campaigns/updateCampaigns';
import type { RunningApp } from '../../src/main';
import { buildCorpus, type CorpusOptions, tempDir } from './botCorpus';
import { type DiscordFake, startDiscordFake } from './discordFake';
import { startBot } from './startBot';

/**
 * The bot (main(), against a new Discord fake) on a temp database holding `corpus`, with campaigns computed as an
 * ingest computes them, once its index serves: the campaign e2e files' set-up.
 */
export async function startCampaignBot(
  corpus: Omit<CorpusOptions, 'dbPath'>,
): Promise<{ tmp: ReturnType<typeof tempDir>; fake: DiscordFake; app: RunningApp }> {
  const tmp = tempDir();
  const dbPath = path.join(tmp.dir, 'questions.db');
  const store = await buildCorpus({ dbPath, ...corpus });
  updateCampaigns(store, () => {});
  store.close();
  const fake = await startDiscordFake();
  const app = await startBot({ fake, dir: tmp.dir, dbPath });
  await app.search.whenReady;
  return { tmp, fake, app };
}
