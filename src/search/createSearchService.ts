/**
 * Start-up and life of the search index, asynchronous so that the bot is connected within seconds whatever the
 * corpus:
 * - each shard reloads its saved part (`indexDir`) when the saved index was made with the same index options and
 *   either its corpus revision is current or the store can list what changed since (then it is caught up instead
 *   of rebuilt); otherwise it is built from the database;
 * - with worker threads, a worker reads its shard's rows from the database file itself (build and catch-up): this
 *   thread only tells it which revisions to read, and never parses a question;
 * - each worker is supervised (shardSupervisor.ts): one that exits or hangs is replaced and refilled the same way,
 *   while searches answer « recherche momentanément indisponible » at once;
 * - afterwards the store revision is watched: questions written by any ingest (the bot's daily refresh, or
 *   `npm run ingest` in another process) are added to the live index, a save is scheduled (debounced), and a shard
 *   whose empty slots (left by updates) pass `compactShare` is compacted.
 * Until `whenReady` resolves, `engine.ready` is false and searches reject with SearchNotReadyError.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Question } from '../corpus/types';
import { ANALYZER_VERSION } from './analyzeFrench';
import { MAX_INDEXED_CHARS, toIndexDoc, type IndexDoc } from './indexDoc';
import { DEFAULT_TUNING, FIELD_BOOSTS } from './shard/indexOptions';
import { MINISEARCH_VERSION } from './shard/miniAdapter';
import { SAVED_FORMAT } from './shard/persistShard';
import { SearchService, type ShardClient } from './SearchService';
import { LocalShardClient } from './shardClients';
import { shardOf } from './shardOf';
import { SupervisedShard } from './shardSupervisor';

/** What the search needs from the store (QuestionStore satisfies it). */
export interface SearchStore {
  revision(): string;
  iterateQuestions(): Iterable<Question>;
  getTexts(uids: string[]): Map<string, { question: string | null; answer: string | null }>;
  /** Database file; when set (and not ":memory:"), the shards read it directly to build and to catch up. */
  readonly path?: string;
  /** The questions written since `revision`, or null when that cannot be told (QuestionStore has it). */
  questionsChangedSince?(revision: string): { count: number; pages: Iterable<Question[]> } | null;
  /** The counter of a revision of this database (rows carry the counter that wrote them), null for another one. */
  revisionNumber?(revision: string): number | null;
  /** Questions in the store (chooses the default number of shards). */
  count?(): number;
}

/** pino-compatible subset. */
export interface SearchLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CreateSearchServiceOptions {
  store: SearchStore;
  /** Folder of the saved index (e.g. data/index); null = never saved. */
  indexDir: string | null;
  logger?: SearchLogger;
  /**
   * Worker threads, one shard each. 0 = everything in this thread (tests, tiny corpora). Default: `defaultShardCount`
   * of the store's size. Workers need a database file (`store.path`); without one the shard runs in this thread.
   */
  workers?: number;
  /** Delay before saving after live additions (ms). Default 60 s. */
  saveDelayMs?: number;
  /** How often the store revision is checked for questions written by an ingest (ms). Default 10 s; 0 = never. */
  watchMs?: number;
  /** A worker with calls in flight that says nothing for this long is replaced (ms). Default 5 s. */
  workerDeadlineMs?: number;
  /** Failed starts of a shard in a row before it is reported failed. Default 3. */
  maxStartAttempts?: number;
  /** A shard is compacted once this share of its slots is left empty by updates. Default 0.2. */
  compactShare?: number;
  /** V8 old-generation limit of each worker (MB). Default 6144. */
  workerHeapMb?: number;
}

/** The search's health, as the health endpoint and /stats report it. */
export interface SearchHealth {
  ready: boolean;
  /** Questions in the index. */
  size: number;
  /** One entry per worker thread (empty when the index runs in this thread). */
  workers: Array<{ shard: number; alive: boolean; restarts: number }>;
  /** Why the index is not serving (a failed start), or the last worker failure; null when none happened. */
  lastError: string | null;
}

export interface SearchServiceHandle {
  engine: SearchService;
  whenReady: Promise<void>;
  /** How the index became ready: every shard reloaded, or at least one built. */
  readonly origin: 'loaded' | 'built' | null;
  /** The supervised shards (empty when the index runs in this thread). */
  readonly supervisors: readonly SupervisedShard[];
  /** Readiness, size, workers alive and their restarts, last error (for /healthz, /metrics, /stats). */
  health(): SearchHealth;
  /** Same as `health()` (the name the ops health reader looks for). */
  status(): SearchHealth;
  /** Saves now (also done automatically after a build and after live additions). */
  save(): Promise<void>;
  /** Adds the questions written to the store since the index last looked (also run every `watchMs`); resolves to their number. */
  catchUp(): Promise<number>;
  close(): Promise<void>;
}

const noopLogger: SearchLogger = { info() {}, warn() {}, error() {} };

/** Everything that changes what is indexed or how it is stored. */
export function indexOptionsFingerprint(shards: number): string {
  return JSON.stringify({
    ANALYZER_VERSION,
    MINISEARCH_VERSION,
    SAVED_FORMAT,
    FIELD_BOOSTS,
    MAX_INDEXED_CHARS,
    shards,
    DEFAULT_TUNING,
  });
}

/** Questions per shard beyond which a machine with more than 2 cores gets more shards (one per core at most). */
const QUESTIONS_PER_SHARD = 250_000;

/**
 * The default number of worker threads (shards): 2 (1 on a single core), then one per 250,000 questions up to the
 * number of cores. With the compact index a shard's heap is mostly typed arrays, so a large shard's garbage
 * collection stays cheap, and every extra shard repeats the vocabulary (its radix tree), a worker's base memory and
 * each query's fixed costs: on 2 cores, 2 shards at every size (measured against 4 at 180,000: README). The count
 * is part of the saved index's options: when it changes, the index is rebuilt once.
 */
export function defaultShardCount(questions: number, cores = availableParallelism()): number {
  const base = Math.max(1, Math.min(2, cores));
  return Math.max(base, Math.min(cores, Math.ceil(questions / QUESTIONS_PER_SHARD)));
}

/** A saved index is rebuilt rather than caught up when more than this share of its questions changed. */
const MAX_CATCH_UP_SHARE = 0.2;

interface Manifest {
  /** indexOptionsFingerprint of the saved index. */
  options: string;
  /** The store revision whose questions are all in the saved index (the oldest of `revisions`). */
  revision: string;
  /** Per shard, the store revision whose questions are all in that shard's saved part. */
  revisions?: string[];
  shards: number;
  size: number;
  savedAt: string;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs at most `max` tasks at once, the others in arrival order. */
class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly max: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

export function createSearchService(opts: CreateSearchServiceOptions): SearchServiceHandle {
  const log = opts.logger ?? noopLogger;
  const store = opts.store;
  const dbPath = store.path && store.path !== ':memory:' && existsSync(store.path) ? path.resolve(store.path) : null;
  // The shards read the database themselves when they can tell revisions apart; else this thread feeds them.
  const fromDb = dbPath !== null && typeof store.revisionNumber === 'function';
  let workerCount = opts.workers ?? defaultShardCount(store.count?.() ?? 0);
  if (workerCount > 0 && !fromDb) {
    log.info({ workers: workerCount }, 'search: no database file to read from, the index runs in this thread');
    workerCount = 0;
  }
  const shardCount = Math.max(1, workerCount);
  const options = indexOptionsFingerprint(shardCount);
  const compactShare = opts.compactShare ?? 0.2;
  const manifestPath = opts.indexDir ? path.join(opts.indexDir, 'manifest.json') : null;
  const shardDir = (i: number) => path.join(opts.indexDir!, `shard-${i}`);

  let saveTimer: NodeJS.Timeout | null = null;
  let watchTimer: NodeJS.Timeout | null = null;
  let saving: Promise<void> = Promise.resolve();
  let catching: Promise<number> = Promise.resolve(0);
  let origin: SearchServiceHandle['origin'] = null;
  let closed = false;
  let startError: string | null = null;
  /** Per shard, the store revision whose questions are all in it (null until it is filled). */
  const shardRevision: Array<string | null> = Array.from({ length: shardCount }, () => null);
  /** Per shard, whether its last filling was a reload (true) or a build (false). */
  const shardLoaded: boolean[] = Array.from({ length: shardCount }, () => false);

  // Shards are filled (built or reloaded) at most as many at a time as there are cores: more at once would not go
  // faster, and every build in progress holds its garbage (8 builds at once peaked at 5.6 GB at 400,000).
  const fills = new Limiter(Math.max(1, availableParallelism()));
  const supervisors: SupervisedShard[] =
    workerCount > 0
      ? Array.from(
          { length: workerCount },
          (_, i) =>
            new SupervisedShard({
              shard: i,
              restore: (client) => fills.run(() => restore(client, i)),
              onRestored: () => {
                if (!engine.ready || closed) return;
                void engine
                  .refresh()
                  .catch((err: unknown) => log.warn({ err }, 'search: refresh after a worker replacement failed'));
              },
              logger: log,
              ...(opts.workerDeadlineMs !== undefined ? { deadlineMs: opts.workerDeadlineMs } : {}),
              ...(opts.maxStartAttempts !== undefined ? { maxAttempts: opts.maxStartAttempts } : {}),
              ...(opts.workerHeapMb !== undefined ? { worker: { maxOldGenerationSizeMb: opts.workerHeapMb } } : {}),
            }),
        )
      : [];
  const shards: ShardClient[] = workerCount > 0 ? supervisors : [new LocalShardClient()];

  const engine = new SearchService(shards, {
    getTexts: (uids) => store.getTexts(uids),
    onChange: () => scheduleSave(),
  });

  function scheduleSave(): void {
    if (!opts.indexDir || !engine.ready || closed) return;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void save().catch((err) => log.error({ err }, 'index: save failed'));
    }, opts.saveDelayMs ?? 60_000);
    saveTimer.unref();
  }

  const revisionNumber = (revision: string): number | null => store.revisionNumber?.(revision) ?? null;

  async function readManifest(): Promise<Manifest | null> {
    if (!manifestPath || !existsSync(manifestPath)) return null;
    try {
      return JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    } catch (err) {
      log.warn({ err }, 'search: saved index manifest unreadable');
      return null;
    }
  }

  async function save(): Promise<void> {
    if (!opts.indexDir || !manifestPath) return;
    const dir = opts.indexDir;
    // After a failed save (a worker lost in the middle), the next one still runs.
    saving = saving
      .catch(() => undefined)
      .then(async () => {
        const started = performance.now();
        const previous = await readManifest();
        const reusable = previous && previous.options === options ? previous : null;
        await mkdir(dir, { recursive: true });
        // A shard being replaced keeps its earlier saved part (and revision); the others save what they hold now.
        const revisions = await Promise.all(
          shards.map(async (s, i) => {
            const revision = shardRevision[i]; // read before the save: what the shard holds is at least this
            if (s.available && revision !== null) {
              await s.save(shardDir(i));
              return revision;
            }
            return reusable?.revisions?.[i] ?? reusable?.revision ?? null;
          }),
        );
        if (revisions.some((r) => r === null)) {
          log.warn({}, 'search: a shard could not be saved and has no earlier save; the index is not saved');
          return;
        }
        const manifest: Manifest = {
          options,
          revision: oldest(revisions as string[]),
          revisions: revisions as string[],
          shards: shardCount,
          size: engine.size,
          savedAt: new Date().toISOString(),
        };
        await writeFile(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2));
        await rename(`${manifestPath}.tmp`, manifestPath);
        log.info({ ms: Math.round(performance.now() - started), size: engine.size }, 'index: saved');
      });
    return saving;
  }

  /** The revision with the smallest counter (the one all shards hold at least). */
  function oldest(revisions: string[]): string {
    let best = revisions[0]!;
    for (const r of revisions) if ((revisionNumber(r) ?? -1) < (revisionNumber(best) ?? -1)) best = r;
    return best;
  }

  /** Whether the saved index can serve: same options, and its corpus current or close enough to catch up. */
  function usable(manifest: Manifest): boolean {
    const current = store.revision();
    if (manifest.options !== options) {
      log.info({}, 'index: options changed, rebuilding');
      return false;
    }
    if (manifest.revision === current) return true;
    const changed = store.questionsChangedSince?.(manifest.revision) ?? null;
    if (changed && changed.count <= Math.max(1000, MAX_CATCH_UP_SHARE * manifest.size)) return true;
    log.info(
      { saved: manifest.revision, current, changed: changed?.count ?? null },
      'index: corpus changed, rebuilding',
    );
    return false;
  }

  /**
   * Fills a fresh shard: its saved part when usable, caught up with what was written since; else built from the
   * database. Then compacted, so that a restart never carries old versions of updated questions.
   */
  async function restore(client: ShardClient, i: number): Promise<void> {
    const target = store.revision();
    let since: string | null = null;
    const manifest = await readManifest();
    if (manifest && existsSync(shardDir(i)) && usable(manifest)) {
      const saved = manifest.revisions?.[i] ?? manifest.revision;
      try {
        await client.load(shardDir(i));
        since = saved;
      } catch (err) {
        if (err instanceof Error && err.name === 'ShardDownError') throw err;
        log.warn({ err, shard: i }, 'index: saved shard unreadable, rebuilding');
      }
    }
    if (fromDb) {
      const until = revisionNumber(target)!;
      const from = since !== null ? revisionNumber(since) : null;
      const added = await client.addFromDb({
        dbPath: dbPath!,
        shard: i,
        shards: shardCount,
        until,
        ...(from !== null ? { since: from } : {}),
      });
      if (since !== null && from === null)
        log.warn({ shard: i, saved: since }, 'search: saved revision unknown to this database; shard rebuilt');
      if (since !== null && from !== null && added)
        log.info({ shard: i, count: added }, 'index: questions added from the database');
      shardLoaded[i] = since !== null && from !== null;
    } else {
      // In this thread (in-memory stores): build when nothing was loaded; the catch-up follows in catchUp().
      if (since === null) {
        let batch: IndexDoc[] = [];
        for (const q of store.iterateQuestions()) {
          if (shardOf(q.uid, shardCount) !== i) continue;
          batch.push(toIndexDoc(q));
          if (batch.length >= 500) {
            await client.add(batch);
            batch = [];
          }
        }
        await client.add(batch);
        shardRevision[i] = target;
      } else {
        shardRevision[i] = since;
      }
      shardLoaded[i] = since !== null;
      await compactFilled(client, i);
      return;
    }
    await compactFilled(client, i);
    shardRevision[i] = target;
  }

  /** Adds what the store wrote since each shard's revision (the workers read the rows themselves). */
  function catchUp(): Promise<number> {
    const run = async (): Promise<number> => {
      if (closed || shardRevision.every((r) => r === null)) return 0;
      const target = store.revision();
      let count = 0;
      if (fromDb) {
        const until = revisionNumber(target);
        if (until === null) return 0;
        const counts = await Promise.all(
          shards.map(async (s, i) => {
            const from = shardRevision[i] ?? null;
            if (from === null || from === target || !s.available) return 0; // a shard being replaced catches up when refilled
            const since = revisionNumber(from);
            if (since === null) return 0;
            const n = await s.addFromDb({ dbPath: dbPath!, shard: i, shards: shardCount, since, until });
            shardRevision[i] = target;
            return n;
          }),
        );
        count = counts.reduce((a, b) => a + b, 0);
      } else {
        const indexed = shardRevision[0]!;
        if (indexed === target) return 0;
        const changed = store.questionsChangedSince?.(indexed) ?? null;
        if (!changed) {
          // Another database file, or a store that cannot tell: only a rebuild (next start) can help.
          log.warn(
            { indexed, current: target },
            'index: the database changed without a change history; restart to rebuild',
          );
          shardRevision[0] = target;
          return 0;
        }
        for (const page of changed.pages) {
          if (closed) return count;
          await engine.add(page);
          count += page.length;
          await tick();
        }
        shardRevision[0] = target;
      }
      if (count) {
        log.info({ count }, 'index: questions added from the database');
        await compactIfNeeded();
        if (engine.ready) {
          await engine.refresh();
          scheduleSave();
        }
      }
      return count;
    };
    catching = catching.then(run, run);
    return catching;
  }

  /** A shard just filled keeps no empty slot (a restart carries no old version of an updated question). */
  async function compactFilled(client: ShardClient, shard: number): Promise<void> {
    const dropped = await client.compact(0);
    if (dropped) log.info({ shard, dropped }, 'search: shard compacted');
  }

  /** Compacts the shards whose empty slots passed `compactShare`. */
  async function compactIfNeeded(): Promise<void> {
    await Promise.all(
      shards.map(async (s, i) => {
        if (!s.available) return;
        const dropped = await s.compact(compactShare).catch(() => 0);
        if (dropped) log.info({ shard: i, dropped }, 'search: shard compacted');
      }),
    );
  }

  const whenReady = (async () => {
    const started = performance.now();
    if (workerCount > 0) await Promise.all(supervisors.map((s) => s.start()));
    else await restore(shards[0]!, 0);
    if (closed) return;
    origin = shardLoaded.every(Boolean) ? 'loaded' : 'built';
    const caughtUp = await catchUp();
    await engine.markReady();
    log.info({ ms: Math.round(performance.now() - started), size: engine.size, origin, caughtUp }, 'index: ready');
    // Saved in the background: searching does not wait for it (close() does).
    if (origin === 'built' || caughtUp > 0) save().catch((err) => log.error({ err }, 'index: save failed'));
    const watchMs = opts.watchMs ?? 10_000;
    if (watchMs > 0 && !closed) {
      watchTimer = setInterval(
        () => void catchUp().catch((err) => log.warn({ err }, 'index: catch-up from the database failed')),
        watchMs,
      );
      watchTimer.unref();
    }
  })();
  whenReady.catch((err: unknown) => {
    // Stopping while the index is still loading ends its workers: not a failure.
    if (closed) {
      log.info({}, 'index: loading interrupted by shutdown');
      return;
    }
    startError = err instanceof Error ? err.message : String(err);
    engine.markFailed();
    log.error({ err }, 'index: start failed');
  });

  function health(): SearchHealth {
    const workers = supervisors.map((s) => s.status());
    const lastWorkerError =
      workers
        .map((w) => w.lastError)
        .filter((e): e is string => e !== null)
        .at(-1) ?? null;
    return {
      ready: engine.ready,
      size: engine.size,
      workers: workers.map(({ shard, alive, restarts }) => ({ shard, alive, restarts })),
      lastError: startError ?? lastWorkerError,
    };
  }

  return {
    engine,
    whenReady,
    get origin() {
      return origin;
    },
    supervisors,
    health,
    status: health,
    save,
    catchUp,
    async close() {
      closed = true;
      const unsaved = saveTimer !== null && engine.ready;
      if (saveTimer) clearTimeout(saveTimer);
      if (watchTimer) clearInterval(watchTimer);
      await catching.catch(() => undefined);
      // Live additions not saved yet are saved now, not lost with the process (ops: clean stop).
      if (unsaved) await save().catch((err) => log.error({ err }, 'index: save failed'));
      await saving.catch(() => undefined);
      await engine.close();
    },
  };
}

export { shardOf };
