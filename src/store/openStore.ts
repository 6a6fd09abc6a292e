import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './migrate';
import { QuestionStore } from './QuestionStore';

/**
 * Opens (creating the folder and the file if needed) the database, sets WAL, foreign keys and a busy timeout
 * (the bot and `npm run ingest` may use the same file at once), and applies pending migrations.
 * `:memory:` works too (tests). The path comes from the caller (`config.databasePath`, or a `--db` option).
 */
export function openStore(dbPath: string): QuestionStore {
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
