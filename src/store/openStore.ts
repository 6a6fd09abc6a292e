import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './migrate';
import { QuestionStore } from './QuestionStore';

/** `DATABASE_PATH` or `data/questions.db`, relative to the working directory. */
export function defaultDatabasePath(): string {
  return process.env.DATABASE_PATH ?? 'data/questions.db';
}

/**
 * Opens (creating the folder and the file if needed) the database, sets WAL, foreign keys and a busy timeout
 * (the bot and `npm run ingest` may use the same file at once), and applies pending migrations.
 * `:memory:` works too (tests).
 */
export function openStore(dbPath: string = defaultDatabasePath()): QuestionStore {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('synchronous = NORMAL');
    runMigrations(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return new QuestionStore(db, dbPath);
}
