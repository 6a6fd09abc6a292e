/**
 * Corpus-frequent terms (document frequency above a share of the shard) carry almost no ranking signal, and as
 * postings they cost the most memory, build time and query time (minisearch scores every match).
 * They are kept instead as compact ascending slot lists and used as AND constraints on the candidates (plan.ts).
 */
import type { Field } from './indexOptions';
import type { Divert, MiniIndex } from './miniAdapter';

/** An append-only ascending list of slots (slots only grow, so appending keeps it sorted). */
export class SlotList {
  data: Uint32Array;
  length: number;

  constructor(data?: Uint32Array) {
    this.data = data ?? new Uint32Array(8);
    this.length = data ? data.length : 0;
  }

  /** Appends `slot` unless it is already the last one (a term met in several fields of the same document). */
  push(slot: number): void {
    if (this.length > 0 && this.data[this.length - 1] === slot) return;
    if (this.length === this.data.length) {
      const grown = new Uint32Array(Math.max(8, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = slot;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }

  /** Renumbers the slots with `map` (old -> new, -1 = dropped); `map` keeps the order, so the list stays sorted. */
  renumber(map: Int32Array): void {
    let n = 0;
    for (let i = 0; i < this.length; i++) {
      const to = map[this.data[i]!]!;
      if (to >= 0) this.data[n++] = to;
    }
    this.length = n;
    this.trim();
  }

  /** Drops the spare capacity (after a build). */
  trim(): void {
    if (this.data.length !== this.length) this.data = this.data.slice(0, this.length);
  }
}

interface FrequentTerm {
  /** Every document containing the term, in any field. */
  all: SlotList;
  /** Documents containing it in their indexing terms (rubrique, tête d'analyse, analyses): the ranking signal kept. */
  idx: SlotList;
}

/** The frequent terms of a shard, by term. */
export type FrequentTerms = Map<string, FrequentTerm>;

/** For the fast add: the postings of a frequent term go to its slot lists, not to minisearch. */
export function divertFrequent(frequent: FrequentTerms): Divert {
  return (term: string, field: Field, slot: number) => {
    const fr = frequent.get(term);
    if (fr === undefined) return false;
    fr.all.push(slot);
    if (field === 'idx') fr.idx.push(slot);
    return true;
  };
}

/**
 * Moves the terms found in more than `threshold` live documents out of minisearch into slot lists. A term once
 * frequent stays so (its share only drifts slowly as the corpus grows).
 */
export function promoteFrequent(mini: MiniIndex, frequent: FrequentTerms, threshold: number): void {
  const idxField = mini.fieldId('idx');
  const moved: string[] = [];
  for (const [term, data] of mini.termsOver(threshold)) {
    const all = new Set<number>();
    for (const list of data) {
      if (!list) continue;
      for (let i = 0; i < list.n; i++) if (mini.isLive(list.ids[i]!)) all.add(list.ids[i]!);
    }
    if (all.size <= threshold) continue;
    const idxSlots: number[] = [];
    const idxList = data[idxField];
    if (idxList) for (let i = 0; i < idxList.n; i++) if (mini.isLive(idxList.ids[i]!)) idxSlots.push(idxList.ids[i]!);
    const sortedAll = Uint32Array.from(all).sort();
    frequent.set(term, { all: new SlotList(sortedAll), idx: new SlotList(Uint32Array.from(idxSlots)) });
    moved.push(term);
  }
  for (const term of moved) mini.deleteTerm(term);
}
