import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, runMigrations } from '../../src/store/migrate';
import { parseConfig } from '../../src/config';
import { openStore } from '../../src/store/openStore';
import { useTempDirs } from '../ingest/support/tempDir';

const tempDir = useTempDirs();

describe('openStore', () => {
  it('creates the missing folders and the file, in WAL mode with foreign keys on', () => {
    const file = path.join(tempDir(), 'a', 'b', 'q.db');
    const store = openStore(file);
    expect(existsSync(file)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(store.db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    store.close();
  });

  it('is given its path by the configuration: DATABASE_PATH, else data/questions.db, with the index beside it', () => {
    expect(parseConfig({}).databasePath).toBe(path.join('data', 'questions.db'));
    expect(parseConfig({ DATABASE_PATH: '/tmp/elsewhere.db' })).toMatchObject({
      databasePath: '/tmp/elsewhere.db',
      indexDir: '/tmp/index',
    });
  });

  it('applies every shipped migration once, tracked by name, and nothing more on reopen', () => {
    const file = path.join(tempDir(), 'q.db');
    openStore(file).close();
    const store = openStore(file);
    const names = store.db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
    const shipped = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(names).toEqual(shipped);
    expect(names).toContain('001_corpus.sql');
    store.close();
  });

  it('applies a migration file added later, in file-name order, on a reopened database', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    mkdirSync(migrations);
    copyFileSync(path.join(MIGRATIONS_DIR, '001_corpus.sql'), path.join(migrations, '001_corpus.sql'));
    const db = new Database(path.join(dir, 'q.db'));
    expect(runMigrations(db, migrations)).toEqual(['001_corpus.sql']);

    writeFileSync(path.join(migrations, '020_later.sql'), 'CREATE TABLE later (x INTEGER REFERENCES early (id));');
    writeFileSync(path.join(migrations, '010_early.sql'), 'CREATE TABLE early (id INTEGER PRIMARY KEY);');
    expect(runMigrations(db, migrations)).toEqual(['010_early.sql', '020_later.sql']);
    expect(runMigrations(db, migrations)).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['questions', 'events', 'early', 'later']));
    db.close();
  });

  it('rolls back a failing migration entirely and names the file', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(path.join(migrations, '001_bad.sql'), 'CREATE TABLE half (id INTEGER); CREATE TABLE oops (;');
    const db = new Database(path.join(dir, 'q.db'));
    expect(() => runMigrations(db, migrations)).toThrow(/001_bad\.sql/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('half');
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(0);
    db.close();
  });
});
