/**
 * The SearchEngine the bot talks to. It fans each request out to the index shards (worker threads or
 * in-process), merges their pages, checks "exact phrases" against the texts, and builds the excerpts of the
 * returned page only, with texts fetched through `getTexts` (full texts live in the database, not in memory).
 */
import type { Question } from '../corpus/types';
import { analyzeText } from './analyzeFrench';
import { buildExcerpt, type ExcerptTexts } from './excerpt';
import { dateToDay, toIndexDoc, type IndexDoc } from './indexDoc';
import { parseQuery, type ParsedQuery, type ShardQuery } from './query';
import { shardOf } from './shardOf';
import type { FacetEntry, Facets } from './shard/facets';
import { normalizeName } from './shard/filters';
import type { ShardHit, ShardResult } from './shard/rank';
import type {
  SearchEngine,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SuggestKind,
  Suggestion,
} from './types';

/** Thrown by search/similar before the index is loaded. The message is what the bot shows. */
export class SearchNotReadyError extends Error {
  constructor() {
    super('index en cours de chargement');
    this.name = 'SearchNotReadyError';
  }
}

export type GetTexts = (
  uids: string[],
) => Map<string, ExcerptTexts> | Promise<Map<string, ExcerptTexts>>;

/** What a shard offers, whether it lives in a worker or in this thread. */
export interface ShardClient {
  add(docs: IndexDoc[]): Promise<void>;
  remove(uids: string[]): Promise<void>;
  find(q: ShardQuery): Promise<ShardResult>;
  facets(): Promise<Facets>;
  size(): Promise<number>;
  /** Index terms of a question's indexing fields (rubrique, tête d'analyse, analyses), null when absent. */
  sourceTerms(uid: string): Promise<string[] | null>;
  save(dir: string): Promise<void>;
  /** Loads the shard saved in `dir`; resolves to its size. */
  load(dir: string): Promise<number>;
  close(): Promise<void>;
}

/** Candidates checked against the texts when the query has an "exact phrase". */
const PHRASE_CANDIDATES = 300;
const MAX_LIMIT = 50;


function compareHits(sort: SearchRequest['sort']): (a: ShardHit, b: ShardHit) => number {
  if (sort === 'newest') return (a, b) => dayKey(b, -1) - dayKey(a, -1) || b.number - a.number;
  if (sort === 'oldest') return (a, b) => dayKey(a, 1) - dayKey(b, 1) || a.number - b.number;
  return (a, b) => b.score - a.score || b.day - a.day;
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

export class SearchService implements SearchEngine {
  private _ready = false;
  private _size = 0;
  private facets: Facets = { deputy: [], ministry: [], rubrique: [], group: [] };
  private generation = 0;
  private cache = new Map<string, SearchResponse>();

  constructor(
    readonly shards: ShardClient[],
    private readonly opts: SearchServiceOptions,
  ) {}

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

  private async refresh(): Promise<void> {
    const [sizes, facets] = await Promise.all([
      Promise.all(this.shards.map((s) => s.size())),
      Promise.all(this.shards.map((s) => s.facets())),
    ]);
    this._size = sizes.reduce((a, b) => a + b, 0);
    this.facets = mergeFacets(facets);
    this.generation++;
    this.cache.clear();
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
    if (!this._ready) throw new SearchNotReadyError();
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(req.limit ?? 5)));
    const offset = Math.max(0, Math.floor(req.offset ?? 0));
    const nowDay = dateToDay(req.now ?? new Date());
    const text = req.text?.trim() ?? '';
    const key = JSON.stringify([this.generation, text, req.filters ?? {}, req.sort, offset, limit, req.excerptLength, nowDay, req.prefix, req.fuzzy]);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return { ...cached, tookMs: performance.now() - started };
    }

    const parsed = text ? parseQuery(text, { prefix: req.prefix, fuzzy: req.fuzzy }) : null;
    const usable = parsed && (parsed.words.length > 0 || parsed.number !== null) ? parsed : null;
    const hasPhrase = !!usable && usable.phrases.length > 0;
    const sq: ShardQuery = {
      query: usable,
      filters: req.filters ?? {},
      nowDay,
      sort: req.sort ?? 'relevance',
      top: hasPhrase ? PHRASE_CANDIDATES : offset + limit,
    };
    const merged = await this.fanOut(sq);
    let { hits, total } = merged;
    if (hasPhrase) {
      hits = await this.checkPhrases(hits, usable!.phrases);
      total = hits.length;
    }
    const page = hits.slice(offset, offset + limit);
    const response: SearchResponse = {
      hits: await this.withExcerpts(page, usable, req.excerptLength ?? 300),
      total,
      mode: merged.mode,
      tookMs: 0,
    };
    if (this.cache.size >= 200) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, response);
    return { ...response, tookMs: performance.now() - started };
  }

  async similar(uid: string, limit = 5): Promise<SearchResponse> {
    const started = performance.now();
    if (!this._ready) throw new SearchNotReadyError();
    const shard = this.shards[shardOf(uid, this.shards.length)]!;
    const idxTerms = await shard.sourceTerms(uid);
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
    const pseudo: ParsedQuery = { words: [], phrases: [], excluded: [], number: null };
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

  private async fanOut(sq: ShardQuery): Promise<{ hits: ShardHit[]; total: number; mode: SearchResponse['mode'] }> {
    const results = await Promise.all(this.shards.map((s) => s.find(sq)));
    // "all" wins as soon as one shard found every word; "any" only when no shard did.
    const withAll = results.filter((r) => r.mode === 'all' && r.total > 0);
    const withAny = results.filter((r) => r.mode === 'any' && r.total > 0);
    let chosen: ShardResult[];
    let mode: SearchResponse['mode'];
    if (sq.similar) {
      chosen = results;
      mode = 'any';
    } else if (!sq.query) {
      chosen = results;
      mode = 'filters-only';
    } else if (withAll.length || !withAny.length) {
      chosen = withAll;
      mode = 'all';
    } else {
      chosen = withAny;
      mode = 'any';
    }
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

  private async withExcerpts(page: ShardHit[], q: ParsedQuery | null, excerptLength: number): Promise<SearchHit[]> {
    if (!page.length) return [];
    const texts = await this.opts.getTexts(page.map((h) => h.uid));
    const queryTerms = q ? q.words.map((w) => w.stem) : [];
    return page.map((h) => {
      const t = texts.get(h.uid);
      const excerpt = t ? buildExcerpt(t, [...queryTerms, ...h.terms], excerptLength) : null;
      return {
        uid: h.uid,
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
  for (const e of out.deputy) if (/^PA\d+$/.test(e.key)) withRef.set(normalizeName(e.label), e);
  out.deputy = out.deputy.filter((e) => {
    if (/^PA\d+$/.test(e.key)) return true;
    const same = withRef.get(normalizeName(e.label));
    if (!same) return true;
    same.count += e.count;
    return false;
  });
  return out;
}

const CIVILITY = /^(m|mme|mr|monsieur|madame)\s+/;

/** Exact > whole word > word prefix > substring; then by number of questions. Accent- and case-insensitive. */
export function rankSuggestions(entries: readonly FacetEntry[], input: string, limit: number): Suggestion[] {
  const q = normalizeName(input).replace(CIVILITY, '');
  const ranked: Array<{ e: FacetEntry; level: number }> = [];
  for (const e of entries) {
    const label = normalizeName(e.label);
    const forms = [label, label.replace(CIVILITY, ''), ...e.aliases];
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
