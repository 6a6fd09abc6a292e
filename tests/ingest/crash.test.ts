import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest';
import { openStore } from '../../src/store/openStore';
import { REPO, writeClonedSingleFile } from './support/cloneCorpus';
import { useTempDirs } from './support/tempDir';

const tempDir = useTempDirs();
const COUNT = 6000;
const BATCH = 50;
/** Killed once this many questions are committed: far from the end, so the run is surely still going. */
const KILL_AT = 300;

function snapshot(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      questions: db.prepare('SELECT uid, content_hash FROM questions ORDER BY uid').all(),
      events: db.prepare('SELECT uid, kind, baseline, detail FROM events ORDER BY uid, kind').all(),
      total: db.prepare('SELECT count(*) FROM questions').pluck().get(),
    };
  } finally {
    db.close();
  }
}

function countQuestions(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM questions').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // schema not created yet
  }
}

describe('npm run ingest killed half-way', () => {
  // Driven from outside: the real CLI in a child process, watched through its database, frozen (SIGSTOP) as soon
  // as enough batches are committed, then killed (SIGKILL). No pause or hook inside the ingest.
  it('re-running after SIGKILL gives the same content as a clean ingest, without duplicates', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'Questions_ecrites_XIV.json');
    await writeClonedSingleFile(input, COUNT, { legislature: 14, start: 1 });
    const crashed = path.join(dir, 'crashed.db');
    const script = path.join(REPO, 'scripts/ingest.ts');

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, input, '--db', crashed, '--batch-size', String(BATCH), '--json'],
      {
        cwd: REPO,
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    let atKill = 0;
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && child.exitCode === null) {
      atKill = countQuestions(crashed);
      if (atKill >= KILL_AT) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGSTOP');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(atKill).toBeGreaterThanOrEqual(KILL_AT);
    const partial = countQuestions(crashed);
    expect(partial).toBeLessThan(COUNT);
    expect(partial % BATCH).toBe(0); // whole batches only

    const rerun = spawnSync(process.execPath, ['--import', 'tsx', script, input, '--db', crashed, '--json'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { questions: { new: number; unchanged: number } };
    expect(summary.questions).toMatchObject({ new: COUNT - partial, unchanged: partial });

    const cleanPath = path.join(dir, 'clean.db');
    const clean = openStore(cleanPath);
    await ingest([input], { store: clean, now: new Date() });
    clean.close();

    const a = snapshot(crashed);
    const b = snapshot(cleanPath);
    expect(a.total).toBe(COUNT);
    expect(a.questions).toEqual(b.questions);
    expect(a.events).toEqual(b.events); // including baseline = 1 for the events of the resumed run
  }, 120_000);
});
