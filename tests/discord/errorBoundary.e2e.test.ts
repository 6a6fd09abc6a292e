/**
 * One error boundary for every entry kind (issue 22): while a search worker is being replaced, a question asked by
 * mention, in a DM or through the message context menu gets « Recherche momentanément indisponible… », like a
 * slash command, and nothing is logged as an error. Real discord.js client against the Discord fake, the bot's real
 * search workers; one of them is crashed and its replacement held from outside (tests/support/holdSearchWorker.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main';
import type { DiscordFake } from '../support/discordFake';
import { crashSearchWorkerAndHoldReplacement, type HeldReplacement } from '../support/holdSearchWorker';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const UNAVAILABLE = '⚠️ Recherche momentanément indisponible, réessayez dans quelques secondes.';

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
let held: HeldReplacement | null = null;
/** The bot's log lines (JSON), with a wait for a given message: the replacement's end is an event, not a delay. */
class LogLines extends Array<string> {
  private waiters: Array<{ msg: string; resolve: () => void }> = [];
  override push(...lines: string[]): number {
    const n = super.push(...lines);
    for (const line of lines) {
      const { msg } = JSON.parse(line) as { msg: string };
      for (const w of this.waiters.filter((x) => x.msg === msg)) w.resolve();
    }
    return n;
  }
  waitFor(msg: string): Promise<void> {
    if (this.some((l) => (JSON.parse(l) as { msg: string }).msg === msg)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ msg, resolve }));
  }
}
const logLines = new LogLines();

beforeAll(async () => {
  bot = await startBotOnCorpus({ corpus: { generated: 60 }, bot: { searchWorkers: 2, logLines } });
  ({ fake, app } = bot);
  await app.search.save(); // the save after the build is done before a worker is crashed
});

afterAll(async () => {
  await held?.release();
  await bot?.stop();
  held?.close(); // once the bot is stopped
});

const errorsLogged = () => [...logLines].filter((l) => (JSON.parse(l) as { level: number }).level >= 50);

describe('the one error boundary during a search worker replacement', () => {
  it('answers a mention, a DM and the context menu « Recherche momentanément indisponible », then searches again', async () => {
    const ask = { timeoutMs: 30_000 };
    // Before: a normal answer.
    const before = await fake.userMessage('surpopulation carcérale', { mention: true, userId: freshUser(), ...ask })
      .done;
    expect(before.message.content).not.toContain('indisponible');

    held = await crashSearchWorkerAndHoldReplacement();
    const mention = await fake.userMessage('surpopulation carcérale', { mention: true, userId: freshUser(), ...ask })
      .done;
    expect(mention.message.content).toBe(UNAVAILABLE);
    expect(mention.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const dm = await fake.userMessage('qui pose des questions sur les prisons ?', {
      dm: true,
      userId: freshUser(),
      ...ask,
    }).done;
    expect(dm.message.content).toBe(UNAVAILABLE);
    const menu = await fake.messageCommand(
      'Chercher des questions écrites',
      fake.someonesMessage('la surpopulation carcérale'),
      {
        userId: freshUser(),
        ...ask,
      },
    ).done;
    expect(menu.ephemeral).toBe(true);
    expect(menu.message.content).toBe(UNAVAILABLE);
    expect(errorsLogged()).toEqual([]);

    await held.release();
    await logLines.waitFor('search worker replaced and serving');
    const after = await fake.userMessage('surpopulation carcérale', { mention: true, userId: freshUser(), ...ask })
      .done;
    expect(after.message.content).toBe(before.message.content);
  });
});
