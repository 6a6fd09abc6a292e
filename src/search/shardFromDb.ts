/**
 * A shard reads its own questions from the database file (in its worker thread: nothing big crosses threads and
 * the bot's thread parses nothing), through a read-only connection of its own (WAL: the bot's connection is never
 * held busy). Rows are read in pages by rowid and fed to the shard page by page with a yield in between, so that
 * a worker building or catching up still answers queries and the supervisor's pings between two pages.
 */
import Database from 'better-sqlite3';
import { type Question, withChamber } from '../corpus/types';
import { toIndexDoc } from './indexDoc';
import type { SearchShard } from './shard/SearchShard';
import { shardOf } from './shardOf';

/**
 * Rows per page: a page is parsed and indexed in one synchronous run. A catch-up runs while the shard serves, so its
 * pages are small (a search waits at most one page, about 20 ms); a build serves nobody meanwhile.
 */
const BUILD_PAGE_ROWS = 500;
const CATCH_UP_PAGE_ROWS = 100;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Which shard's rows, out of how many; `since` < revision <= `until` (store revision counters) for a catch-up. */
export interface ShardRows {
  dbPath: string;
  shard: number;
  shards: number;
  /** Only rows written after this revision counter (catch-up); omitted: every row (build). */
  since?: number;
  /** Only rows written at or before this revision counter; omitted: no upper bound. */
  until?: number;
}

/**
 * Adds this shard's rows to `target()` (read again at each page: the worker may swap its shard meanwhile, e.g. a
 * load; the caller serialises mutations so it does not). Resolves to the number of rows added.
 */
export async function addRowsFromDb(target: () => SearchShard, rows: ShardRows): Promise<number> {
  const db = new Database(rows.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // Rows of other shards are skipped before their JSON is parsed. Same table and columns as QuestionStore.
    db.function('search_shard_of', { deterministic: true }, (uid) => shardOf(String(uid), rows.shards));
    type Row = { rowid: number; revision: number; record: string };
    const until = rows.until !== undefined ? 'AND revision <= @until' : '';
    // A build walks the table by rowid; a catch-up walks the revision index by (revision, rowid): either way each
    // page starts where the last one ended, with no sort and no row read twice.
    type Params = { shard: number; after: number; at?: number; limit: number; until?: number };
    const stmt =
      rows.since === undefined
        ? db.prepare<Params, Row>(
            `SELECT rowid, revision, record FROM questions WHERE rowid > @after AND search_shard_of(uid) = @shard ${until}
             ORDER BY rowid LIMIT @limit`,
          )
        : db.prepare<Params, Row>(
            `SELECT rowid, revision, record FROM questions WHERE (revision, rowid) > (@at, @after) ${until}
             AND search_shard_of(uid) = @shard ORDER BY revision, rowid LIMIT @limit`,
          );
    // Cursor: (revision, rowid) of the last row read; a catch-up starts past every row of revision `since`.
    let at = rows.since ?? 0;
    let after = rows.since === undefined ? 0 : Number.MAX_SAFE_INTEGER;
    let added = 0;
    for (;;) {
      const page = stmt.all({
        shard: rows.shard,
        after,
        ...(rows.since !== undefined ? { at } : {}),
        limit: rows.since === undefined ? BUILD_PAGE_ROWS : CATCH_UP_PAGE_ROWS,
        ...(rows.until !== undefined ? { until: rows.until } : {}),
      });
      if (!page.length) return added;
      const last = page[page.length - 1]!;
      after = last.rowid;
      at = last.revision;
      target().add(page.map((r) => toIndexDoc(withChamber(JSON.parse(r.record) as Question))));
      added += page.length;
      await tick();
    }
  } finally {
    db.close();
  }
}
