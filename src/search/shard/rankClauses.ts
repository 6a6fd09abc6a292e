/**
 * Scoring a shard's documents against the clauses of a query (clauses.ts), on the shard's own postings: BM25 per
 * term and field (field boosts), frequent terms (slot lists, no frequencies) by presence, each clause worth its
 * best alternative times that alternative's weight (an acronym's expansion, a derived word, a typo count less).
 *
 * « All words »: the documents meeting every clause. When they are fewer than `minAll`, or only weak (their best
 * score under `weakRatio` of the best document missing a clause), « most words » follow: the documents meeting the
 * most clauses (at least half), best first. The caller shows all-words documents first and says so.
 *
 * Reads the index through `ClauseIndex` only, so the storage of postings may change under it.
 */
import type { Clause } from '../clauses';

/** A term's postings in one field: `n` ascending slots and the term's frequency in each. */
interface FieldPostings {
  readonly ids: Uint32Array;
  readonly freqs: Uint16Array;
  readonly n: number;
  /** The frequency at a slot, 0 when absent (binary search). */
  freqOf(slot: number): number;
}

/** A term's postings by field id. */
type TermPostings = ReadonlyArray<FieldPostings | undefined>;

/** Slots of the documents holding a frequent term, and of those holding it in their indexing terms. */
interface FrequentPostings {
  all: Uint32Array;
  idx: Uint32Array;
}

/** What scoring reads of a shard. */
export interface ClauseIndex {
  /** Documents in the shard (for idf). */
  readonly documentCount: number;
  /** Slots of the shard (one more than the highest slot). */
  readonly slots: number;
  /** Field ids with their boost and average length (in distinct terms). */
  readonly fields: ReadonlyArray<{ id: number; boost: number; averageLength: number; isIndexingTerms: boolean }>;
  postings(term: string): TermPostings | undefined;
  frequent(term: string): FrequentPostings | undefined;
  /** Per field id, BM25's length normalisation `k1 · (1 − b + b · length / average)` of each slot. */
  lengthNorms(k1: number, b: number): readonly Float64Array[];
  /** Index terms starting with `prefix` (rare and frequent), at most `max`, most documents first. */
  termsWithPrefix(prefix: string, max: number): string[];
  /** Index terms within `distance` edits of `term` (rare and frequent), at most `max`, with their distance. */
  termsNear(term: string, distance: number, max: number): Array<[string, number]>;
  hasTerm(term: string): boolean;
}

export interface ClauseRanking {
  /** Documents meeting every clause, best first. */
  all: ScoredDoc[];
  /** Documents meeting most clauses (when all-words found too few or weak ones), best first; else empty. */
  most: ScoredDoc[];
  /** How many documents meet every clause / most clauses (the lists may be cut to `top`). */
  allTotal: number;
  mostTotal: number;
}

interface ScoredDoc {
  id: number;
  score: number;
  /** Clauses met. */
  matched: number;
  /** Index terms that matched (for the excerpt). */
  terms: string[];
}

export interface ClauseOptions {
  /** 1 at each slot that may be returned (present, passing filters, not excluded); postings may list others. */
  gate: Uint8Array;
  /** Keep this many of each list (all the all-words documents when `keepAll`). */
  top: number;
  /** Keep every all-words document (the caller orders them by date). */
  keepAll: boolean;
  /** Below this many all-words documents, most-words ones follow. */
  minAll: number;
  /** All-words documents whose best score is under this share of the best most-words one are weak. */
  weakRatio: number;
  /** At most this many index terms for one cut word or one typo. */
  maxExpansions: number;
}

export const DEFAULT_CLAUSE_OPTIONS = { minAll: 3, weakRatio: 0.5 } as const;

const K1 = 1.2;
const MIN_IDF = 0.1;
const B = 0.7;
/** What a typo and a completed prefix are worth, as minisearch weighted them. */
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.6;
const KNOWN_PREFIX_WEIGHT = 0.3;
/** Completions of a last word the index knows as typed: the most common few only. */
const KNOWN_PREFIX_EXPANSIONS = 10;
/** Whether all-words documents are weak is only asked when they are this few. */
const WEAK_CHECK_MAX = 20;

/** BM25's idf, with a floor: a word found everywhere still ranks by frequency, field and position. */
function idf(n: number, df: number): number {
  return Math.max(MIN_IDF, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

/**
 * Per-slot work buffers, reused from query to query (a shard answers one query at a time, synchronously): typed
 * arrays indexed by slot instead of maps, so that a query over terms found in thousands of documents makes no garbage.
 * Every buffer is zero between queries (each query zeroes what it touched).
 */
class Buffers {
  termTf = new Float32Array(0);
  /** Slots one term touched (termInto), reused from term to term. */
  termSlots = new Int32Array(0);
  altSum = new Float32Array(0);
  altCount = new Uint8Array(0);
  coverage = new Uint8Array(0);
  total = new Float32Array(0);
  /** Slot lists, each as long as the slots: the first-term slots of a several-word alternative, the slots any clause
   * touched, the candidates of the all-words walk. */
  first = new Int32Array(0);
  seen = new Int32Array(0);
  candidates = new Int32Array(0);
  clauseScore: Float32Array[] = [];
  clauseAlt: Uint8Array[] = [];
  /** Per clause, the slots whose score it wrote (to read them back, then zero them). */
  clauseSlots: Int32Array[] = [];

  ensure(slots: number, clauses: number): void {
    if (this.termTf.length < slots) {
      const n = Math.max(slots, Math.ceil(this.termTf.length * 1.5), 1024);
      this.termTf = new Float32Array(n);
      this.termSlots = new Int32Array(n);
      this.altSum = new Float32Array(n);
      this.altCount = new Uint8Array(n);
      this.coverage = new Uint8Array(n);
      this.total = new Float32Array(n);
      this.first = new Int32Array(n);
      this.seen = new Int32Array(n);
      this.candidates = new Int32Array(n);
      this.clauseScore = [];
      this.clauseAlt = [];
      this.clauseSlots = [];
    }
    while (this.clauseScore.length < clauses) {
      this.clauseScore.push(new Float32Array(this.termTf.length));
      this.clauseAlt.push(new Uint8Array(this.termTf.length));
      this.clauseSlots.push(new Int32Array(this.termTf.length));
    }
  }
}

const buffers = new Buffers();

/** The boost of the indexing terms' field (what a frequent term found there is worth more). */
function indexingBoost(index: ClauseIndex): number {
  return index.fields.find((f) => f.isIndexingTerms)?.boost ?? 1;
}

/**
 * Adds one index term's BM25 term-frequency part (fields summed, boosts applied; frequent terms by presence) into
 * `buffers.termTf`, listing the slots it touched in `buffers.termSlots`. Returns how many it touched. The hot loop
 * of every query: typed arrays only, no call per posting.
 */
function termInto(index: ClauseIndex, term: string, gate: Uint8Array): number {
  const touched = buffers.termSlots;
  let n = 0;
  const tf = buffers.termTf;
  const fr = index.frequent(term);
  if (fr) {
    const idxBoost = indexingBoost(index);
    const all = fr.all;
    for (let i = 0; i < all.length; i++) {
      const d = all[i]!;
      if (tf[d] === 0 && gate[d] === 1) {
        tf[d] = 1;
        touched[n++] = d;
      }
    }
    // Presence only (no frequencies kept); in the indexing terms, worth that field's boost more.
    const idx = fr.idx;
    for (let i = 0; i < idx.length; i++) {
      const d = idx[i]!;
      if (tf[d] === 1) tf[d] = 1 + idxBoost;
    }
  }
  const data = index.postings(term);
  if (data) {
    const norms = index.lengthNorms(K1, B);
    for (const f of index.fields) {
      const list = data[f.id];
      if (!list) continue;
      const norm = norms[f.id]!;
      const boost = f.boost;
      const { ids, freqs } = list;
      const count = list.n;
      for (let i = 0; i < count; i++) {
        const slot = ids[i]!;
        if (gate[slot] !== 1) continue;
        const freq = freqs[i]!;
        const part = (boost * (freq * (K1 + 1))) / (freq + norm[slot]!);
        if (tf[slot] === 0) touched[n++] = slot;
        tf[slot] = tf[slot]! + part;
      }
    }
  }
  return n;
}

interface ClauseRun {
  /** Slots meeting the clause (a view of the clause's slot buffer). */
  touched: Int32Array;
  idf: number;
  /** Per alternative, the index terms it matched with (the term, or its typo / prefix expansions). */
  altTerms: string[][];
}

/**
 * One alternative of a clause as index terms, each with what it is worth: a single word with its typo and prefix
 * expansions (the clause takes the best of them), or several words (`mean`: all of them, as their mean).
 */
interface ExpandedAlt {
  weight: number;
  mean: boolean;
  terms: Array<[term: string, worth: number]>;
}

function expandClause(index: ClauseIndex, c: Clause, maxExpansions: number): ExpandedAlt[] {
  return c.alts.map((a) => {
    if (a.terms.length !== 1)
      return { weight: a.weight, mean: true, terms: a.terms.map((t): [string, number] => [t, 1]) };
    const term = a.terms[0]!;
    const list: Array<[string, number]> = [[term, 1]];
    const known = index.hasTerm(term);
    // Typos only for words the index does not know; a cut last word completes to the longer terms.
    if (a.fuzzy > 0 && !known)
      for (const [t, d] of index.termsNear(term, a.fuzzy, maxExpansions)) list.push([t, FUZZY_WEIGHT / d]);
    // A last word the index knows as typed is less likely cut: its completions count less.
    const prefixWeight = known ? KNOWN_PREFIX_WEIGHT : PREFIX_WEIGHT;
    if (a.prefix)
      for (const t of index.termsWithPrefix(
        a.prefix,
        known ? Math.min(KNOWN_PREFIX_EXPANSIONS, maxExpansions) : maxExpansions,
      ))
        if (t !== term) list.push([t, prefixWeight]);
    return { weight: a.weight, mean: false, terms: list };
  });
}

/** A term's document frequency (before filters): its frequent list, or its postings in the field holding it most. */
function dfOf(index: ClauseIndex, term: string): number {
  let df = index.frequent(term)?.all.length ?? 0;
  const data = index.postings(term);
  if (data) {
    let most = 0;
    for (const list of data) most = Math.max(most, list?.n ?? 0);
    df += most;
  }
  return df;
}

/** The clause's idf: from the most common alternative (an alternative of several words: its rarest word). */
function clauseIdf(index: ClauseIndex, alts: readonly ExpandedAlt[]): number {
  let dfMax = 1;
  for (const a of alts) {
    if (a.mean) dfMax = Math.max(dfMax, Math.min(...a.terms.map(([t]) => dfOf(index, t))));
    else for (const [t] of a.terms) dfMax = Math.max(dfMax, dfOf(index, t));
  }
  return idf(Math.max(1, index.documentCount), dfMax);
}

/** Postings visited to score a clause over the whole shard. */
function scanCost(index: ClauseIndex, alts: readonly ExpandedAlt[]): number {
  let cost = 0;
  for (const a of alts)
    for (const [t] of a.terms) {
      cost += index.frequent(t)?.all.length ?? 0;
      const data = index.postings(t);
      if (data) for (const list of data) cost += list?.n ?? 0;
    }
  return cost;
}

/**
 * One clause into its buffer: for each slot, the best alternative's term-frequency part times its weight (and which
 * alternative). The alternatives are synonyms scored with ONE idf (from the most common of them), so that a rarer
 * relative (« ministère » for « ministre ») never outweighs the word itself through its rarity.
 */
function runClause(index: ClauseIndex, alts: readonly ExpandedAlt[], ci: number, gate: Uint8Array): ClauseRun {
  const score = buffers.clauseScore[ci]!;
  const which = buffers.clauseAlt[ci]!;
  const written = buffers.clauseSlots[ci]!;
  let count = 0;
  const tf = buffers.termTf;
  const tt = buffers.termSlots;
  for (let ai = 0; ai < alts.length; ai++) {
    const a = alts[ai]!;
    if (!a.mean) {
      for (const [t, w] of a.terms) {
        const n = termInto(index, t, gate);
        const k = w * a.weight;
        for (let i = 0; i < n; i++) {
          const d = tt[i]!;
          const v = tf[d]! * k;
          if (v > score[d]!) {
            if (score[d] === 0) written[count++] = d;
            score[d] = v;
            which[d] = ai;
          }
          tf[d] = 0;
        }
      }
      continue;
    }
    // Every term, as their mean (an expansion of five words weighs what one word does).
    const sum = buffers.altSum;
    const met = buffers.altCount;
    const first = buffers.first;
    let firsts = 0;
    a.terms.forEach(([t], i) => {
      const n = termInto(index, t, gate);
      for (let j = 0; j < n; j++) {
        const d = tt[j]!;
        if (met[d] === i) {
          met[d] = i + 1;
          sum[d] = sum[d]! + tf[d]!;
          if (i === 0) first[firsts++] = d;
        }
        tf[d] = 0;
      }
    });
    const k = a.terms.length;
    for (let j = 0; j < firsts; j++) {
      const d = first[j]!;
      if (met[d] === k) {
        const v = (sum[d]! / k) * a.weight;
        if (v > score[d]!) {
          if (score[d] === 0) written[count++] = d;
          score[d] = v;
          which[d] = ai;
        }
      }
      met[d] = 0;
      sum[d] = 0;
    }
  }
  return {
    touched: written.subarray(0, count),
    idf: clauseIdf(index, alts),
    altTerms: alts.map((a) => a.terms.map(([t]) => t)),
  };
}

/** Whether the ascending slot list holds `slot`. */
function holds(list: ArrayLike<number>, slot: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === slot) return true;
    if (v < slot) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const f32 = Math.fround;

/**
 * The same as `runClause`, for the given slots only, by looking each one up in the terms' postings instead of
 * walking them: what a clause of common words costs once a rarer clause has narrowed the documents down. Writes the
 * clause's buffer for the slots meeting it, keeps only those in `slots` (in place) and returns how many. Float32
 * roundings as the buffers make them, so that both ways give the same scores. The slots passed the gate already
 * (they met an earlier clause).
 */
function probeClause(
  index: ClauseIndex,
  alts: readonly ExpandedAlt[],
  ci: number,
  slots: Int32Array,
  count: number,
): number {
  const score = buffers.clauseScore[ci]!;
  const which = buffers.clauseAlt[ci]!;
  const written = buffers.clauseSlots[ci]!;
  const idxBoost = indexingBoost(index);
  const norms = index.lengthNorms(K1, B);
  const resolved = alts.map((a) =>
    a.terms.map(([t, w]) => ({ w, fr: index.frequent(t), postings: index.postings(t) })),
  );
  const termTf = (r: (typeof resolved)[number][number], d: number): number => {
    let tf = 0;
    if (r.fr && holds(r.fr.all, d)) tf = holds(r.fr.idx, d) ? 1 + idxBoost : 1;
    if (r.postings) {
      for (const f of index.fields) {
        const freq = r.postings[f.id]?.freqOf(d);
        if (!freq) continue;
        tf = f32(tf + (f.boost * (freq * (K1 + 1))) / (freq + norms[f.id]![d]!));
      }
    }
    return tf;
  };
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const d = slots[i]!;
    let best = 0;
    let bestAlt = 0;
    for (let ai = 0; ai < alts.length; ai++) {
      const a = alts[ai]!;
      const rs = resolved[ai]!;
      if (!a.mean) {
        for (const r of rs) {
          const v = termTf(r, d) * r.w * a.weight;
          if (v > best) {
            best = f32(v);
            bestAlt = ai;
          }
        }
        continue;
      }
      let sum = 0;
      let every = true;
      for (const r of rs) {
        const tf = termTf(r, d);
        if (tf === 0) {
          every = false;
          break;
        }
        sum = f32(sum + tf);
      }
      if (!every) continue;
      const v = (sum / rs.length) * a.weight;
      if (v > best) {
        best = f32(v);
        bestAlt = ai;
      }
    }
    if (best > 0) {
      score[d] = best;
      which[d] = bestAlt;
      written[kept] = d;
      slots[kept++] = d;
    }
  }
  return kept;
}

/**
 * All words, when the documents meeting every clause are many: the cheapest clause is walked, and each next one
 * (cheapest first) only looked up for the documents still in, when that costs less than walking it. Gives exactly
 * what `rankClauses`'s walk of every clause gives when more than `WEAK_CHECK_MAX` documents meet every clause
 * (most words are then never needed); null otherwise, and the caller walks every clause.
 */
function rankAllWords(
  index: ClauseIndex,
  expanded: readonly ExpandedAlt[][],
  opts: ClauseOptions,
): ClauseRanking | null {
  const k = expanded.length;
  const costs = expanded.map((alts) => scanCost(index, alts));
  const order = costs.map((_, ci) => ci).sort((a, b) => costs[a]! - costs[b]!);
  // Per clause (in `order`), how many slots its buffer was written at (buffers.clauseSlots: to zero them).
  const written: number[] = [];
  const runs: Array<Pick<ClauseRun, 'idf' | 'altTerms'>> = new Array(k);
  const slots = buffers.candidates;
  let n = 0;
  try {
    for (const [step, ci] of order.entries()) {
      const alts = expanded[ci]!;
      const termCount = alts.reduce((c, a) => c + a.terms.length, 0);
      if (step > 0 && n * termCount * (index.fields.length + 1) < costs[ci]!) {
        n = probeClause(index, alts, ci, slots, n);
        written.push(n);
        runs[ci] = { idf: clauseIdf(index, alts), altTerms: alts.map((a) => a.terms.map(([t]) => t)) };
      } else {
        const run = runClause(index, alts, ci, opts.gate);
        written.push(run.touched.length);
        runs[ci] = run;
        if (step === 0) {
          slots.set(run.touched);
          n = run.touched.length;
        } else {
          const score = buffers.clauseScore[ci]!;
          let kept = 0;
          for (let i = 0; i < n; i++) {
            const d = slots[i]!;
            if (score[d]! > 0) slots[kept++] = d;
          }
          n = kept;
        }
      }
      if (n <= WEAK_CHECK_MAX) return null;
    }
    const totals = new Float32Array(n);
    for (let ci = 0; ci < k; ci++) {
      const score = buffers.clauseScore[ci]!;
      const idfOf = runs[ci]!.idf;
      for (let i = 0; i < n; i++) totals[i] = totals[i]! + score[slots[i]!]! * idfOf;
    }
    let all: ScoredDoc[];
    if (opts.keepAll) {
      all = [];
      for (let i = 0; i < n; i++) all.push({ id: slots[i]!, score: totals[i]!, matched: k, terms: [] });
      all.sort(byScore);
    } else {
      const heap = new TopK(Math.min(opts.top, index.slots));
      for (let i = 0; i < n; i++) heap.offer(slots[i]!, totals[i]!);
      all = heap.sorted().map(([id, score]) => ({ id, score, matched: k, terms: [] }));
    }
    const kept = opts.keepAll ? all : all.slice(0, opts.top);
    for (const r of kept) {
      const terms: string[] = [];
      for (let ci = 0; ci < k; ci++) terms.push(...runs[ci]!.altTerms[buffers.clauseAlt[ci]![r.id]!]!);
      r.terms = terms;
    }
    return { all: kept, most: [], allTotal: n, mostTotal: 0 };
  } finally {
    written.forEach((count, i) => {
      const ci = order[i]!;
      const score = buffers.clauseScore[ci]!;
      const list = buffers.clauseSlots[ci]!;
      for (let j = 0; j < count; j++) score[list[j]!] = 0;
    });
  }
}

function byScore(a: ScoredDoc, b: ScoredDoc): number {
  return b.score - a.score || b.matched - a.matched;
}

/** The `size` best (slot, score) pairs offered, with a min-heap on the score. */
class TopK {
  private ids: Int32Array;
  private scores: Float64Array;
  private n = 0;
  constructor(private readonly size: number) {
    this.ids = new Int32Array(Math.max(1, size));
    this.scores = new Float64Array(Math.max(1, size));
  }

  offer(id: number, score: number): void {
    if (this.size <= 0) return;
    if (this.n < this.size) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.ids[i] = this.ids[parent]!;
        this.scores[i] = this.scores[parent]!;
        i = parent;
      }
      this.ids[i] = id;
      this.scores[i] = score;
      return;
    }
    if (score <= this.scores[0]!) return;
    // Replace the smallest and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let ms = score;
      if (l < this.n && this.scores[l]! < ms) {
        m = l;
        ms = this.scores[l]!;
      }
      if (r < this.n && this.scores[r]! < ms) m = r;
      if (m === i) break;
      this.ids[i] = this.ids[m]!;
      this.scores[i] = this.scores[m]!;
      i = m;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }

  /** Best first. */
  sorted(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.n; i++) out.push([this.ids[i]!, this.scores[i]!]);
    return out.sort((a, b) => b[1] - a[1]);
  }
}

/**
 * The `size` best most-words documents offered: most clauses met first, then best score, then first offered (a
 * min-heap on that order), as a stable sort of them all then a cut would give, without sorting thousands.
 */
class MostWords {
  private ids: Int32Array;
  private matched: Int32Array;
  private scores: Float64Array;
  private order: Int32Array;
  private n = 0;
  constructor(private readonly size: number) {
    const room = Math.max(1, size);
    this.ids = new Int32Array(room);
    this.matched = new Int32Array(room);
    this.scores = new Float64Array(room);
    this.order = new Int32Array(room);
  }

  /** Whether entry i ranks below entry j. */
  private below(i: number, j: number): boolean {
    return (
      this.matched[i]! < this.matched[j]! ||
      (this.matched[i] === this.matched[j] &&
        (this.scores[i]! < this.scores[j]! || (this.scores[i] === this.scores[j] && this.order[i]! > this.order[j]!)))
    );
  }

  private put(i: number, id: number, matched: number, score: number, order: number): void {
    this.ids[i] = id;
    this.matched[i] = matched;
    this.scores[i] = score;
    this.order[i] = order;
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i]!;
    const matched = this.matched[i]!;
    const score = this.scores[i]!;
    const order = this.order[i]!;
    this.put(i, this.ids[j]!, this.matched[j]!, this.scores[j]!, this.order[j]!);
    this.put(j, id, matched, score, order);
  }

  /** `order` grows from offer to offer. */
  offer(id: number, matched: number, score: number, order: number): void {
    if (this.size <= 0) return;
    if (this.n < this.size) {
      let i = this.n++;
      this.put(i, id, matched, score, order);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.below(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // Offered later, so below the smallest when equal to it on clauses and score.
    if (matched < this.matched[0]! || (matched === this.matched[0] && score <= this.scores[0]!)) return;
    this.put(0, id, matched, score, order);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.below(l, m)) m = l;
      if (r < this.n && this.below(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** Best first: [slot, clauses met, score]. */
  sorted(): Array<[number, number, number]> {
    const idx = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => (this.below(a, b) ? 1 : -1));
    return idx.map((i) => [this.ids[i]!, this.matched[i]!, this.scores[i]!]);
  }
}

/** Ranks the documents for `clauses` (at least one). */
export function rankClauses(index: ClauseIndex, clauses: readonly Clause[], opts: ClauseOptions): ClauseRanking {
  const k = clauses.length;
  buffers.ensure(index.slots, k);
  const expanded = clauses.map((c) => expandClause(index, c, opts.maxExpansions));
  if (k > 1) {
    const fast = rankAllWords(index, expanded, opts);
    if (fast) return fast;
  }
  const runs = expanded.map((alts, ci) => runClause(index, alts, ci, opts.gate));
  const coverage = buffers.coverage;
  const total = buffers.total;
  const seen = buffers.seen;
  let seenCount = 0;
  runs.forEach((r, ci) => {
    const score = buffers.clauseScore[ci]!;
    const touched = r.touched;
    for (let i = 0; i < touched.length; i++) {
      const d = touched[i]!;
      if (coverage[d] === 0) seen[seenCount++] = d;
      coverage[d]!++;
      total[d] = total[d]! + score[d]! * r.idf;
    }
  });
  const termsOf = (d: number): string[] => {
    const out: string[] = [];
    runs.forEach((r, ci) => {
      if (buffers.clauseScore[ci]![d]! > 0) out.push(...r.altTerms[buffers.clauseAlt[ci]![d]!]!);
    });
    return out;
  };
  try {
    // All words: the slots every clause touched. Only the best `top` become objects (a bounded min-heap), unless a
    // date order needs them all.
    let all: ScoredDoc[] = [];
    let allTotal = 0;
    let bestMost = 0;
    const heap = opts.keepAll ? null : new TopK(Math.min(opts.top, index.slots));
    for (let i = 0; i < seenCount; i++) {
      const d = seen[i]!;
      if (coverage[d] === k) {
        allTotal++;
        if (heap) heap.offer(d, total[d]!);
        else all.push({ id: d, score: total[d]!, matched: k, terms: [] });
      } else if (total[d]! > bestMost) bestMost = total[d]!;
    }
    if (heap) all = heap.sorted().map(([id, score]) => ({ id, score, matched: k, terms: [] }));
    else all.sort(byScore);
    // Most words, when all words found too few documents or only weak ones.
    const weak = allTotal > 0 && allTotal <= WEAK_CHECK_MAX && all[0]!.score < opts.weakRatio * bestMost;
    let most: ScoredDoc[] = [];
    let mostTotal = 0;
    if (k > 1 && (allTotal < opts.minAll || weak)) {
      const minCoverage = Math.max(1, Math.ceil(k / 2));
      const best = new MostWords(Math.min(opts.top, index.slots));
      for (let i = 0; i < seenCount; i++) {
        const d = seen[i]!;
        if (coverage[d]! < k && coverage[d]! >= minCoverage) {
          mostTotal++;
          best.offer(d, coverage[d]!, total[d]!, i);
        }
      }
      most = best.sorted().map(([id, matched, score]) => ({ id, score, matched, terms: [] }));
    }
    const kept = opts.keepAll ? all : all.slice(0, opts.top);
    for (const r of kept) r.terms = termsOf(r.id);
    for (const r of most) r.terms = termsOf(r.id);
    return { all: kept, most, allTotal, mostTotal };
  } finally {
    // Leave every buffer at zero for the next query.
    for (let i = 0; i < seenCount; i++) {
      const d = seen[i]!;
      coverage[d] = 0;
      total[d] = 0;
    }
    runs.forEach((r, ci) => {
      const score = buffers.clauseScore[ci]!;
      for (let i = 0; i < r.touched.length; i++) score[r.touched[i]!] = 0;
    });
  }
}
