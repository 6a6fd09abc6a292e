/**
 * The two ways to host a shard: in this thread (tests, small corpora) or in a worker thread. A worker client
 * is one worker's life: once the worker exits or is terminated, every call rejects with ShardDownError; the
 * supervisor (shardSupervisor.ts) replaces the client with a fresh one.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../entryPoints';
import type { IndexDoc } from './indexDoc';
import { loadShard, saveShard } from './shard/persistShard';
import type { ShardQuery } from './query';
import type { Facets } from './shard/facets';
import type { ShardResult } from './shard/rank';
import { SearchShard } from './shard/SearchShard';
import type { ShardClient } from './SearchService';
import type { ShardFacts } from './shard/facts';
import { addRowsFromDb, type ShardRows } from './shardFromDb';
import type { ShardReply, ShardRequest } from './shardProtocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A call to a shard whose worker is gone (exited, terminated, being replaced). */
export class ShardDownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardDownError';
  }
}

export class LocalShardClient implements ShardClient {
  readonly available = true;
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
  async facts(q: Omit<ShardQuery, 'top' | 'similar'>): Promise<ShardFacts> {
    return this.shard.facts(q);
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
  async compact(minDeadShare: number): Promise<number> {
    return this.shard.deadShare > minDeadShare ? this.shard.compact() : 0;
  }
  addFromDb(rows: ShardRows): Promise<number> {
    return addRowsFromDb(() => this.shard, rows);
  }
  async close(): Promise<void> {}
}

export interface WorkerClientOptions {
  /** Called once when the worker ends without `close()`/`terminate()` having been asked (a crash). */
  onExit?: (reason: string) => void;
  /** V8 old-generation limit of the worker (MB). */
  maxOldGenerationSizeMb?: number;
}

/**
 * V8 grows a heap to a multiple of what the last full collection left (up to 4×), which a build (rows parsed,
 * texts analysed: garbage at every page) turns into a heap three times its live size: 737 MB of RSS for a 90,000-
 * question shard whose index holds 230 MB. A growing factor of 1.5 keeps the build within about 490 MB at the
 * same speed (measured with one worker on the 180,000-question bench database; DESIGN.md, « Mémoire »). The flag
 * is the process's: set before the first worker's isolate is made, it applies to every worker (and this thread).
 */
const HEAP_GROWING_PERCENT = 50;
let heapTuned = false;

function tuneHeapGrowth(): void {
  if (heapTuned) return;
  heapTuned = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** One worker thread holding one shard. */
export class WorkerShardClient implements ShardClient {
  /** The thread (the supervisor and tests terminate it through this object). */
  readonly worker: Worker;
  /** performance.now() of the last message from the worker (or of its start). */
  lastHeard = performance.now();
  /** Whether the worker has answered at least once (it is loaded and listening). */
  booted = false;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  private pinging = false;

  constructor(opts: WorkerClientOptions = {}) {
    tuneHeapGrowth();
    const entry = workerEntry(import.meta.url, 'searchWorker');
    this.worker = new Worker(entry.url, {
      workerData: entry.workerData,
      // A young generation large enough for the short-lived objects of a build.
      resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? 6144 },
    });
    this.worker.on('message', (msg: ShardReply) => {
      this.lastHeard = performance.now();
      this.booted = true;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`search worker: ${msg.error}`));
    });
    let reported = false;
    const end = (reason: string) => {
      const expected = this.failed !== null;
      this.fail(new ShardDownError(`search worker: ${reason}`));
      if (!expected && !reported) {
        reported = true;
        opts.onExit?.(reason);
      }
    };
    this.worker.on('error', (err) => end(`crashed: ${err.message}`));
    this.worker.on('exit', (code) => end(`exited (code ${code})`));
  }

  /** Calls in flight (pings included). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Whether the worker is gone (exited, terminated or closed). */
  get down(): boolean {
    return this.failed !== null;
  }

  private fail(err: Error): void {
    if (!this.failed) this.failed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private call<T>(req: DistributiveOmit<ShardRequest, 'id'>): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  /** Sends a ping unless one is in flight (its answer refreshes `lastHeard`). */
  ping(): void {
    if (this.pinging || this.failed) return;
    this.pinging = true;
    this.call({ op: 'ping' }).then(
      () => (this.pinging = false),
      () => (this.pinging = false),
    );
  }

  get available(): boolean {
    return !this.failed;
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
  facts(query: Omit<ShardQuery, 'top' | 'similar'>): Promise<ShardFacts> {
    return this.call({ op: 'facts', query });
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
  compact(minDeadShare: number): Promise<number> {
    return this.call({ op: 'compact', minDeadShare });
  }
  /** Adds this shard's rows read from the database file by the worker itself (see shardFromDb.ts). */
  addFromDb(rows: ShardRows): Promise<number> {
    return this.call({ op: 'addFromDb', rows });
  }
  /** Ends the worker now (pending calls reject with `reason`); not reported as a crash. */
  terminate(reason = 'terminated'): Promise<void> {
    this.fail(new ShardDownError(`search worker: ${reason}`));
    return this.worker.terminate().then(() => undefined);
  }
  async close(): Promise<void> {
    await this.terminate('closed');
  }
}
