/**
 * One shard of the index: a minisearch index over pre-analysed terms plus the compact metadata that filters,
 * sorting and hit display need. Runs in a worker thread (or in-process for small corpora and tests).
 * Full texts are NOT kept: they are analysed at `add` time and dropped.
 */
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import { analyzeText, fold } from './analyzeFrench';
import { dateToDay, isoToDay, titleOf, type IndexDoc } from './indexDoc';
import type { ParsedQuery, QueryWord, ShardQuery } from './query';
import type { SearchFilters } from './types';

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

export interface DocMeta {
  slot: number;
  uid: string;
  legislature: number;
  number: number;
  type: IndexDoc['type'];
  status: IndexDoc['status'];
  questionDate: string | null;
  answerDate: string | null;
  qDay: number;
  aDay: number;
  authorName: string | null;
  authorRef: string | null;
  group: string | null;
  groupAbbrev: string | null;
  department: string | null;
  ministryAsked: string | null;
  ministryAskedFull: string | null;
  ministryAssigned: string | null;
  ministryAssignedFull: string | null;
  rubrique: string | null;
  teteAnalyse: string | null;
  analyses: string[];
  url: string;
  title: string;
}

/** A hit as a shard returns it: display metadata, score, matched index terms, and the date used to sort. */
export interface ShardHit {
  uid: string;
  score: number;
  legislature: number;
  number: number;
  type: IndexDoc['type'];
  title: string;
  author: string | null;
  group: string | null;
  ministry: string | null;
  questionDate: string | null;
  answerDate: string | null;
  status: IndexDoc['status'];
  url: string;
  day: number;
  terms: string[];
}

export interface ShardResult {
  mode: 'all' | 'any' | 'filters-only';
  total: number;
  hits: ShardHit[];
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

function metaOf(doc: IndexDoc, slot: number): DocMeta {
  return {
    slot,
    uid: doc.uid,
    legislature: doc.legislature,
    number: doc.number,
    type: doc.type,
    status: doc.status,
    questionDate: doc.questionDate,
    answerDate: doc.answerDate,
    qDay: isoToDay(doc.questionDate),
    aDay: isoToDay(doc.answerDate),
    authorName: doc.authorName,
    authorRef: doc.authorRef,
    group: doc.group,
    groupAbbrev: doc.groupAbbrev,
    department: doc.department,
    ministryAsked: doc.ministryAsked,
    ministryAskedFull: doc.ministryAskedFull,
    ministryAssigned: doc.ministryAssigned,
    ministryAssignedFull: doc.ministryAssignedFull,
    rubrique: doc.rubrique,
    teteAnalyse: doc.teteAnalyse,
    analyses: doc.analyses,
    url: doc.url,
    title: titleOf(doc),
  };
}

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

function wordQuery(w: QueryWord): Query {
  const stem: Query = { queries: [w.stem], fuzzy: w.fuzzy > 0 ? w.fuzzy : false, prefix: false };
  if (!w.prefix) return stem;
  return { combineWith: 'OR', queries: [stem, { queries: [w.prefix], prefix: true, fuzzy: false }] };
}

export function buildQueryTree(q: ParsedQuery, combineWith: 'AND' | 'OR'): Query {
  const main: Query = { combineWith, queries: q.words.map(wordQuery) };
  if (!q.excluded.length) return main;
  return {
    combineWith: 'AND_NOT',
    queries: [main, { combineWith: 'OR', queries: q.excluded, fuzzy: false, prefix: false }],
  };
}

type FieldMap = Map<number, Map<number, number>>;
type MiniIndexInternals = {
  _index: { get(term: string): FieldMap | undefined; fetch(term: string, make: () => FieldMap): FieldMap };
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _documentCount: number;
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
function fastAdd(ms: MiniSearch<IndexedFields>, doc: IndexedFields, termCache: Map<string, FieldMap>): void {
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

export class SearchShard {
  private ms: MiniSearch<IndexedFields>;
  private metas: Array<DocMeta | undefined> = [];
  private slotByUid = new Map<string, number>();
  private slotsByNumber = new Map<number, number[]>();
  private live = 0;
  /** Bumped on every change: invalidates caches. */
  private generation = 0;
  private dateOrder: Int32Array | null = null;
  private maskCache = new Map<string, { generation: number; mask: Uint8Array; count: number }>();

  constructor(ms?: MiniSearch<IndexedFields>, metas?: Array<DocMeta | undefined>) {
    this.ms = ms ?? new MiniSearch<IndexedFields>(INDEX_OPTIONS);
    if (metas) {
      this.metas = metas;
      for (const m of metas) if (m) this.register(m);
    }
  }

  get size(): number {
    return this.live;
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
      const meta = metaOf(doc, slot);
      this.metas.push(meta);
      this.register(meta);
      fastAdd(this.ms, analyzeDoc(doc, slot), termCache);
    }
    this.touch();
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
    let q = sq.query;
    if (!q || (q.words.length === 0 && q.number === null)) return this.listFiltered(sq, mask);

    const boostDocument = mask ? (id: unknown) => mask[id as number] ?? 0 : undefined;
    // Fuzzy matching only for words the index does not know: a known word is not a typo, and expanding
    // common words to their neighbours is what makes fuzzy queries slow.
    const internals = this.ms as unknown as MiniIndexInternals;
    q = { ...q, words: q.words.map((w) => (w.fuzzy > 0 && internals._index.get(w.stem) ? { ...w, fuzzy: 0 } : w)) };
    let mode: 'all' | 'any' = 'all';
    let results: SearchResult[] = [];
    if (q.words.length) {
      const opts: SearchOptions = { ...SEARCH_BASE, boostDocument };
      results = this.ms.search(buildQueryTree(q, 'AND'), opts);
      if (results.length === 0 && q.words.length > 1) {
        results = this.ms.search(buildQueryTree(q, 'OR'), opts);
        if (results.length) mode = 'any';
      }
    }
    let hits = results;
    if (q.number !== null) {
      const exact = (this.slotsByNumber.get(q.number) ?? []).filter((s) => !mask || mask[s]);
      if (exact.length) {
        const exactSet = new Set(exact);
        const best = (results[0]?.score ?? 0) + 1000;
        const exactHits = exact
          .sort((a, b) => this.metas[b]!.legislature - this.metas[a]!.legislature)
          .map((slot, i) => ({ id: slot, score: best - i, terms: [] as string[] }) as unknown as SearchResult);
        hits = [...exactHits, ...results.filter((r) => !exactSet.has(r.id as number))];
      }
    }
    return this.pageOf(hits, sq, mode);
  }

  private pageOf(results: SearchResult[], sq: ShardQuery, mode: ShardResult['mode']): ShardResult {
    let ordered = results;
    if (sq.sort !== 'relevance') {
      const dir = sq.sort === 'newest' ? -1 : 1;
      const metas = this.metas;
      ordered = [...results].sort((x, y) => {
        const a = metas[x.id as number]!;
        const b = metas[y.id as number]!;
        return dir * (dayForSort(a, dir) - dayForSort(b, dir)) || dir * (a.number - b.number);
      });
    }
    const hits: ShardHit[] = [];
    for (let i = 0; i < ordered.length && i < sq.top; i++) {
      const r = ordered[i]!;
      hits.push(this.hitOf(this.metas[r.id as number]!, r.score, r.terms));
    }
    return { mode, total: results.length, hits };
  }

  private hitOf(m: DocMeta, score: number, terms: string[]): ShardHit {
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
    return this.pageOf(results, { ...sq, sort: 'relevance' }, 'any');
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
    const raw = f.deputy.trim();
    const norm = normalizeName(raw.replace(/^(m|mme|mr|monsieur|madame)\.?\s+/i, ''));
    const byRef = /^PA\d+$/i.test(raw);
    const nameOk = memo((v) => nameMatches(norm, v));
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
    const norm = normalizeName(f.ministry.replace(/^minist[eè]re\s+(de\s+l['’]|de\s+la\s+|des\s+|du\s+|de\s+)?/i, ''));
    const ok = memo((v) => nameMatches(norm, v));
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

export { dateToDay };
