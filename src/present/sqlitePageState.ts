/**
 * PageStateStore on SQLite (table bot_page_state, migration 010_bot.sql). Ids are 12 base64url characters of
 * sha256(kind, payload): deterministic, so repeated searches reuse one row. Now and then (every 500 saves),
 * rows unused for `maxAgeDays` are pruned, and so are the least recently used beyond `maxRows` (a busy bot
 * would otherwise keep 180 days of distinct searches); a button pointing at a pruned row answers
 * "relancez la commande".
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PageStateStore } from './deps';

export function stateId(kind: string, json: string): string {
  return createHash('sha256').update(kind).update('\0').update(json).digest('base64url').slice(0, 12);
}

export class SqlitePageState implements PageStateStore {
  private saves = 0;
  private readonly upsert: Database.Statement<[string, string, string, string, string]>;
  private readonly select: Database.Statement<[string, string], { payload: string }>;
  private readonly touch: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly maxAgeDays = 180,
    private readonly maxRows = 100_000,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO bot_page_state (id, kind, payload, created_at, used_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET used_at = excluded.used_at`,
    );
    this.select = db.prepare('SELECT payload FROM bot_page_state WHERE id = ? AND kind = ?');
    this.touch = db.prepare('UPDATE bot_page_state SET used_at = ? WHERE id = ?');
  }

  save(kind: string, payload: unknown, now: Date): string {
    const json = JSON.stringify(payload);
    const id = stateId(kind, json);
    const at = now.toISOString();
    this.upsert.run(id, kind, json, at, at);
    if (++this.saves % 500 === 1) {
      const cutoff = new Date(now.getTime() - this.maxAgeDays * 86_400_000).toISOString();
      this.db.prepare('DELETE FROM bot_page_state WHERE used_at < ?').run(cutoff);
      // ops (issue 9): a bound on the row count too, least recently used first (index on used_at).
      this.db
        .prepare(
          'DELETE FROM bot_page_state WHERE id IN (SELECT id FROM bot_page_state ORDER BY used_at DESC LIMIT -1 OFFSET ?)',
        )
        .run(this.maxRows);
    }
    return id;
  }

  load(kind: string, id: string): unknown {
    const row = this.select.get(id, kind);
    if (!row) return null;
    this.touch.run(new Date().toISOString(), id);
    return JSON.parse(row.payload) as unknown;
  }
}

/** In-memory twin for unit tests and the console without a database. */
export class MemoryPageState implements PageStateStore {
  readonly rows = new Map<string, string>();
  save(kind: string, payload: unknown): string {
    const json = JSON.stringify(payload);
    const id = stateId(kind, json);
    this.rows.set(`${kind}:${id}`, json);
    return id;
  }
  load(kind: string, id: string): unknown {
    const json = this.rows.get(`${kind}:${id}`);
    return json === undefined ? null : (JSON.parse(json) as unknown);
  }
}
