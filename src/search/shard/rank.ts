/**
 * Ranking a shard's candidates and cutting the page: minisearch's scoring options, how frequent words weigh (they
 * are not scored by minisearch: found in the indexing terms they boost), the "any word" fallback's order, the
 * exact question number first, the date orders, and the hits as a shard returns them.
 */
import type { SearchOptions } from 'minisearch';
import type { ShardQuery } from '../query';
import type { SearchHit } from '../types';
import type { DocMeta, DocTable } from './docMeta';
import { FIELD_BOOSTS } from './indexOptions';
import type { MiniIndex } from './miniAdapter';
import { allWordsCandidates, wordQuery, type Plan } from './plan';

/** minisearch's search options: analysed terms in, field boosts, typo and prefix matches worth less. */
export const SEARCH_OPTIONS: SearchOptions = {
  tokenize: (s) => [s],
  processTerm: (t) => t,
  boost: FIELD_BOOSTS,
  maxFuzzy: 2,
  weights: { fuzzy: 0.45, prefix: 0.6 },
};

/** A hit as a shard returns it: display metadata, score, matched index terms, and the date used to sort. */
export type ShardHit = Omit<SearchHit, 'excerpt'> & {
  /** The date used to sort. */
  day: number;
  /** Matched index terms (to build the excerpt). */
  terms: string[];
};

export interface ShardResult {
  mode: 'all' | 'any' | 'filters-only';
  total: number;
  hits: ShardHit[];
}

/** A match: slot, score, matched index terms. */
export interface Scored {
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

/**
 * Every word required. minisearch scores the rarer words on the candidates only (boostDocument 0 skips a document
 * before any result object is made), each frequent word found in the indexing terms adding half; when every word
 * is frequent, the candidates rank by those matches, then recency.
 */
export function rankAllWords(plan: Plan, mini: MiniIndex, docs: DocTable, sq: ShardQuery): Ranked {
  const { cand, idxHits } = allWordsCandidates(plan);
  if (plan.scored.length) {
    const boostDocument = cand
      ? (id: unknown) => (cand[id as number] ? (idxHits ? 1 + 0.5 * idxHits[id as number]! : 1) : 0)
      : undefined;
    const results = mini.search(
      { combineWith: 'AND', queries: plan.scored.map(wordQuery) },
      { ...SEARCH_OPTIONS, boostDocument },
    ) as unknown as Scored[];
    return { results, total: results.length, sorted: false };
  }
  const k = plan.constraints.length;
  const sc = cand!;
  for (let d = 0; d < plan.slots; d++) if (sc[d]) sc[d] = Math.min(255, k + 2 * idxHits![d]!);
  return rankByScoreArray(sc, sq, docs);
}

/**
 * Any word (the fallback when no document has them all). A frequent word counts 1, 3 in the indexing terms;
 * documents with a rarer word come first, scored by minisearch and boosted by those counts; then the documents
 * with only frequent words, by count, then recency.
 */
export function rankAnyWord(plan: Plan, mini: MiniIndex, docs: DocTable, sq: ShardQuery): Ranked {
  const { constraints, allowed } = plan;
  const orScore = new Uint8Array(plan.slots);
  for (const c of constraints) {
    for (const d of c.docs) if (allowed(d)) orScore[d] = Math.min(255, orScore[d]! + 1);
    for (const d of c.idx) if (orScore[d]) orScore[d] = Math.min(255, orScore[d]! + 2);
  }
  if (!plan.scored.length) return rankByScoreArray(orScore, sq, docs);
  const boostDocument = (id: unknown) => (allowed(id as number) ? 1 + 0.5 * orScore[id as number]! : 0);
  const results = mini.search(
    { combineWith: 'OR', queries: plan.scored.map(wordQuery) },
    { ...SEARCH_OPTIONS, boostDocument },
  ) as unknown as Scored[];
  if (!constraints.length) return { results, total: results.length, sorted: false };
  // Documents with only frequent words come after those with a rarer one (tiny scores keep that order when
  // shards are merged); only the first `top` of them are materialised.
  for (const r of results) orScore[r.id] = 0;
  const rest = rankByScoreArray(orScore, sq, docs);
  for (const r of rest.results) r.score *= 1e-3;
  const matched = new Set<number>();
  return {
    results: [...results, ...rest.results],
    total: results.length + rest.total,
    sorted: false,
    has: (d) => {
      if (!matched.size) for (const r of results) matched.add(r.id);
      return matched.has(d) || rest.has!(d);
    },
  };
}

/**
 * Candidates given as a per-slot score (0 = not a candidate), ordered as `sq.sort` asks without sorting them
 * all: one pass over the slots in date order, keeping the first `top` of each score.
 */
function rankByScoreArray(sc: Uint8Array, sq: ShardQuery, docs: DocTable): Ranked {
  const order = docs.newestFirst();
  const top = sq.top;
  let total = 0;
  const results: Scored[] = [];
  if (sq.sort === 'relevance' || sq.sort === 'newest') {
    const buckets: number[][] = [];
    for (let i = 0; i < order.length; i++) {
      const d = order[i]!;
      const s = sc[d]!;
      if (!s) continue;
      total++;
      const key = sq.sort === 'relevance' ? s : 1;
      const b = (buckets[key] ??= []);
      if (b.length < top) b.push(d);
    }
    for (let s = buckets.length - 1; s >= 1 && results.length < top; s--)
      for (const d of buckets[s] ?? []) {
        if (results.length >= top) break;
        results.push({ id: d, score: sc[d]!, terms: [] });
      }
  } else {
    const undated: number[] = [];
    for (let i = order.length - 1; i >= 0; i--) {
      const d = order[i]!;
      if (!sc[d]) continue;
      total++;
      if (docs.metas[d]!.qDay < 0) {
        if (undated.length < top) undated.unshift(d);
      } else if (results.length < top) results.push({ id: d, score: sc[d]!, terms: [] });
    }
    for (const d of undated) if (results.length < top) results.push({ id: d, score: sc[d]!, terms: [] });
  }
  return { results, total, sorted: true, has: (d) => sc[d]! > 0 };
}

/**
 * A question number typed alone: the questions of that number (passing the filters), newest legislature first,
 * go before every other match. A date order is then restored by `pageOf`.
 */
export function numberFirst(ranked: Ranked, numbered: readonly number[], mask: Uint8Array | null, docs: DocTable): Ranked {
  const exact = numbered.filter((s) => !mask || mask[s]);
  if (!exact.length) return ranked;
  const hits = ranked.results;
  const exactSet = new Set(exact);
  const best = (hits[0]?.score ?? 0) + 1000;
  const exactHits: Scored[] = exact
    .sort((a, b) => docs.metas[b]!.legislature - docs.metas[a]!.legislature)
    .map((slot, i) => ({ id: slot, score: best - i, terms: [] }));
  const rest = hits.filter((r) => !exactSet.has(r.id));
  const has = ranked.has;
  const overlap = has ? exact.filter((s) => has(s)).length : hits.length - rest.length;
  return { results: [...exactHits, ...rest], total: ranked.total - overlap + exactHits.length, sorted: false };
}

/** The first `sq.top` matches as hits, in the order `sq.sort` asks. */
export function pageOf(ranked: Ranked, sq: ShardQuery, mode: ShardResult['mode'], docs: DocTable): ShardResult {
  let ordered = ranked.results;
  if (sq.sort !== 'relevance' && !ranked.sorted) {
    const dir = sq.sort === 'newest' ? -1 : 1;
    const metas = docs.metas;
    ordered = [...ordered].sort((x, y) => {
      const a = metas[x.id]!;
      const b = metas[y.id]!;
      return dir * (dayForSort(a, dir) - dayForSort(b, dir)) || dir * (a.number - b.number);
    });
  }
  const hits: ShardHit[] = [];
  for (let i = 0; i < ordered.length && i < sq.top; i++) {
    const r = ordered[i]!;
    hits.push(hitOf(docs.metas[r.id]!, r.score, r.terms));
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
    if (hits.length < sq.top) hits.push(hitOf(docs.metas[slot]!, 0, []));
  }
  return { mode: 'filters-only', total, hits };
}

function hitOf(m: DocMeta, score: number, terms: string[]): ShardHit {
  return {
    uid: m.uid,
    score,
    legislature: m.legislature,
    number: m.number,
    type: m.type,
    title: m.title,
    author: m.authorName ?? m.authorRef,
    group: m.group,
    ministry: m.ministryAssigned ?? m.ministryAsked,
    questionDate: m.questionDate,
    answerDate: m.answerDate,
    status: m.status,
    url: m.url,
    day: m.qDay,
    terms,
  };
}

function dayForSort(m: DocMeta, dir: number): number {
  // Unknown dates go last in both orders.
  if (m.qDay < 0) return dir < 0 ? -Infinity : Infinity;
  return m.qDay;
}
