/**
 * Relevance on real French texts: 356 queries written from 629 real QOSD texts of the 15th legislature and the seeds
 * (tests/support/relevanceSet.ts, `npm run bench -- --only relevance`). The thresholds sit a little under what the
 * engine reaches (see the bench), so that a change that loses relevance fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchServiceHandle } from '../../src/search/createSearchService';
import { toIndexDoc } from '../../src/search/indexDoc';
import { SearchService } from '../../src/search/SearchService';
import { SearchShard } from '../../src/search/shard/SearchShard';
import { LocalShardClient } from '../../src/search/shardClients';
import type { QuestionStore } from '../../src/store/QuestionStore';
import {
  engineRanker,
  formatScores,
  measureRelevance,
  plainMinisearchRanker,
  projectEngine,
  relevanceQueries,
  relevanceStore,
} from '../support/relevanceSet';

/**
 * Measured on this set (deterministic ranking): 346/356 first (97.2 %), MRR 0.984; with frequent terms forced,
 * 344/356 (96.6 %), MRR 0.982. Before this work: 334/356 (93.8 %), MRR 0.960. The floors are these counts: one query
 * that regresses fails the test, and the README's figures are the ones enforced here.
 */
const MIN_HITS1 = 346;
const MIN_MRR = 0.984;
const MIN_HITS1_FREQUENT = 344;
const MIN_MRR_FREQUENT = 0.982;

describe('relevance on real texts', () => {
  let store: QuestionStore;
  let h: SearchServiceHandle;
  beforeAll(async () => {
    store = await relevanceStore();
    h = await projectEngine(store);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    store?.close();
  });

  it('has at least 120 queries of two to five words, each with a question of the corpus to find', () => {
    const queries = relevanceQueries();
    expect(queries.length).toBeGreaterThanOrEqual(120);
    for (const q of queries) {
      expect(q.q.trim().split(/\s+/).length, q.q).toBeGreaterThanOrEqual(2);
      expect(q.q.trim().split(/\s+/).length, q.q).toBeLessThanOrEqual(5);
      expect(store.getQuestions(q.relevant).length, q.q).toBe(q.relevant.length);
    }
  });

  it(`puts a right question first for >= ${MIN_HITS1} of the 356 queries, with MRR >= ${MIN_MRR}`, async () => {
    const r = await measureRelevance(engineRanker(h.engine));
    console.log(`relevance (real texts): ${formatScores(r)}`);
    if (r.misses.length)
      console.log(r.misses.map((m) => `  rank ${m.rank || '>10'}: ${m.q} -> ${m.top.join(', ')}`).join('\n'));
    expect(r.hits1).toBeGreaterThanOrEqual(MIN_HITS1);
    expect(r.mrr).toBeGreaterThanOrEqual(MIN_MRR - 0.0005); // MRR printed to 3 decimals
  }, 60_000);

  it(`keeps >= ${MIN_HITS1_FREQUENT} of the 356 first and MRR >= ${MIN_MRR_FREQUENT} when terms of more than 5 % of the questions are frequent terms (as at 100,000)`, async () => {
    const shard = new SearchShard({ frequentMinDocs: 100, frequentRatio: 0.05 });
    shard.add([...store.iterateQuestions()].map(toIndexDoc));
    expect(shard.frequentTerms().size).toBeGreaterThan(100);
    const engine = new SearchService([new LocalShardClient(shard)], { getTexts: (uids) => store.getTexts(uids) });
    await engine.markReady();
    const r = await measureRelevance(engineRanker(engine));
    console.log(`relevance (real texts, frequent terms): ${formatScores(r)}`);
    expect(r.hits1).toBeGreaterThanOrEqual(MIN_HITS1_FREQUENT);
    expect(r.mrr).toBeGreaterThanOrEqual(MIN_MRR_FREQUENT - 0.0005);
  }, 60_000);

  it('ranks better than plain minisearch on the same texts', async () => {
    const ours = await measureRelevance(engineRanker(h.engine));
    const plain = await measureRelevance(plainMinisearchRanker(store.iterateQuestions()));
    console.log(`plain minisearch: ${formatScores(plain)}`);
    expect(ours.hits1).toBeGreaterThan(plain.hits1);
    expect(ours.mrr).toBeGreaterThan(plain.mrr);
  }, 60_000);
});
