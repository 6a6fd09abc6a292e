/**
 * "Similar questions": the source question's indexing terms, weighted by rarity, as an "any word" query over the
 * other questions.
 */
import { analyzeText } from '../analyzeFrench';
import type { ShardQuery } from '../query';
import type { DocMeta, DocTable } from './docMeta';
import type { MiniIndex } from './miniAdapter';
import { FIELD_BOOSTS } from './indexOptions';
import { pageOf, type ShardResult } from './rank';

/** The index terms of a question's indexing fields (rubrique, tête d'analyse, analyses). */
export function similarityTerms(m: DocMeta): string[] {
  return analyzeText([m.rubrique, m.teteAnalyse, ...m.analyses].filter(Boolean).join(' . '));
}

/** The questions sharing the most telling of `sq.similar`'s terms, passing `mask`, the source excluded. */
export function findSimilar(sq: ShardQuery, mask: Uint8Array | null, mini: MiniIndex, docs: DocTable): ShardResult {
  const sim = sq.similar!;
  const n = Math.max(1, docs.size);
  const scored: Array<[string, number]> = [];
  for (const [term, weight] of sim.terms) {
    const data = mini.postings(term);
    if (!data) continue;
    let df = 0;
    for (const list of data) if (list) df = Math.max(df, list.n);
    if (df / n > 0.2 && n > 50) continue; // too common to say anything about similarity
    scored.push([term, weight * Math.log(1 + n / df)]);
  }
  scored.sort((a, b) => b[1] - a[1]);
  const terms = scored.slice(0, 25).map(([t]) => t);
  if (!terms.length) return { mode: 'any', total: 0, hits: [] };
  const self = docs.slotOf(sim.uid);
  const boostDocument = (id: number) => (id === self ? 0 : mask ? (mask[id] ?? 0) : 1);
  const results = mini.searchAny(terms, FIELD_BOOSTS, boostDocument);
  return pageOf({ results, total: results.length, sorted: false }, { ...sq, sort: 'relevance' }, 'any', docs);
}
