/**
 * A fresh deployment becomes useful by itself (issue 12) and the refresh runs off the bot's thread (issue 9):
 * the bot (main(), console mode) started on a database without the live legislature.
 */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { questionArchiveUrl } from '../../src/corpus/official/addresses';
import { main, type RunningApp } from '../../src/main';
import { writeArchive } from '../../tools/generator';
import { buildCorpus, tempDir } from '../support/botCorpus';
import { startOfficialMirror, type OfficialMirror } from '../support/officialMirror';
import { readFileSync } from 'node:fs';

let tmp: ReturnType<typeof tempDir>;
let mirror: OfficialMirror;
let app: RunningApp | null = null;
let output = '';
const logs: Array<Record<string, unknown>> = [];

async function until<T>(what: string, f: () => T | undefined | null | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function start(opendataUrl: string): Promise<RunningApp> {
  const dbPath = path.join(tmp.dir, 'q.db');
  (await buildCorpus({ dbPath })).close(); // the five shipped pages only: no open data of the 17th
  const out = new PassThrough();
  out.on('data', (d: Buffer) => (output += d.toString('utf8')));
  app = await main({
    env: {
      DATABASE_PATH: dbPath,
      INDEX_DIR: path.join(tmp.dir, 'index'),
      OPENDATA_URL: opendataUrl,
      LOG_LEVEL: 'info',
    },
    logger: pino({ level: 'info' }, { write: (s: string) => void logs.push(JSON.parse(s) as Record<string, unknown>) }),
    input: new PassThrough(),
    output: out,
    searchWorkers: 0,
  });
  return app;
}

beforeEach(async () => {
  tmp = tempDir();
  mirror = await startOfficialMirror();
  output = '';
  logs.length = 0;
});

afterEach(async () => {
  await app?.stop();
  app = null;
  await mirror.close();
  tmp.cleanup();
});

describe('the bot on a database without the live legislature', () => {
  it('downloads it at once in a child process and searches it without a restart', async () => {
    const archive = path.join(tmp.dir, 'q17.zip');
    await writeArchive({ count: 30, seed: 11, legislature: 17, out: archive, layout: 'per-file' });
    mirror.put(questionArchiveUrl('', 17).replace(/^\//, ''), readFileSync(archive));
    const bot = await start(mirror.base);
    const revisionBefore = bot.store.revision();
    // The start refresh's own report (never a second refresh started by the test: that was a race).
    const done = await until('the start refresh', () => logs.find((l) => l.msg === 'refresh done'));
    expect(bot.deps.digest!.scheduler!.status().last).toMatchObject({ ok: true, unchanged: false, newQuestions: 30 });
    expect(done.pid).not.toBe(process.pid);
    expect(done.changed).toBe(30);
    expect(bot.store.revision()).not.toBe(revisionBefore);
    expect(bot.store.legislaturesWithOpenData()).toEqual([17]);
    expect(output).toContain('Téléchargement des questions de la 17e législature en arrière-plan');
    await until('the index to hold the new questions', () => bot.search.engine.size >= bot.store.count());
    const stats = await bot.console!.handleLine('/stats');
    expect(stats).toContain('17e législature — 30 questions');
  }, 120_000);

  it('says once that there is no network, shows it in /stats, and serves what it has', async () => {
    const bot = await start('http://127.0.0.1:9');
    await until('the offline notice', () => output.includes('Pas d’accès à l’open data de l’Assemblée'));
    expect(bot.deps.digest!.scheduler!.status().offline?.reason).toMatch(/^source injoignable/);
    const stats = await bot.console!.handleLine('/stats');
    expect(stats).toContain('Mise à jour impossible pour l’instant : pas d’accès à l’open data');
    const q = await bot.console!.handleLine('/question numero:50862 legislature:14');
    expect(q).toContain('Question écrite n° 50862');
    expect(
      logs.filter((l) => l.msg === 'refresh source unreachable: serving the stored corpus until it answers'),
    ).toHaveLength(1);
    expect(output.match(/Pas d’accès à l’open data/g)).toHaveLength(1);
  }, 60_000);
});
