/**
 * A shard in a worker thread. Mutations (add, remove, save, load, compact, reads from the database) run one after
 * the other; queries and pings are answered as they come, between the steps of a mutation (a save yields between
 * chunks, a build or a catch-up between pages of rows), so that a long mutation never blocks searching for long
 * and the supervisor (shardSupervisor.ts) can tell a busy worker from a hung one.
 */
import { parentPort } from 'node:worker_threads';
import { addRowsFromDb } from './shardFromDb';
import { loadShard, saveShard } from './shard/persistShard';
import { SearchShard } from './shard/SearchShard';
import { READ_OPS, type ShardReply, type ShardRequest } from './shardProtocol';

const port = parentPort;
if (!port) throw new Error('searchWorker: must run in a worker thread');

let shard = new SearchShard();
let mutations: Promise<unknown> = Promise.resolve();

function reply(msg: ShardReply): void {
  port!.postMessage(msg);
}

async function handle(req: ShardRequest): Promise<unknown> {
  switch (req.op) {
    case 'ping':
      return null;
    case 'find':
      return shard.find(req.query);
    case 'facts':
      return shard.facts(req.query);
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
    case 'compact':
      return shard.deadShare > req.minDeadShare ? shard.compact() : 0;
    case 'addFromDb': {
      const added = await addRowsFromDb(() => shard, req.rows);
      // A build's postings merged into the compact arenas now, while the worker is being filled (its long deadline),
      // not by the first save while it serves.
      if (req.rows.since === undefined) shard.settle();
      return added;
    }
  }
}

port.on('message', (req: ShardRequest) => {
  const run = () =>
    handle(req).then(
      (result) => reply({ id: req.id, ok: true, result }),
      (err: unknown) =>
        reply({ id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  // Reads are answered at once; callers that need read-your-writes await their mutation first.
  if (READ_OPS.has(req.op)) void run();
  else mutations = mutations.then(run);
});
