/**
 * The real-text relevance set (tests/fixtures/relevance): 629 real QOSD texts of the 15th legislature in the official
 * open-data layout, the five seed pages and the real deputies' records, ingested through the production ingest into a
 * SQLite store; 356 queries written from the texts, each with the questions that must come first.
 * Used by `tests/search/relevanceReal.test.ts` and `npm run bench -- --only relevance` (scripts/bench/relevance.ts).
 *
 * Measures: hits@1 (a relevant question first), hits@5 (one in the first five), MRR (mean of 1 / rank of the first
 * relevant question within the first 10, 0 beyond), overall and per tag.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { ingest } from '../../src/corpus/ingest';
import type { Question } from '../../src/corpus/types';
import { createSearchService, type SearchServiceHandle } from '../../src/search/createSearchService';
import type { SearchEngine } from '../../src/search/types';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
const fixtures = path.join(repoRoot, 'tests/fixtures');

export interface RelevanceQuery {
  q: string;
  relevant: string[];
  tags: string[];
}

export function relevanceQueries(): RelevanceQuery[] {
  const raw = JSON.parse(readFileSync(path.join(fixtures, 'relevance/queries.json'), 'utf8')) as {
    queries: RelevanceQuery[];
  };
  return raw.queries;
}

/** The inputs the production ingest reads: the deputies first (it sorts them first anyway), the QOSD archive, the seeds. */
export const RELEVANCE_INPUTS = [
  path.join(fixtures, 'samples/acteurs'),
  path.join(fixtures, 'relevance/qosd15.json.zip'),
  path.join(repoRoot, 'data/seeds'),
];

/** A store holding the relevance corpus, filled by the real ingest. `dbPath` defaults to an in-memory database. */
export async function relevanceStore(dbPath = ':memory:'): Promise<QuestionStore> {
  const store = openStore(dbPath);
  const summary = await ingest(RELEVANCE_INPUTS, { store, now: new Date('2025-06-01T00:00:00Z') });
  if (summary.questions.read !== 634 || summary.rejected.length) {
    throw new Error(`relevance corpus: ${summary.questions.read} questions read, ${summary.rejected.length} rejected`);
  }
  return store;
}

/** The production search engine over the store (in this thread). */
export async function projectEngine(store: QuestionStore): Promise<SearchServiceHandle> {
  const handle = createSearchService({ store, indexDir: null, workers: 0, watchMs: 0 });
  await handle.whenReady;
  return handle;
}

export type Ranker = (q: string) => Promise<string[]> | string[];

export function engineRanker(engine: SearchEngine): Ranker {
  return async (q) => (await engine.search({ text: q, limit: 10 })).hits.map((h) => h.uid);
}

/** Plain minisearch with its default options (OR, no prefix, no fuzzy), over title, author, question and answer. */
export function plainMinisearchRanker(questions: Iterable<Question>): Ranker {
  const ms = new MiniSearch<{ id: string; title: string; author: string; question: string; answer: string }>({
    fields: ['title', 'author', 'question', 'answer'],
  });
  for (const q of questions) {
    ms.add({
      id: q.uid,
      title: [q.rubrique, q.teteAnalyse, ...q.analyses].filter(Boolean).join(' '),
      author: q.author.name ?? '',
      question: q.question?.text ?? '',
      answer: q.answer?.text ?? '',
    });
  }
  return (q) =>
    ms
      .search(q)
      .slice(0, 10)
      .map((r) => r.id as string);
}

export interface Scores {
  n: number;
  hits1: number;
  hits5: number;
  mrr: number;
}

export interface RelevanceReport extends Scores {
  byTag: Record<string, Scores>;
  /** Queries whose first result is not relevant: query, rank of the first relevant (0 = not in the first 10), top 3. */
  misses: Array<{ q: string; rank: number; top: string[] }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function measureRelevance(
  rank: Ranker,
  queries: readonly RelevanceQuery[] = relevanceQueries(),
): Promise<RelevanceReport> {
  const all = { n: 0, h1: 0, h5: 0, rr: 0 };
  const tags = new Map<string, typeof all>();
  const misses: RelevanceReport['misses'] = [];
  for (const query of queries) {
    const top = await rank(query.q);
    const i = top.findIndex((u) => query.relevant.includes(u));
    const r = i < 0 ? 0 : i + 1;
    const add = (acc: typeof all) => {
      acc.n++;
      if (r === 1) acc.h1++;
      if (r >= 1 && r <= 5) acc.h5++;
      if (r >= 1) acc.rr += 1 / r;
    };
    add(all);
    for (const t of query.tags) {
      if (!tags.has(t)) tags.set(t, { n: 0, h1: 0, h5: 0, rr: 0 });
      add(tags.get(t)!);
    }
    if (r !== 1) misses.push({ q: query.q, rank: r, top: top.slice(0, 3) });
  }
  const scores = (a: typeof all): Scores => ({ n: a.n, hits1: a.h1, hits5: a.h5, mrr: round(a.rr / Math.max(1, a.n)) });
  return { ...scores(all), byTag: Object.fromEntries([...tags].sort().map(([t, a]) => [t, scores(a)])), misses };
}

/** "hits@1 330/356 (92.7 %), hits@5 350/356, MRR 0.951" */
export function formatScores(s: Scores): string {
  const pct = (x: number) => ((100 * x) / Math.max(1, s.n)).toFixed(1).replace('.', ',');
  return `hits@1 ${s.hits1}/${s.n} (${pct(s.hits1)} %), hits@5 ${s.hits5}/${s.n} (${pct(s.hits5)} %), MRR ${s.mrr.toFixed(3).replace('.', ',')}`;
}
