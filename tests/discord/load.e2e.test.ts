/**
 * Under load: 200 interactions injected at once against 100,000 generated questions (LOAD_CORPUS_SIZE to try
 * another size) are all acknowledged within Discord's 3 s. `npm test` runs it on its own after the rest of the
 * suite (`npm run test:load`, about a minute); `npm run bench -- --only bot` measures the same. The bot runs its
 * sources through tsx (`npm start` runs the compiled build, which starts faster), in its own process, with
 * discord.js's production REST settings, against the fake in this process, which enforces Discord's rate limits
 * and fails the test on any late acknowledgement or oversized payload. The figures printed (acknowledgement and
 * final answer p50/p99) are what the README reports.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCorpus, tempDir } from '../support/botCorpus';
import { FAKE_TOKEN, startDiscordFake, type DiscordFake } from '../support/discordFake';
import { percentile, runLoad } from '../support/loadScenario';
import { spawnBot, type SpawnedBot } from '../support/spawnBot';

const SIZE = Number(process.env.LOAD_CORPUS_SIZE ?? 100_000);

let fake: DiscordFake;
let bot: SpawnedBot;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir();
  const dbPath = path.join(tmp.dir, 'questions.db');
  const store = await buildCorpus({ dbPath, generated: SIZE });
  store.close();
  fake = await startDiscordFake();
  bot = spawnBot({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    INDEX_DIR: path.join(tmp.dir, 'index'),
    LOG_LEVEL: 'info',
  });
  await fake.waitForReady(30_000);
  await bot.waitForLog('index: ready');
}, 600_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  tmp?.cleanup();
});

it(`acknowledges 200 simultaneous interactions within 3 s each (corpus of ${SIZE})`, async () => {
  const res = await runLoad(fake, 200);
  const p50 = percentile(res.ackMs, 50);
  const p99 = percentile(res.ackMs, 99);
  console.log(
    `load ${SIZE}: ack p50 ${p50} ms, p99 ${p99} ms; final answer p50 ${percentile(res.replyMs, 50)} ms, p99 ${percentile(res.replyMs, 99)} ms; ` +
      `${res.direct} answered in one request, ${res.deferred} deferred; wall ${res.wallMs} ms; 429s ${fake.rateLimited.length}; bot RSS ${bot.rssMb()} MB`,
  );
  fake.assertClean();
  expect(res.errors).toEqual([]);
  // discord.js with its production settings stays within Discord's limits: it never needs a 429 to slow down.
  expect(fake.rateLimited).toEqual([]);
  expect(res.ackMs).toHaveLength(200);
  expect(Math.max(...res.ackMs)).toBeLessThan(3000);
}, 120_000);
