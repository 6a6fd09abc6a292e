/**
 * The ONE module that knows how minisearch works inside. A shard keeps minisearch's term dictionary (its radix
 * tree, `SearchableMap`, for prefix and typo expansion) with a term id as each term's value; the postings past it
 * are compact: per field, one arena of every term's ascending slots (Uint32Array) and frequencies (Uint16Array),
 * cut by a Uint32Array of offsets per term id, so a term costs no object of its own; postings added since the
 * arena was made wait in small per-term lists (postingList.ts) and are merged into a new arena once they reach a
 * quarter of it (slots only grow: an arena segment followed by its tail stays sorted). The documents' field
 * lengths are typed-array columns, and a document's minisearch short id is its slot. What minisearch would compute from its own maps is computed here the same way, float for float: the
 * running average field lengths, the automatic vacuum (same thresholds), `toJSON()` (the tests compare it with
 * minisearch's own `add` on real texts), and the OR query of « similar questions » (minisearch's BM25+ scoring,
 * in its order). minisearch is pinned to an exact version (package.json), part of the saved index's format.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AsPlainObject } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { DEFAULT_TUNING, FIELDS, INDEX_OPTIONS, type Field, type IndexedFields } from './indexOptions';
import { PostingList } from './postingList';

/** A term's postings by field id (undefined: the term is not in that field). */
export type Postings = ReadonlyArray<PostingList | undefined>;

/** minisearch's scalar state, as a saved index keeps it. */
export type MiniHeader = Pick<
  AsPlainObject,
  'documentCount' | 'nextId' | 'fieldIds' | 'averageFieldLength' | 'dirtCount'
>;

/** Takes a term's posting elsewhere instead of into the postings (returns true), or leaves it there (false). */
export type Divert = (term: string, field: Field, id: number) => boolean;

/** A run of fast additions; see `MiniIndex.batch`. */
interface AddBatch {
  add(doc: IndexedFields): void;
}

/** A match of `searchAny`, as minisearch's `search` returns it (id, score, matched index terms). */
export interface AnyMatch {
  id: number;
  score: number;
  terms: string[];
}

/** Everything a shard's index is made of, as persistShard.ts writes and reads it (typed arrays, no objects). */
export interface IndexParts {
  header: MiniHeader;
  /** The terms, by term id. */
  terms: string[];
  /** Per field id: per term id, its postings count; then all the lists' slots and frequencies, term after term. */
  counts: Uint32Array[];
  ids: Uint32Array[];
  freqs: Uint16Array[];
  /** 1 for a slot holding a document. */
  live: Uint8Array;
  /** Per slot, the distinct terms of each field (slot * fields + field id). */
  fieldLength: Uint32Array;
}

/** The installed minisearch's version (from its package.json, which it does not export). */
export const MINISEARCH_VERSION = installedVersion();

function installedVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('minisearch'));
  for (;;) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'minisearch' && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('minisearch: package.json not found');
    dir = parent;
  }
}

const TREE_METHODS = ['get', 'has', 'set', 'delete', 'atPrefix', 'fuzzyGet'] as const;

/** The radix tree methods this adapter relies on, checked on every tree it wraps. */
function checkTree(tree: SearchableMap<number>): SearchableMap<number> {
  const ok = TREE_METHODS.every((m) => typeof (tree as unknown as Record<string, unknown>)[m] === 'function');
  if (!ok)
    throw new Error(
      `minisearch ${MINISEARCH_VERSION}: internals differ from those src/search/shard/miniAdapter.ts reads`,
    );
  return tree;
}

/** minisearch's defaults for BM25+ (its `search`) and for its automatic vacuum's thresholds (INDEX_OPTIONS). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const VACUUM = INDEX_OPTIONS.autoVacuum as { minDirtCount: number; minDirtFactor: number };

const F = FIELDS.length;
/** minisearch numbers the fields in the order of its options: the field ids are the positions in FIELDS. */
const FIELD_IDS: Record<Field, number> = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;

export class MiniIndex {
  private readonly tree: SearchableMap<number>;
  /** Per field id, the postings by term id (undefined: none, or a freed term id). */
  /** Per field id: the arena (term id t's postings at [start[t], start[t + 1]) of ids and freqs). */
  private arenas: Arena[];
  /** Term ids below this have a segment in the arenas (a deleted term's stays, unreachable, until the next merge). */
  private arenaTerms: number;
  private arenaPostings: number;
  /** Per field id, postings added since the arenas were made, by term id. */
  private readonly tails: Array<Map<number, PostingList>>;
  private tailPostings = 0;
  /** Whether terms left the tree since the arenas were made (their segments are then garbage). */
  private deletedTerms = false;
  /** Term ids are never reused before a merge renumbers them (a freed id may still own an arena segment). */
  private nextTermId: number;
  private live: Uint8Array;
  private fieldLen: Uint32Array;
  private documentCount: number;
  private nextId: number;
  private dirtCount: number;
  private readonly avgFieldLength: number[];
  /** Bumped whenever terms may leave the tree: a batch's cached term ids are then stale. */
  private epoch = 0;
  /** Bumped whenever a field length or an average changes (an addition, a discard, a renumbering). */
  private lengthsRevision = 0;
  private norms: { revision: number; k1: number; b: number; arrays: Float64Array[] } | null = null;

  /**
   * `parts`: a saved index's arrays; `mergePostings`: tail postings before a first merge into the arenas (a small
   * shard's whole build stays in its tails: merging it would cost more than it saves).
   */
  constructor(
    parts?: IndexParts,
    tree: SearchableMap<number> = new SearchableMap<number>(),
    private readonly mergePostings = DEFAULT_TUNING.mergePostings,
  ) {
    this.tree = checkTree(tree);
    this.tails = FIELDS.map(() => new Map());
    if (!parts) {
      this.arenas = FIELDS.map(() => emptyArena());
      this.arenaTerms = 0;
      this.arenaPostings = 0;
      this.nextTermId = 0;
      this.live = new Uint8Array(1024);
      this.fieldLen = new Uint32Array(1024 * F);
      this.documentCount = 0;
      this.nextId = 0;
      this.dirtCount = 0;
      this.avgFieldLength = [];
      return;
    }
    const h = parts.header;
    this.documentCount = h.documentCount;
    this.nextId = h.nextId;
    this.dirtCount = h.dirtCount ?? 0;
    this.avgFieldLength = [...h.averageFieldLength];
    this.live = parts.live;
    this.fieldLen = parts.fieldLength;
    // The arenas are the saved arrays as they are: only the offsets are computed.
    this.arenas = FIELDS.map((_, f) => {
      const counts = parts.counts[f]!;
      const start = new Uint32Array(counts.length + 1);
      for (let t = 0; t < counts.length; t++) start[t + 1] = start[t]! + counts[t]!;
      return { start, ids: parts.ids[f]!, freqs: parts.freqs[f]! };
    });
    for (let t = 0; t < parts.terms.length; t++) this.tree.set(parts.terms[t]!, t);
    this.arenaTerms = parts.terms.length;
    this.nextTermId = parts.terms.length;
    this.arenaPostings = this.arenas.reduce((n, a) => n + a.ids.length, 0);
  }

  /** The postings of term id `t` in field `f`: its arena segment (a view), its tail, or both joined (a copy). */
  private listOf(f: number, t: number): PostingList | undefined {
    const arena = this.arenas[f]!;
    const from = t < this.arenaTerms ? arena.start[t]! : 0;
    const n = t < this.arenaTerms ? arena.start[t + 1]! - from : 0;
    const tail = this.tails[f]!.get(t);
    if (n === 0) return tail;
    const ids = arena.ids.subarray(from, from + n);
    const freqs = arena.freqs.subarray(from, from + n);
    if (!tail) return new PostingList(ids, freqs, n);
    const joinedIds = new Uint32Array(n + tail.n);
    joinedIds.set(ids);
    joinedIds.set(tail.ids.subarray(0, tail.n), n);
    const joinedFreqs = new Uint16Array(n + tail.n);
    joinedFreqs.set(freqs);
    joinedFreqs.set(tail.freqs.subarray(0, tail.n), n);
    return new PostingList(joinedIds, joinedFreqs, n + tail.n);
  }

  /**
   * Makes new arenas of every term in the tree (segment then tail, slots renumbered by `map`, -1 dropping a
   * posting), the terms renumbered densely in the tree's order; a term left without postings leaves the tree.
   */
  private merge(map: ((slot: number) => number) | null): void {
    this.epoch++;
    const entries = [...this.tree];
    const upper = this.arenaPostings + this.tailPostings;
    const start = FIELDS.map(() => new Uint32Array(entries.length + 1));
    const ids = FIELDS.map(() => new Uint32Array(upper));
    const freqs = FIELDS.map(() => new Uint16Array(upper));
    const at = new Array<number>(F).fill(0);
    const emptied: string[] = [];
    let next = 0;
    for (const [term, t] of entries) {
      let kept = 0;
      for (let f = 0; f < F; f++) {
        const arena = this.arenas[f]!;
        const outIds = ids[f]!;
        const outFreqs = freqs[f]!;
        let k = at[f]!;
        // The arena segment, then the tail: copied as they are, or through the renumbering.
        const from = t < this.arenaTerms ? arena.start[t]! : 0;
        const to = t < this.arenaTerms ? arena.start[t + 1]! : 0;
        if (!map) {
          outIds.set(arena.ids.subarray(from, to), k);
          outFreqs.set(arena.freqs.subarray(from, to), k);
          k += to - from;
        } else
          for (let i = from; i < to; i++) {
            const slot = map(arena.ids[i]!);
            if (slot < 0) continue;
            outIds[k] = slot;
            outFreqs[k++] = arena.freqs[i]!;
          }
        const tail = this.tails[f]!.get(t);
        if (tail)
          for (let i = 0; i < tail.n; i++) {
            const slot = map ? map(tail.ids[i]!) : tail.ids[i]!;
            if (slot < 0) continue;
            outIds[k] = slot;
            outFreqs[k++] = tail.freqs[i]!;
          }
        kept += k - at[f]!;
        at[f] = k;
        start[f]![next + 1] = k;
      }
      if (kept === 0) {
        emptied.push(term);
        continue;
      }
      this.tree.set(term, next++);
    }
    for (const term of emptied) this.tree.delete(term);
    this.arenas = FIELDS.map((_, f) => ({
      start: start[f]!.slice(0, next + 1),
      ids: ids[f]!.slice(0, at[f]),
      freqs: freqs[f]!.slice(0, at[f]),
    }));
    this.arenaTerms = next;
    this.nextTermId = next;
    this.arenaPostings = at.reduce((a, b) => a + b, 0);
    for (const tail of this.tails) tail.clear();
    this.tailPostings = 0;
    this.deletedTerms = false;
  }

  fieldId(field: Field): number {
    return FIELD_IDS[field];
  }

  /** Slots given so far (a slot is a document's minisearch short id). */
  get slots(): number {
    return this.nextId;
  }

  /** The document id (slot) of a short id, undefined once the document is discarded. */
  idOf(shortId: number): number | undefined {
    return this.live[shortId] === 1 ? shortId : undefined;
  }

  /** Whether a slot holds a document (the hot-loop form of `idOf`). */
  isLive(slot: number): boolean {
    return this.live[slot] === 1;
  }

  hasTerm(term: string): boolean {
    return this.tree.has(term);
  }

  /** Distinct terms of a field of a document, by short id; 0 when unknown. */
  fieldLength(shortId: number, fieldId: number): number {
    return this.live[shortId] === 1 ? this.fieldLen[shortId * F + fieldId]! : 0;
  }

  /** Average `fieldLength` of a field over the documents. */
  averageFieldLength(fieldId: number): number {
    return this.avgFieldLength[fieldId] ?? 0;
  }

  /**
   * Per field id, BM25's length normalisation of every slot, `k1 · (1 − b + b · length / average)` (the average
   * taken as at least 1), computed once until the documents change instead of at every posting a query visits.
   */
  lengthNorms(k1: number, b: number): readonly Float64Array[] {
    const cached = this.norms;
    if (cached && cached.revision === this.lengthsRevision && cached.k1 === k1 && cached.b === b) return cached.arrays;
    const arrays = FIELDS.map((_, f) => {
      const avg = Math.max(1, this.avgFieldLength[f] || 1);
      const norm = new Float64Array(this.nextId);
      for (let slot = 0; slot < this.nextId; slot++) norm[slot] = k1 * (1 - b + (b * this.fieldLength(slot, f)) / avg);
      return norm;
    });
    this.norms = { revision: this.lengthsRevision, k1, b, arrays };
    return arrays;
  }

  private postingsOfId(t: number): Postings {
    return FIELDS.map((_, f) => this.listOf(f, t));
  }

  /** How many postings a term has, all fields together (no list made: prefix and typo expansions sort by it). */
  postingCount(term: string): number {
    const t = this.tree.get(term);
    return t === undefined ? 0 : this.countOf(t);
  }

  private countOf(t: number): number {
    let n = 0;
    for (let f = 0; f < F; f++) {
      if (t < this.arenaTerms) n += this.arenas[f]!.start[t + 1]! - this.arenas[f]!.start[t]!;
      n += this.tails[f]!.get(t)?.n ?? 0;
    }
    return n;
  }

  postings(term: string): Postings | undefined {
    const t = this.tree.get(term);
    return t === undefined ? undefined : this.postingsOfId(t);
  }

  /** The terms with more than `min` postings (all fields) and their postings, in the radix tree's order. */
  *termsOver(min: number): Iterable<[string, Postings]> {
    for (const [term, t] of this.tree) if (this.countOf(t) > min) yield [term, this.postingsOfId(t)];
  }

  *termsWithPrefix(prefix: string): Iterable<string> {
    for (const [term] of this.tree.atPrefix(prefix)) yield term;
  }

  /** Terms within `maxDistance` edits of `term`, with their distance. */
  *termsNear(term: string, maxDistance: number): Iterable<[string, number]> {
    for (const [t, [, d]] of this.tree.fuzzyGet(term, maxDistance)) yield [t, d];
  }

  deleteTerm(term: string): void {
    const t = this.tree.get(term);
    if (t === undefined) return;
    this.epoch++;
    this.tree.delete(term);
    if (t < this.arenaTerms) this.deletedTerms = true;
    for (const tail of this.tails) {
      const list = tail.get(t);
      if (list) this.tailPostings -= list.n;
      tail.delete(t);
    }
  }

  private newTerm(term: string): number {
    const t = this.nextTermId++;
    this.tree.set(term, t);
    return t;
  }

  /** minisearch's `discard`: the document leaves the averages and the counts; its postings stay until a vacuum. */
  discard(id: number): void {
    if (this.live[id] !== 1) throw new Error(`index: document ${id} absent`);
    this.live[id] = 0;
    this.lengthsRevision++;
    for (let f = 0; f < F; f++) {
      const count = this.documentCount;
      const length = this.fieldLen[id * F + f]!;
      // minisearch's removeFieldLength, in its arithmetic.
      if (count === 1) this.avgFieldLength[f] = 0;
      else this.avgFieldLength[f] = (this.avgFieldLength[f]! * count - length) / (count - 1);
    }
    this.documentCount -= 1;
    this.dirtCount += 1;
    const dirtFactor = this.dirtCount / (1 + this.documentCount + this.dirtCount);
    if (this.dirtCount >= VACUUM.minDirtCount && dirtFactor >= VACUUM.minDirtFactor) this.vacuum();
  }

  /** Drops the postings of discarded documents and the terms left without any (minisearch's vacuum, at once). */
  vacuum(): void {
    this.merge((slot) => (this.live[slot] === 1 ? slot : -1));
    this.dirtCount = 0;
  }

  /**
   * Renumbers the document ids (slots) with `map` (old -> new, -1 = no longer a document): postings of discarded
   * documents are dropped (and the terms left without any), the others renumbered in order, so they stay sorted.
   */
  renumber(map: Int32Array): void {
    this.epoch++;
    this.lengthsRevision++;
    for (let slot = 0; slot < this.nextId; slot++)
      if (this.live[slot] === 1 && !(slot < map.length && map[slot]! >= 0))
        throw new Error(`index: document ${slot} absent from the renumbering`);
    this.merge((slot) => (slot < map.length && this.live[slot] === 1 ? map[slot]! : -1));
    let next = 0;
    for (let slot = 0; slot < this.nextId; slot++) {
      if (this.live[slot] !== 1) continue;
      const to = map[slot]!;
      this.fieldLen.copyWithin(to * F, slot * F, slot * F + F);
      this.live[slot] = 0;
      this.live[to] = 1;
      next = Math.max(next, to + 1);
    }
    this.live.fill(0, next);
    this.fieldLen.fill(0, next * F);
    this.nextId = next;
  }

  private ensureSlot(slot: number): void {
    if (slot < this.live.length) return;
    const size = Math.max(slot + 1, Math.ceil(this.live.length * 1.5));
    const live = new Uint8Array(size);
    live.set(this.live);
    this.live = live;
    const fieldLen = new Uint32Array(size * F);
    fieldLen.set(this.fieldLen);
    this.fieldLen = fieldLen;
  }

  /**
   * Additions with the same effect as `MiniSearch.add` (same postings, frequencies, field lengths and averages):
   * each distinct term of a field is looked up once, terms met earlier in the batch come from a cache of term ids
   * (dropped whenever terms may have left the tree: a vacuum inside `discard`, `deleteTerm`). A term that `divert`
   * takes gets no posting. Document ids must come in increasing order, each one above every earlier one.
   */
  batch(divert: Divert): AddBatch {
    const cache = new Map<string, number>();
    let epoch = this.epoch;
    return {
      add: (doc) => {
        const slot = doc.id;
        if (slot < this.nextId)
          throw new Error(`index: document id ${slot} is not above the last one (${this.nextId - 1})`);
        if (epoch !== this.epoch) {
          cache.clear();
          epoch = this.epoch;
        }
        this.ensureSlot(slot);
        this.live[slot] = 1;
        this.lengthsRevision++;
        this.nextId = slot + 1;
        this.documentCount += 1;
        const counts = new Map<string, number>();
        for (let f = 0; f < F; f++) {
          const field = FIELDS[f]!;
          const terms = doc[field];
          counts.clear();
          for (let i = 0; i < terms.length; i++) {
            const t = terms[i]!;
            counts.set(t, (counts.get(t) ?? 0) + 1);
          }
          // minisearch's addFieldLength, in its arithmetic.
          const count = this.documentCount - 1;
          this.fieldLen[slot * F + f] = counts.size;
          this.avgFieldLength[f] = ((this.avgFieldLength[f] || 0) * count + counts.size) / (count + 1);
          const tail = this.tails[f]!;
          for (const [term, freq] of counts) {
            if (divert(term, field, slot)) continue;
            let t = cache.get(term);
            if (t === undefined) {
              t = this.tree.get(term) ?? this.newTerm(term);
              cache.set(term, t);
            }
            let list = tail.get(t);
            if (list === undefined) tail.set(t, (list = new PostingList()));
            list.push(slot, freq);
            this.tailPostings++;
          }
        }
        if (this.tailPostings > Math.max(this.mergePostings, this.arenaPostings / 4)) this.merge(null);
      },
    };
  }

  /** Merges the postings added since the arenas were made into new arenas (before a save, after a build). */
  settle(): void {
    if (this.tailPostings > 0 || this.deletedTerms) this.merge(null);
  }

  /**
   * minisearch's `search` of an OR of terms (exact terms, no prefix nor typo) with field boosts and a document boost
   * (0 leaves the document out): BM25+ per field, in minisearch's order of terms, fields and documents, so that equal
   * scores come in its order too. Best first.
   */
  searchAny(
    terms: readonly string[],
    boosts: Record<Field, number>,
    boostDocument: (id: number) => number,
  ): AnyMatch[] {
    interface Raw {
      score: number;
      terms: string[];
      match: Record<string, true>;
    }
    let combined: Map<number, Raw> | null = null;
    for (const term of terms) {
      const results = new Map<number, Raw>();
      const t = this.tree.get(term);
      if (t !== undefined)
        for (let f = 0; f < F; f++) {
          const list = this.listOf(f, t);
          if (!list) continue;
          const boost = boosts[FIELDS[f]!] || 1;
          let matching = list.n;
          const avg = this.avgFieldLength[f]!;
          for (let i = 0; i < list.n; i++) {
            const slot = list.ids[i]!;
            if (this.live[slot] !== 1) {
              matching -= 1;
              continue;
            }
            const docBoost = boostDocument(slot);
            if (!docBoost) continue;
            const tf = list.freqs[i]!;
            const len = this.fieldLen[slot * F + f]!;
            const idf = Math.log(1 + (this.documentCount - matching + 0.5) / (matching + 0.5));
            const raw = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * len) / avg)));
            const score = 1 * 1 * boost * docBoost * raw;
            const r = results.get(slot);
            if (r) {
              r.score += score;
              if (!r.terms.includes(term)) r.terms.push(term);
              r.match[term] = true;
            } else results.set(slot, { score, terms: [term], match: { [term]: true } });
          }
        }
      if (combined === null) combined = results;
      else
        for (const [slot, r] of results) {
          const existing = combined.get(slot);
          if (!existing) combined.set(slot, r);
          else {
            existing.score = existing.score + r.score;
            Object.assign(existing.match, r.match);
            for (const q of r.terms) if (!existing.terms.includes(q)) existing.terms.push(q);
          }
        }
    }
    const out: AnyMatch[] = [];
    for (const [slot, r] of combined ?? [])
      out.push({ id: slot, score: r.score * (r.terms.length || 1), terms: Object.keys(r.match) });
    return out.sort((a, b) => b.score - a.score);
  }

  header(): MiniHeader {
    return {
      documentCount: this.documentCount,
      nextId: this.nextId,
      fieldIds: { ...FIELD_IDS },
      averageFieldLength: [...this.avgFieldLength],
      dirtCount: this.dirtCount,
    };
  }

  /** What minisearch's own `toJSON()` gives for the same documents (tests compare both). */
  toJSON(): AsPlainObject {
    const documentIds: Record<string, number> = {};
    const fieldLength: Record<string, number[]> = {};
    for (let slot = 0; slot < this.nextId; slot++) {
      if (this.live[slot] !== 1) continue;
      documentIds[slot] = slot;
      fieldLength[slot] = Array.from(this.fieldLen.subarray(slot * F, slot * F + F));
    }
    const index: AsPlainObject['index'] = [];
    for (const [term, t] of this.tree) {
      const data: Record<string, Record<string, number>> = {};
      for (let f = 0; f < F; f++) {
        const list = this.listOf(f, t);
        if (!list) continue;
        const docs: Record<string, number> = {};
        for (let i = 0; i < list.n; i++) docs[list.ids[i]!] = list.freqs[i]!;
        data[f] = docs;
      }
      index.push([term, data]);
    }
    return {
      ...this.header(),
      fieldIds: { ...FIELD_IDS },
      documentIds,
      fieldLength,
      storedFields: {},
      index,
      serializationVersion: 2,
    };
  }

  /** The index as typed arrays (persistShard.ts writes them as they are, no copy): the arenas, once settled. */
  parts(): IndexParts {
    this.settle();
    const terms = new Array<string>(this.arenaTerms);
    for (const [term, t] of this.tree) terms[t] = term;
    return {
      header: this.header(),
      terms,
      counts: this.arenas.map((a) => {
        const counts = new Uint32Array(this.arenaTerms);
        for (let t = 0; t < this.arenaTerms; t++) counts[t] = a.start[t + 1]! - a.start[t]!;
        return counts;
      }),
      ids: this.arenas.map((a) => a.ids),
      freqs: this.arenas.map((a) => a.freqs),
      live: this.live.subarray(0, this.nextId),
      fieldLength: this.fieldLen.subarray(0, this.nextId * F),
    };
  }
}

interface Arena {
  start: Uint32Array;
  ids: Uint32Array;
  freqs: Uint16Array;
}

function emptyArena(): Arena {
  return { start: new Uint32Array(1), ids: new Uint32Array(0), freqs: new Uint16Array(0) };
}
