/**
 * The SearchEngine the bot talks to. It fans each request out to the index shards (worker threads or
 * in-process) and answers from what they return, each job in its own file: merging the shards' pages and fact
 * columns (shardMerge.ts), checking "exact phrases" against the texts (phraseCheck.ts), the re-ranking hand-off and
 * the page's excerpts (resultPage.ts: texts fetched through `getTexts`, full texts live in the database, not in
 * memory), suggestions (suggestions.ts). This file keeps the engine's state: readiness, sizes, suggestion tables,
 * the response cache, adds and removals.
 */
import { type CollectedFact, factOfHit } from './collectedFact';
import type { Question } from '../corpus/types';
import { analyzeText } from './analyzeFrench';
import type { ExcerptTexts } from './excerpt';
import { dateToDay, toIndexDoc, type IndexDoc } from './indexDoc';
import { checkPhrases, PHRASE_CANDIDATES, PHRASE_COLLECT_CAP } from './phraseCheck';
import { parseQuery, type ParsedQuery, type ShardQuery } from './query';
import { RERANK_DEPTH } from './rerank';
import { type GetTexts, rerankHead, withExcerpts } from './resultPage';
import type { ShardRows } from './shardFromDb';
import { shardOf } from './shardOf';
import { type MergedHits, mergeFacts, mergeFound } from './shardMerge';
import type { Facets } from './shard/facets';
import type { ShardResult } from './shard/rank';
import type { ShardFacts } from './shard/facts';
import { mergeFacets, rankSuggestions } from './suggestions';
import type { SearchEngine, SearchHit, SearchRequest, SearchResponse, SuggestKind, Suggestion } from './types';

/** Thrown by search/similar before the index is loaded. The message is what the bot shows. */
export class SearchNotReadyError extends Error {
  constructor() {
    super('index en cours de chargement');
    this.name = 'SearchNotReadyError';
  }
}

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

/** A match as `collect` returns it: a search hit without score nor excerpt. */
export type CollectedHit = Omit<SearchHit, 'score' | 'excerpt'>;

export interface Collected {
  total: number;
  mode: SearchResponse['mode'];
  hits: CollectedHit[];
}
const MAX_LIMIT = 50;

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

    const usable = usableQuery(text, req);
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
      hits = await checkPhrases(hits, usable!.phrases, this.opts.getTexts);
      total = hits.length;
    }
    const texts = new Map<string, ExcerptTexts>();
    if (reranked && hits.length > 1) {
      hits = await rerankHead(hits, usable!.clauses, this.opts.getTexts, texts);
    }
    const page = hits.slice(offset, offset + limit);
    const response: SearchResponse = {
      hits: await withExcerpts(page, usable, req.excerptLength ?? 300, this.opts.getTexts, texts),
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
      hits: await withExcerpts(page, pseudo, 300, this.opts.getTexts),
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
    const usable = usableQuery(req.text?.trim() ?? '', req);
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
    return mergeFacts(results, usable !== null);
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
    const usable = usableQuery(req.text?.trim() ?? '', req);
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
      hits = await checkPhrases(hits, usable!.phrases, this.opts.getTexts);
      total = hits.length;
    }
    return { total, mode: merged.mode, hits: hits.map(({ terms: _t, score: _s, day: _d, ...rest }) => rest) };
  }

  private async fanOut(sq: ShardQuery): Promise<MergedHits> {
    return mergeFound(await Promise.all(this.shards.map((s) => s.find(sq))).catch(unavailable), sq);
  }
}

/** A shard lost during the call: the search is unavailable for a moment, not broken. */
function unavailable(err: unknown): never {
  if (err instanceof Error && err.name === 'ShardDownError') throw new SearchUnavailableError('restarting');
  throw err;
}

/** The query of a request, when it has words or a number to look for (else the request is filters only). */
function usableQuery(text: string, opts: Pick<SearchRequest, 'prefix' | 'fuzzy'>): ParsedQuery | null {
  const parsed = text ? parseQuery(text, { prefix: opts.prefix, fuzzy: opts.fuzzy }) : null;
  return parsed && (parsed.words.length > 0 || parsed.number !== null) ? parsed : null;
}
