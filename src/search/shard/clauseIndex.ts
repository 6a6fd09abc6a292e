/** The shard as clause scoring (rankClauses.ts) reads it: the compact postings, the frequent terms, the slots. */
import type { DocTable } from './docMeta';
import type { FrequentTerms } from './frequentTerms';
import { FIELD_BOOSTS, FIELDS } from './indexOptions';
import type { MiniIndex } from './miniAdapter';
import { boundedEditDistance } from './plan';
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
  const dfOf = (term: string) => {
    let df = frequent.get(term)?.all.length ?? 0;
    const data = mini.postings(term);
    if (data) for (const list of data) df += list?.n ?? 0;
    return df;
  };
  return {
    documentCount: docs.size,
    slots: docs.slots,
    fields,
    postings: (term) => mini.postings(term),
    frequent: (term) => {
      const fr = frequent.get(term);
      return fr ? { all: fr.all.view(), idx: fr.idx.view() } : undefined;
    },
    isLive: (slot) => mini.isLive(slot),
    fieldLength: (slot, fieldId) => mini.fieldLength(slot, fieldId),
    hasTerm: (term) => mini.hasTerm(term) || frequent.has(term),
    termsWithPrefix: (prefix, max) => {
      const found = new Set<string>();
      for (const term of mini.termsWithPrefix(prefix)) found.add(term);
      for (const term of frequent.keys()) if (term.startsWith(prefix)) found.add(term);
      return [...found].sort((a, b) => dfOf(b) - dfOf(a)).slice(0, max);
    },
    termsNear: (term, distance, max) => {
      const found = new Map<string, number>();
      for (const [t, d] of mini.termsNear(term, distance)) found.set(t, d);
      for (const t of frequent.keys()) {
        const d = boundedEditDistance(t, term, distance);
        if (d <= distance) found.set(t, d);
      }
      found.delete(term);
      return [...found].sort((a, b) => a[1] - b[1] || dfOf(b[0]) - dfOf(a[0])).slice(0, max);
    },
  };
}
