/**
 * One shard of the index: compact postings over pre-analysed terms (minisearch's radix tree as term dictionary) plus the compact metadata that filters,
 * sorting and hit display need. Runs in a worker thread (or in-process for small corpora and tests).
 * Full texts are NOT kept: they are analysed at `add` time and dropped.
 *
 * Terms found in more than `frequentRatio` of the shard's documents are not postings but slot lists
 * (frequentTerms.ts). A query is planned (plan.ts: filters, exclusions), then its clauses are scored (rank.ts,
 * rankClauses.ts: BM25 on the postings, frequent terms by presence; all words first, then most words when needed).
 *
 * This class coordinates; each job has its file: indexOptions.ts (fields, options, tuning), miniAdapter.ts (the
 * only access to minisearch's internals), docMeta.ts, frequentTerms.ts, filters.ts, plan.ts, rank.ts,
 * rankClauses.ts, clauseIndex.ts, facets.ts, similar.ts, persistShard.ts.
 */
import type { IndexDoc } from '../indexDoc';
import type { ShardQuery } from '../query';
import { DocTable, type DocColumns } from './docMeta';
import { facetsOf, type Facets } from './facets';
import { FilterMasks } from './filters';
import { divertFrequent, promoteFrequent, type FrequentTerms } from './frequentTerms';
import { analyzeDoc, DEFAULT_TUNING, type ShardTuning } from './indexOptions';
import { MiniIndex } from './miniAdapter';
import { planQuery, type PlanContext } from './plan';
import { clauseIndexOf } from './clauseIndex';
import {
  listFiltered,
  numberFirst,
  pageOf,
  rankByClauses,
  type ClauseRanked,
  type Ranked,
  type ShardResult,
} from './rank';
import { findSimilar, similarityTerms } from './similar';
import { factsOf, type ShardFacts } from './facts';

/** What a shard is made of, as persistShard.ts saves and reloads it. */
interface ShardContents {
  index: MiniIndex;
  metas: DocColumns;
  frequent: FrequentTerms;
}

export class SearchShard {
  private readonly tuning: ShardTuning;
  private readonly mini: MiniIndex;
  private readonly docs: DocTable;
  private readonly frequent: FrequentTerms;
  private readonly masks = new FilterMasks();
  /** Size (in slots) at which frequent terms are next looked for. */
  private nextPromoteAt: number;

  /** `saved`: the contents of a reloaded shard (its metadata's columns already made into a table). */
  constructor(tuning: Partial<ShardTuning> = {}, saved?: Omit<ShardContents, 'metas'> & { docs: DocTable }) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.mini = saved?.index ?? new MiniIndex(undefined, undefined, this.tuning.mergePostings);
    this.docs = saved?.docs ?? new DocTable();
    this.frequent = saved?.frequent ?? new Map();
    this.nextPromoteAt = Math.max(this.tuning.frequentMinDocs, Math.ceil(this.docs.slots * 1.25));
  }

  get size(): number {
    return this.docs.size;
  }

  /** Slots given so far, the empty ones of removed or replaced documents included. */
  get slots(): number {
    return this.docs.slots;
  }

  /** Share of the slots left empty by removed or replaced documents. */
  get deadShare(): number {
    return this.docs.slots ? 1 - this.docs.size / this.docs.slots : 0;
  }

  /**
   * Renumbers the documents onto consecutive slots: every update leaves an empty slot behind (in the metadata,
   * in the postings, in the frequent terms' lists, in every per-slot array a query makes). Returns the
   * number of slots dropped. Synchronous, linear in the documents and the frequent lists.
   */
  compact(): number {
    const dead = this.docs.slots - this.docs.size;
    if (dead === 0) return 0;
    const map = this.docs.compact();
    this.mini.renumber(map);
    for (const f of this.frequent.values()) {
      f.all.renumber(map);
      f.idx.renumber(map);
    }
    this.masks.clear();
    this.nextPromoteAt = Math.max(this.tuning.frequentMinDocs, Math.ceil(this.docs.slots * 1.25));
    return dead;
  }

  /** Internal slot of a uid (tests and diagnostics). */
  slotOf(uid: string): number | undefined {
    return this.docs.slotOf(uid);
  }

  has(uid: string): boolean {
    return this.docs.slotOf(uid) !== undefined;
  }

  /** Adds documents; a uid already present is replaced (update = remove + add). */
  add(docs: Iterable<IndexDoc>): void {
    const batch = this.mini.batch(divertFrequent(this.frequent));
    for (const doc of docs) {
      this.removeOne(doc.uid);
      const slot = this.docs.add(doc);
      batch.add(analyzeDoc(doc, slot));
      if (this.docs.slots >= this.nextPromoteAt) {
        // Checkpoints at growing sizes: frequent terms leave minisearch early, so they never pile up as postings.
        if (this.docs.size >= this.tuning.frequentMinDocs)
          promoteFrequent(this.mini, this.frequent, this.tuning.frequentRatio * this.docs.size);
        this.nextPromoteAt = Math.ceil(this.docs.slots * 1.25);
      }
    }
    this.masks.clear();
  }

  remove(uids: readonly string[]): number {
    let n = 0;
    for (const uid of uids) if (this.removeOne(uid)) n++;
    if (n) this.masks.clear();
    return n;
  }

  private removeOne(uid: string): boolean {
    const slot = this.docs.slotOf(uid);
    if (slot === undefined) return false;
    this.mini.discard(slot);
    this.docs.remove(uid);
    return true;
  }

  find(sq: ShardQuery): ShardResult {
    const mask = this.masks.of(sq.filters, sq.nowDay, this.docs);
    if (sq.similar) return findSimilar(sq, mask, this.mini, this.docs);
    const m = this.match(sq, mask);
    if (m === null) return listFiltered(sq, mask, this.docs);
    const page = pageOf(m.ranked, sq, m.mode, this.docs, m.byClauses?.allWords ?? null);
    if (m.byClauses) {
      page.allTotal = m.byClauses.allTotal;
      page.mostTotal = m.byClauses.mostTotal;
    }
    return page;
  }

  /**
   * The facts of EVERY match of a query (charts: facts.ts), with the same matching as `find` (filters, the
   * questions with every word, else those with most of them, a number alone first). Order is irrelevant there, so
   * nothing is sorted nor made into hits.
   */
  facts(sq: Omit<ShardQuery, 'top' | 'similar'>): ShardFacts {
    const all = { ...sq, top: Number.MAX_SAFE_INTEGER, sort: 'relevance' as const };
    const mask = this.masks.of(all.filters, all.nowDay, this.docs);
    const m = this.match(all, mask);
    const docs = this.docs;
    if (m === null) {
      const slots: number[] = [];
      for (let s = 0; s < docs.slots; s++) if (docs.has(s) && (!mask || mask[s])) slots.push(s);
      return factsOf(slots, slots.length, docs, 'filters-only');
    }
    // Counting needs one population: the all-words questions when there are any (the most-words ones that a
    // search appends when they are few are for reading, not for counting), else the most-words ones.
    const allWords = m.byClauses?.allWords;
    const ids = m.ranked.results.map((r) => r.id).filter((id) => !allWords || allWords.size === 0 || allWords.has(id));
    return factsOf(ids, ids.length, docs, m.mode);
  }

  /** The matching of a text query (null: no words nor number, the filters alone decide). Shared by find and facts. */
  private match(
    sq: ShardQuery,
    mask: Uint8Array | null,
  ): { ranked: Ranked; mode: 'all' | 'any'; byClauses: ClauseRanked | null } | null {
    const q = sq.query;
    if (!q || (q.words.length === 0 && q.number === null)) return null;
    const plan = planQuery(q, mask, this.planContext());
    let mode: 'all' | 'any' = 'all';
    let ranked: Ranked = { results: [], total: 0, sorted: false };
    let byClauses: ClauseRanked | null = null;
    if (q.clauses.length) {
      byClauses = rankByClauses(
        plan,
        clauseIndexOf(this.mini, this.frequent, this.docs),
        q.clauses,
        sq,
        this.tuning.maxExpansions,
      );
      ranked = byClauses.ranked;
      if (!byClauses.allTotal && byClauses.mostTotal) mode = 'any';
    }
    if (q.number !== null) ranked = numberFirst(ranked, this.docs.slotsOfNumber(q.number), mask, this.docs);
    return { ranked, mode, byClauses };
  }

  /** Index terms of the indexing fields of `uid` (for "similar questions"), null when absent. */
  sourceTerms(uid: string): string[] | null {
    const slot = this.docs.slotOf(uid);
    const m = slot === undefined ? undefined : this.docs.meta(slot);
    return m ? similarityTerms(m) : null;
  }

  facets(): Facets {
    return facetsOf(this.docs.all());
  }

  /** The frequent terms, their lists trimmed to size. */
  frequentTerms(): FrequentTerms {
    for (const f of this.frequent.values()) {
      f.all.trim();
      f.idx.trim();
    }
    return this.frequent;
  }

  /** Merges the postings added since the last merge into the compact arenas (one synchronous run). */
  settle(): void {
    this.mini.settle();
  }

  /** Everything persistShard.ts saves. */
  contents(): ShardContents {
    this.mini.settle();
    return { index: this.mini, metas: this.docs.columns(), frequent: this.frequentTerms() };
  }

  private planContext(): PlanContext {
    return { mini: this.mini, frequent: this.frequent, docs: this.docs };
  }
}
