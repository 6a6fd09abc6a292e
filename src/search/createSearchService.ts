/**
 * Start-up of the search index, asynchronous so that the bot is connected within seconds whatever the corpus:
 * - the saved index (`indexDir`) is reloaded when it was made with the same index options and either its corpus
 *   revision is current or the store can list what changed since (then it is caught up instead of rebuilt);
 * - otherwise it is rebuilt (in worker threads reading the database themselves), then saved;
 * - afterwards the store revision is watched: questions written by any ingest (the bot's daily refresh, or
 *   `npm run ingest` in another process) are added to the live index, and a save is scheduled (debounced).
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
import { LocalShardClient, WorkerShardClient } from './shardClients';
import { shardOf } from './shardOf';

/** What the search needs from the store (QuestionStore satisfies it). */
export interface SearchStore {
  revision(): string;
  iterateQuestions(): Iterable<Question>;
  getTexts(uids: string[]): Map<string, { question: string | null; answer: string | null }>;
  /** Database file; when set (and not ":memory:"), worker threads read it directly to build. */
  readonly path?: string;
  /** The questions written since `revision`, or null when that cannot be told (QuestionStore has it). */
  questionsChangedSince?(revision: string): { count: number; pages: Iterable<Question[]> } | null;
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
  /** Worker threads (shards). 0 = everything in this thread (tests, tiny corpora). Default: min(2, cores). */
  workers?: number;
  /** Delay before saving after live additions (ms). Default 60 s. */
  saveDelayMs?: number;
  /** How often the store revision is checked for questions written by an ingest (ms). Default 10 s; 0 = never. */
  watchMs?: number;
}

export interface SearchServiceHandle {
  engine: SearchService;
  whenReady: Promise<void>;
  /** How the index became ready. */
  readonly origin: 'loaded' | 'built' | null;
  /** Saves now (also done automatically after a build and after live additions). */
  save(): Promise<void>;
  /** Adds the questions written to the store since the index last looked (also run every `watchMs`); resolves to their number. */
  catchUp(): Promise<number>;
  close(): Promise<void>;
}

const noopLogger: SearchLogger = { info() {}, warn() {}, error() {} };

/** Everything that changes what is indexed or how it is stored. */
export function indexOptionsFingerprint(shards: number): string {
  return JSON.stringify({ ANALYZER_VERSION, MINISEARCH_VERSION, SAVED_FORMAT, FIELD_BOOSTS, MAX_INDEXED_CHARS, shards, DEFAULT_TUNING });
}

/** A saved index is rebuilt rather than caught up when more than this share of its questions changed. */
const MAX_CATCH_UP_SHARE = 0.2;

interface Manifest {
  /** indexOptionsFingerprint of the saved index. */
  options: string;
  /** The store revision whose questions are all in the saved index. */
  revision: string;
  shards: number;
  size: number;
  savedAt: string;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSearchService(opts: CreateSearchServiceOptions): SearchServiceHandle {
  const log = opts.logger ?? noopLogger;
  const workerCount = opts.workers ?? Math.min(2, availableParallelism());
  const shardCount = Math.max(1, workerCount);
  const options = indexOptionsFingerprint(shardCount);
  const shards: ShardClient[] =
    workerCount > 0
      ? Array.from({ length: workerCount }, () => new WorkerShardClient())
      : [new LocalShardClient()];
  let saveTimer: NodeJS.Timeout | null = null;
  let watchTimer: NodeJS.Timeout | null = null;
  let saving: Promise<void> = Promise.resolve();
  let catching: Promise<number> = Promise.resolve(0);
  let origin: SearchServiceHandle['origin'] = null;
  let closed = false;
  /** The store revision whose questions are all in the index (null until loaded or built). */
  let indexed: string | null = null;

  const engine = new SearchService(shards, {
    getTexts: (uids) => opts.store.getTexts(uids),
    onChange: () => {
      if (!opts.indexDir || !engine.ready || closed) return;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void save().catch((err) => log.error({ err }, 'index: sauvegarde échouée')), opts.saveDelayMs ?? 60_000);
      saveTimer.unref();
    },
  });

  const manifestPath = opts.indexDir ? path.join(opts.indexDir, 'manifest.json') : null;

  async function save(): Promise<void> {
    if (!opts.indexDir || !manifestPath || indexed === null) return;
    const dir = opts.indexDir;
    saving = saving.then(async () => {
      const started = performance.now();
      const revision = indexed!; // read before the shards: what they hold is at least this
      await mkdir(dir, { recursive: true });
      await Promise.all(shards.map((s, i) => s.save(path.join(dir, `shard-${i}`))));
      const manifest: Manifest = { options, revision, shards: shardCount, size: engine.size, savedAt: new Date().toISOString() };
      await writeFile(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2));
      await rename(`${manifestPath}.tmp`, manifestPath);
      log.info({ ms: Math.round(performance.now() - started), size: engine.size }, 'index: sauvegardé');
    });
    return saving;
  }

  /** Whether the saved index can serve: same options, and its corpus current or close enough to catch up. */
  function usable(manifest: Manifest): boolean {
    const current = opts.store.revision();
    if (manifest.options !== options) {
      log.info({}, 'index: options changées, reconstruction');
      return false;
    }
    if (manifest.revision === current) return true;
    const changed = opts.store.questionsChangedSince?.(manifest.revision) ?? null;
    if (changed && changed.count <= Math.max(1000, MAX_CATCH_UP_SHARE * manifest.size)) return true;
    log.info({ saved: manifest.revision, current, changed: changed?.count ?? null }, 'index: corpus changé, reconstruction');
    return false;
  }

  async function tryLoad(): Promise<boolean> {
    if (!opts.indexDir || !manifestPath || !existsSync(manifestPath)) return false;
    try {
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
      if (!usable(manifest)) return false;
      const dir = opts.indexDir;
      await Promise.all(shards.map((s, i) => s.load(path.join(dir, `shard-${i}`))));
      indexed = manifest.revision;
      return true;
    } catch (err) {
      log.warn({ err }, 'index: chargement impossible, reconstruction');
      return false;
    }
  }

  async function build(): Promise<void> {
    // Read first: what is written during the build is caught up afterwards (adding again replaces by uid).
    const revision = opts.store.revision();
    const dbPath = opts.store.path;
    if (workerCount > 0 && dbPath && dbPath !== ':memory:' && existsSync(dbPath)) {
      await Promise.all(
        shards.map((s, i) => (s as WorkerShardClient).buildFromDb(path.resolve(dbPath), i, shardCount)),
      );
    } else {
      // In this thread: batches with a yield in between (tests, in-memory stores).
      let batch: IndexDoc[] = [];
      for (const q of opts.store.iterateQuestions()) {
        batch.push(toIndexDoc(q));
        if (batch.length >= 500) {
          await engine.addDocs(batch);
          batch = [];
          if (workerCount > 0) await tick();
        }
      }
      await engine.addDocs(batch);
    }
    indexed = revision;
  }

  function catchUp(): Promise<number> {
    const run = async (): Promise<number> => {
      if (closed || indexed === null) return 0;
      const target = opts.store.revision();
      if (target === indexed) return 0;
      const changed = opts.store.questionsChangedSince?.(indexed) ?? null;
      if (!changed) {
        // Another database file, or a store that cannot tell: only a rebuild (next start) can help.
        log.warn({ indexed, current: target }, 'index: la base a changé sans historique ; redémarrez pour reconstruire');
        indexed = target;
        return 0;
      }
      let count = 0;
      for (const page of changed.pages) {
        if (closed) return count;
        await engine.add(page);
        count += page.length;
      }
      indexed = target;
      if (count) log.info({ count }, 'index: questions ajoutées depuis la base');
      return count;
    };
    catching = catching.then(run, run);
    return catching;
  }

  const whenReady = (async () => {
    const started = performance.now();
    if (await tryLoad()) {
      origin = 'loaded';
    } else {
      if (closed) return;
      // After a partly failed load, re-adding replaces by uid: no duplicates.
      await build();
      origin = 'built';
    }
    const caughtUp = await catchUp();
    await engine.markReady();
    log.info({ ms: Math.round(performance.now() - started), size: engine.size, origin, caughtUp }, 'index: prêt');
    // Saved in the background: searching does not wait for it (close() does).
    if (origin === 'built' || caughtUp > 0) save().catch((err) => log.error({ err }, 'index: sauvegarde échouée'));
    const watchMs = opts.watchMs ?? 10_000;
    if (watchMs > 0 && !closed) {
      watchTimer = setInterval(() => void catchUp().catch((err) => log.warn({ err }, 'index: ajout depuis la base échoué')), watchMs);
      watchTimer.unref();
    }
  })();
  whenReady.catch((err) => {
    // Stopping while the index is still loading ends its workers: not a failure.
    if (closed) log.info({}, 'index: chargement interrompu par l’arrêt');
    else log.error({ err }, 'index: démarrage échoué');
  });

  return {
    engine,
    whenReady,
    get origin() {
      return origin;
    },
    save,
    catchUp,
    async close() {
      closed = true;
      if (saveTimer) clearTimeout(saveTimer);
      if (watchTimer) clearInterval(watchTimer);
      await catching.catch(() => undefined);
      await saving.catch(() => undefined);
      await engine.close();
    },
  };
}

export { shardOf };
