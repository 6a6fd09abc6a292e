/**
 * A shard in a supervised worker thread. The supervisor owns the worker: it starts it and fills it (`restore`:
 * reload the saved shard, or build it from the database, then catch up), watches it, and replaces it when it
 * exits or stops answering, filling the new one the same way. While the shard is being replaced every call
 * rejects at once with ShardDownError (the service turns that into « recherche momentanément indisponible »),
 * never waiting for a dead worker.
 *
 * Hung, not busy: the worker answers a ping between the steps of any long job (searchWorker.ts), so a worker
 * that has calls in flight and has said nothing for `deadlineMs` (5 s; 60 s while it is being filled, when nobody
 * waits on it) is hung; it is terminated and replaced. A
 * worker busy with a queue of searches keeps answering, so it is not mistaken for a hung one. When this thread's
 * own event loop was stalled (its timer fired late), silence cannot be told apart from not listening: that check
 * is skipped.
 *
 * A restoration that fails (the worker crashes or hangs while loading or building, or the load throws) is
 * retried with a growing pause, at most `maxAttempts` times in a row; then the shard is reported failed (logs,
 * `status`), and the service reports it (health, /stats).
 */
import type { IndexDoc } from './indexDoc';
import type { ShardQuery } from './query';
import type { SearchLogger } from './createSearchService';
import type { Facets } from './shard/facets';
import type { ShardFacts } from './shard/facts';
import type { ShardResult } from './shard/rank';
import type { ShardClient } from './SearchService';
import { ShardDownError, WorkerShardClient, type WorkerClientOptions } from './shardClients';
import type { ShardRows } from './shardFromDb';

export type ShardState = 'starting' | 'up' | 'restarting' | 'failed' | 'closed';

export interface SupervisorOptions {
  /** This shard's number (logs, status). */
  shard: number;
  /** Fills a fresh worker with the shard: reload or build, then catch up. */
  restore: (client: WorkerShardClient, shard: number) => Promise<void>;
  /** Called after a replacement worker is filled and serving. */
  onRestored?: (shard: number) => void;
  /** Silence, with calls in flight, after which a serving worker is deemed hung. Default 5 s. */
  deadlineMs?: number;
  /**
   * The same while a worker is being filled (reload, build, catch-up): nobody waits on it then, and a loaded
   * machine may keep it busy for seconds between two pings. Default 60 s.
   */
  fillDeadlineMs?: number;
  /** Time a new worker may take to load its code and answer its first message. Default 60 s. */
  bootMs?: number;
  /** Failed restorations in a row before the shard is reported failed. Default 3. */
  maxAttempts?: number;
  /** Pause before the n-th retry: n × this. Default 1 s. */
  retryPauseMs?: number;
  logger: SearchLogger;
  worker?: Omit<WorkerClientOptions, 'onExit'>;
}

export interface ShardStatus {
  shard: number;
  alive: boolean;
  restarts: number;
  state: ShardState;
  lastError: string | null;
  /** The current worker's thread id (as the inspector and the logs name it), null between two workers. */
  threadId: number | null;
}

export class SupervisedShard implements ShardClient {
  private client: WorkerShardClient | null = null;
  private _state: ShardState = 'starting';
  private _restarts = 0;
  private _lastError: string | null = null;
  private spawned = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private lastTick = performance.now();
  private readonly deadlineMs: number;
  private readonly fillDeadlineMs: number;
  private readonly bootMs: number;
  private readonly tickMs: number;
  private recovering: Promise<void> | null = null;
  /** performance.now() when the current worker was found dead or hung (null while up). */
  downSince: number | null = null;

  constructor(private readonly opts: SupervisorOptions) {
    this.deadlineMs = opts.deadlineMs ?? 5000;
    this.fillDeadlineMs = Math.max(this.deadlineMs, opts.fillDeadlineMs ?? 60_000);
    this.bootMs = opts.bootMs ?? 60_000;
    this.tickMs = Math.max(20, Math.min(1000, Math.floor(this.deadlineMs / 4)));
  }

  get state(): ShardState {
    return this._state;
  }

  get available(): boolean {
    return this._state === 'up';
  }

  status(): ShardStatus {
    return {
      shard: this.opts.shard,
      alive: this._state === 'up',
      restarts: this._restarts,
      state: this._state,
      lastError: this._lastError,
      threadId: this.client?.worker.threadId ?? null,
    };
  }

  /** Starts the first worker and fills it; resolves once it serves, rejects once it failed `maxAttempts` times. */
  start(): Promise<void> {
    this.watchdog ??= setInterval(() => this.check(), this.tickMs);
    this.watchdog.unref();
    this.recovering = this.bringUp();
    return this.recovering;
  }

  private async bringUp(): Promise<void> {
    const max = this.opts.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      if (this._state === 'closed') throw new ShardDownError('search worker: closed');
      const client = this.spawn();
      try {
        await this.opts.restore(client, this.opts.shard);
        if (this.isClosed()) throw new ShardDownError('search worker: closed');
        if (client.down) throw new ShardDownError('search worker: ended while being filled');
        this._state = 'up';
        this.downSince = null;
        return;
      } catch (err) {
        if (this.isClosed()) throw err;
        const reason = err instanceof Error ? err.message : String(err);
        this._lastError = reason;
        void client.terminate('replaced after a failed start');
        if (attempt >= max) {
          this._state = 'failed';
          this.opts.logger.error(
            { shard: this.opts.shard, attempts: attempt, err },
            'search shard failed to start; giving up',
          );
          throw err;
        }
        this.opts.logger.warn(
          { shard: this.opts.shard, attempt, err: reason },
          'search shard failed to start; retrying',
        );
        await new Promise((r) => setTimeout(r, attempt * (this.opts.retryPauseMs ?? 1000)).unref());
      }
    }
  }

  private isClosed(): boolean {
    return this._state === 'closed';
  }

  private spawn(): WorkerShardClient {
    if (this.spawned++ > 0) this._restarts++;
    const client = new WorkerShardClient({
      ...this.opts.worker,
      onExit: (reason) => {
        if (this.client === client) this.lost(`worker ${reason}`);
      },
    });
    this.client = client;
    return client;
  }

  /** The current worker died or hung: reject what waits on it, replace it. */
  private lost(reason: string): void {
    const client = this.client;
    if (!client || this._state === 'closed' || this._state === 'failed') return;
    this._lastError = reason;
    void client.terminate(reason); // rejects every call in flight at once
    if (this._state === 'starting' || this._state === 'restarting') return; // bringUp's restore rejects: it retries
    this._state = 'restarting';
    this.downSince = performance.now();
    this.opts.logger.warn(
      { shard: this.opts.shard, reason, restarts: this._restarts + 1 },
      'search worker lost; replacing it',
    );
    const started = performance.now();
    this.recovering = this.bringUp().then(
      () => {
        this.opts.logger.info(
          { shard: this.opts.shard, ms: Math.round(performance.now() - started) },
          'search worker replaced and serving',
        );
        this.opts.onRestored?.(this.opts.shard);
      },
      () => undefined, // logged by bringUp; the shard stays failed
    );
  }

  private check(): void {
    const now = performance.now();
    const late = now - this.lastTick - this.tickMs;
    this.lastTick = now;
    const client = this.client;
    if (!client || client.down) return;
    if (late > this.deadlineMs / 2) {
      // This thread was stalled: the worker's answers may be waiting in the queue. Judge from now on.
      client.lastHeard = Math.max(client.lastHeard, now);
      return;
    }
    client.ping();
    const silence = now - client.lastHeard;
    if (!client.booted) {
      if (silence > this.bootMs) this.lost(`did not start within ${Math.round(this.bootMs / 1000)} s`);
    } else if (client.inFlight > 0 && silence > (this._state === 'up' ? this.deadlineMs : this.fillDeadlineMs)) {
      this.lost(`no answer for ${Math.round(silence)} ms`);
    }
  }

  private use(): WorkerShardClient {
    if (this._state !== 'up' || !this.client || this.client.down) {
      throw new ShardDownError(`search shard ${this.opts.shard} unavailable (${this._state})`);
    }
    return this.client;
  }

  private async via<T>(fn: (c: WorkerShardClient) => Promise<T>): Promise<T> {
    return fn(this.use());
  }

  add(docs: IndexDoc[]): Promise<void> {
    return this.via((c) => c.add(docs));
  }
  remove(uids: string[]): Promise<void> {
    return this.via((c) => c.remove(uids));
  }
  find(q: ShardQuery): Promise<ShardResult> {
    return this.via((c) => c.find(q));
  }
  facts(q: Omit<ShardQuery, 'top' | 'similar'>): Promise<ShardFacts> {
    return this.via((c) => c.facts(q));
  }
  facets(): Promise<Facets> {
    return this.via((c) => c.facets());
  }
  size(): Promise<number> {
    return this.via((c) => c.size());
  }
  sourceTerms(uid: string): Promise<string[] | null> {
    return this.via((c) => c.sourceTerms(uid));
  }
  save(dir: string): Promise<void> {
    return this.via((c) => c.save(dir));
  }
  load(dir: string): Promise<number> {
    return this.via((c) => c.load(dir));
  }
  compact(minDeadShare: number): Promise<number> {
    return this.via((c) => c.compact(minDeadShare));
  }
  addFromDb(rows: ShardRows): Promise<number> {
    return this.via((c) => c.addFromDb(rows));
  }
  async close(): Promise<void> {
    this._state = 'closed';
    if (this.watchdog) clearInterval(this.watchdog);
    await this.client?.close();
  }
}
