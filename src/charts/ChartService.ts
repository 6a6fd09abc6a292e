/**
 * Renders charts off the main thread, with a cache. `render(spec)` hashes the spec (it holds the data, so the
 * key changes exactly when the figures do: a new corpus revision that changes nothing re-renders nothing),
 * returns a cached PNG when there is one, else asks the chart worker. The worker is supervised: a render that
 * exceeds `timeoutMs` terminates it (the next render starts a fresh one), a crash fails the pending renders
 * with an error and the next render restarts it. `inProcess: true` renders on the calling thread (CLI, bench).
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../entryPoints';
import type { TopLevelSpec } from 'vega-lite';
import type { Logger } from '../logger';
import type { ChartWorkerReply } from './chartWorker';
import { DEFAULT_SCALE, renderChartPng } from './renderChart';

export interface ChartPng {
  png: Buffer;
  width: number;
  height: number;
  /** Render time in the worker (0 when served from the cache). */
  ms: number;
  cached: boolean;
}

export interface ChartServiceOptions {
  inProcess?: boolean;
  timeoutMs?: number;
  /** Cache budget in bytes of PNG (default 32 MB). */
  cacheBytes?: number;
  logger?: Logger;
  scale?: number;
}

class ChartRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartRenderError';
  }
}

function specKey(spec: TopLevelSpec, scale: number): string {
  return createHash('sha256').update(String(scale)).update('\0').update(JSON.stringify(spec)).digest('base64url');
}

export class ChartService {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (r: ChartWorkerReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private cache = new Map<string, { png: Buffer; width: number; height: number }>();
  /** Renders under way, by key: 25 users asking for the same new chart at once share one render. */
  private inFlight = new Map<string, Promise<ChartPng>>();
  private cacheSize = 0;
  private closed = false;
  /** Renders done by a worker since start (for logs and the bench). */
  rendered = 0;
  hits = 0;

  constructor(private readonly opts: ChartServiceOptions = {}) {}

  async render(spec: TopLevelSpec): Promise<ChartPng> {
    const scale = this.opts.scale ?? DEFAULT_SCALE;
    const key = specKey(spec, scale);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      this.hits++;
      return { ...hit, ms: 0, cached: true };
    }
    const running = this.inFlight.get(key);
    if (running) {
      this.hits++;
      return { ...(await running), cached: true };
    }
    const work = (async (): Promise<ChartPng> => {
      const r = this.opts.inProcess ? await renderChartPng(spec, scale) : await this.inWorker(spec, scale);
      const png = Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength);
      this.rendered++;
      this.remember(key, { png, width: r.width, height: r.height });
      return { png, width: r.width, height: r.height, ms: r.ms, cached: false };
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private remember(key: string, v: { png: Buffer; width: number; height: number }): void {
    const budget = this.opts.cacheBytes ?? 32 * 1024 * 1024;
    if (v.png.length > budget) return;
    this.cache.set(key, v);
    this.cacheSize += v.png.length;
    while (this.cacheSize > budget) {
      const [oldKey, old] = this.cache.entries().next().value as [string, { png: Buffer }];
      this.cache.delete(oldKey);
      this.cacheSize -= old.png.length;
    }
  }

  private startWorker(): Promise<void> {
    const entry = workerEntry(import.meta.url, 'chartWorker');
    const worker = new Worker(entry.url, {
      workerData: entry.workerData,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    this.worker = worker;
    let markReady!: () => void;
    let failStart!: (e: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    worker.on('message', (msg: ChartWorkerReply) => {
      if (msg.id === 0) return markReady();
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg);
    });
    const fail = (err: Error): void => {
      if (this.worker === worker) {
        this.worker = null;
        this.ready = null;
      }
      failStart(err);
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(err);
        this.pending.delete(id);
      }
    };
    worker.on('error', (err) => {
      this.opts.logger?.error({ err }, 'chart worker failed');
      fail(new ChartRenderError(`chart worker: ${err.message}`));
    });
    worker.on('exit', (code) => {
      if (!this.closed) this.opts.logger?.warn({ code }, 'chart worker exited');
      fail(new ChartRenderError(`chart worker exited (${code})`));
    });
    return ready;
  }

  private async inWorker(
    spec: TopLevelSpec,
    scale: number,
  ): Promise<{ png: Uint8Array; width: number; height: number; ms: number }> {
    if (this.closed) throw new ChartRenderError('chart service closed');
    if (!this.worker || !this.ready) this.ready = this.startWorker();
    await this.ready;
    const worker = this.worker!;
    const id = this.nextId++;
    const timeoutMs = this.opts.timeoutMs ?? 20_000;
    const reply = await new Promise<ChartWorkerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.opts.logger?.error({ timeoutMs }, 'chart render timed out; restarting the chart worker');
        reject(new ChartRenderError(`chart render exceeded ${timeoutMs} ms`));
        void worker.terminate();
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, spec, scale });
    });
    if (!reply.ok) throw new ChartRenderError(reply.error);
    return reply;
  }

  /** Starts the worker ahead of the first chart (its start, with the TypeScript loader, takes a few seconds). */
  warm(): void {
    if (this.opts.inProcess || this.closed || this.worker) return;
    this.ready = this.startWorker();
    this.ready.catch((err: unknown) =>
      this.opts.logger?.warn({ err }, 'chart worker did not start; the next chart retries'),
    );
  }

  /** The worker, for supervision tests (terminate it through its owner). */
  get workerThreadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  async terminateWorker(): Promise<void> {
    await this.worker?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.terminate();
    this.worker = null;
    this.cache.clear();
    this.cacheSize = 0;
  }
}
