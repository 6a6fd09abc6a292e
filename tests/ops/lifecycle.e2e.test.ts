/**
 * The bot's life cycle, on the real process (its sources through tsx, as a child) against the Discord fake:
 * SIGTERM while interactions are in flight, an interaction that never finishes, and an unexpected error.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RESTARTING_MESSAGE } from '../../src/ops/interactionGate';
import { openStore } from '../../src/store/openStore';
import { buildCorpus, makeQuestion, tempDir } from '../support/botCorpus';
import {
  FAKE_TOKEN,
  INTERACTION_ROUTES,
  startDiscordFake,
  type DiscordFake,
  type RequestMatch,
} from '../support/discordFake';
import { spawnBot, type SpawnedBot } from '../support/spawnBot';

let fake: DiscordFake;
let bot: SpawnedBot | null = null;
let tmp: ReturnType<typeof tempDir>;
let dbPath: string;

beforeAll(async () => {
  tmp = tempDir();
  dbPath = path.join(tmp.dir, 'questions.db');
  (await buildCorpus({ dbPath, generated: 300 })).close();
  fake = await startDiscordFake();
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
});
afterAll(async () => {
  await fake?.close();
  tmp?.cleanup();
});

async function startBot(env: Record<string, string> = {}): Promise<SpawnedBot> {
  const b = spawnBot({
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    INDEX_DIR: path.join(tmp.dir, 'index'),
    LOG_LEVEL: 'info',
    HEALTH_PORT: '0',
    ...env,
  });
  bot = b;
  // Connected to the (fake) gateway, and the index ready: in either order.
  await b.waitForLog('ready', 120_000);
  await b.waitForLog('index: ready', 120_000);
  await fake.waitForReady(60_000);
  return b;
}

/** The next callback (acknowledgement) Discord receives is done but its answer withheld until released. */
function holdNextCallback(): ReturnType<DiscordFake['holdRequests']> {
  let n = 0;
  const match: RequestMatch = { ...INTERACTION_ROUTES.callback, test: () => ++n === 1 };
  return fake.holdRequests(match, 'after');
}

describe('stopping the bot', () => {
  it('on SIGTERM finishes the interactions in flight, tells new ones « redémarrage en cours », saves the index, closes the database and exits 0', async () => {
    const b = await startBot({ SHUTDOWN_GRACE_MS: '30000' });
    const healthUrl = String((await b.waitForLog('health endpoint listening')).url);
    expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);

    // A question ingested meanwhile by another process: the live index adds it, and has a save pending.
    const store = openStore(dbPath);
    store.upsertQuestions([makeQuestion({ number: 999_001, legislature: 16 })], { seenAt: new Date().toISOString() });
    const revision = store.revision();
    store.close();
    await b.waitForLog('index: questions added from the database', 30_000);

    // An interaction in flight: acknowledged (deferred: /palmares always defers), its answer still to come when
    // the signal arrives.
    const hold = holdNextCallback();
    const inFlight = fake.command('palmares', {}, { timeoutMs: 60_000 });
    await hold.reached;
    b.child.kill('SIGTERM');
    await b.waitForLog('shutdown requested', 10_000);

    // New interactions are answered at once, privately, and not run.
    const late = await fake.command('recherche', { texte: 'retraite' }).done;
    expect(late.callbackType).toBe(4);
    expect(late.ephemeral).toBe(true);
    expect(late.body.content).toBe(RESTARTING_MESSAGE);
    expect(late.body.allowed_mentions).toEqual({ parse: [] });
    const lateAutocomplete = await fake.autocomplete('depute', { nom: 'ta' }, 'nom').done;
    expect(lateAutocomplete.choices).toEqual([]);
    const health = await fetch(`${healthUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { problems: string[] }).problems).toContain('shutting down');

    // The one in flight still gets its full answer.
    hold.release();
    const answered = await inFlight.done;
    expect(answered.callbackType).toBe(5);
    expect(answered.message.embeds[0]?.title).toMatch(/^Palmarès des ministères/);

    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect(b.logs.find((l) => l.msg === 'stopped')).toMatchObject({ unfinished: 0 });
    // The index was saved at the revision that holds the new question; the database was closed (WAL folded).
    const manifest = JSON.parse(readFileSync(path.join(tmp.dir, 'index', 'manifest.json'), 'utf8')) as {
      revision: string;
    };
    expect(manifest.revision).toBe(revision);
    expect(!existsSync(`${dbPath}-wal`) || statSync(`${dbPath}-wal`).size === 0).toBe(true);
    fake.assertClean();
  }, 180_000);

  it('does not wait past SHUTDOWN_GRACE_MS for an interaction that never finishes', async () => {
    const b = await startBot({ SHUTDOWN_GRACE_MS: '1000' });
    const hold = holdNextCallback();
    fake.command('stats', {}, { timeoutMs: 60_000 }).done.catch(() => undefined);
    await hold.reached;
    const signalled = Date.now();
    b.child.kill('SIGTERM');
    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(
      b.logs.find((l) => l.msg === 'interactions still running at the shutdown deadline, stopping anyway'),
    ).toMatchObject({ unfinished: 1 });
    expect(b.logs.find((l) => l.msg === 'stopped')).toBeDefined();
    hold.release();
  }, 180_000);
});

describe('an unexpected error', () => {
  it('in the bot (a gateway payload discord.js cannot read) is logged at fatal with context, and the process exits 1', async () => {
    const b = await startBot();
    fake.inject({ type: 2, data: null as unknown as Record<string, unknown> });
    expect(await b.exited).toEqual({ code: 1, signal: null });
    const fatal = b.logs.find((l) => l.level === 60);
    expect(fatal).toMatchObject({
      msg: 'unhandled promise rejection, exiting',
      origin: 'unhandledRejection',
      phase: 'running',
    });
    expect(JSON.stringify(fatal)).toContain('InteractionCreate');
    // The supervisor's restart finds everything in order.
    const again = await startBot();
    expect((await fake.command('aide').done).callbackType).toBe(4);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 180_000);

  it.each(['exception', 'rejection'])(
    '(%s) ends any process that uses the life cycle with code 1, logged without secrets',
    async (crash) => {
      const secret = 'itok_987654321_s3cr3t-value-x';
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'throwingChild.ts')],
        {
          env: { ...process.env, CRASH: crash, CHILD_SECRET: secret },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let printed = '';
      child.stdout.on('data', (c: Buffer) => (printed += c.toString()));
      child.stderr.on('data', (c: Buffer) => (printed += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(code).toBe(1);
      const lines = printed
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const fatal = lines.find((l) => l.level === 60);
      expect(fatal).toMatchObject({
        origin: crash === 'exception' ? 'uncaughtException' : 'unhandledRejection',
        phase: 'running',
      });
      expect(lines.at(-1)).toMatchObject({ msg: 'last words' });
      expect(printed).not.toContain(secret);
    },
    60_000,
  );
});
