/**
 * Corpus-frequent terms (document frequency above a share of the shard) carry almost no ranking signal, and as
 * minisearch postings they cost the most memory, build time and query time (minisearch scores every match).
 * They are kept instead as compact ascending slot lists and used as AND constraints on the candidates.
 */

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

  /** Drops the spare capacity (after a build). */
  trim(): void {
    if (this.data.length !== this.length) this.data = this.data.slice(0, this.length);
  }
}

export interface FrequentTerm {
  /** Every document containing the term, in any field. */
  all: SlotList;
  /** Documents containing it in their indexing terms (rubrique, tête d'analyse, analyses): the ranking signal kept. */
  idx: SlotList;
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

/** Returns the same string instance for equal values: metadata repeats a few hundred names across 100k documents. */
export class Interner {
  private map = new Map<string, string>();
  of<T extends string | null>(s: T): T {
    if (s === null) return s;
    const known = this.map.get(s);
    if (known !== undefined) return known as T;
    this.map.set(s, s);
    return s;
  }
}
