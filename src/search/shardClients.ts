/** The two ways to host a shard: in this thread (tests, small corpora) or in a worker thread. */
import { Worker } from 'node:worker_threads';
import type { IndexDoc } from './indexDoc';
import { loadShard, saveShard } from './shard/persistShard';
import type { ShardQuery } from './query';
import type { Facets } from './shard/facets';
import type { ShardResult } from './shard/rank';
import { SearchShard } from './shard/SearchShard';
import type { ShardClient } from './SearchService';
import type { ShardReply, ShardRequest } from './shardProtocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class LocalShardClient implements ShardClient {
  constructor(public shard = new SearchShard()) {}
  async add(docs: IndexDoc[]): Promise<void> {
    this.shard.add(docs);
  }
  async remove(uids: string[]): Promise<void> {
    this.shard.remove(uids);
  }
  async find(q: ShardQuery): Promise<ShardResult> {
    return this.shard.find(q);
  }
  async facets(): Promise<Facets> {
    return this.shard.facets();
  }
  async size(): Promise<number> {
    return this.shard.size;
  }
  async sourceTerms(uid: string): Promise<string[] | null> {
    return this.shard.sourceTerms(uid);
  }
  async save(dir: string): Promise<void> {
    await saveShard(this.shard, dir);
  }
  async load(dir: string): Promise<number> {
    this.shard = await loadShard(dir);
    return this.shard.size;
  }
  async close(): Promise<void> {}
}

export class WorkerShardClient implements ShardClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;

  constructor() {
    this.worker = new Worker(new URL('./searchWorkerBoot.mjs', import.meta.url), {
      workerData: { entry: new URL('./searchWorker.ts', import.meta.url).href },
      // A young generation large enough for the short-lived objects of a build, small enough for the 1.5 GB budget.
      resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 6144 },
    });
    this.worker.on('message', (msg: ShardReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`search worker: ${msg.error}`));
    });
    const failAll = (err: Error) => {
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', (err) => failAll(err));
    this.worker.on('exit', (code) => failAll(new Error(`search worker: arrêté (code ${code})`)));
  }

  private call<T>(req: DistributiveOmit<ShardRequest, 'id'>): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  add(docs: IndexDoc[]): Promise<void> {
    return this.call({ op: 'add', docs });
  }
  remove(uids: string[]): Promise<void> {
    return this.call({ op: 'remove', uids });
  }
  find(query: ShardQuery): Promise<ShardResult> {
    return this.call({ op: 'find', query });
  }
  facets(): Promise<Facets> {
    return this.call({ op: 'facets' });
  }
  size(): Promise<number> {
    return this.call({ op: 'size' });
  }
  sourceTerms(uid: string): Promise<string[] | null> {
    return this.call({ op: 'sourceTerms', uid });
  }
  save(dir: string): Promise<void> {
    return this.call({ op: 'save', dir });
  }
  load(dir: string): Promise<number> {
    return this.call({ op: 'load', dir });
  }
  /** Builds this shard from the database file (see searchWorker.ts). */
  buildFromDb(dbPath: string, shard: number, shards: number): Promise<number> {
    return this.call({ op: 'buildFromDb', dbPath, shard, shards });
  }
  async close(): Promise<void> {
    this.failed = new Error('search worker: fermé');
    await this.worker.terminate();
  }
}
