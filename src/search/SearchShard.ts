/**
 * One shard of the index: a minisearch index over pre-analysed terms plus the compact metadata that filters,
 * sorting and hit display need. Runs in a worker thread (or in-process for small corpora and tests).
 * Full texts are NOT kept: they are analysed at `add` time and dropped.
 *
 * Terms found in more than `frequentRatio` of the shard's documents are not minisearch postings but slot lists
 * (frequentTerms.ts). A query first computes its candidates (filters, frequent words, exclusions); minisearch
 * then scores the rarer words on those candidates only. A query made only of frequent words ranks its candidates
 * by matches in the indexing terms, then recency, without scoring.
 */
import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch';
import { analyzeText, fold } from './analyzeFrench';
import { boundedEditDistance, Interner, SlotList, type FrequentTerm } from './frequentTerms';
import { isoToDay, titleOf, type IndexDoc } from './indexDoc';
import type { QueryWord, ShardQuery } from './query';
import type { SearchFilters, SearchHit } from './types';
import { labelKey, MINISTRY_OPTIONAL, nameFilterMatches, parseNameQuery, personKey } from '../insights/names';
import { DEFAULT_CLAUSE_OPTIONS, rankClauses, type ClauseIndex, type ScoredDoc } from './rankClauses';

export const FIELDS = ['idx', 'who', 'q', 'a'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Indexing terms (rubrique, tête d'analyse, analyses) and the author count more than the question text,
 * which counts more than the answer text.
 */
export const FIELD_BOOSTS: Record<Field, number> = { idx: 3, who: 3, q: 1.5, a: 1 };

/** Answers are indexed on their first tokens only (a 10,000-word answer would otherwise weigh on every query). */
const MAX_ANSWER_TOKENS = 1500;
const MAX_QUESTION_TOKENS = 1000;

interface IndexedFields {
  id: number;
  idx: string[];
  who: string[];
  q: string[];
  a: string[];
}

/**
 * The ONE options object used to build AND to reload the index (minisearch requires the same options).
 * Documents are given already analysed (arrays of terms), so tokenize/processTerm are identities.
 */
export const INDEX_OPTIONS: Options<IndexedFields> = {
  fields: [...FIELDS],
  idField: 'id',
  extractField: (doc, field) => (doc as unknown as Record<string, unknown>)[field] as string,
  stringifyField: (value) => value as string,
  tokenize: (terms) => terms as unknown as string[],
  processTerm: (term) => term,
  autoVacuum: { minDirtCount: 2000, minDirtFactor: 0.1, batchSize: 2000, batchWait: 5 },
};

const SEARCH_BASE: SearchOptions = {
  tokenize: (s) => [s],
  processTerm: (t) => t,
  boost: FIELD_BOOSTS,
  maxFuzzy: 2,
  weights: { fuzzy: 0.45, prefix: 0.6 },
};

/** What a shard keeps of a document: its metadata without the texts, the day numbers that filters compare, and its title. */
export type DocMeta = Omit<IndexDoc, 'questionText' | 'answerText'> & {
  slot: number;
  qDay: number;
  aDay: number;
  title: string;
};

/** A hit as a shard returns it: display metadata, score, matched index terms, and the date used to sort. */
export type ShardHit = Omit<SearchHit, 'excerpt'> & {
  /** The date used to sort. */
  day: number;
  /** Matched index terms (to build the excerpt). */
  terms: string[];
  /** Whether the document has every word of the query (false: one of the « most words » that follow). */
  allWords: boolean;
};

export interface ShardResult {
  mode: 'all' | 'any' | 'filters-only';
  total: number;
  hits: ShardHit[];
  /** Documents with every word; the hits with `allWords` come first. */
  allTotal?: number;
  /** Documents with most words, when they follow (too few or weak all-words documents). */
  mostTotal?: number;
}

export interface FacetEntry {
  key: string;
  label: string;
  value: string;
  count: number;
  /** Other folded forms that should match (abbreviation, full name, acteurRef). */
  aliases: string[];
}

export interface Facets {
  deputy: FacetEntry[];
  ministry: FacetEntry[];
  rubrique: FacetEntry[];
  group: FacetEntry[];
}

/** Folded, punctuation turned into single spaces: the form filters and suggestions compare. */
export function normalizeName(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Equal, or the filter appears in the value as whole words ("tardy" in "m lionel tardy"). */
export function nameMatches(filterNorm: string, value: string | null): boolean {
  if (!value || !filterNorm) return false;
  const v = normalizeName(value);
  return v === filterNorm || ` ${v} `.includes(` ${filterNorm} `);
}

function metaOf(doc: IndexDoc, slot: number, i: Interner): DocMeta {
  const { questionText: _q, answerText: _a, ...rest } = doc;
  const meta: DocMeta = { ...rest, slot, qDay: isoToDay(doc.questionDate), aDay: isoToDay(doc.answerDate), title: titleOf(doc) };
  return internMeta(meta, i);
}

/** Shares the repeated strings of a reloaded DocMeta with the shard's interner. */
function internMeta(m: DocMeta, i: Interner): DocMeta {
  for (const k of INTERNED_KEYS) (m as unknown as Record<string, string | null>)[k] = i.of(m[k]);
  m.analyses = m.analyses.map((a) => i.of(a));
  return m;
}

const INTERNED_KEYS = [
  'type', 'status', 'questionDate', 'answerDate', 'authorName', 'authorRef', 'group', 'groupAbbrev', 'department',
  'ministryAsked', 'ministryAskedFull', 'ministryAssigned', 'ministryAssignedFull', 'rubrique', 'teteAnalyse',
] as const satisfies ReadonlyArray<keyof DocMeta>;

export function analyzeDoc(doc: IndexDoc, slot: number): IndexedFields {
  const idx = analyzeText([doc.rubrique, doc.teteAnalyse, ...doc.analyses].filter(Boolean).join(' . '));
  const who = analyzeText(doc.authorName);
  who.push(String(doc.number));
  return {
    id: slot,
    idx,
    who,
    q: analyzeText(doc.questionText, MAX_QUESTION_TOKENS),
    a: analyzeText(doc.answerText, MAX_ANSWER_TOKENS),
  };
}

function wordQuery(w: Pick<QueryWord, 'stem' | 'prefix' | 'fuzzy'>): Query {
  const stem: Query = { queries: [w.stem], fuzzy: w.fuzzy > 0 ? w.fuzzy : false, prefix: false };
  if (!w.prefix) return stem;
  return { combineWith: 'OR', queries: [stem, { queries: [w.prefix], prefix: true, fuzzy: false }] };
}

type FieldMap = Map<number, Map<number, number>>;
type MiniIndexInternals = {
  _index: {
    get(term: string): FieldMap | undefined;
    has(term: string): boolean;
    fetch(term: string, make: () => FieldMap): FieldMap;
    delete(term: string): void;
    atPrefix(prefix: string): Iterable<[string, FieldMap]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [FieldMap, number]>;
    [Symbol.iterator](): Iterator<[string, FieldMap]>;
  };
  _idToShortId: Map<unknown, number>;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _documentCount: number;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  addDocumentId(id: unknown): number;
  addFieldLength(shortId: number, fieldId: number, count: number, length: number): void;
};

const FIELD_LIST: readonly Field[] = FIELDS;

/**
 * Same effect as `MiniSearch.add` (same postings, frequencies and field lengths), about 3x faster: each distinct
 * term of a field is looked up once in the radix tree (minisearch looks it up once per occurrence), and terms met
 * earlier in the same batch come from `termCache`. The cache is only valid within one synchronous batch: minisearch
 * may drop empty terms from the tree during vacuuming or searches, so it must not outlive the batch.
 */
function fastAdd(
  ms: MiniSearch<IndexedFields>,
  doc: IndexedFields,
  termCache: Map<string, FieldMap>,
  frequent: Map<string, FrequentTerm>,
): void {
  const mi = ms as unknown as MiniIndexInternals;
  if (mi._idToShortId.has(doc.id)) throw new Error(`index: identifiant en double ${doc.id}`);
  const shortId = mi.addDocumentId(doc.id);
  const counts = new Map<string, number>();
  for (const field of FIELD_LIST) {
    const terms = doc[field];
    const fieldId = mi._fieldIds[field]!;
    counts.clear();
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    mi.addFieldLength(shortId, fieldId, mi._documentCount - 1, counts.size);
    for (const [term, freq] of counts) {
      const fr = frequent.get(term);
      if (fr !== undefined) {
        fr.all.push(doc.id);
        if (field === 'idx') fr.idx.push(doc.id);
        continue;
      }
      let data = termCache.get(term);
      if (data === undefined) {
        data = mi._index.fetch(term, () => new Map());
        termCache.set(term, data);
      }
      let docs = data.get(fieldId);
      if (docs === undefined) {
        docs = new Map();
        data.set(fieldId, docs);
      }
      docs.set(shortId, freq);
    }
  }
}

/** How frequent terms are chosen and how far query words expand. */
export interface ShardTuning {
  /** A term found in more than this share of the shard's documents becomes a frequent term (see frequentTerms.ts). */
  frequentRatio: number;
  /** Below this many documents no term is frequent (shares are noise on small corpora). */
  frequentMinDocs: number;
  /** Max index terms a cut word (prefix) or a typo (fuzzy) expands to when it reaches frequent terms. */
  maxExpansions: number;
}

export const DEFAULT_TUNING: ShardTuning = { frequentRatio: 0.05, frequentMinDocs: 2000, maxExpansions: 30 };

/** A query word that restricts the candidates instead of being scored by minisearch. */
interface Constraint {
  /** Distinct slots (may include removed ones). */
  docs: Uint32Array | number[];
  /** Slots where the word is in the indexing terms. */
  idx: Uint32Array | number[];
}

interface Scored {
  id: number;
  score: number;
  terms: string[];
}

/** Matches in rank order; `results` may hold only the first `top` when `has` answers for the others. */
interface Ranked {
  results: Scored[];
  total: number;
  /** Already in the order `sq.sort` asks. */
  sorted: boolean;
  /** Whether a slot matched, when `results` is not complete. */
  has?: (slot: number) => boolean;
}

export class SearchShard {
  private ms: MiniSearch<IndexedFields>;
  private metas: Array<DocMeta | undefined> = [];
  private frequent: Map<string, FrequentTerm>;
  private readonly tuning: ShardTuning;
  private nextPromoteAt: number;
  private interner = new Interner();
  private slotByUid = new Map<string, number>();
  private slotsByNumber = new Map<number, number[]>();
  private live = 0;
  /** Bumped on every change: invalidates caches. */
  private generation = 0;
  private dateOrder: Int32Array | null = null;
  private maskCache = new Map<string, { generation: number; mask: Uint8Array; count: number }>();

  constructor(
    ms?: MiniSearch<IndexedFields>,
    metas?: Array<DocMeta | undefined>,
    frequent?: Map<string, FrequentTerm>,
    tuning: Partial<ShardTuning> = {},
  ) {
    this.ms = ms ?? new MiniSearch<IndexedFields>(INDEX_OPTIONS);
    this.frequent = frequent ?? new Map();
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    if (metas) {
      this.metas = metas;
      for (const m of metas) if (m) this.register(internMeta(m, this.interner));
    }
    this.nextPromoteAt = Math.max(this.tuning.frequentMinDocs, Math.ceil(this.metas.length * 1.25));
  }

  get size(): number {
    return this.live;
  }

  /** Internal slot of a uid (tests and diagnostics). */
  slotOf(uid: string): number | undefined {
    return this.slotByUid.get(uid);
  }

  has(uid: string): boolean {
    return this.slotByUid.has(uid);
  }

  /** Adds documents; a uid already present is replaced (update = remove + add). */
  add(docs: Iterable<IndexDoc>): void {
    const termCache = new Map<string, FieldMap>();
    for (const doc of docs) {
      if (this.slotByUid.has(doc.uid)) this.removeOne(doc.uid);
      const slot = this.metas.length;
      const meta = metaOf(doc, slot, this.interner);
      this.metas.push(meta);
      this.register(meta);
      fastAdd(this.ms, analyzeDoc(doc, slot), termCache, this.frequent);
      if (this.metas.length >= this.nextPromoteAt) {
        // Checkpoints at growing sizes: frequent terms leave minisearch early, so they never pile up as postings.
        this.promoteFrequent();
        termCache.clear();
        this.nextPromoteAt = Math.ceil(this.metas.length * 1.25);
      }
    }
    this.touch();
  }

  /**
   * Moves the terms now found in more than `frequentRatio` of the live documents out of minisearch into slot
   * lists. A term once frequent stays so (its share only drifts slowly as the corpus grows).
   */
  private promoteFrequent(): void {
    if (this.live < this.tuning.frequentMinDocs) return;
    const mi = this.ms as unknown as MiniIndexInternals;
    const threshold = this.tuning.frequentRatio * this.live;
    const idxField = mi._fieldIds.idx!;
    const moved: string[] = [];
    for (const [term, data] of mi._index) {
      let upper = 0;
      for (const docs of data.values()) upper += docs.size;
      if (upper <= threshold) continue;
      const all = new Set<number>();
      for (const docs of data.values())
        for (const shortId of docs.keys()) {
          const slot = mi._documentIds.get(shortId);
          if (slot !== undefined) all.add(slot as number);
        }
      if (all.size <= threshold) continue;
      const idxSlots: number[] = [];
      for (const shortId of data.get(idxField)?.keys() ?? []) {
        const slot = mi._documentIds.get(shortId);
        if (slot !== undefined) idxSlots.push(slot as number);
      }
      const sortedAll = Uint32Array.from(all).sort();
      this.frequent.set(term, { all: new SlotList(sortedAll), idx: new SlotList(Uint32Array.from(idxSlots).sort()) });
      moved.push(term);
    }
    for (const term of moved) mi._index.delete(term);
  }

  /** Frequent terms as saved by persistShard. */
  frequentTerms(): Map<string, FrequentTerm> {
    for (const f of this.frequent.values()) {
      f.all.trim();
      f.idx.trim();
    }
    return this.frequent;
  }

  remove(uids: readonly string[]): number {
    let n = 0;
    for (const uid of uids) if (this.removeOne(uid)) n++;
    if (n) this.touch();
    return n;
  }

  private register(m: DocMeta): void {
    this.slotByUid.set(m.uid, m.slot);
    const list = this.slotsByNumber.get(m.number);
    if (list) list.push(m.slot);
    else this.slotsByNumber.set(m.number, [m.slot]);
    this.live++;
  }

  private removeOne(uid: string): boolean {
    const slot = this.slotByUid.get(uid);
    if (slot === undefined) return false;
    const meta = this.metas[slot]!;
    this.ms.discard(slot);
    this.metas[slot] = undefined;
    this.slotByUid.delete(uid);
    const list = this.slotsByNumber.get(meta.number);
    if (list) {
      const rest = list.filter((s) => s !== slot);
      if (rest.length) this.slotsByNumber.set(meta.number, rest);
      else this.slotsByNumber.delete(meta.number);
    }
    this.live--;
    return true;
  }

  private touch(): void {
    this.generation++;
    this.dateOrder = null;
    this.maskCache.clear();
  }

  /** Slots ordered newest question first (unknown dates last), built lazily after changes. */
  private newestFirst(): Int32Array {
    if (this.dateOrder) return this.dateOrder;
    const slots: number[] = [];
    for (const m of this.metas) if (m) slots.push(m.slot);
    const metas = this.metas;
    slots.sort((x, y) => {
      const a = metas[x]!;
      const b = metas[y]!;
      return b.qDay - a.qDay || b.number - a.number;
    });
    this.dateOrder = Int32Array.from(slots);
    return this.dateOrder;
  }

  /** A per-slot pass/fail mask for the filters, or null when there is no filter. Cached per filter set. */
  private filterMask(filters: SearchFilters, nowDay: number): Uint8Array | null {
    const pred = compileFilters(filters, nowDay);
    if (!pred) return null;
    const key = JSON.stringify(filters) + '|' + nowDay;
    const cached = this.maskCache.get(key);
    if (cached && cached.generation === this.generation) return cached.mask;
    const mask = new Uint8Array(this.metas.length);
    let count = 0;
    for (const m of this.metas) {
      if (m && pred(m)) {
        mask[m.slot] = 1;
        count++;
      }
    }
    if (this.maskCache.size >= 32) this.maskCache.delete(this.maskCache.keys().next().value!);
    this.maskCache.set(key, { generation: this.generation, mask, count });
    return mask;
  }

  find(sq: ShardQuery): ShardResult {
    const mask = this.filterMask(sq.filters, sq.nowDay);
    if (sq.similar) return this.findSimilar(sq, mask);
    const q = sq.query;
    if (!q || (q.words.length === 0 && q.number === null)) return this.listFiltered(sq, mask);

    const mi = this.ms as unknown as MiniIndexInternals;
    const n = this.metas.length;
    // Plan: words reaching frequent terms become candidate constraints; the others are scored by minisearch,
    // which only sees candidates (boostDocument 0 skips a document before any result object is made).
    const constraints: Constraint[] = [];
    const scored: Array<Pick<QueryWord, 'stem' | 'prefix' | 'fuzzy'>> = [];
    // (A plan with clauses is scored by rankClauses; words alone keep the former minisearch path.)
    if (!q.clauses.length) for (const w of q.words) {
      const c = this.constraintOf(w);
      if (c) constraints.push(c);
      // Fuzzy matching only for words the index does not know: a known word is not a typo.
      else scored.push({ stem: w.stem, prefix: w.prefix, fuzzy: w.fuzzy > 0 && mi._index.has(w.stem) ? 0 : w.fuzzy });
    }
    let excluded: Uint8Array | null = null;
    if (q.excluded.length) {
      excluded = new Uint8Array(n);
      for (const term of q.excluded) {
        const fr = this.frequent.get(term);
        if (fr) for (const d of fr.all.view()) excluded[d] = 1;
        else this.forEachPosting(mi._index.get(term), (slot) => (excluded![slot] = 1));
      }
    }
    const metas = this.metas;
    const allowed = (d: number) => metas[d] !== undefined && (!mask || mask[d] === 1) && (!excluded || excluded[d] === 0);

    let mode: 'all' | 'any' = 'all';
    let ranked: Ranked = { results: [], total: 0, sorted: false };
    let allTotal = 0;
    let mostTotal = 0;
    let allSet: Set<number> | null = null;
    if (q.clauses.length) {
      const r = rankClauses(this.clauseIndex(), q.clauses, {
        allowed,
        top: sq.top,
        keepAll: sq.sort !== 'relevance',
        ...DEFAULT_CLAUSE_OPTIONS,
      });
      allTotal = r.allTotal;
      mostTotal = r.mostTotal;
      allSet = new Set(r.all.map((d) => d.id));
      // Most-words documents after all-words ones: their scores are scaled under any all-words score.
      const floor = r.all.length ? Math.min(...r.all.map((d) => d.score)) : 0;
      const top = r.most[0]?.score ?? 1;
      const most: ScoredDoc[] = r.most.map((d) => ({ ...d, score: r.all.length ? (floor * 0.5 * d.score) / top : d.score }));
      ranked = { results: [...r.all, ...most], total: allTotal + mostTotal, sorted: false };
      if (!allTotal && mostTotal) mode = 'any';
    } else if (q.words.length) {
      ranked = this.runAnd(constraints, scored, mask, excluded, allowed, sq);
      if (ranked.total === 0 && q.words.length > 1) {
        ranked = this.runOr(constraints, scored, allowed, sq);
        if (ranked.total) mode = 'any';
      }
    }
    let hits = ranked.results;
    let total = ranked.total;
    if (q.number !== null) {
      const exact = (this.slotsByNumber.get(q.number) ?? []).filter((s) => !mask || mask[s]);
      if (exact.length) {
        const exactSet = new Set(exact);
        const best = (hits[0]?.score ?? 0) + 1000;
        const exactHits: Scored[] = exact
          .sort((a, b) => this.metas[b]!.legislature - this.metas[a]!.legislature)
          .map((slot, i) => ({ id: slot, score: best - i, terms: [] }));
        const rest = hits.filter((r) => !exactSet.has(r.id));
        const has = ranked.has;
        const overlap = has ? exact.filter((s) => has(s)).length : hits.length - rest.length;
        hits = [...exactHits, ...rest];
        total = total - overlap + exactHits.length;
      }
    }
    // Exact-number hits are put first; a date order is restored by pageOf.
    const sorted = ranked.sorted && hits === ranked.results;
    const page = this.pageOf(hits, total, sorted, sq, mode, allSet);
    if (q.clauses.length) {
      page.allTotal = allTotal;
      page.mostTotal = mostTotal;
    }
    return page;
  }

  /** The shard's index as clause scoring reads it (rankClauses.ts). */
  private clauseIndex(): ClauseIndex {
    const mi = this.ms as unknown as MiniIndexInternals;
    const frequent = this.frequent;
    const fields = FIELDS.map((f) => {
      const id = mi._fieldIds[f]!;
      return { id, boost: FIELD_BOOSTS[f], averageLength: mi._avgFieldLength[id] ?? 1, isIndexingTerms: f === 'idx' };
    });
    const dfOf = (term: string) => {
      const fr = frequent.get(term);
      let df = fr ? fr.all.length : 0;
      const data = mi._index.get(term);
      if (data) for (const docs of data.values()) df += docs.size;
      return df;
    };
    return {
      documentCount: this.live,
      slots: this.metas.length,
      fields,
      postings: (term) => mi._index.get(term),
      frequent: (term) => {
        const fr = frequent.get(term);
        return fr ? { all: fr.all.view(), idx: fr.idx.view() } : undefined;
      },
      slotOf: (shortId) => mi._documentIds.get(shortId) as number | undefined,
      fieldLength: (shortId, fieldId) => mi._fieldLength.get(shortId)?.[fieldId] ?? 0,
      hasTerm: (term) => mi._index.has(term) || frequent.has(term),
      termsWithPrefix: (prefix, max) => {
        const found = new Set<string>();
        for (const [term] of mi._index.atPrefix(prefix)) found.add(term);
        for (const term of frequent.keys()) if (term.startsWith(prefix)) found.add(term);
        return [...found].sort((a, b) => dfOf(b) - dfOf(a)).slice(0, max);
      },
      termsNear: (term, distance, max) => {
        const found = new Map<string, number>();
        for (const [t, [, d]] of mi._index.fuzzyGet(term, distance)) found.set(t, d);
        for (const t of frequent.keys()) {
          const d = boundedEditDistance(t, term, distance);
          if (d <= distance) found.set(t, d);
        }
        found.delete(term);
        return [...found].sort((a, b) => a[1] - b[1] || dfOf(b[0]) - dfOf(a[0])).slice(0, max);
      },
    };
  }

  /** Every slot posted under a minisearch term (any field); `inIdx` tells whether it is the indexing-terms field. */
  private forEachPosting(data: FieldMap | undefined, fn: (slot: number, inIdx: boolean) => void): void {
    if (!data) return;
    const mi = this.ms as unknown as MiniIndexInternals;
    const idxField = mi._fieldIds.idx!;
    for (const [fieldId, docs] of data)
      for (const shortId of docs.keys()) {
        const slot = mi._documentIds.get(shortId);
        if (slot !== undefined) fn(slot as number, fieldId === idxField);
      }
  }

  /**
   * The constraint for a word that reaches frequent terms (its stem, or, for a cut word or a typo, up to
   * `maxExpansions` frequent neighbours), with its rare forms folded in; null when minisearch should score it.
   */
  private constraintOf(w: QueryWord): Constraint | null {
    if (!this.frequent.size) return null;
    const mi = this.ms as unknown as MiniIndexInternals;
    const stemFr = this.frequent.get(w.stem);
    const fuzzy = stemFr !== undefined || mi._index.has(w.stem) ? 0 : w.fuzzy;
    if (stemFr && !w.prefix) return { docs: stemFr.all.view(), idx: stemFr.idx.view() };
    const max = this.tuning.maxExpansions;
    let near: FrequentTerm[] = [];
    if (w.prefix || fuzzy > 0) {
      for (const [term, fr] of this.frequent) {
        if (term === w.stem) continue;
        if ((w.prefix && term.startsWith(w.prefix)) || (fuzzy > 0 && boundedEditDistance(term, w.stem, fuzzy) <= fuzzy))
          near.push(fr);
      }
      near = near.sort((a, b) => b.all.length - a.all.length).slice(0, max);
    }
    if (!stemFr && !near.length) return null;
    if (stemFr) near.push(stemFr);
    // Rare forms: the stem itself, then the most frequent prefix / fuzzy expansions.
    const rare: FieldMap[] = [];
    const stemData = mi._index.get(w.stem);
    if (stemData) rare.push(stemData);
    const expansions: Array<[number, FieldMap]> = [];
    const df = (data: FieldMap) => {
      let s = 0;
      for (const docs of data.values()) s += docs.size;
      return s;
    };
    if (w.prefix) for (const [term, data] of mi._index.atPrefix(w.prefix)) if (term !== w.stem) expansions.push([df(data), data]);
    if (fuzzy > 0) for (const [term, [data]] of mi._index.fuzzyGet(w.stem, fuzzy)) if (term !== w.stem) expansions.push([df(data), data]);
    expansions.sort((a, b) => b[0] - a[0]);
    for (const [, data] of expansions.slice(0, max)) rare.push(data);

    const n = this.metas.length;
    const mark = new Uint8Array(n);
    const docs: number[] = [];
    const idx: number[] = [];
    const add = (d: number, inIdx: boolean) => {
      if (!(mark[d]! & 1)) {
        mark[d] = mark[d]! | 1;
        docs.push(d);
      }
      if (inIdx && !(mark[d]! & 2)) {
        mark[d] = mark[d]! | 2;
        idx.push(d);
      }
    };
    for (const fr of near) {
      for (const d of fr.all.view()) add(d, false);
      for (const d of fr.idx.view()) add(d, true);
    }
    for (const data of rare) this.forEachPosting(data, add);
    return { docs, idx };
  }

  private runAnd(
    constraints: Constraint[],
    scored: Array<Pick<QueryWord, 'stem' | 'prefix' | 'fuzzy'>>,
    mask: Uint8Array | null,
    excluded: Uint8Array | null,
    allowed: (d: number) => boolean,
    sq: ShardQuery,
  ): Ranked {
    const n = this.metas.length;
    let cand: Uint8Array | null = mask;
    let bonus: Uint8Array | null = null;
    if (constraints.length) {
      // Intersection by counting, rarest list first: a slot is a candidate when every constraint has it.
      const sorted = [...constraints].sort((a, b) => a.docs.length - b.docs.length);
      const counts = new Uint8Array(n);
      for (const d of sorted[0]!.docs) if (allowed(d)) counts[d] = 1;
      for (let i = 1; i < sorted.length; i++) for (const d of sorted[i]!.docs) if (counts[d] === i) counts[d] = i + 1;
      const k = sorted.length;
      for (let d = 0; d < n; d++) counts[d] = counts[d] === k ? 1 : 0;
      cand = counts;
      bonus = new Uint8Array(n);
      for (const c of constraints) for (const d of c.idx) if (cand[d]) bonus[d]!++;
    } else if (excluded) {
      cand = new Uint8Array(n);
      for (let d = 0; d < n; d++) if (allowed(d)) cand[d] = 1;
    }
    if (scored.length) {
      const c = cand;
      const b = bonus;
      const boostDocument = c
        ? (id: unknown) => (c[id as number] ? (b ? 1 + 0.5 * b[id as number]! : 1) : 0)
        : undefined;
      const results = this.ms.search(
        { combineWith: 'AND', queries: scored.map(wordQuery) },
        { ...SEARCH_BASE, boostDocument },
      ) as unknown as Scored[];
      return { results, total: results.length, sorted: false };
    }
    // Every word is frequent: rank the candidates by matches in the indexing terms, then recency.
    const k = constraints.length;
    const sc = cand!;
    for (let d = 0; d < n; d++) if (sc[d]) sc[d] = Math.min(255, k + 2 * bonus![d]!);
    return this.rankByScoreArray(sc, sq);
  }

  private runOr(
    constraints: Constraint[],
    scored: Array<Pick<QueryWord, 'stem' | 'prefix' | 'fuzzy'>>,
    allowed: (d: number) => boolean,
    sq: ShardQuery,
  ): Ranked {
    const n = this.metas.length;
    const orScore = new Uint8Array(n);
    for (const c of constraints) {
      for (const d of c.docs) if (allowed(d)) orScore[d] = Math.min(255, orScore[d]! + 1);
      for (const d of c.idx) if (orScore[d]) orScore[d] = Math.min(255, orScore[d]! + 2);
    }
    if (!scored.length) return this.rankByScoreArray(orScore, sq);
    const boostDocument = (id: unknown) => (allowed(id as number) ? 1 + 0.5 * orScore[id as number]! : 0);
    const results = this.ms.search(
      { combineWith: 'OR', queries: scored.map(wordQuery) },
      { ...SEARCH_BASE, boostDocument },
    ) as unknown as Scored[];
    if (!constraints.length) return { results, total: results.length, sorted: false };
    // Documents with only frequent words come after those with a rarer one (tiny scores keep that order when
    // shards are merged); only the first `top` of them are materialised.
    for (const r of results) orScore[r.id] = 0;
    const rest = this.rankByScoreArray(orScore, sq);
    for (const r of rest.results) r.score *= 1e-3;
    const matched = new Set<number>();
    return {
      results: [...results, ...rest.results],
      total: results.length + rest.total,
      sorted: false,
      has: (d) => {
        if (!matched.size) for (const r of results) matched.add(r.id);
        return matched.has(d) || rest.has!(d);
      },
    };
  }

  /**
   * Candidates given as a per-slot score (0 = not a candidate), ordered as `sq.sort` asks without sorting them
   * all: one pass over the slots in date order, keeping the first `top` of each score.
   */
  private rankByScoreArray(sc: Uint8Array, sq: ShardQuery): Ranked {
    const order = this.newestFirst();
    const top = sq.top;
    let total = 0;
    const results: Scored[] = [];
    if (sq.sort === 'relevance' || sq.sort === 'newest') {
      const buckets: number[][] = [];
      for (let i = 0; i < order.length; i++) {
        const d = order[i]!;
        const s = sc[d]!;
        if (!s) continue;
        total++;
        const key = sq.sort === 'relevance' ? s : 1;
        const b = (buckets[key] ??= []);
        if (b.length < top) b.push(d);
      }
      for (let s = buckets.length - 1; s >= 1 && results.length < top; s--)
        for (const d of buckets[s] ?? []) {
          if (results.length >= top) break;
          results.push({ id: d, score: sc[d]!, terms: [] });
        }
    } else {
      const undated: number[] = [];
      for (let i = order.length - 1; i >= 0; i--) {
        const d = order[i]!;
        if (!sc[d]) continue;
        total++;
        if (this.metas[d]!.qDay < 0) {
          if (undated.length < top) undated.unshift(d);
        } else if (results.length < top) results.push({ id: d, score: sc[d]!, terms: [] });
      }
      for (const d of undated) if (results.length < top) results.push({ id: d, score: sc[d]!, terms: [] });
    }
    return { results, total, sorted: true, has: (d) => sc[d]! > 0 };
  }

  private pageOf(results: Scored[], total: number, sorted: boolean, sq: ShardQuery, mode: ShardResult['mode'], allSet: Set<number> | null = null): ShardResult {
    let ordered = results;
    if (sq.sort !== 'relevance' && !sorted) {
      const dir = sq.sort === 'newest' ? -1 : 1;
      const metas = this.metas;
      ordered = [...results].sort((x, y) => {
        const a = metas[x.id]!;
        const b = metas[y.id]!;
        return dir * (dayForSort(a, dir) - dayForSort(b, dir)) || dir * (a.number - b.number);
      });
    }
    const hits: ShardHit[] = [];
    for (let i = 0; i < ordered.length && i < sq.top; i++) {
      const r = ordered[i]!;
      hits.push(this.hitOf(this.metas[r.id]!, r.score, r.terms, allSet ? allSet.has(r.id) : true));
    }
    return { mode, total, hits };
  }

  private hitOf(m: DocMeta, score: number, terms: string[], allWords = true): ShardHit {
    return {
      uid: m.uid,
      score,
      legislature: m.legislature,
      number: m.number,
      type: m.type,
      title: m.title,
      author: m.authorName ?? m.authorRef,
      group: m.group,
      ministry: m.ministryAssigned ?? m.ministryAsked,
      questionDate: m.questionDate,
      answerDate: m.answerDate,
      status: m.status,
      url: m.url,
      day: m.qDay,
      terms,
      allWords,
    };
  }

  private listFiltered(sq: ShardQuery, mask: Uint8Array | null): ShardResult {
    const order = this.newestFirst();
    const hits: ShardHit[] = [];
    let total = 0;
    const n = order.length;
    for (let i = 0; i < n; i++) {
      const slot = order[sq.sort === 'oldest' ? n - 1 - i : i]!;
      if (mask && !mask[slot]) continue;
      total++;
      if (hits.length < sq.top) hits.push(this.hitOf(this.metas[slot]!, 0, []));
    }
    return { mode: 'filters-only', total, hits };
  }

  private findSimilar(sq: ShardQuery, mask: Uint8Array | null): ShardResult {
    const sim = sq.similar!;
    const internals = this.ms as unknown as MiniIndexInternals;
    const n = Math.max(1, this.live);
    const scored: Array<[string, number]> = [];
    for (const [term, weight] of sim.terms) {
      const data = internals._index.get(term);
      if (!data) continue;
      let df = 0;
      for (const docs of data.values()) df = Math.max(df, docs.size);
      if (df / n > 0.2 && n > 50) continue; // too common to say anything about similarity
      scored.push([term, weight * Math.log(1 + n / df)]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    const terms = scored.slice(0, 25).map(([t]) => t);
    if (!terms.length) return { mode: 'any', total: 0, hits: [] };
    const self = this.slotByUid.get(sim.uid);
    const boostDocument = (id: unknown) => ((id as number) === self ? 0 : mask ? (mask[id as number] ?? 0) : 1);
    const results = this.ms.search({ combineWith: 'OR', queries: terms }, { ...SEARCH_BASE, boostDocument });
    return this.pageOf(results as unknown as Scored[], results.length, false, { ...sq, sort: 'relevance' }, 'any');
  }

  /** Index terms of the indexing fields of `uid` (for "similar questions"), null when absent. */
  sourceTerms(uid: string): string[] | null {
    const slot = this.slotByUid.get(uid);
    const m = slot === undefined ? undefined : this.metas[slot];
    if (!m) return null;
    return analyzeText([m.rubrique, m.teteAnalyse, ...m.analyses].filter(Boolean).join(' . '));
  }

  facets(): Facets {
    const maps = {
      deputy: new Map<string, FacetEntry>(),
      ministry: new Map<string, FacetEntry>(),
      rubrique: new Map<string, FacetEntry>(),
      group: new Map<string, FacetEntry>(),
    };
    const bump = (map: Map<string, FacetEntry>, key: string, label: string, value: string, aliases: string[]) => {
      const e = map.get(key);
      if (e) e.count++;
      else map.set(key, { key, label, value, count: 1, aliases: aliases.filter(Boolean) });
    };
    for (const m of this.metas) {
      if (!m) continue;
      if (m.authorName || m.authorRef) {
        const key = m.authorRef ?? normalizeName(m.authorName!);
        bump(maps.deputy, key, m.authorName ?? m.authorRef!, m.authorRef ?? m.authorName!, [
          m.authorRef ? normalizeName(m.authorRef) : '',
        ]);
      }
      const ministries = new Map<string, [string, string | null]>();
      if (m.ministryAsked) ministries.set(normalizeName(m.ministryAsked), [m.ministryAsked, m.ministryAskedFull]);
      if (m.ministryAssigned)
        ministries.set(normalizeName(m.ministryAssigned), [m.ministryAssigned, m.ministryAssignedFull]);
      for (const [key, [name, full]] of ministries)
        bump(maps.ministry, key, name, name, [full ? normalizeName(full) : '']);
      if (m.rubrique) bump(maps.rubrique, normalizeName(m.rubrique), m.rubrique, m.rubrique, []);
      if (m.group) {
        const label = m.groupAbbrev ? `${m.group} (${m.groupAbbrev})` : m.group;
        bump(maps.group, normalizeName(m.group), label, m.group, [m.groupAbbrev ? normalizeName(m.groupAbbrev) : '']);
      }
    }
    return {
      deputy: [...maps.deputy.values()],
      ministry: [...maps.ministry.values()],
      rubrique: [...maps.rubrique.values()],
      group: [...maps.group.values()],
    };
  }

  /** Everything needed to persist the shard (see persistShard.ts). */
  internals(): { ms: MiniSearch<IndexedFields>; metas: Array<DocMeta | undefined> } {
    return { ms: this.ms, metas: this.metas };
  }
}

function dayForSort(m: DocMeta, dir: number): number {
  // Unknown dates go last in both orders.
  if (m.qDay < 0) return dir < 0 ? -Infinity : Infinity;
  return m.qDay;
}

/** Compiles filters into a predicate over DocMeta, or null when no filter is set. Name matching is memoised. */
export function compileFilters(f: SearchFilters, nowDay: number): ((m: DocMeta) => boolean) | null {
  const tests: Array<(m: DocMeta) => boolean> = [];
  const memo = (fn: (value: string | null) => boolean) => {
    const cache = new Map<string | null, boolean>();
    return (value: string | null) => {
      let r = cache.get(value);
      if (r === undefined) {
        r = fn(value);
        cache.set(value, r);
      }
      return r;
    };
  };
  if (f.legislature !== undefined) tests.push((m) => m.legislature === f.legislature);
  if (f.status) tests.push((m) => m.status === f.status);
  if (f.deputy && f.deputy.trim()) {
    // The one name matcher of /depute and the digests (insights/names.ts): whole words in any order.
    const raw = f.deputy.trim();
    const byRef = /^PA\d+$/i.test(raw);
    const q = parseNameQuery(raw);
    const nameOk = memo((v) => v !== null && nameFilterMatches(q, personKey({ name: v })));
    tests.push((m) => (byRef ? m.authorRef?.toUpperCase() === raw.toUpperCase() : nameOk(m.authorName)));
  }
  if (f.group && f.group.trim()) {
    const norm = normalizeName(f.group);
    const ok = memo((v) => nameMatches(norm, v));
    tests.push((m) => ok(m.group) || (m.groupAbbrev !== null && normalizeName(m.groupAbbrev) === norm));
  }
  if (f.department && f.department.trim()) {
    const norm = normalizeName(f.department);
    const ok = memo((v) => !!v && normalizeName(v) === norm);
    tests.push((m) => ok(m.department));
  }
  if (f.ministry && f.ministry.trim()) {
    // Words in any order, « ministère de » and the like optional (insights/names.ts).
    const q = parseNameQuery(f.ministry, MINISTRY_OPTIONAL);
    const ok = memo((v) => v !== null && nameFilterMatches(q, labelKey(v)));
    const role = f.ministryRole ?? 'any';
    tests.push((m) => {
      const asked = ok(m.ministryAsked) || ok(m.ministryAskedFull);
      const assigned = ok(m.ministryAssigned) || ok(m.ministryAssignedFull);
      return role === 'asked' ? asked : role === 'assigned' ? assigned : asked || assigned;
    });
  }
  if (f.rubrique && f.rubrique.trim()) {
    const norm = normalizeName(f.rubrique);
    const ok = memo((v) => nameMatches(norm, v));
    tests.push((m) => ok(m.rubrique));
  }
  if (f.from) {
    const d = isoToDay(f.from);
    tests.push((m) => m.qDay >= 0 && m.qDay >= d);
  }
  if (f.to) {
    const d = isoToDay(f.to);
    tests.push((m) => m.qDay >= 0 && m.qDay <= d);
  }
  if (f.answeredWithinDays !== undefined) {
    const n = f.answeredWithinDays;
    tests.push((m) => m.status === 'answered' && m.qDay >= 0 && m.aDay >= 0 && m.aDay - m.qDay <= n);
  }
  if (f.pendingForMoreThanDays !== undefined) {
    const n = f.pendingForMoreThanDays;
    tests.push((m) => m.status === 'pending' && m.qDay >= 0 && nowDay - m.qDay >= n);
  }
  if (!tests.length) return null;
  return (m) => {
    for (const t of tests) if (!t(m)) return false;
    return true;
  };
}

