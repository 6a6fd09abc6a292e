/**
 * The SearchEngine the bot talks to. It fans each request out to the index shards (worker threads or
 * in-process), merges their pages, checks "exact phrases" against the texts, and builds the excerpts of the
 * returned page only, with texts fetched through `getTexts` (full texts live in the database, not in memory).
 */
import { type CollectedFact, factOfHit } from './collectedFact';
import type { Question } from '../corpus/types';
import { analyzeText } from './analyzeFrench';
import { buildExcerpt, type ExcerptTexts } from './excerpt';
import { dateToDay, toIndexDoc, type IndexDoc } from './indexDoc';
import { parseQuery, type ParsedQuery, type ShardQuery } from './query';
import { rerank, RERANK_DEPTH } from './rerank';
import { DEFAULT_CLAUSE_OPTIONS } from './shard/rankClauses';
import type { ShardRows } from './shardFromDb';
import { shardOf } from './shardOf';
import type { FacetEntry, Facets } from './shard/facets';
import { foldName, foldedWithoutCivility } from '../insights/names';
import type { ShardHit, ShardResult } from './shard/rank';
import { STATUS_CODES, type ShardFacts } from './shard/facts';
import type { SearchEngine, SearchHit, SearchRequest, SearchResponse, SuggestKind, Suggestion } from './types';

/** Thrown by search/similar before the index is loaded. The message is what the bot shows. */
export class SearchNotReadyError extends Error {
  constructor() {
    super('index en cours de chargement');
    this.name = 'SearchNotReadyError';
  }
}

export type GetTexts = (uids: string[]) => Map<string, ExcerptTexts> | Promise<Map<string, ExcerptTexts>>;

/**
 * Thrown by search/similar while a shard is being replaced (its worker died or hung), or when the index could not
 * be loaded at all: the answer is immediate, never a wait on a dead worker. The message is what the bot shows.
 */
export class SearchUnavailableError extends Error {
  constructor(readonly reason: 'restarting' | 'failed' = 'restarting') {
    super(
      reason === 'restarting'
        ? 'Recherche momentanément indisponible, réessayez dans quelques secondes.'
        : 'Recherche indisponible : l’index n’a pas pu être chargé (l’incident est enregistré).',
    );
    this.name = 'SearchUnavailableError';
  }
}

/** What a shard offers, whether it lives in a worker or in this thread. */
export interface ShardClient {
  /** False while the shard cannot answer (its worker is being replaced, or failed). */
  readonly available: boolean;
  add(docs: IndexDoc[]): Promise<void>;
  remove(uids: string[]): Promise<void>;
  find(q: ShardQuery): Promise<ShardResult>;
  /** The facts of every match (charts), as columns (shard/facts.ts). */
  facts(q: Omit<ShardQuery, 'top' | 'similar'>): Promise<ShardFacts>;
  facets(): Promise<Facets>;
  size(): Promise<number>;
  /** Index terms of a question's indexing fields (rubrique, tête d'analyse, analyses), null when absent. */
  sourceTerms(uid: string): Promise<string[] | null>;
  save(dir: string): Promise<void>;
  /** Loads the shard saved in `dir`; resolves to its size. */
  load(dir: string): Promise<number>;
  /** Renumbers the documents onto consecutive slots when more than `minDeadShare` of the slots are empty; resolves to the slots dropped. */
  compact(minDeadShare: number): Promise<number>;
  /** Adds the shard's rows read from the database file (a build, or a catch-up between two revisions). */
  addFromDb(rows: ShardRows): Promise<number>;
  close(): Promise<void>;
}

/** Candidates checked against the texts when the query has an "exact phrase". */
const PHRASE_CANDIDATES = 300;
/** Candidates checked against the texts when collecting every match of a query with an "exact phrase". */
export const PHRASE_COLLECT_CAP = 20_000;

const isoOfDay = new Map<number, string>();
function dayToIso(day: number): string | null {
  if (day < 0) return null;
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoOfDay.size > 100_000) isoOfDay.clear();
    isoOfDay.set(day, iso);
  }
  return iso;
}

/** A match as `collect` returns it: a search hit without score nor excerpt. */
export type CollectedHit = Omit<SearchHit, 'score' | 'excerpt'>;

export interface Collected {
  total: number;
  mode: SearchResponse['mode'];
  hits: CollectedHit[];
}
const MAX_LIMIT = 50;

function compareHits(sort: SearchRequest['sort']): (a: ShardHit, b: ShardHit) => number {
  if (sort === 'newest') return (a, b) => dayKey(b, -1) - dayKey(a, -1) || b.number - a.number;
  if (sort === 'oldest') return (a, b) => dayKey(a, 1) - dayKey(b, 1) || a.number - b.number;
  // All-words hits first, then the most-words ones (when the shards added them).
  return (a, b) => Number(b.allWords) - Number(a.allWords) || b.score - a.score || b.day - a.day;
}

function dayKey(h: ShardHit, dir: number): number {
  if (h.day < 0) return dir < 0 ? -Infinity : Infinity;
  return h.day;
}

function containsPhrase(terms: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export interface SearchServiceOptions {
  getTexts: GetTexts;
  /** Called after adds/removals (e.g. to schedule a save). */
  onChange?: () => void;
}

/** Responses kept for repeated requests (paging back and forth), dropped whenever the index changes. */
const CACHE_ENTRIES = 200;

export class SearchService implements SearchEngine {
  private _ready = false;
  private _failed = false;
  private _size = 0;
  private facets: Facets = { deputy: [], ministry: [], rubrique: [], group: [] };
  /** Last known size and suggestion tables of each shard (kept while a shard is being replaced). */
  private perShard: Array<{ size: number; facets: Facets } | null>;
  private generation = 0;
  private cache = new Map<string, SearchResponse>();

  constructor(
    readonly shards: ShardClient[],
    private readonly opts: SearchServiceOptions,
  ) {
    this.perShard = shards.map(() => null);
  }

  get ready(): boolean {
    return this._ready;
  }

  get size(): number {
    return this._size;
  }

  /** Marks the engine ready after the shards were loaded or built; gathers sizes and suggestion tables. */
  async markReady(): Promise<void> {
    await this.refresh();
    this._ready = true;
  }

  /** The index could not be loaded or built: searches answer SearchUnavailableError('failed'). */
  markFailed(): void {
    this._failed = true;
  }

  /**
   * Gathers sizes and suggestion tables again (after changes, or when a replaced shard serves again). A shard that
   * cannot answer keeps its last known figures.
   */
  async refresh(): Promise<void> {
    await Promise.all(
      this.shards.map(async (s, i) => {
        if (!s.available) return;
        try {
          const [size, facets] = await Promise.all([s.size(), s.facets()]);
          this.perShard[i] = { size, facets };
        } catch {
          // Lost meanwhile: its last figures stay until it is back.
        }
      }),
    );
    const known = this.perShard.filter((p): p is { size: number; facets: Facets } => p !== null);
    this._size = known.reduce((a, p) => a + p.size, 0);
    this.facets = mergeFacets(known.map((p) => p.facets));
    this.generation++;
    this.cache.clear();
  }

  /** Throws unless every shard can answer now. */
  private assertServing(): void {
    if (this._failed) throw new SearchUnavailableError('failed');
    if (!this._ready) throw new SearchNotReadyError();
    if (this.shards.some((s) => !s.available)) throw new SearchUnavailableError('restarting');
  }

  /** Adds or replaces questions in the live index (an ingest's new and updated records). */
  async add(questions: readonly Question[]): Promise<void> {
    await this.addDocs(questions.map(toIndexDoc));
  }

  async addDocs(docs: readonly IndexDoc[]): Promise<void> {
    if (!docs.length) return;
    const byShard = this.shards.map(() => [] as IndexDoc[]);
    for (const d of docs) byShard[shardOf(d.uid, this.shards.length)]!.push(d);
    await Promise.all(byShard.map((batch, i) => (batch.length ? this.shards[i]!.add(batch) : undefined)));
    if (this._ready) await this.refresh();
    this.opts.onChange?.();
  }

  async remove(uids: readonly string[]): Promise<void> {
    const byShard = this.shards.map(() => [] as string[]);
    for (const u of uids) byShard[shardOf(u, this.shards.length)]!.push(u);
    await Promise.all(byShard.map((batch, i) => (batch.length ? this.shards[i]!.remove(batch) : undefined)));
    if (this._ready) await this.refresh();
    this.opts.onChange?.();
  }

  async search(req: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    this.assertServing();
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(req.limit ?? 5)));
    const offset = Math.max(0, Math.floor(req.offset ?? 0));
    const nowDay = dateToDay(req.now ?? new Date());
    const text = req.text?.trim() ?? '';
    const key = JSON.stringify([
      this.generation,
      text,
      req.filters ?? {},
      req.sort,
      offset,
      limit,
      req.excerptLength,
      nowDay,
      req.prefix,
      req.fuzzy,
    ]);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return { ...cached, tookMs: performance.now() - started };
    }

    const parsed = text ? parseQuery(text, { prefix: req.prefix, fuzzy: req.fuzzy }) : null;
    const usable = parsed && (parsed.words.length > 0 || parsed.number !== null) ? parsed : null;
    const hasPhrase = !!usable && usable.phrases.length > 0;
    const relevance = (req.sort ?? 'relevance') === 'relevance';
    const reranked = relevance && !!usable && usable.clauses.length > 0;
    const sq: ShardQuery = {
      query: usable,
      filters: req.filters ?? {},
      nowDay,
      sort: req.sort ?? 'relevance',
      top: hasPhrase ? PHRASE_CANDIDATES : reranked ? Math.max(offset + limit, RERANK_DEPTH) : offset + limit,
    };
    const merged = await this.fanOut(sq);
    let { hits, total } = merged;
    if (hasPhrase) {
      hits = await this.checkPhrases(hits, usable!.phrases);
      total = hits.length;
    }
    const texts = new Map<string, ExcerptTexts>();
    if (reranked && hits.length > 1) {
      const head = hits.slice(0, RERANK_DEPTH);
      for (const [uid, t] of await this.opts.getTexts(head.map((h) => h.uid))) texts.set(uid, t);
      hits = rerank(hits, usable!.clauses, new Map(head.map((h) => [h.uid, texts.get(h.uid)?.question ?? null])));
    }
    const page = hits.slice(offset, offset + limit);
    const response: SearchResponse = {
      hits: await this.withExcerpts(page, usable, req.excerptLength ?? 300, texts),
      total,
      mode: merged.mode,
      ...(merged.allTotal !== undefined ? { allTotal: merged.allTotal } : {}),
      tookMs: 0,
    };
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, response);
    return { ...response, tookMs: performance.now() - started };
  }

  async similar(uid: string, limit = 5): Promise<SearchResponse> {
    const started = performance.now();
    this.assertServing();
    const shard = this.shards[shardOf(uid, this.shards.length)]!;
    const idxTerms = await shard.sourceTerms(uid).catch(unavailable);
    if (!idxTerms) return { hits: [], total: 0, mode: 'any', tookMs: performance.now() - started };
    const texts = (await this.opts.getTexts([uid])).get(uid);
    const weights = new Map<string, number>();
    for (const t of idxTerms) weights.set(t, (weights.get(t) ?? 0) + 3);
    for (const t of analyzeText(texts?.question ?? null, 600)) weights.set(t, (weights.get(t) ?? 0) + 1);
    const size = Math.min(MAX_LIMIT, Math.max(1, limit));
    const merged = await this.fanOut({
      query: null,
      filters: {},
      nowDay: dateToDay(new Date()),
      sort: 'relevance',
      top: size,
      similar: { uid, terms: [...weights] },
    });
    const page = merged.hits.slice(0, size);
    const pseudo: ParsedQuery = { words: [], phrases: [], excluded: [], number: null, clauses: [] };
    return {
      hits: await this.withExcerpts(page, pseudo, 300),
      total: merged.total,
      mode: 'any',
      tookMs: performance.now() - started,
    };
  }

  async suggest(kind: SuggestKind, input: string, limit = 10): Promise<Suggestion[]> {
    if (!this._ready) return [];
    return rankSuggestions(this.facets[kind], input, limit);
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.close()));
  }

  // ---- collect (charts and CSV exports, issue 13) ------------------------------------------------------------

  /**
   * The chart facts of EVERY match of a query, gathered by the shards as columns (no hit objects, no sorting):
   * what /tendance counts. Same matching and the same "all words, else any word" rule as `search`. A query with an
   * "exact phrase" needs the texts: it goes through `collect` (which checks them), capped there.
   */
  async collectFacts(
    req: Pick<SearchRequest, 'text' | 'filters' | 'now' | 'prefix' | 'fuzzy'>,
  ): Promise<{ mode: SearchResponse['mode']; facts: CollectedFact[] }> {
    this.assertServing();
    const text = req.text?.trim() ?? '';
    const parsed = text ? parseQuery(text, { prefix: req.prefix, fuzzy: req.fuzzy }) : null;
    const usable = parsed && (parsed.words.length > 0 || parsed.number !== null) ? parsed : null;
    if (usable && usable.phrases.length > 0) {
      const c = await this.collect({ ...req, sort: 'newest' }, Number.MAX_SAFE_INTEGER);
      return {
        mode: c.mode,
        facts: c.hits.map(factOfHit),
      };
    }
    const results = await Promise.all(
      this.shards.map((s) =>
        s.facts({
          query: usable,
          filters: req.filters ?? {},
          nowDay: dateToDay(req.now ?? new Date()),
          sort: 'relevance',
        }),
      ),
    ).catch(unavailable);
    // The mode rule of fanOut: "all" as soon as one shard found every word, "any" only when none did.
    let chosen = results;
    let mode: SearchResponse['mode'] = usable ? 'all' : 'filters-only';
    if (usable) {
      const withAll = results.filter((r) => r.mode === 'all' && r.total > 0);
      const withAny = results.filter((r) => r.mode === 'any' && r.total > 0);
      if (withAll.length || !withAny.length) chosen = withAll;
      else {
        chosen = withAny;
        mode = 'any';
      }
    }
    const facts: CollectedFact[] = [];
    for (const r of chosen) {
      const name = (i: number) => (i < 0 ? null : (r.names[i] ?? null));
      for (let k = 0; k < r.total; k++) {
        facts.push({
          uid: '',
          status: STATUS_CODES[r.status[k]!]!,
          questionDate: dayToIso(r.qDay[k]!),
          answerDate: dayToIso(r.aDay[k]!),
          author: name(r.author[k]!),
          group: name(r.group[k]!),
          ministry: name(r.ministry[k]!),
        });
      }
    }
    return { mode, facts };
  }

  /**
   * Every match of a query (at most `limit`, in the order `sort` gives), with the metadata charts and exports
   * need, and the number of matches. Same matching as `search` (the shards' `find`, the same "all words, else any
   * word" rule); an "exact phrase" is checked against the texts of the first `PHRASE_COLLECT_CAP` candidates.
   */
  async collect(
    req: Pick<SearchRequest, 'text' | 'filters' | 'sort' | 'now' | 'prefix' | 'fuzzy'>,
    limit: number,
  ): Promise<Collected> {
    this.assertServing();
    const text = req.text?.trim() ?? '';
    const parsed = text ? parseQuery(text, { prefix: req.prefix, fuzzy: req.fuzzy }) : null;
    const usable = parsed && (parsed.words.length > 0 || parsed.number !== null) ? parsed : null;
    const hasPhrase = !!usable && usable.phrases.length > 0;
    const top = Math.max(0, Math.floor(hasPhrase ? Math.min(limit, PHRASE_COLLECT_CAP) : limit));
    const merged = await this.fanOut({
      query: usable,
      filters: req.filters ?? {},
      nowDay: dateToDay(req.now ?? new Date()),
      sort: req.sort ?? 'relevance',
      top,
    });
    let hits = merged.hits;
    let total = merged.total;
    if (hasPhrase) {
      hits = await this.checkPhrases(hits, usable!.phrases);
      total = hits.length;
    }
    return { total, mode: merged.mode, hits: hits.map(({ terms: _t, score: _s, day: _d, ...rest }) => rest) };
  }

  private async fanOut(
    sq: ShardQuery,
  ): Promise<{ hits: ShardHit[]; total: number; mode: SearchResponse['mode']; allTotal?: number }> {
    const results = await Promise.all(this.shards.map((s) => s.find(sq))).catch(unavailable);
    if (sq.similar || !sq.query) {
      const hits = results.flatMap((r) => r.hits).sort(compareHits(sq.sort));
      return {
        hits: hits.slice(0, sq.top),
        total: results.reduce((a, r) => a + r.total, 0),
        mode: sq.similar ? 'any' : 'filters-only',
      };
    }
    if (sq.query.clauses.length) {
      // All words, then most words when too few questions have them all, or only weakly (each shard that found
      // all-words questions added most-words ones too).
      const allTotal = results.reduce((a, r) => a + (r.allTotal ?? 0), 0);
      const mostTotal = results.reduce((a, r) => a + (r.mostTotal ?? 0), 0);
      const withAll = results.filter((r) => (r.allTotal ?? 0) > 0);
      const withMost =
        allTotal < DEFAULT_CLAUSE_OPTIONS.minAll ||
        (withAll.length > 0 && withAll.every((r) => (r.mostTotal ?? 0) > 0));
      const hits = results
        .flatMap((r) => r.hits)
        .filter((h) => h.allWords || withMost || (sq.query!.number !== null && h.number === sq.query!.number))
        .sort(compareHits(sq.sort));
      const mode: SearchResponse['mode'] = !withMost || mostTotal === 0 ? 'all' : allTotal === 0 ? 'any' : 'mixed';
      return { hits: hits.slice(0, sq.top), total: allTotal + (withMost ? mostTotal : 0), mode, allTotal };
    }
    // "all" wins as soon as one shard found every word; "any" only when no shard did.
    const withAll = results.filter((r) => r.mode === 'all' && r.total > 0);
    const withAny = results.filter((r) => r.mode === 'any' && r.total > 0);
    const chosen = withAll.length || !withAny.length ? withAll : withAny;
    const mode: SearchResponse['mode'] = withAll.length || !withAny.length ? 'all' : 'any';
    const hits = chosen.flatMap((r) => r.hits).sort(compareHits(sq.sort));
    return { hits: hits.slice(0, sq.top), total: chosen.reduce((a, r) => a + r.total, 0), mode };
  }

  private async checkPhrases(hits: ShardHit[], phrases: string[][]): Promise<ShardHit[]> {
    const kept: ShardHit[] = [];
    for (let i = 0; i < hits.length; i += 50) {
      const batch = hits.slice(i, i + 50);
      const texts = await this.opts.getTexts(batch.map((h) => h.uid));
      for (const h of batch) {
        const t = texts.get(h.uid);
        const sequences = [analyzeText(h.title), analyzeText(t?.question ?? null), analyzeText(t?.answer ?? null)];
        if (phrases.every((p) => sequences.some((seq) => containsPhrase(seq, p)))) kept.push(h);
      }
    }
    return kept;
  }

  private async withExcerpts(
    page: ShardHit[],
    q: ParsedQuery | null,
    excerptLength: number,
    known: ReadonlyMap<string, ExcerptTexts> = new Map(),
  ): Promise<SearchHit[]> {
    if (!page.length) return [];
    const missing = page.map((h) => h.uid).filter((u) => !known.has(u));
    const texts = new Map(known);
    if (missing.length) for (const [uid, t] of await this.opts.getTexts(missing)) texts.set(uid, t);
    const queryTerms = q ? q.words.map((w) => w.stem) : [];
    return page.map((h) => {
      const t = texts.get(h.uid);
      const excerpt = t ? buildExcerpt(t, [...queryTerms, ...h.terms], excerptLength) : null;
      return {
        uid: h.uid,
        chamber: h.chamber,
        score: h.score,
        legislature: h.legislature,
        number: h.number,
        type: h.type,
        title: h.title,
        author: h.author,
        group: h.group,
        ministry: h.ministry,
        questionDate: h.questionDate,
        answerDate: h.answerDate,
        status: h.status,
        url: h.url,
        excerpt,
      };
    });
  }
}

/** A shard lost during the call: the search is unavailable for a moment, not broken. */
function unavailable(err: unknown): never {
  if (err instanceof Error && err.name === 'ShardDownError') throw new SearchUnavailableError('restarting');
  throw err;
}

function mergeFacets(all: Facets[]): Facets {
  const out: Facets = { deputy: [], ministry: [], rubrique: [], group: [] };
  for (const kind of Object.keys(out) as Array<keyof Facets>) {
    const map = new Map<string, FacetEntry>();
    for (const f of all)
      for (const e of f[kind]) {
        const cur = map.get(e.key);
        if (cur) cur.count += e.count;
        else map.set(e.key, { ...e, aliases: [...e.aliases] });
      }
    out[kind] = [...map.values()];
  }
  // A deputy known by name only (seed pages) and the same name with an acteurRef are one person.
  const withRef = new Map<string, FacetEntry>();
  for (const e of out.deputy) if (/^PA\d+$/.test(e.key)) withRef.set(foldName(e.label), e);
  out.deputy = out.deputy.filter((e) => {
    if (/^PA\d+$/.test(e.key)) return true;
    const same = withRef.get(foldName(e.label));
    if (!same) return true;
    same.count += e.count;
    return false;
  });
  return out;
}

/** Exact > whole word > word prefix > substring; then by number of questions. Accent- and case-insensitive. */
export function rankSuggestions(entries: readonly FacetEntry[], input: string, limit: number): Suggestion[] {
  const q = foldedWithoutCivility(foldName(input));
  const ranked: Array<{ e: FacetEntry; level: number }> = [];
  for (const e of entries) {
    const label = foldName(e.label);
    const forms = [label, foldedWithoutCivility(label), ...e.aliases];
    let level = 4;
    if (!q) level = 0;
    else if (forms.includes(q)) level = 0;
    else if (forms.some((f) => ` ${f} `.includes(` ${q} `))) level = 1;
    else if (forms.some((f) => f.startsWith(q) || f.includes(` ${q}`))) level = 2;
    else if (forms.some((f) => f.includes(q))) level = 3;
    if (level < 4) ranked.push({ e, level });
  }
  ranked.sort((a, b) => a.level - b.level || b.e.count - a.e.count || a.e.label.localeCompare(b.e.label, 'fr'));
  return ranked.slice(0, Math.max(0, limit)).map(({ e }) => ({ label: e.label, value: e.value, count: e.count }));
}
