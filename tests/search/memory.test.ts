/**
 * Nothing a query leaves behind may grow with the number of queries: response cache, filter masks, analyser caches
 * fed with the users' words. Measured on the heap after full garbage collections, in this thread (workers: 0, the
 * same shard code as in a worker).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchService, type SearchServiceHandle } from '../../src/search/createSearchService';
import type { SearchRequest } from '../../src/search/types';
import { allQuestions, memoryStore } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Deterministic nonsense words of 45 letters (as a hostile user would paste). */
function nonsense(i: number): string {
  let x = (i + 1) >>> 0;
  let w = '';
  for (let k = 0; k < 45; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    w += String.fromCharCode(97 + ((x >>> 16) % 26));
  }
  return w;
}

describe('memory under queries', () => {
  let h: SearchServiceHandle;
  const questions = allQuestions();
  beforeAll(async () => {
    h = createSearchService({ store: memoryStore(questions), indexDir: null, workers: 0 });
    await h.whenReady;
  });
  afterAll(() => h.close());

  it('20,000 queries of never-seen words and filter sets leave the heap where a few hundred left it', async () => {
    const now = new Date('2025-06-01');
    const query = (i: number): SearchRequest => ({
      text: `${nonsense(4 * i)} ${nonsense(4 * i + 1)} ${nonsense(4 * i + 2)} ${nonsense(4 * i + 3)}`,
      filters: {
        from: `20${String(10 + (i % 15))}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        deputy: nonsense(i).slice(0, 8),
      },
      offset: i % 7,
      now,
    });
    for (let i = 0; i < 500; i++) await h.engine.search(query(i)); // caches at their bounds
    const before = heapMb();
    for (let i = 500; i < 20_500; i++) await h.engine.search(query(i));
    const after = heapMb();
    // 80,000 distinct 45-letter words: kept, they would take well over 10 MB.
    expect(after - before).toBeLessThan(4);
  }, 120_000);
});
