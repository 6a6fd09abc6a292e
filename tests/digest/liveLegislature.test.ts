/**
 * The live legislature is discovered, not fixed (issue 22): the bot (main(), console mode) refreshes the 17th from
 * the loopback mirror; then the mirror grows an 18th legislature (its questions and its deputies' history), and the
 * next daily refresh finds it by one HEAD, moves to it, reads the new deputies then the new questions, logs the
 * move and shows it in /stats; a restart stays on the 18th.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deputiesArchiveUrl, questionArchiveUrl } from '../../src/corpus/official/addresses';
import { main, type RunningApp } from '../../src/main';
import { writeArchive, writeDeputiesHistory } from '../../tools/generator';
import { buildCorpus, tempDir } from '../support/botCorpus';
import { startOfficialMirror, type OfficialMirror } from '../support/officialMirror';

let tmp: ReturnType<typeof tempDir>;
let mirror: OfficialMirror;
let app: RunningApp | null = null;
let logs: Array<Record<string, unknown>> = [];
let waiters: Array<{ msg: string; resolve: () => void }> = [];

/** Resolves when the bot logs `msg` (already, or later): an event, not a delay. */
function logged(msg: string): Promise<void> {
  if (logs.some((l) => l.msg === msg)) return Promise.resolve();
  return new Promise((resolve) => waiters.push({ msg, resolve }));
}

const rel = (url: string) => url.replace(/^\//, '');

async function start(dbPath: string): Promise<RunningApp> {
  app = await main({
    env: {
      DATABASE_PATH: dbPath,
      INDEX_DIR: path.join(tmp.dir, 'index'),
      OPENDATA_URL: mirror.base,
      LOG_LEVEL: 'info',
    },
    logger: pino(
      { level: 'info' },
      {
        write: (s: string) => {
          const line = JSON.parse(s) as Record<string, unknown>;
          logs.push(line);
          for (const w of waiters.filter((x) => x.msg === line.msg)) w.resolve();
        },
      },
    ),
    input: new PassThrough(),
    output: new PassThrough(),
    searchWorkers: 0,
  });
  return app;
}

beforeEach(async () => {
  tmp = tempDir();
  mirror = await startOfficialMirror();
  logs = [];
  waiters = [];
});

afterEach(async () => {
  await app?.stop();
  app = null;
  await mirror.close();
  tmp.cleanup();
});

describe('the live legislature', () => {
  it('moves the daily refresh to an 18th legislature when its archive appears, with its deputies, and says so', async () => {
    const q17 = path.join(tmp.dir, 'q17.zip');
    await writeArchive({ count: 20, seed: 11, legislature: 17, out: q17, layout: 'per-file' });
    mirror.put(rel(questionArchiveUrl('', 17)), readFileSync(q17));
    const dbPath = path.join(tmp.dir, 'q.db');
    (await buildCorpus({ dbPath })).close();

    let bot = await start(dbPath);
    const scheduler = () => bot.deps.digest!.scheduler!;
    await logged('refresh done'); // the start refresh (the 17th was missing)
    expect(bot.store.legislaturesWithOpenData()).toEqual([17]);
    expect(scheduler().status()).toMatchObject({ legislature: 17, moved: null });
    expect(await bot.console!.handleLine('/stats')).toContain('Mise à jour quotidienne : 17e législature.');

    // An election: the 18th legislature's archive and deputies appear under the same base.
    const q18 = path.join(tmp.dir, 'q18.zip');
    await writeArchive({ count: 12, seed: 12, legislature: 18, out: q18, layout: 'per-file' });
    mirror.put(rel(questionArchiveUrl('', 18)), readFileSync(q18));
    const amo18 = path.join(tmp.dir, 'amo18.zip');
    await writeDeputiesHistory({ seed: 12, legislatures: [18], out: amo18 });
    mirror.put(rel(deputiesArchiveUrl('', 18)), readFileSync(amo18));
    const acteursBefore = bot.store.countActeurs();

    const outcome = (await scheduler().refreshNow())!;
    expect(outcome.ok).toBe(true);
    expect(bot.store.legislaturesWithOpenData()).toEqual([17, 18]);
    expect(bot.store.countActeurs()).toBeGreaterThan(acteursBefore);
    expect(logs.filter((l) => l.msg === 'live legislature moved: the refresh follows the new one')).toMatchObject([
      { from: 17, to: 18 },
    ]);
    expect(scheduler().status()).toMatchObject({ legislature: 18, moved: { from: 17 } });
    expect(bot.deps.digest!.defaultLegislature).toBe(18);
    const stats = await bot.console!.handleLine('/stats');
    expect(stats).toMatch(
      /Nouvelle législature détectée le .+ : la mise à jour quotidienne suit la 18e législature \(après la 17e\)\./,
    );
    expect(stats).toContain('18e législature — 12 questions');

    // The next day: it asks for a 19th (absent), reads the 18th again, not the deputies.
    await scheduler().refreshNow();
    const gets = (url: string) => mirror.requests.filter((r) => r.method === 'GET' && r.path === rel(url)).length;
    expect(gets(deputiesArchiveUrl('', 18))).toBe(1);
    expect(mirror.requests.some((r) => r.method === 'HEAD' && r.path === rel(questionArchiveUrl('', 19)))).toBe(true);
    expect(gets(questionArchiveUrl('', 18))).toBe(2);

    // A restart stays on the 18th.
    await bot.stop();
    bot = await start(dbPath);
    expect(scheduler().status()).toMatchObject({ legislature: 18, moved: { from: 17 } });
  }, 120_000);
});
