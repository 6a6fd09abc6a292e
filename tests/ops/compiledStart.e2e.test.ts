/**
 * The production start (issue 22 item 11): `npm start` builds dist/ (`npm run build`) and runs
 * `node dist/src/main.js`. The rest of the suite runs the TypeScript sources; this file builds the bot as
 * `npm start` does and starts the compiled bot in a child process against the Discord fake: its search workers,
 * chart worker and ingest child start from dist/ without tsx, and it answers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionArchiveUrl } from '../../src/corpus/official/addresses';
import { writeArchive } from '../../tools/generator';
import { decodePng } from '../charts/support';
import { buildCorpus, REPO, tempDir } from '../support/botCorpus';
import { FAKE_TOKEN, startDiscordFake, type DiscordFake } from '../support/discordFake';
import { startOfficialMirror, type OfficialMirror } from '../support/officialMirror';
import { BOT_ARGS, spawnBot, type SpawnedBot } from '../support/spawnBot';

let tmp: ReturnType<typeof tempDir>;
let fake: DiscordFake;
let mirror: OfficialMirror;
let bot: SpawnedBot;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: REPO, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  tmp = tempDir();
  const dbPath = path.join(tmp.dir, 'questions.db');
  // The shipped pages and 300 questions of the 16th: the 17th, live, is missing and is fetched at start.
  (await buildCorpus({ dbPath, generated: 300 })).close();
  mirror = await startOfficialMirror();
  const archive = path.join(tmp.dir, 'q17.zip');
  await writeArchive({ count: 30, seed: 11, legislature: 17, out: archive, layout: 'per-file' });
  mirror.put(questionArchiveUrl('', 17).replace(/^\//, ''), readFileSync(archive));
  fake = await startDiscordFake();
  bot = spawnBot(
    {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      INDEX_DIR: path.join(tmp.dir, 'index'),
      OPENDATA_URL: mirror.base,
      LOG_LEVEL: 'info',
      HEALTH_PORT: '0',
    },
    BOT_ARGS.compiled,
  );
  await fake.waitForReady(120_000);
  await bot.waitForLog('index: ready', 120_000);
}, 300_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await mirror?.close();
  tmp?.cleanup();
});

describe('the compiled bot (npm start)', () => {
  it('starts its workers and its ingest child from dist/, not through tsx', async () => {
    const compiled = (await import(
      pathToFileURL(path.join(REPO, 'dist/src/entryPoints.js')).href
    )) as typeof import('../../src/entryPoints');
    const search = compiled.workerEntry(
      pathToFileURL(path.join(REPO, 'dist/src/search/shardClients.js')).href,
      'searchWorker',
    );
    expect(search.url.href).toBe(pathToFileURL(path.join(REPO, 'dist/src/search/searchWorker.js')).href);
    expect(search.workerData).toBeUndefined();
    const child = compiled.processEntry(
      pathToFileURL(path.join(REPO, 'dist/src/corpus/ingest/ingestInChildProcess.js')).href,
      'ingestChild',
    );
    expect(child).toEqual({ file: path.join(REPO, 'dist/src/corpus/ingest/ingestChild.js'), execArgv: [] });
    expect(path.resolve(compiled.REPO_ROOT)).toBe(REPO);
  });

  it('answers a search from its search workers', async () => {
    const res = await fake.command('recherche', { texte: 'santé' }, { timeoutMs: 30_000 }).done;
    expect(res.ephemeral).toBe(false);
    expect(res.message.embeds[0]?.title).toMatch(/santé/);
  });

  it('draws a chart in its chart worker', async () => {
    const res = await fake.command('tendance', { texte: 'santé' }, { timeoutMs: 60_000 }).done;
    expect(res.message.attachments.map((a) => a.filename)).toContain('tendance.png');
    expect(decodePng(fake.attachmentData(res.message, 'tendance.png')).inked).toBeGreaterThan(0.02);
  });

  it('ingests the missing live legislature in its compiled ingest child', async () => {
    const done = await bot.waitForLog('refresh done', 120_000);
    expect(done.changed).toBe(30);
    expect(done.pid).not.toBe(bot.child.pid);
  });
});
