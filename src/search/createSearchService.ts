/**
 * Start-up of the search index, asynchronous so that the bot is connected within seconds whatever the corpus:
 * - the saved index (`indexDir`) is reloaded when its fingerprint (corpus revision + index options) matches;
 * - otherwise it is rebuilt (in worker threads reading the database themselves), then saved;
 * - afterwards `engine.add(questions)` updates the live index and a save is scheduled (debounced).
 * Until `whenReady` resolves, `engine.ready` is false and searches reject with SearchNotReadyError.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Question } from '../corpus/types';
import { ANALYZER_VERSION } from './analyzeFrench';
import { MAX_INDEXED_CHARS, toIndexDoc, type IndexDoc } from './indexDoc';
import { INTERNALS_VERSION } from './persistShard';
import { DEFAULT_TUNING, FIELD_BOOSTS } from './SearchShard';
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
}

export interface SearchServiceHandle {
  engine: SearchService;
  whenReady: Promise<void>;
  /** How the index became ready. */
  readonly origin: 'loaded' | 'built' | null;
  /** Saves now (also done automatically after a build and after live additions). */
  save(): Promise<void>;
  close(): Promise<void>;
}

const noopLogger: SearchLogger = { info() {}, warn() {}, error() {} };

/** Everything that changes what is indexed or how it is stored. */
export function indexOptionsFingerprint(shards: number): string {
  return JSON.stringify({ ANALYZER_VERSION, INTERNALS_VERSION, FIELD_BOOSTS, MAX_INDEXED_CHARS, shards, DEFAULT_TUNING });
}

export function fingerprint(revision: string, shards: number): string {
  return createHash('sha256').update(revision).update('\0').update(indexOptionsFingerprint(shards)).digest('hex');
}

interface Manifest {
  fingerprint: string;
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
  const shards: ShardClient[] =
    workerCount > 0
      ? Array.from({ length: workerCount }, () => new WorkerShardClient())
      : [new LocalShardClient()];
  let saveTimer: NodeJS.Timeout | null = null;
  let saving: Promise<void> = Promise.resolve();
  let origin: SearchServiceHandle['origin'] = null;
  let closed = false;

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
    if (!opts.indexDir || !manifestPath) return;
    const dir = opts.indexDir;
    saving = saving.then(async () => {
      const started = performance.now();
      const revision = opts.store.revision();
      await mkdir(dir, { recursive: true });
      await Promise.all(shards.map((s, i) => s.save(path.join(dir, `shard-${i}`))));
      const manifest: Manifest = {
        fingerprint: fingerprint(revision, shardCount),
        revision,
        shards: shardCount,
        size: engine.size,
        savedAt: new Date().toISOString(),
      };
      await writeFile(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2));
      await rename(`${manifestPath}.tmp`, manifestPath);
      log.info({ ms: Math.round(performance.now() - started), size: engine.size }, 'index: sauvegardé');
    });
    return saving;
  }

  async function tryLoad(): Promise<boolean> {
    if (!opts.indexDir || !manifestPath || !existsSync(manifestPath)) return false;
    try {
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
      const expected = fingerprint(opts.store.revision(), shardCount);
      if (manifest.fingerprint !== expected) {
        log.info({ saved: manifest.revision, current: opts.store.revision() }, 'index: corpus ou options changés, reconstruction');
        return false;
      }
      const dir = opts.indexDir;
      await Promise.all(shards.map((s, i) => s.load(path.join(dir, `shard-${i}`))));
      return true;
    } catch (err) {
      log.warn({ err }, 'index: chargement impossible, reconstruction');
      return false;
    }
  }

  async function build(): Promise<void> {
    const dbPath = opts.store.path;
    if (workerCount > 0 && dbPath && dbPath !== ':memory:' && existsSync(dbPath)) {
      await Promise.all(
        shards.map((s, i) => (s as WorkerShardClient).buildFromDb(path.resolve(dbPath), i, shardCount)),
      );
      return;
    }
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
    await engine.markReady();
    log.info({ ms: Math.round(performance.now() - started), size: engine.size, origin }, 'index: prêt');
    // Saved in the background: searching does not wait for it (close() does).
    if (origin === 'built') save().catch((err) => log.error({ err }, 'index: sauvegarde échouée'));
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
    async close() {
      closed = true;
      if (saveTimer) clearTimeout(saveTimer);
      await saving.catch(() => undefined);
      await engine.close();
    },
  };
}

export { shardOf };
