import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/openStore';
import { createSearchService, type SearchServiceHandle } from '../../src/search/createSearchService';
import { MINISEARCH_VERSION } from '../../src/search/shard/miniAdapter';
import type { SearchEngine, SearchRequest } from '../../src/search/types';
import { allQuestions, memoryStore } from './helpers';

const QUERIES: SearchRequest[] = [
  { text: 'entraide pénale' },
  { text: 'donnees personnelles', limit: 10 },
  { text: 'cybercrim' },
  { text: 'cybercriminalté -budapest' },
  { text: '"données stockées"' },
  { text: '50862' },
  { text: 'europol éoliennes' },
  { text: '', filters: { legislature: 14 }, limit: 20 },
  { text: 'justice', filters: { ministry: 'justice', status: 'answered' }, sort: 'newest' },
];

async function snapshot(engine: SearchEngine) {
  const out = [];
  for (const q of QUERIES) {
    const r = await engine.search({ ...q, now: new Date('2025-06-01') });
    out.push({ total: r.total, mode: r.mode, hits: r.hits.map((h) => ({ ...h, score: Math.round(h.score * 1e6) })) });
  }
  out.push(await engine.suggest('deputy', 'la'));
  out.push((await engine.similar('QANR5L14QE60080', 4)).hits.map((h) => h.uid));
  return out;
}

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'search-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('saved index', () => {
  it('builds, saves, reloads when the corpus revision matches, and gives the same results', async () => {
    const indexDir = path.join(tmp(), 'index');
    const questions = allQuestions();
    const first = createSearchService({ store: memoryStore(questions, 'rev-A'), indexDir, workers: 0 });
    await first.whenReady;
    expect(first.origin).toBe('built');
    await first.save(); // waits for the automatic save after the build
    const before = await snapshot(first.engine);
    await first.close();

    const manifest = JSON.parse(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')) as {
      revision: string;
      size: number;
    };
    expect(manifest).toMatchObject({ revision: 'rev-A', size: questions.length });

    const second = createSearchService({ store: memoryStore(questions, 'rev-A'), indexDir, workers: 0 });
    await second.whenReady;
    expect(second.origin).toBe('loaded');
    expect(second.engine.size).toBe(questions.length);
    expect(await snapshot(second.engine)).toEqual(before);
    await second.close();

    // Another corpus revision: rebuilt, never a stale index.
    const third = createSearchService({ store: memoryStore(questions.slice(0, 5), 'rev-B'), indexDir, workers: 0 });
    await third.whenReady;
    expect(third.origin).toBe('built');
    expect(third.engine.size).toBe(5);
    await third.close();
  });

  it('rebuilds when the saved index is damaged', async () => {
    const indexDir = path.join(tmp(), 'index');
    const questions = allQuestions();
    const a = createSearchService({ store: memoryStore(questions), indexDir, workers: 0 });
    await a.whenReady;
    await a.save();
    await a.close();
    // Cut short (a disk full, a crash mid-copy): detected, rebuilt.
    const file = path.join(indexDir, 'shard-0', 'shard.bin');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const b = createSearchService({ store: memoryStore(questions), indexDir, workers: 0 });
    await b.whenReady;
    expect(b.origin).toBe('built');
    expect((await b.engine.search({ text: 'europol' })).total).toBe(1);
    await b.close();
  });

  it('rebuilds a saved index made with another minisearch version instead of reading it', async () => {
    const indexDir = path.join(tmp(), 'index');
    const questions = allQuestions();
    const a = createSearchService({ store: memoryStore(questions), indexDir, workers: 0 });
    await a.whenReady;
    await a.save();
    await a.close();
    // What the same code would have saved with another minisearch installed: its version in the index options and
    // in the shard's saved state.
    const other = (text: string) => {
      expect(text).toContain(MINISEARCH_VERSION);
      return text.replaceAll(MINISEARCH_VERSION, '6.3.0');
    };
    const manifest = path.join(indexDir, 'manifest.json');
    writeFileSync(manifest, other(readFileSync(manifest, 'utf8')));
    const shardFile = path.join(indexDir, 'shard-0', 'shard.bin');
    writeFileSync(shardFile, Buffer.from(other(readFileSync(shardFile, 'latin1')), 'latin1'));
    const messages: string[] = [];
    const logger = { info: (_: object, m?: string) => messages.push(m ?? ''), warn() {}, error() {} };
    const b = createSearchService({ store: memoryStore(questions), indexDir, workers: 0, logger });
    await b.whenReady;
    expect(b.origin).toBe('built');
    expect(messages).toContain('index: options changed, rebuilding');
    expect((await b.engine.search({ text: 'europol' })).total).toBe(1);
    await b.close();
  });
});

describe('worker threads over a real SQLite store', () => {
  const handles: SearchServiceHandle[] = [];
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  it('builds in 2 workers reading the database, answers like the in-process engine, saves and reloads, and takes live additions', async () => {
    const dir = tmp();
    const store = openStore(path.join(dir, 'questions.db'));
    const questions = allQuestions();
    store.upsertQuestions(questions, { seenAt: '2025-06-01T00:00:00Z' });
    const indexDir = path.join(dir, 'index');

    const local = createSearchService({ store: memoryStore(questions), indexDir: null, workers: 0 });
    const workers = createSearchService({ store, indexDir, workers: 2 });
    handles.push(local, workers);
    await Promise.all([local.whenReady, workers.whenReady]);
    expect(workers.origin).toBe('built');
    expect(workers.engine.size).toBe(questions.length);
    await workers.save();

    // Same matches and totals (scores differ slightly: each shard has its own term statistics).
    for (const q of QUERIES) {
      const [a, b] = await Promise.all([
        local.engine.search({ ...q, limit: 50 }),
        workers.engine.search({ ...q, limit: 50 }),
      ]);
      expect({ q: q.text, total: b.total, mode: b.mode }).toEqual({ q: q.text, total: a.total, mode: a.mode });
      expect(b.hits.map((h) => h.uid).sort()).toEqual(a.hits.map((h) => h.uid).sort());
    }
    const built = await snapshot(workers.engine);

    const reloaded = createSearchService({ store, indexDir, workers: 2 });
    handles.push(reloaded);
    await reloaded.whenReady;
    expect(reloaded.origin).toBe('loaded');
    expect(await snapshot(reloaded.engine)).toEqual(built);

    // A live addition after an ingest, then a save: the next start loads it without a rebuild.
    const base = questions[0]!;
    const added = {
      ...base,
      uid: 'QANR5L14QE99999',
      number: 99999,
      question: { ...base.question!, text: 'Les trottinettes électriques envahissent les trottoirs.' },
    };
    store.upsertQuestions([added], { seenAt: '2025-06-02T00:00:00Z' });
    await reloaded.engine.add([added]);
    expect((await reloaded.engine.search({ text: 'trottinettes' })).hits[0]!.uid).toBe('QANR5L14QE99999');
    await reloaded.save();
    const again = createSearchService({ store, indexDir, workers: 2 });
    handles.push(again);
    await again.whenReady;
    expect(again.origin).toBe('loaded');
    expect((await again.engine.search({ text: 'trottinettes' })).total).toBe(1);
    store.close();
  });

  it('catches up at start with the questions an ingest wrote while it was stopped, instead of rebuilding', async () => {
    const dir = tmp();
    const dbPath = path.join(dir, 'questions.db');
    const indexDir = path.join(dir, 'index');
    const questions = allQuestions();
    const store = openStore(dbPath);
    store.upsertQuestions(questions.slice(1), { seenAt: '2025-06-01T00:00:00Z' });
    const first = createSearchService({ store, indexDir, workers: 0 });
    await first.whenReady;
    await first.save();
    await first.close();

    // `npm run ingest` while the bot is stopped: a new question and a changed one.
    const changed = {
      ...questions[1]!,
      question: { ...questions[1]!.question!, text: 'Les trottinettes électriques envahissent les trottoirs.' },
    };
    store.upsertQuestions([questions[0]!, changed], { seenAt: '2025-06-02T00:00:00Z' });
    const messages: string[] = [];
    const logger = { info: (_: object, m?: string) => messages.push(m ?? ''), warn() {}, error() {} };
    const second = createSearchService({ store, indexDir, workers: 0, logger });
    handles.push(second);
    await second.whenReady;
    expect(second.origin).toBe('loaded');
    expect(messages).toContain('index: questions added from the database');
    expect(second.engine.size).toBe(questions.length);
    expect((await second.engine.search({ text: questions[0]!.number.toString() })).hits[0]!.uid).toBe(
      questions[0]!.uid,
    );
    expect((await second.engine.search({ text: 'trottinettes' })).hits.map((h) => h.uid)).toEqual([changed.uid]);
    store.close();
  });

  it('adds to the live index, within its watch interval, what another process writes into the database', async () => {
    const dir = tmp();
    const dbPath = path.join(dir, 'questions.db');
    const questions = allQuestions();
    const store = openStore(dbPath);
    store.upsertQuestions(questions, { seenAt: '2025-06-01T00:00:00Z' });
    const live = createSearchService({ store, indexDir: path.join(dir, 'index'), workers: 2, watchMs: 50 });
    handles.push(live);
    await live.whenReady;
    expect((await live.engine.search({ text: 'trottinettes' })).total).toBe(0);

    const other = openStore(dbPath); // another connection, as `npm run ingest` in its own process has
    const base = questions[0]!;
    const added = {
      ...base,
      uid: 'QANR5L14QE99998',
      number: 99998,
      question: { ...base.question!, text: 'Les trottinettes électriques envahissent les trottoirs.' },
    };
    other.upsertQuestions([added], { seenAt: '2025-06-02T00:00:00Z' });
    other.close();
    await vi.waitFor(
      async () => expect((await live.engine.search({ text: 'trottinettes' })).hits[0]?.uid).toBe(added.uid),
      { timeout: 5000 },
    );
    expect(await live.catchUp()).toBe(0); // nothing twice
    store.close();
  });

  it('with workers, the questions an ingest wrote are read from the database by the workers: this thread parses none', async () => {
    const dir = tmp();
    const dbPath = path.join(dir, 'questions.db');
    const questions = allQuestions();
    const real = openStore(dbPath);
    real.upsertQuestions(questions.slice(0, 20), { seenAt: '2025-06-01T00:00:00Z' });
    // The store as the search sees it, refusing to hand out parsed questions.
    const refuse = (): never => {
      throw new Error('parsed a question on the main thread');
    };
    const store = {
      path: real.path,
      revision: () => real.revision(),
      revisionNumber: (r: string) => real.revisionNumber(r),
      getTexts: (uids: string[]) => real.getTexts(uids),
      iterateQuestions: refuse,
      questionsChangedSince: (r: string) => {
        const changed = real.questionsChangedSince(r);
        return changed && { count: changed.count, pages: { [Symbol.iterator]: refuse } };
      },
    };
    const live = createSearchService({ store, indexDir: path.join(dir, 'index'), workers: 2, watchMs: 0 });
    handles.push(live);
    await live.whenReady;
    await live.save();
    real.upsertQuestions(questions.slice(20), { seenAt: '2025-06-02T00:00:00Z' });
    expect(await live.catchUp()).toBe(questions.length - 20);
    expect(live.engine.size).toBe(questions.length);
    await live.close();
    // A restart reloads the saved index and catches up the same way.
    const again = createSearchService({ store, indexDir: path.join(dir, 'index'), workers: 2, watchMs: 0 });
    handles.push(again);
    await again.whenReady;
    expect(again.origin).toBe('loaded');
    expect(again.engine.size).toBe(questions.length);
    real.close();
  });

  it('stopping while the workers are still building is logged as an interruption, not as a failure', async () => {
    const dir = tmp();
    const store = openStore(path.join(dir, 'questions.db'));
    store.upsertQuestions(allQuestions(), { seenAt: '2025-06-01T00:00:00Z' });
    const logged: Array<{ level: string; msg?: string }> = [];
    const logger = {
      info: (_: object, msg?: string) => logged.push({ level: 'info', msg }),
      warn: (_: object, msg?: string) => logged.push({ level: 'warn', msg }),
      error: (_: object, msg?: string) => logged.push({ level: 'error', msg }),
    };
    const service = createSearchService({ store, indexDir: path.join(dir, 'index'), workers: 2, logger });
    // Closed at once: the workers are still starting, the build is under way (no timing assumed).
    await service.close();
    await service.whenReady.catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    expect(service.engine.ready).toBe(false);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    expect(logged.map((l) => l.msg)).toContain('index: loading interrupted by shutdown');
    store.close();
  });
});
