/**
 * Ranking a shard's documents and cutting the page: the query's clauses scored by rankClauses.ts (all words first,
 * then most words when needed), the exact question number first, the date orders, and the hits as a shard returns
 * them.
 */
import type { ShardQuery } from '../query';
import type { SearchHit } from '../types';
import { questionTitle } from '../../format/french';
import { urlOf, type DocMeta, type DocTable } from './docMeta';
import type { Clause } from '../clauses';
import type { Plan } from './plan';
import { DEFAULT_CLAUSE_OPTIONS, rankClauses, type ClauseIndex } from './rankClauses';

/** A hit as a shard returns it: display metadata, score, matched index terms, and the date used to sort. */
export type ShardHit = Omit<SearchHit, 'excerpt'> & {
  /** The date used to sort. */
  day: number;
  /** Matched index terms (to build the excerpt). */
  terms: string[];
  /** Whether the document has every word of the query (false: one of the most-words documents that follow). */
  allWords: boolean;
};

export interface ShardResult {
  mode: 'all' | 'any' | 'filters-only';
  total: number;
  hits: ShardHit[];
  /** Documents with every word (a query with words); the hits with `allWords` come first. */
  allTotal?: number;
  /** Documents with most words, when they follow (too few or weak all-words documents). */
  mostTotal?: number;
}

/** A match: slot, score, matched index terms. */
interface Scored {
  id: number;
  score: number;
  terms: string[];
}

/** Matches in rank order; `results` may hold only the first `top` when `has` answers for the others. */
export interface Ranked {
  results: Scored[];
  total: number;
  /** Already in the order `sq.sort` asks. */
  sorted: boolean;
  /** Whether a slot matched, when `results` is not complete. */
  has?: (slot: number) => boolean;
}

/** The most-words documents scaled under every all-words score, so that merged shards keep all-words first. */
const MOST_WORDS_SCALE = 0.5;

export interface ClauseRanked {
  ranked: Ranked;
  /** Documents meeting every clause (all of them, `ranked` may hold fewer). */
  allTotal: number;
  /** Documents meeting most clauses that follow them (0 when all-words documents were enough). */
  mostTotal: number;
  /** Slots of the all-words documents in `ranked`. */
  allWords: Set<number>;
}

/**
 * Every clause of the query (rankClauses.ts): the all-words documents by score (all of them when a date order is
 * asked), then, when they are too few or weak, the best most-words documents.
 */
export function rankByClauses(
  plan: Plan,
  index: ClauseIndex,
  clauses: readonly Clause[],
  sq: ShardQuery,
  maxExpansions: number,
): ClauseRanked {
  const r = rankClauses(index, clauses, {
    gate: plan.gate,
    top: sq.top,
    keepAll: sq.sort !== 'relevance',
    maxExpansions,
    ...DEFAULT_CLAUSE_OPTIONS,
  });
  const floor = r.all.length ? r.all[r.all.length - 1]!.score : 0;
  const best = r.most[0]?.score || 1;
  const most = r.most.map((d) => ({
    id: d.id,
    terms: d.terms,
    score: r.all.length ? (floor * MOST_WORDS_SCALE * d.score) / best : d.score,
  }));
  return {
    ranked: { results: [...r.all, ...most], total: r.allTotal + r.mostTotal, sorted: false },
    allTotal: r.allTotal,
    mostTotal: r.mostTotal,
    allWords: new Set(r.all.map((d) => d.id)),
  };
}

/**
 * A question number typed alone: the questions of that number (passing the filters), newest legislature first,
 * go before every other match. A date order is then restored by `pageOf`.
 */
export function numberFirst(
  ranked: Ranked,
  numbered: readonly number[],
  mask: Uint8Array | null,
  docs: DocTable,
): Ranked {
  const exact = numbered.filter((s) => !mask || mask[s]);
  if (!exact.length) return ranked;
  const hits = ranked.results;
  const exactSet = new Set(exact);
  const best = (hits[0]?.score ?? 0) + 1000;
  const exactHits: Scored[] = exact
    .sort((a, b) => docs.legislature(b) - docs.legislature(a))
    .map((slot, i) => ({ id: slot, score: best - i, terms: [] }));
  const rest = hits.filter((r) => !exactSet.has(r.id));
  const has = ranked.has;
  const overlap = has ? exact.filter((s) => has(s)).length : hits.length - rest.length;
  return { results: [...exactHits, ...rest], total: ranked.total - overlap + exactHits.length, sorted: false };
}

/** The first `sq.top` matches as hits, in the order `sq.sort` asks. */
export function pageOf(
  ranked: Ranked,
  sq: ShardQuery,
  mode: ShardResult['mode'],
  docs: DocTable,
  allWords: Set<number> | null = null,
): ShardResult {
  let ordered = ranked.results;
  if (sq.sort !== 'relevance' && !ranked.sorted) {
    const dir = sq.sort === 'newest' ? -1 : 1;
    ordered = [...ordered].sort(
      (x, y) =>
        dir * (dayForSort(docs.qDay(x.id), dir) - dayForSort(docs.qDay(y.id), dir)) ||
        dir * (docs.number(x.id) - docs.number(y.id)),
    );
  }
  const hits: ShardHit[] = [];
  for (let i = 0; i < ordered.length && i < sq.top; i++) {
    const r = ordered[i]!;
    hits.push(hitOf(docs.meta(r.id)!, r.score, r.terms, allWords ? allWords.has(r.id) : true));
  }
  return { mode, total: ranked.total, hits };
}

/** No words: the documents passing the filters, newest (or oldest) first. */
export function listFiltered(sq: ShardQuery, mask: Uint8Array | null, docs: DocTable): ShardResult {
  const order = docs.newestFirst();
  const hits: ShardHit[] = [];
  let total = 0;
  const n = order.length;
  for (let i = 0; i < n; i++) {
    const slot = order[sq.sort === 'oldest' ? n - 1 - i : i]!;
    if (mask && !mask[slot]) continue;
    total++;
    if (hits.length < sq.top) hits.push(hitOf(docs.meta(slot)!, 0, []));
  }
  return { mode: 'filters-only', total, hits };
}

function hitOf(m: DocMeta, score: number, terms: string[], allWords = true): ShardHit {
  return {
    uid: m.uid,
    chamber: m.chamber,
    score,
    legislature: m.legislature,
    number: m.number,
    type: m.type,
    title: questionTitle(m),
    author: m.authorName ?? m.authorRef,
    group: m.group,
    ministry: m.ministryAssigned ?? m.ministryAsked,
    questionDate: m.questionDate,
    answerDate: m.answerDate,
    status: m.status,
    url: urlOf(m),
    day: m.qDay,
    terms,
    allWords,
  };
}

function dayForSort(qDay: number, dir: number): number {
  // Unknown dates go last in both orders.
  if (qDay < 0) return dir < 0 ? -Infinity : Infinity;
  return qDay;
}
