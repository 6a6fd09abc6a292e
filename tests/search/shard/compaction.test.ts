/**
 * Every update of a question takes a new slot and leaves the old one empty (in the metadata, minisearch's id table,
 * the frequent terms' lists, every per-slot array a query makes). Compaction renumbers the documents onto
 * consecutive slots; the service does it once a share of the slots is empty, and on every reload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Question } from '../../../src/corpus/types';
import {
  createSearchService,
  type SearchLogger,
  type SearchServiceHandle,
} from '../../../src/search/createSearchService';
import { toIndexDoc } from '../../../src/search/indexDoc';
import { SearchService } from '../../../src/search/SearchService';
import { loadShard, saveShard } from '../../../src/search/shard/persistShard';
import { SearchShard } from '../../../src/search/shard/SearchShard';
import { LocalShardClient } from '../../../src/search/shardClients';
import type { SearchRequest } from '../../../src/search/types';
import { openStore } from '../../../src/store/openStore';
import { allQuestions, memoryStore } from '../helpers';

const questions = allQuestions();
const store = memoryStore(questions);
const QUERIES: SearchRequest[] = [
  { text: 'ministre' },
  { text: 'attention ministre justice' },
  { text: 'cybercriminalité europol' },
  { text: 'interroge -justice' },
  { text: 'attention', filters: { legislature: 14 } },
  { text: 'attention', sort: 'newest' },
  { text: 'minis' },
  { text: 'attnetion europol' },
  { text: '50862' },
  { text: '', filters: { legislature: 15 }, limit: 20 },
];

async function answers(shard: SearchShard) {
  const engine = new SearchService([new LocalShardClient(shard)], { getTexts: (uids) => store.getTexts(uids) });
  await engine.markReady();
  const out = [];
  for (const q of QUERIES) {
    const r = await engine.search({ ...q, limit: q.limit ?? 50, now: new Date('2025-06-01') });
    out.push({ total: r.total, mode: r.mode, hits: r.hits.map((h) => [h.uid, Math.round(h.score * 1e6)]) });
  }
  out.push((await engine.similar(questions[3]!.uid, 5)).hits.map((h) => h.uid));
  return out;
}

/** Frequent terms forced on this small corpus, so that their slot lists are renumbered too. */
const TUNING = { frequentMinDocs: 30, frequentRatio: 0.25 };

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('compaction', () => {
  it('drops the empty slots of updated questions and answers exactly as before', async () => {
    const fresh = new SearchShard(TUNING);
    fresh.add(questions.map(toIndexDoc));
    const expected = await answers(fresh);

    const churned = new SearchShard(TUNING);
    churned.add(questions.map(toIndexDoc));
    for (let round = 0; round < 3; round++) churned.add(questions.map(toIndexDoc)); // three updates of everything
    expect(churned.slots).toBe(questions.length * 4);
    expect(churned.deadShare).toBeCloseTo(0.75);
    expect(churned.frequentTerms().size).toBeGreaterThan(0);

    expect(churned.compact()).toBe(questions.length * 3);
    expect(churned.slots).toBe(questions.length);
    expect(churned.deadShare).toBe(0);
    for (const f of churned.frequentTerms().values())
      for (const slot of f.all.view()) expect(slot).toBeLessThan(questions.length);
    expect(await answers(churned)).toEqual(expected);

    // Additions after a compaction take the next slots and reach the frequent lists.
    churned.add(questions.slice(0, 10).map(toIndexDoc));
    expect(churned.slots).toBe(questions.length + 10);
    expect(churned.compact()).toBe(10);
    expect(await answers(churned)).toEqual(expected);
  });

  it('a compacted shard saves and reloads the same', async () => {
    const shard = new SearchShard(TUNING);
    shard.add(questions.map(toIndexDoc));
    shard.add(questions.slice(0, 40).map(toIndexDoc));
    shard.compact();
    const dir = mkdtempSync(path.join(tmpdir(), 'compact-'));
    dirs.push(dir);
    await saveShard(shard, path.join(dir, 's'));
    const reloaded = await loadShard(path.join(dir, 's'));
    expect(reloaded.slots).toBe(questions.length);
    expect(await answers(reloaded)).toEqual(await answers(shard));
  });

  it('the service compacts a shard once updates left a fifth of its slots empty, and a restart carries no old version', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compact-service-'));
    dirs.push(dir);
    const real = openStore(path.join(dir, 'questions.db'));
    real.upsertQuestions(questions, { seenAt: '2025-06-01T00:00:00Z' });
    const indexDir = path.join(dir, 'index');
    const handles: SearchServiceHandle[] = [];
    /** Slots each service dropped, as it logs them (the service's own report; no test-only operation). */
    const dropped = { live: 0, restarted: 0 };
    const logger = (who: keyof typeof dropped): SearchLogger => ({
      info: (obj, msg) => {
        if (msg === 'search: shard compacted') dropped[who] += (obj as { dropped: number }).dropped;
      },
      warn: () => undefined,
      error: () => undefined,
    });
    try {
      const live = createSearchService({ store: real, indexDir, workers: 2, watchMs: 0, logger: logger('live') });
      handles.push(live);
      await live.whenReady;
      expect(dropped.live).toBe(0);

      // A tenth of the questions updated: below the share, kept as they are.
      const edit = (qs: Question[], tag: string) =>
        qs.map((q) => ({ ...q, question: q.question && { ...q.question, text: `${q.question.text} ${tag}` } }));
      const tenth = Math.ceil(questions.length / 10);
      real.upsertQuestions(edit(questions.slice(0, tenth), 'rev1'), { seenAt: '2025-06-02T00:00:00Z' });
      await live.catchUp();
      expect(dropped.live).toBe(0);
      await live.save();

      // A restart reloads the saved index and compacts it: no empty slot survives a restart.
      const restarted = createSearchService({
        store: real,
        indexDir,
        workers: 2,
        watchMs: 0,
        logger: logger('restarted'),
      });
      handles.push(restarted);
      await restarted.whenReady;
      expect(restarted.origin).toBe('loaded');
      expect(dropped.restarted).toBe(tenth);

      // Updates past a fifth of the slots: compacted in the background of the catch-up, every empty slot dropped.
      const third = Math.ceil(questions.length / 3);
      real.upsertQuestions(edit(questions.slice(0, third), 'rev2'), { seenAt: '2025-06-03T00:00:00Z' });
      await live.catchUp();
      expect(dropped.live).toBe(tenth + third);
      expect(live.engine.size).toBe(questions.length);
      expect((await live.engine.search({ text: 'rev2' })).total).toBe(third);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      real.close();
    }
  });
});
