/**
 * Supervised search workers, driven from outside on real worker threads over a real SQLite file: a worker, named
 * by the thread id its supervisor reports, is made to exit (a crash) or to loop forever (a hang) through the
 * inspector protocol. Nothing in the product is switched into a test mode.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Question } from '../../src/corpus/types';
import { createSearchService, type SearchLogger, type SearchServiceHandle } from '../../src/search/createSearchService';
import { SearchUnavailableError } from '../../src/search/SearchService';
import { shardOf } from '../../src/search/shardOf';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { allQuestions } from './helpers';
import { crashEveryWorker, crashWorker, hangWorker } from '../support/hangWorker';

const dirs: string[] = [];
const handles: SearchServiceHandle[] = [];
const stores: QuestionStore[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  for (const s of stores) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function corpus(): { store: QuestionStore; dir: string; questions: Question[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'search-supervision-'));
  dirs.push(dir);
  const store = openStore(path.join(dir, 'questions.db'));
  stores.push(store);
  const questions = allQuestions();
  store.upsertQuestions(questions, { seenAt: '2025-06-01T00:00:00Z' });
  return { store, dir, questions };
}

function recordingLogger(): SearchLogger & { lines: Array<{ level: string; msg: string; obj: object }> } {
  const lines: Array<{ level: string; msg: string; obj: object }> = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', msg: msg ?? '', obj }),
    warn: (obj, msg) => lines.push({ level: 'warn', msg: msg ?? '', obj }),
    error: (obj, msg) => lines.push({ level: 'error', msg: msg ?? '', obj }),
  };
}

/** Crashes the supervised worker's thread, then waits until its supervisor has seen the loss (one more restart). */
async function crashAndWaitForLoss(sup: { status(): { threadId: number | null; restarts: number } }): Promise<void> {
  const { threadId, restarts } = sup.status();
  await crashWorker(threadId!);
  await vi.waitFor(() => expect(sup.status().restarts).toBe(restarts + 1), { timeout: 10_000, interval: 5 });
}

const QUERY = { text: 'cybercriminalité', limit: 20, now: new Date('2025-06-01') };

/** Runs `fn`, returns how long it took to settle and how it settled. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const t = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t, value };
  } catch (error) {
    return { ms: performance.now() - t, error };
  }
}

describe('supervised search workers', () => {
  it('replaces a worker that crashes mid-traffic: meanwhile searches answer « momentanément indisponible » at once, then they find again without a restart', async () => {
    const { store, dir } = corpus();
    const logger = recordingLogger();
    const h = createSearchService({ store, indexDir: path.join(dir, 'index'), workers: 2, logger, watchMs: 0 });
    handles.push(h);
    await h.whenReady;
    await h.save();
    const before = (await h.engine.search(QUERY)).hits.map((x) => x.uid);
    expect(before.length).toBeGreaterThan(0);

    const killed = h.supervisors[1]!.status().threadId!;
    const traffic = Array.from({ length: 10 }, () => timed(() => h.engine.search({ ...QUERY, offset: 1 })));
    await crashAndWaitForLoss(h.supervisors[1]!); // the thread exits from inside: a crash as far as the service knows
    const during = await Promise.all(traffic);
    for (const r of during) if (r.error) expect(r.error).toBeInstanceOf(SearchUnavailableError);

    // While the shard is refilled: an immediate French answer, never a wait.
    expect(h.health().workers[1]).toMatchObject({ alive: false, restarts: 1 });
    const down = await timed(() => h.engine.search(QUERY));
    expect(down.error).toBeInstanceOf(SearchUnavailableError);
    expect((down.error as Error).message).toBe(
      'Recherche momentanément indisponible, réessayez dans quelques secondes.',
    );
    // At once: the search settled while the replacement was still being filled, it did not wait for it.
    expect(h.health().workers[1]!.alive).toBe(false);

    await vi.waitFor(() => expect(h.health().workers[1]!.alive).toBe(true), { timeout: 30_000, interval: 50 });
    expect(h.supervisors[1]!.status().threadId).not.toBe(killed);
    expect((await h.engine.search(QUERY)).hits.map((x) => x.uid)).toEqual(before);
    expect(h.health()).toMatchObject({
      ready: true,
      workers: [
        { shard: 0, alive: true, restarts: 0 },
        { shard: 1, alive: true, restarts: 1 },
      ],
    });
    expect(h.health().lastError).toMatch(/exited/);
    expect(logger.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['search worker lost; replacing it', 'search worker replaced and serving']),
    );
  });

  it('replaces a hung worker once it has said nothing for its deadline; the search waiting on it answers « indisponible », not never', async () => {
    const { store, dir } = corpus();
    const h = createSearchService({
      store,
      indexDir: path.join(dir, 'index'),
      workers: 2,
      watchMs: 0,
      workerDeadlineMs: 1000,
    });
    handles.push(h);
    await h.whenReady;
    const before = (await h.engine.search(QUERY)).hits.map((x) => x.uid);

    const hung = h.supervisors[0]!.status().threadId!;
    await hangWorker(hung);
    const waiting = await timed(() => h.engine.search({ ...QUERY, offset: 2 }));
    expect(waiting.error).toBeInstanceOf(SearchUnavailableError);
    expect(waiting.ms).toBeLessThan(5000); // the deadline (1 s) and the watchdog's tick, not forever
    expect(h.health().workers[0]).toMatchObject({ alive: false, restarts: 1 });

    await vi.waitFor(() => expect(h.health().workers[0]!.alive).toBe(true), { timeout: 30_000, interval: 50 });
    expect(h.supervisors[0]!.status().threadId).not.toBe(hung);
    expect((await h.engine.search(QUERY)).hits.map((x) => x.uid)).toEqual(before);
    expect(h.health().lastError).toMatch(/no answer/);
  });

  it('a replaced shard with no saved index is rebuilt from the database, with what was added since the start', async () => {
    const { store, questions } = corpus();
    const h = createSearchService({ store, indexDir: null, workers: 2, watchMs: 0 });
    handles.push(h);
    await h.whenReady;
    const base = questions[0]!;
    const added: Question = {
      ...base,
      uid: 'QANR5L14QE99997',
      number: 99997,
      question: { ...base.question!, text: 'Les trottinettes électriques envahissent les trottoirs.' },
    };
    store.upsertQuestions([added], { seenAt: '2025-06-02T00:00:00Z' });
    expect(await h.catchUp()).toBe(1);
    const shard = shardOf(added.uid, 2);

    await crashAndWaitForLoss(h.supervisors[shard]!);
    await vi.waitFor(() => expect(h.health().workers[shard]!.alive).toBe(true), { timeout: 30_000, interval: 50 });
    expect((await h.engine.search({ text: 'trottinettes' })).hits.map((x) => x.uid)).toEqual([added.uid]);
    expect(h.engine.size).toBe(questions.length + 1);
  });

  it('a replaced shard reloads its saved part and catches up with what was written after the save', async () => {
    const { store, dir, questions } = corpus();
    const h = createSearchService({ store, indexDir: path.join(dir, 'index'), workers: 2, watchMs: 0 });
    handles.push(h);
    await h.whenReady;
    await h.save();
    const base = questions[1]!;
    const changed: Question = {
      ...base,
      question: { ...base.question!, text: 'Les trottinettes électriques envahissent les trottoirs.' },
    };
    store.upsertQuestions([changed], { seenAt: '2025-06-02T00:00:00Z' });
    await h.catchUp();
    const shard = shardOf(changed.uid, 2);

    await crashAndWaitForLoss(h.supervisors[shard]!);
    await vi.waitFor(() => expect(h.health().workers[shard]!.alive).toBe(true), { timeout: 30_000, interval: 50 });
    expect((await h.engine.search({ text: 'trottinettes' })).hits.map((x) => x.uid)).toEqual([changed.uid]);
    expect(h.engine.size).toBe(questions.length);
  });

  it('a save during the loss of a worker does not stop the later ones, which save every shard', async () => {
    const { store, dir } = corpus();
    const indexDir = path.join(dir, 'index');
    const h = createSearchService({ store, indexDir, workers: 2, watchMs: 0 });
    handles.push(h);
    await h.whenReady;
    const interrupted = h.save();
    await crashAndWaitForLoss(h.supervisors[0]!);
    await interrupted.catch(() => undefined); // skipped or failed, depending on when the worker went
    await vi.waitFor(() => expect(h.health().workers[0]!.alive).toBe(true), { timeout: 30_000, interval: 50 });
    await h.save();
    const manifest = JSON.parse(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')) as { revisions: string[] };
    expect(manifest.revisions).toEqual([store.revision(), store.revision()]);
  });

  it('retries a build whose worker crashed, and serves once a worker gets through', async () => {
    const { store, questions } = corpus();
    const logger = recordingLogger();
    const h = createSearchService({ store, indexDir: null, workers: 2, watchMs: 0, logger });
    handles.push(h);
    await crashWorker(h.supervisors[0]!.status().threadId!); // during its start: the build is retried in a new worker
    await h.whenReady;
    expect(h.engine.size).toBe(questions.length);
    expect(h.health().workers[0]).toMatchObject({ alive: true, restarts: 1 });
    expect(logger.lines.some((l) => l.level === 'warn' && l.msg === 'search shard failed to start; retrying')).toBe(
      true,
    );
  });

  it('gives up on a build that keeps crashing after a bounded number of attempts, and reports it (logs, health, searches)', async () => {
    const { store } = corpus();
    const logger = recordingLogger();
    const h = createSearchService({ store, indexDir: null, workers: 2, watchMs: 0, logger, maxStartAttempts: 2 });
    handles.push(h);
    const sup = h.supervisors[1]!;
    // Every worker of shard 1 dies during its build.
    const killer = await crashEveryWorker((threadId) => threadId === sup.status().threadId);
    try {
      await expect(h.whenReady).rejects.toThrow();
    } finally {
      killer.stop();
    }
    await vi.waitFor(() => expect(h.health().lastError).not.toBeNull());
    await vi.waitFor(() => expect(h.health().workers[0]!.alive).toBe(true), { timeout: 30_000 }); // the other shard finishes
    expect(h.health()).toMatchObject({
      ready: false,
      workers: [
        { shard: 0, alive: true },
        { shard: 1, alive: false, restarts: 1 },
      ],
    });
    expect(logger.lines.some((l) => l.level === 'error' && l.msg === 'search shard failed to start; giving up')).toBe(
      true,
    );
    const r = await timed(() => h.engine.search(QUERY));
    expect(r.error).toBeInstanceOf(SearchUnavailableError);
    expect((r.error as SearchUnavailableError).reason).toBe('failed');
  });
});
