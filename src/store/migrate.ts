import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

/** Folder of the numbered `NNN_name.sql` files shipped with the store. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every `*.sql` file of `dir` not yet recorded in `schema_migrations`, in file-name order, each in its own
 * IMMEDIATE transaction (so two processes opening the same database cannot apply a file twice). Files are tracked
 * by name: adding `010_bot.sql` later applies just that file on the next open. A migration must not contain
 * statements that SQLite refuses inside a transaction (PRAGMA journal_mode, VACUUM).
 * Returns the names applied by this call.
 */
export function runMigrations(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?');
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const file of files) {
    if (isApplied.get(file)) continue;
    const sql = readFileSync(path.join(dir, file), 'utf8');
    const apply = db.transaction(() => {
      if (isApplied.get(file)) return false; // applied by another process meanwhile
      try {
        db.exec(sql);
      } catch (err) {
        throw new Error(`migration ${file} : ${(err as Error).message}`);
      }
      record.run(file, new Date().toISOString());
      return true;
    });
    if (apply.immediate()) applied.push(file);
  }
  return applied;
}
