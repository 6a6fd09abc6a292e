/**
 * The ONE module that reads or writes minisearch's private fields; the rest of the search uses this typed view or
 * minisearch's public API (`search`, `discard`, `toJSON`).
 *
 * The private fields buy a 3x faster add, frequent terms moved out of the postings, candidate sets read from the
 * postings, and a saved form in binary chunks. They are those of the exact minisearch version pinned in
 * package.json; that version is part of the saved index's fingerprint (a save made with another one is rebuilt),
 * the fields are checked whenever an index is made, and tests/search/shard/miniAdapter.test.ts compares the fast
 * add and the saved form with minisearch's own `add` and `toJSON()`: an upgrade fails loudly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import MiniSearch, { type AsPlainObject, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';
import { FIELDS, INDEX_OPTIONS, type Field, type IndexedFields } from './indexOptions';

/** A term's postings: field id -> (short document id -> frequency of the term in that field). */
export type Postings = Map<number, Map<number, number>>;

/** minisearch's scalar state, as a saved index keeps it. */
export type MiniHeader = Pick<
  AsPlainObject,
  'documentCount' | 'nextId' | 'fieldIds' | 'averageFieldLength' | 'dirtCount'
>;

/** Takes a term's posting elsewhere instead of into minisearch (returns true), or leaves it to minisearch (false). */
export type Divert = (term: string, field: Field, id: number) => boolean;

/** A run of fast additions; see `MiniIndex.batch`. */
interface AddBatch {
  add(doc: IndexedFields): void;
}

interface Internals {
  _index: SearchableMap<Postings>;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  readonly isVacuuming: boolean;
  addDocumentId(id: number): number;
  addFieldLength(shortId: number, fieldId: number, count: number, length: number): void;
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

/** The internals this adapter relies on, checked on every index it wraps. */
function internalsOf(ms: MiniSearch<IndexedFields>): Internals {
  const mi = ms as unknown as Internals;
  const ok =
    mi._index !== undefined &&
    ['fetch', 'get', 'has', 'set', 'delete', 'atPrefix', 'fuzzyGet'].every(
      (m) => typeof (mi._index as unknown as Record<string, unknown>)[m] === 'function',
    ) &&
    mi._documentIds instanceof Map &&
    mi._idToShortId instanceof Map &&
    mi._fieldLength instanceof Map &&
    Array.isArray(mi._avgFieldLength) &&
    typeof mi._documentCount === 'number' &&
    typeof mi._nextId === 'number' &&
    typeof mi._dirtCount === 'number' &&
    typeof mi.isVacuuming === 'boolean' &&
    typeof mi.addDocumentId === 'function' &&
    typeof mi.addFieldLength === 'function' &&
    FIELDS.every((f) => typeof mi._fieldIds?.[f] === 'number');
  if (!ok)
    throw new Error(
      `minisearch ${MINISEARCH_VERSION}: internals differ from those src/search/shard/miniAdapter.ts reads`,
    );
  return mi;
}

export class MiniIndex {
  private readonly mi: Internals;
  private readonly fieldIds: readonly number[];
  /** Bumped whenever minisearch may drop terms from its tree: the fast add's cached nodes are then stale. */
  private epoch = 0;

  constructor(private readonly ms: MiniSearch<IndexedFields> = new MiniSearch<IndexedFields>(INDEX_OPTIONS)) {
    this.mi = internalsOf(ms);
    this.fieldIds = FIELDS.map((f) => this.mi._fieldIds[f]!);
  }

  /** An index with `header`'s state and nothing in it yet: the saved documents and postings are put back with `restore*`. */
  static restore(header: MiniHeader): MiniIndex {
    const empty: AsPlainObject = {
      ...header,
      documentIds: {},
      fieldLength: {},
      storedFields: {},
      index: [],
      serializationVersion: 2,
    };
    return new MiniIndex(MiniSearch.loadJS(empty, INDEX_OPTIONS));
  }

  search(query: Query, options: SearchOptions): SearchResult[] {
    this.epoch++; // a search drops the postings of discarded documents, and terms left empty
    return this.ms.search(query, options);
  }

  discard(id: number): void {
    this.epoch++; // may start an automatic vacuum, whose first pass runs at once and drops emptied terms
    this.ms.discard(id);
  }

  /** minisearch's own serialisation (tests compare it; the saved form does not use it). */
  toJSON(): AsPlainObject {
    return this.ms.toJSON();
  }

  fieldId(field: Field): number {
    return this.fieldIds[FIELDS.indexOf(field)]!;
  }

  /** The short id of a document id (slot), undefined when absent. */
  shortIdOf(id: number): number | undefined {
    return this.mi._idToShortId.get(id);
  }

  /**
   * Drops the postings of discarded documents now (minisearch keeps them until its vacuum has run), and the terms
   * left without postings. Compaction calls it, so that a compacted index holds exactly what a fresh one would.
   */
  dropDiscardedPostings(): void {
    this.epoch++;
    const mi = this.mi;
    const emptied: string[] = [];
    for (const [term, postings] of mi._index) {
      for (const [fieldId, docs] of postings) {
        for (const shortId of docs.keys()) if (!mi._documentIds.has(shortId)) docs.delete(shortId);
        if (docs.size === 0) postings.delete(fieldId);
      }
      if (postings.size === 0) emptied.push(term);
    }
    for (const term of emptied) mi._index.delete(term);
  }

  /** The document id (slot) of a short id, undefined once the document is discarded. */
  idOf(shortId: number): number | undefined {
    return this.mi._documentIds.get(shortId);
  }

  hasTerm(term: string): boolean {
    return this.mi._index.has(term);
  }

  /** Distinct terms of a field of a document (BM25's length), by short id; 0 when unknown. */
  fieldLength(shortId: number, fieldId: number): number {
    return this.mi._fieldLength.get(shortId)?.[fieldId] ?? 0;
  }

  /** Average `fieldLength` of a field over the documents. */
  averageFieldLength(fieldId: number): number {
    return this.mi._avgFieldLength[fieldId] ?? 0;
  }

  postings(term: string): Postings | undefined {
    return this.mi._index.get(term);
  }

  /** Every term and its postings, in the radix tree's order. */
  terms(): Iterable<[string, Postings]> {
    return this.mi._index;
  }

  termsWithPrefix(prefix: string): Iterable<[string, Postings]> {
    return this.mi._index.atPrefix(prefix);
  }

  /** Terms within `maxDistance` edits of `term`: term -> [postings, distance]. */
  termsNear(term: string, maxDistance: number): Map<string, [Postings, number]> {
    return this.mi._index.fuzzyGet(term, maxDistance);
  }

  deleteTerm(term: string): void {
    this.epoch++;
    this.mi._index.delete(term);
  }

  /**
   * Additions with the same effect as `MiniSearch.add` (same postings, frequencies and field lengths), about 3x
   * faster: each distinct term of a field is looked up once in the radix tree (minisearch looks it up once per
   * occurrence), and terms met earlier in the batch come from a cache of tree nodes. The cache is dropped whenever
   * minisearch may have dropped terms (`discard`, `search`, `deleteTerm` on this object); an automatic vacuum's
   * later passes run between tasks, so a batch must not outlive one synchronous run. A term that `divert` takes
   * gets no posting in minisearch.
   */
  batch(divert: Divert): AddBatch {
    const mi = this.mi;
    const fieldIds = this.fieldIds;
    const cache = new Map<string, Postings>();
    let epoch = this.epoch;
    const current = () => this.epoch;
    return {
      add(doc) {
        if (mi._idToShortId.has(doc.id)) throw new Error(`index: identifiant en double ${doc.id}`);
        if (epoch !== current()) {
          cache.clear();
          epoch = current();
        }
        // One map per document, not one reused by the batch: a long-lived map's tables reach the old generation
        // and are garbage there (+20 % build time and +50 MB peak on a 5,000-document shard).
        const counts = new Map<string, number>();
        const shortId = mi.addDocumentId(doc.id);
        for (let f = 0; f < FIELDS.length; f++) {
          const field = FIELDS[f]!;
          const terms = doc[field];
          const fieldId = fieldIds[f]!;
          counts.clear();
          for (let i = 0; i < terms.length; i++) {
            const t = terms[i]!;
            counts.set(t, (counts.get(t) ?? 0) + 1);
          }
          mi.addFieldLength(shortId, fieldId, mi._documentCount - 1, counts.size);
          for (const [term, freq] of counts) {
            if (divert(term, field, doc.id)) continue;
            let data = cache.get(term);
            if (data === undefined) {
              data = mi._index.fetch(term, () => new Map());
              cache.set(term, data);
            }
            let docs = data.get(fieldId);
            if (docs === undefined) {
              docs = new Map();
              data.set(fieldId, docs);
            }
            docs.set(shortId, freq);
          }
        }
      },
    };
  }

  /**
   * Renumbers the document ids (slots) with `map` (old -> new, -1 = no longer a document). Postings are keyed by
   * minisearch's short ids, which do not change: only the two id tables are rewritten.
   */
  renumber(map: Int32Array): void {
    this.epoch++;
    const mi = this.mi;
    mi._idToShortId.clear();
    for (const [shortId, id] of mi._documentIds) {
      const to = id < map.length ? map[id]! : -1;
      if (to < 0) throw new Error(`index: document ${id} absent from the renumbering`);
      mi._documentIds.set(shortId, to);
      mi._idToShortId.set(to, shortId);
    }
  }

  // Saving and reloading (persistShard.ts).

  /** Whether an automatic vacuum is running (postings are then being rewritten). */
  get vacuuming(): boolean {
    return this.mi.isVacuuming;
  }

  header(): MiniHeader {
    const mi = this.mi;
    return {
      documentCount: mi._documentCount,
      nextId: mi._nextId,
      fieldIds: mi._fieldIds,
      averageFieldLength: mi._avgFieldLength,
      dirtCount: mi._dirtCount,
    };
  }

  /** (short id, document id) of every document in the index. */
  documents(): Iterable<[number, number]> {
    return this.mi._documentIds;
  }

  /** (short id, number of distinct terms per field id) of the documents in the index. */
  fieldLengths(): Iterable<[number, number[]]> {
    return this.mi._fieldLength;
  }

  restoreDocument(shortId: number, id: number): void {
    this.mi._documentIds.set(shortId, id);
    this.mi._idToShortId.set(id, shortId);
  }

  restoreFieldLengths(shortId: number, lengths: number[]): void {
    this.mi._fieldLength.set(shortId, lengths);
  }

  restorePostings(term: string, postings: Postings): void {
    this.mi._index.set(term, postings);
  }
}
