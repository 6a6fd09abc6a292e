/**
 * A shard in a worker thread. Mutations (add, remove, save, load) run one after the other; queries are
 * answered as they come (between the yields of a save), so a save never blocks searching for long.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Question } from '../corpus/types';
import { toIndexDoc, type IndexDoc } from './indexDoc';
import { loadShard, saveShard } from './shard/persistShard';
import { shardOf } from './shardOf';
import { SearchShard } from './shard/SearchShard';
import type { ShardReply, ShardRequest } from './shardProtocol';

const port = parentPort;
if (!port) throw new Error('searchWorker: doit être lancé dans un worker thread');

let shard = new SearchShard();
let mutations: Promise<unknown> = Promise.resolve();

function reply(msg: ShardReply): void {
  port!.postMessage(msg);
}

async function handle(req: ShardRequest): Promise<unknown> {
  switch (req.op) {
    case 'find':
      return shard.find(req.query);
    case 'facets':
      return shard.facets();
    case 'size':
      return shard.size;
    case 'sourceTerms':
      return shard.sourceTerms(req.uid);
    case 'add':
      shard.add(req.docs);
      return null;
    case 'remove':
      return shard.remove(req.uids);
    case 'save':
      await saveShard(shard, req.dir);
      return null;
    case 'load':
      shard = await loadShard(req.dir);
      return shard.size;
    case 'buildFromDb':
      return buildFromDb(req.dbPath, req.shard, req.shards);
  }
}

/**
 * Reads the questions of this shard straight from the database through a read-only connection of its own
 * (WAL: the bot's connection is never held busy, and nothing big crosses threads).
 */
function buildFromDb(dbPath: string, index: number, count: number): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // Rows of other shards are skipped before their JSON is parsed (half the parsing and garbage with 2 shards).
    // Same table and columns as QuestionStore.iterateQuestions.
    db.function('search_shard_of', { deterministic: true }, (uid) => shardOf(String(uid), count));
    const stmt = db.prepare<[number], { record: string }>(
      'SELECT record FROM questions WHERE search_shard_of(uid) = ? ORDER BY rowid',
    );
    function* mine(): Generator<IndexDoc> {
      for (const row of stmt.iterate(index)) yield toIndexDoc(JSON.parse(row.record) as Question);
    }
    shard.add(mine()); // one synchronous pass: nothing else runs in this worker meanwhile
    return shard.size;
  } finally {
    db.close();
  }
}

port.on('message', (req: ShardRequest) => {
  const run = () =>
    handle(req).then(
      (result) => reply({ id: req.id, ok: true, result }),
      (err: unknown) => reply({ id: req.id, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
    );
  // Reads are answered at once; callers that need read-your-writes await their add/remove first.
  if (req.op === 'find' || req.op === 'sourceTerms' || req.op === 'size') void run();
  else mutations = mutations.then(run);
});
