/** The shard as clause scoring (rankClauses.ts) reads it: the compact postings, the frequent terms, the slots. */
import type { DocTable } from './docMeta';
import type { FrequentTerms } from './frequentTerms';
import { FIELD_BOOSTS, FIELDS } from './indexOptions';
import type { MiniIndex } from './miniAdapter';
import { boundedEditDistance } from '../../insights/names';
import type { ClauseIndex } from './rankClauses';

export function clauseIndexOf(mini: MiniIndex, frequent: FrequentTerms, docs: DocTable): ClauseIndex {
  const fields = FIELDS.map((f) => {
    const id = mini.fieldId(f);
    return {
      id,
      boost: FIELD_BOOSTS[f],
      averageLength: mini.averageFieldLength(id) || 1,
      isIndexingTerms: f === 'idx',
    };
  });
  const dfOf = (term: string) => (frequent.get(term)?.all.length ?? 0) + mini.postingCount(term);
  /** Terms by document frequency, most first (each term's count taken once, not in every comparison). */
  const byDf = (terms: Iterable<string>) =>
    [...terms]
      .map((t): [string, number] => [t, dfOf(t)])
      .sort((a, b) => b[1] - a[1])
      .map(([t]) => t);
  return {
    documentCount: docs.size,
    slots: docs.slots,
    fields,
    postings: (term) => mini.postings(term),
    frequent: (term) => {
      const fr = frequent.get(term);
      return fr ? { all: fr.all.view(), idx: fr.idx.view() } : undefined;
    },
    lengthNorms: (k1, b) => mini.lengthNorms(k1, b),
    hasTerm: (term) => mini.hasTerm(term) || frequent.has(term),
    termsWithPrefix: (prefix, max) => {
      const found = new Set<string>();
      for (const term of mini.termsWithPrefix(prefix)) found.add(term);
      for (const term of frequent.keys()) if (term.startsWith(prefix)) found.add(term);
      return byDf(found).slice(0, max);
    },
    termsNear: (term, distance, max) => {
      const found = new Map<string, number>();
      for (const [t, d] of mini.termsNear(term, distance)) found.set(t, d);
      for (const t of frequent.keys()) {
        const d = boundedEditDistance(t, term, distance);
        if (d <= distance) found.set(t, d);
      }
      found.delete(term);
      return [...found]
        .map(([t, d]): [string, number, number] => [t, d, dfOf(t)])
        .sort((a, b) => a[1] - b[1] || b[2] - a[2])
        .slice(0, max)
        .map(([t, d]): [string, number] => [t, d]);
    },
  };
}
