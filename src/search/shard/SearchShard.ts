/**
 * One shard of the index: a minisearch index over pre-analysed terms plus the compact metadata that filters,
 * sorting and hit display need. Runs in a worker thread (or in-process for small corpora and tests).
 * Full texts are NOT kept: they are analysed at `add` time and dropped.
 *
 * Terms found in more than `frequentRatio` of the shard's documents are not minisearch postings but slot lists
 * (frequentTerms.ts). A query is planned (plan.ts: candidates from filters, frequent words, exclusions), then
 * ranked (rank.ts: minisearch scores the rarer words on those candidates only; a query made only of frequent
 * words ranks its candidates by matches in the indexing terms, then recency, without scoring).
 *
 * This class coordinates; each job has its file: indexOptions.ts (fields, options, tuning), miniAdapter.ts (the
 * only access to minisearch's internals), docMeta.ts, frequentTerms.ts, filters.ts, plan.ts, rank.ts,
 * facets.ts, similar.ts, persistShard.ts.
 */
import type { IndexDoc } from '../indexDoc';
import type { ShardQuery } from '../query';
import { DocTable, type DocMeta } from './docMeta';
import { facetsOf, type Facets } from './facets';
import { FilterMasks } from './filters';
import { divertFrequent, promoteFrequent, type FrequentTerms } from './frequentTerms';
import { analyzeDoc, DEFAULT_TUNING, type ShardTuning } from './indexOptions';
import { MiniIndex } from './miniAdapter';
import { planQuery, type PlanContext } from './plan';
import { listFiltered, numberFirst, pageOf, rankAllWords, rankAnyWord, type Ranked, type ShardResult } from './rank';
import { findSimilar, similarityTerms } from './similar';

/** What a shard is made of, as persistShard.ts saves and reloads it. */
interface ShardContents {
  index: MiniIndex;
  metas: Array<DocMeta | undefined>;
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

  /** `saved`: the contents of a reloaded shard. */
  constructor(tuning: Partial<ShardTuning> = {}, saved?: ShardContents) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.mini = saved?.index ?? new MiniIndex();
    this.docs = new DocTable(saved?.metas);
    this.frequent = saved?.frequent ?? new Map();
    this.nextPromoteAt = Math.max(this.tuning.frequentMinDocs, Math.ceil(this.docs.slots * 1.25));
  }

  get size(): number {
    return this.docs.size;
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
      const { slot } = this.docs.add(doc);
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
    const mask = this.masks.of(sq.filters, sq.nowDay, this.docs.metas);
    if (sq.similar) return findSimilar(sq, mask, this.mini, this.docs);
    const q = sq.query;
    if (!q || (q.words.length === 0 && q.number === null)) return listFiltered(sq, mask, this.docs);

    const plan = planQuery(q, mask, this.planContext());
    let mode: 'all' | 'any' = 'all';
    let ranked: Ranked = { results: [], total: 0, sorted: false };
    if (q.words.length) {
      ranked = rankAllWords(plan, this.mini, this.docs, sq);
      if (ranked.total === 0 && q.words.length > 1) {
        ranked = rankAnyWord(plan, this.mini, this.docs, sq);
        if (ranked.total) mode = 'any';
      }
    }
    if (q.number !== null) ranked = numberFirst(ranked, this.docs.slotsOfNumber(q.number), mask, this.docs);
    return pageOf(ranked, sq, mode, this.docs);
  }

  /** Index terms of the indexing fields of `uid` (for "similar questions"), null when absent. */
  sourceTerms(uid: string): string[] | null {
    const slot = this.docs.slotOf(uid);
    const m = slot === undefined ? undefined : this.docs.metas[slot];
    return m ? similarityTerms(m) : null;
  }

  facets(): Facets {
    return facetsOf(this.docs.metas);
  }

  /** The frequent terms, their lists trimmed to size. */
  frequentTerms(): FrequentTerms {
    for (const f of this.frequent.values()) {
      f.all.trim();
      f.idx.trim();
    }
    return this.frequent;
  }

  /** Everything persistShard.ts saves. */
  contents(): ShardContents {
    return { index: this.mini, metas: this.docs.metas, frequent: this.frequentTerms() };
  }

  private planContext(): PlanContext {
    return { mini: this.mini, frequent: this.frequent, docs: this.docs, maxExpansions: this.tuning.maxExpansions };
  }
}
