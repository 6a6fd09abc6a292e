/**
 * Planning a query on one shard: which words restrict the candidates (those reaching frequent terms, as slot
 * lists, with their prefix and typo expansions), which are left for minisearch to score (and how it expands
 * them), which documents are excluded or filtered out, and the candidates of "all words". No scores here: what
 * a match is worth is rank.ts's business.
 */
import type { Query } from 'minisearch';
import type { ParsedQuery, QueryWord } from '../query';
import type { DocTable } from './docMeta';
import type { FrequentTerm, FrequentTerms } from './frequentTerms';
import type { MiniIndex, Postings } from './miniAdapter';

/** A query word that restricts the candidates instead of being scored by minisearch. */
interface Constraint {
  /** Distinct slots (may include removed ones). */
  docs: Uint32Array | number[];
  /** Slots where the word is in the indexing terms. */
  idx: Uint32Array | number[];
}

/** A query word left to minisearch. */
type ScoredWord = Pick<QueryWord, 'stem' | 'prefix' | 'fuzzy'>;

export interface Plan {
  /** Words reaching frequent terms. */
  constraints: Constraint[];
  /** The other words, scored by minisearch. */
  scored: ScoredWord[];
  /** Filters' mask (1 = passes), null without filters. */
  mask: Uint8Array | null;
  /** Slots holding an excluded term (1), null without exclusions. */
  excluded: Uint8Array | null;
  /** Whether a slot may be returned at all: present, passing the filters, not excluded. */
  allowed: (slot: number) => boolean;
  /** Slots of the shard (the length of per-slot arrays). */
  slots: number;
}

/** What planning reads of a shard. */
export interface PlanContext {
  mini: MiniIndex;
  frequent: FrequentTerms;
  docs: DocTable;
  /** Max terms a cut word or a typo expands to when it reaches frequent terms. */
  maxExpansions: number;
}

export function planQuery(q: ParsedQuery, mask: Uint8Array | null, ctx: PlanContext): Plan {
  const { mini, frequent } = ctx;
  const n = ctx.docs.slots;
  const constraints: Constraint[] = [];
  const scored: ScoredWord[] = [];
  for (const w of q.words) {
    const c = constraintOf(w, ctx);
    if (c) constraints.push(c);
    // Fuzzy matching only for words the index does not know: a known word is not a typo.
    else scored.push({ stem: w.stem, prefix: w.prefix, fuzzy: w.fuzzy > 0 && mini.hasTerm(w.stem) ? 0 : w.fuzzy });
  }
  let excluded: Uint8Array | null = null;
  if (q.excluded.length) {
    excluded = new Uint8Array(n);
    for (const term of q.excluded) {
      const fr = frequent.get(term);
      if (fr) for (const d of fr.all.view()) excluded[d] = 1;
      else forEachPosting(mini, mini.postings(term), (slot) => (excluded![slot] = 1));
    }
  }
  const metas = ctx.docs.metas;
  const allowed = (d: number) => metas[d] !== undefined && (!mask || mask[d] === 1) && (!excluded || excluded[d] === 0);
  return { constraints, scored, mask, excluded, allowed, slots: n };
}

/**
 * The candidates of "all words" as far as the constraints tell (per-slot 1 = candidate, or null when every slot
 * is), and per candidate the number of constraints found in its indexing terms (null without constraints).
 */
export function allWordsCandidates(plan: Plan): { cand: Uint8Array | null; idxHits: Uint8Array | null } {
  const { constraints, allowed, slots: n } = plan;
  if (constraints.length) {
    // Intersection by counting, rarest list first: a slot is a candidate when every constraint has it.
    const sorted = [...constraints].sort((a, b) => a.docs.length - b.docs.length);
    const counts = new Uint8Array(n);
    for (const d of sorted[0]!.docs) if (allowed(d)) counts[d] = 1;
    for (let i = 1; i < sorted.length; i++) for (const d of sorted[i]!.docs) if (counts[d] === i) counts[d] = i + 1;
    const k = sorted.length;
    for (let d = 0; d < n; d++) counts[d] = counts[d] === k ? 1 : 0;
    const idxHits = new Uint8Array(n);
    for (const c of constraints) for (const d of c.idx) if (counts[d]) idxHits[d]!++;
    return { cand: counts, idxHits };
  }
  if (plan.excluded) {
    const cand = new Uint8Array(n);
    for (let d = 0; d < n; d++) if (allowed(d)) cand[d] = 1;
    return { cand, idxHits: null };
  }
  return { cand: plan.mask, idxHits: null };
}

/** The minisearch query of a scored word: its stem (fuzzy when allowed), or for the cut last word its prefix too. */
export function wordQuery(w: ScoredWord): Query {
  const stem: Query = { queries: [w.stem], fuzzy: w.fuzzy > 0 ? w.fuzzy : false, prefix: false };
  if (!w.prefix) return stem;
  return { combineWith: 'OR', queries: [stem, { queries: [w.prefix], prefix: true, fuzzy: false }] };
}

/** Every slot posted under a minisearch term (any field); `inIdx` tells whether it is the indexing-terms field. */
function forEachPosting(mini: MiniIndex, data: Postings | undefined, fn: (slot: number, inIdx: boolean) => void): void {
  if (!data) return;
  const idxField = mini.fieldId('idx');
  for (const [fieldId, docs] of data)
    for (const shortId of docs.keys()) {
      const slot = mini.idOf(shortId);
      if (slot !== undefined) fn(slot, fieldId === idxField);
    }
}

/**
 * The constraint for a word that reaches frequent terms (its stem, or, for a cut word or a typo, up to
 * `maxExpansions` frequent neighbours), with its rare forms folded in; null when minisearch should score it.
 */
function constraintOf(w: QueryWord, ctx: PlanContext): Constraint | null {
  const { mini, frequent } = ctx;
  if (!frequent.size) return null;
  const stemFr = frequent.get(w.stem);
  const fuzzy = stemFr !== undefined || mini.hasTerm(w.stem) ? 0 : w.fuzzy;
  if (stemFr && !w.prefix) return { docs: stemFr.all.view(), idx: stemFr.idx.view() };
  const max = ctx.maxExpansions;
  let near: FrequentTerm[] = [];
  if (w.prefix || fuzzy > 0) {
    for (const [term, fr] of frequent) {
      if (term === w.stem) continue;
      if ((w.prefix && term.startsWith(w.prefix)) || (fuzzy > 0 && boundedEditDistance(term, w.stem, fuzzy) <= fuzzy))
        near.push(fr);
    }
    near = near.sort((a, b) => b.all.length - a.all.length).slice(0, max);
  }
  if (!stemFr && !near.length) return null;
  if (stemFr) near.push(stemFr);
  // Rare forms: the stem itself, then the most frequent prefix / fuzzy expansions.
  const rare: Postings[] = [];
  const stemData = mini.postings(w.stem);
  if (stemData) rare.push(stemData);
  const expansions: Array<[number, Postings]> = [];
  const df = (data: Postings) => {
    let s = 0;
    for (const docs of data.values()) s += docs.size;
    return s;
  };
  if (w.prefix) for (const [term, data] of mini.termsWithPrefix(w.prefix)) if (term !== w.stem) expansions.push([df(data), data]);
  if (fuzzy > 0) for (const [term, [data]] of mini.termsNear(w.stem, fuzzy)) if (term !== w.stem) expansions.push([df(data), data]);
  expansions.sort((a, b) => b[0] - a[0]);
  for (const [, data] of expansions.slice(0, max)) rare.push(data);

  const mark = new Uint8Array(ctx.docs.slots);
  const docs: number[] = [];
  const idx: number[] = [];
  const add = (d: number, inIdx: boolean) => {
    if (!(mark[d]! & 1)) {
      mark[d] = mark[d]! | 1;
      docs.push(d);
    }
    if (inIdx && !(mark[d]! & 2)) {
      mark[d] = mark[d]! | 2;
      idx.push(d);
    }
  };
  for (const fr of near) {
    for (const d of fr.all.view()) add(d, false);
    for (const d of fr.idx.view()) add(d, true);
  }
  for (const data of rare) forEachPosting(mini, data, add);
  return { docs, idx };
}

/** Levenshtein distance, or `max + 1` as soon as it exceeds `max`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  const d = prev[b.length]!;
  return d > max ? max + 1 : d;
}
