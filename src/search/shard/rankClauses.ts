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

/** A term's postings: field id -> (short document id -> frequency of the term in that field). */
type TermPostings = Map<number, Map<number, number>>;

/** Slots of the documents holding a frequent term, and of those holding it in their indexing terms. */
interface FrequentPostings {
  all: ArrayLike<number> & Iterable<number>;
  idx: ArrayLike<number> & Iterable<number>;
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
  /** Slot of a short id, undefined once removed. */
  slotOf(shortId: number): number | undefined;
  /** Length (distinct terms) of a field of a document, by short id. */
  fieldLength(shortId: number, fieldId: number): number;
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
  /** Whether a slot may be returned (present, passing filters, not excluded). */
  allowed: (slot: number) => boolean;
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
  altSum = new Float32Array(0);
  altCount = new Uint8Array(0);
  coverage = new Uint8Array(0);
  total = new Float32Array(0);
  clauseScore: Float32Array[] = [];
  clauseAlt: Uint8Array[] = [];

  ensure(slots: number, clauses: number): void {
    if (this.termTf.length < slots) {
      const n = Math.max(slots, Math.ceil(this.termTf.length * 1.5), 1024);
      this.termTf = new Float32Array(n);
      this.altSum = new Float32Array(n);
      this.altCount = new Uint8Array(n);
      this.coverage = new Uint8Array(n);
      this.total = new Float32Array(n);
      this.clauseScore = [];
      this.clauseAlt = [];
    }
    while (this.clauseScore.length < clauses) {
      this.clauseScore.push(new Float32Array(this.termTf.length));
      this.clauseAlt.push(new Uint8Array(this.termTf.length));
    }
  }
}

const buffers = new Buffers();

/**
 * Adds one index term's BM25 term-frequency part (fields summed, boosts applied; frequent terms by presence) into
 * `buf.termTf`, listing the slots it touched in `touched`. Returns the term's document frequency (before filters).
 */
function termInto(index: ClauseIndex, term: string, allowed: (slot: number) => boolean, touched: number[]): number {
  const tf = buffers.termTf;
  let df = 0;
  const fr = index.frequent(term);
  if (fr) {
    df += fr.all.length;
    const idxBoost = index.fields.find((f) => f.isIndexingTerms)?.boost ?? 1;
    for (const d of fr.all)
      if (tf[d] === 0 && allowed(d)) {
        tf[d] = 1;
        touched.push(d);
      }
    // Presence only (no frequencies kept); in the indexing terms, worth that field's boost more.
    for (const d of fr.idx) if (tf[d] === 1) tf[d] = 1 + idxBoost;
  }
  const data = index.postings(term);
  if (data) {
    // Document frequency over live documents only: a discarded document's postings stay until minisearch's
    // vacuum has run, and counting them would make an updated corpus score differently from a fresh one.
    let most = 0;
    for (const f of index.fields) {
      const docs = data.get(f.id);
      if (!docs) continue;
      const avg = Math.max(1, f.averageLength);
      let live = 0;
      for (const [shortId, freq] of docs) {
        const slot = index.slotOf(shortId);
        if (slot === undefined) continue;
        live++;
        if (!allowed(slot)) continue;
        const len = index.fieldLength(shortId, f.id);
        const part = (f.boost * (freq * (K1 + 1))) / (freq + K1 * (1 - B + (B * len) / avg));
        if (tf[slot] === 0) touched.push(slot);
        tf[slot] = tf[slot]! + part;
      }
      most = Math.max(most, live);
    }
    df += most;
  }
  return df;
}

interface ClauseRun {
  /** Slots meeting the clause. */
  touched: number[];
  idf: number;
  /** Per alternative, the index terms it matched with (the term, or its typo / prefix expansions). */
  altTerms: string[][];
}

/**
 * One clause into its buffer: for each slot, the best alternative's term-frequency part times its weight (and which
 * alternative). The alternatives are synonyms scored with ONE idf (from the most common of them), so that a rarer
 * relative (« ministère » for « ministre ») never outweighs the word itself through its rarity.
 */
function runClause(index: ClauseIndex, c: Clause, ci: number, allowed: (slot: number) => boolean, maxExpansions: number): ClauseRun {
  const score = buffers.clauseScore[ci]!;
  const which = buffers.clauseAlt[ci]!;
  const tf = buffers.termTf;
  const touched: number[] = [];
  const altTerms: string[][] = [];
  let dfMax = 1;
  const offer = (d: number, v: number, ai: number) => {
    if (v > score[d]!) {
      if (score[d] === 0) touched.push(d);
      score[d] = v;
      which[d] = ai;
    }
  };
  c.alts.forEach((a, ai) => {
    if (a.terms.length === 1) {
      const term = a.terms[0]!;
      const list: Array<[string, number]> = [[term, 1]];
      // Typos only for words the index does not know; a cut last word completes to the longer terms.
      if (a.fuzzy > 0 && !index.hasTerm(term)) for (const [t, d] of index.termsNear(term, a.fuzzy, maxExpansions)) list.push([t, FUZZY_WEIGHT / d]);
      // A last word the index knows as typed is less likely cut: its completions count less.
      const known = index.hasTerm(term);
      const prefixWeight = known ? KNOWN_PREFIX_WEIGHT : PREFIX_WEIGHT;
      if (a.prefix) for (const t of index.termsWithPrefix(a.prefix, known ? Math.min(KNOWN_PREFIX_EXPANSIONS, maxExpansions) : maxExpansions)) if (t !== term) list.push([t, prefixWeight]);
      altTerms.push(list.map(([t]) => t));
      for (const [t, w] of list) {
        const tt: number[] = [];
        dfMax = Math.max(dfMax, termInto(index, t, allowed, tt));
        const k = w * a.weight;
        for (const d of tt) {
          offer(d, tf[d]! * k, ai);
          tf[d] = 0;
        }
      }
      return;
    }
    // Every term, as their mean (an expansion of five words weighs what one word does).
    altTerms.push([...a.terms]);
    const sum = buffers.altSum;
    const count = buffers.altCount;
    const first: number[] = [];
    let dfMin = Infinity;
    a.terms.forEach((t, i) => {
      const tt: number[] = [];
      dfMin = Math.min(dfMin, termInto(index, t, allowed, tt));
      for (const d of tt) {
        if (count[d] === i) {
          count[d] = i + 1;
          sum[d] = sum[d]! + tf[d]!;
          if (i === 0) first.push(d);
        }
        tf[d] = 0;
      }
    });
    dfMax = Math.max(dfMax, dfMin);
    const k = a.terms.length;
    for (const d of first) {
      if (count[d] === k) offer(d, (sum[d]! / k) * a.weight, ai);
      count[d] = 0;
      sum[d] = 0;
    }
  });
  return { touched, idf: idf(Math.max(1, index.documentCount), dfMax), altTerms };
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

/** Ranks the documents for `clauses` (at least one). */
export function rankClauses(index: ClauseIndex, clauses: readonly Clause[], opts: ClauseOptions): ClauseRanking {
  const k = clauses.length;
  buffers.ensure(index.slots, k);
  const runs = clauses.map((c, ci) => runClause(index, c, ci, opts.allowed, opts.maxExpansions));
  const coverage = buffers.coverage;
  const total = buffers.total;
  const seen: number[] = [];
  runs.forEach((r, ci) => {
    const score = buffers.clauseScore[ci]!;
    for (const d of r.touched) {
      if (coverage[d] === 0) seen.push(d);
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
    for (const d of seen) {
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
      for (const d of seen) if (coverage[d]! < k && coverage[d]! >= minCoverage) most.push({ id: d, score: total[d]!, matched: coverage[d]!, terms: [] });
      most.sort((a, b) => b.matched - a.matched || b.score - a.score);
      mostTotal = most.length;
      most = most.slice(0, opts.top);
    }
    const kept = opts.keepAll ? all : all.slice(0, opts.top);
    for (const r of kept) r.terms = termsOf(r.id);
    for (const r of most) r.terms = termsOf(r.id);
    return { all: kept, most, allTotal, mostTotal };
  } finally {
    // Leave every buffer at zero for the next query.
    for (const d of seen) {
      coverage[d] = 0;
      total[d] = 0;
    }
    runs.forEach((r, ci) => {
      const score = buffers.clauseScore[ci]!;
      for (const d of r.touched) score[d] = 0;
    });
  }
}
