/**
 * No token in any line the bot prints, even when Discord fails: the real bot process (its sources, through tsx)
 * at LOG_LEVEL=debug, against the fake answering 500 and 404 to interaction callbacks and edits of @original.
 * Every byte the process wrote to stdout and stderr is searched for the bot token and each interaction token.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCorpus, tempDir } from '../support/botCorpus';
import {
  FAKE_TOKEN,
  INTERACTION_ROUTES,
  startDiscordFake,
  type DiscordFake,
  type InjectedInteraction,
  type RequestMatch,
} from '../support/discordFake';
import { spawnBot, type SpawnedBot } from '../support/spawnBot';

let fake: DiscordFake;
let bot: SpawnedBot;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir();
  const dbPath = path.join(tmp.dir, 'questions.db');
  (await buildCorpus({ dbPath })).close();
  fake = await startDiscordFake();
  bot = spawnBot({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    INDEX_DIR: path.join(tmp.dir, 'index'),
    LOG_LEVEL: 'debug',
  });
  await fake.waitForReady(60_000);
  await bot.waitForLog('index: ready', 120_000);
}, 180_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  tmp?.cleanup();
});

/**
 * Injects an interaction while `route` answers `status` (a 500 four times: discord.js, with its production
 * settings, retries a 500 three times); resolves when the bot has logged the failure.
 */
async function failing(
  route: RequestMatch,
  status: 404 | 500,
  inject: () => InjectedInteraction,
): Promise<InjectedInteraction> {
  const before = bot.logs.filter((l) => l.msg === 'interaction reply failed').length;
  const rule = fake.failRequests(route, status, status === 500 ? 4 : 1);
  const i = inject();
  await expect
    .poll(() => bot.logs.filter((l) => l.msg === 'interaction reply failed').length, { timeout: 30_000 })
    .toBe(before + 1);
  rule.remove();
  return i;
}

it('prints no token at LOG_LEVEL=debug when Discord answers 500 and 404 to callbacks and edits', async () => {
  const injected: InjectedInteraction[] = [];
  // A direct reply's callback fails.
  injected.push(await failing(INTERACTION_ROUTES.callback, 500, () => fake.command('aide')));
  injected.push(await failing(INTERACTION_ROUTES.callback, 404, () => fake.command('aide')));
  // A deferred command's edit of @original fails (/palmares, /tendance and /demander always defer).
  injected.push(await failing(INTERACTION_ROUTES.editOriginal, 500, () => fake.command('palmares')));
  injected.push(await failing(INTERACTION_ROUTES.editOriginal, 404, () => fake.command('palmares')));
  injected.push(
    await failing(INTERACTION_ROUTES.editOriginal, 500, () => fake.command('tendance', { texte: 'retraite' })),
  );
  injected.push(
    await failing(INTERACTION_ROUTES.editOriginal, 404, () =>
      fake.command('demander', { texte: 'qui pose des questions sur les retraites ?' }),
    ),
  );
  // And one that works, so that debug REST lines for a successful exchange are there too.
  const ok = fake.command('aide');
  injected.push(ok);
  await ok.done;

  expect(await bot.stop()).toBe(0);
  const { stdout, stderr } = bot.printed();
  const printed = `${stdout}\n${stderr}`;
  const tokens = [FAKE_TOKEN, ...injected.map((i) => i.token)];
  for (const token of tokens) expect(printed.includes(token), `token ${token.slice(0, 12)}… printed`).toBe(false);
  // The lines are still there and still useful: the failures with their routes, the REST traffic at debug.
  const failures = bot.logs.filter((l) => l.msg === 'interaction reply failed');
  expect(failures).toHaveLength(6);
  expect(JSON.stringify(failures)).toMatch(/\/interactions\/\d+\/\[redacted\]\/callback/);
  expect(JSON.stringify(failures)).toMatch(/\/webhooks\/\d+\/\[redacted\]/);
  expect(
    bot.logs.some(
      (l) => l.msg === 'discord REST response' && /\/interactions\/\d+\/\[redacted\]\/callback/.test(String(l.path)),
    ),
  ).toBe(true);
  fake.assertClean();
}, 120_000);
