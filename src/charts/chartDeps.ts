import type { Logger } from '../logger';
import { createCorpusQueries, type CorpusQueries } from '../insights/corpusQueries';
import { aggregateTrend, type Granularity, type Trend, type TrendFact } from '../insights/trend';
import type { Collected } from '../search/SearchService';
import { factOfHit } from '../search/collectedFact';
import type { SearchFilters, SearchRequest, SortOrder } from '../search/types';
import type { QuestionStore } from '../store/QuestionStore';
import { ChartService, type ChartServiceOptions } from './ChartService';

export interface TrendQuery {
  text: string;
  filters: SearchFilters;
  granularity?: Granularity;
  /** How many deputies, groups and ministries to rank (default 5). */
  top?: number;
}

type Collect = (req: Pick<SearchRequest, 'text' | 'filters' | 'sort' | 'now'>, limit: number) => Promise<Collected>;
/** The chart facts of every match, gathered by the shards as columns (SearchService.collectFacts). */
type CollectFacts = (
  req: Pick<SearchRequest, 'text' | 'filters' | 'now'>,
) => Promise<{ mode: Collected['mode']; facts: TrendFact[] }>;

export interface ChartDeps {
  service: ChartService;
  corpus: CorpusQueries;
  /** Every match of a query (search's `collect`); null until the search engine offers it. */
  collect: Collect;
  /** The trend of a query, cached per corpus revision. */
  trend(q: TrendQuery, now: Date): Promise<{ trend: Trend; mode: Collected['mode'] }>;
  /** Uids of a query's matches for an export, in list order. */
  uids(
    q: { text: string; filters: SearchFilters; sort?: SortOrder },
    limit: number,
    now: Date,
  ): Promise<{ total: number; uids: string[] }>;
  logger?: Logger;
}

declare module '../discord/deps' {
  interface CommandDeps {
    charts?: ChartDeps;
  }
}

export interface CreateChartDepsOptions extends ChartServiceOptions {
  store: Pick<QuestionStore, 'db' | 'revision'>;
  collect: Collect;
  /** When given, trends use it (columns from the shards) instead of `collect` (hit objects). */
  collectFacts?: CollectFacts;
}

export function createChartDeps(opts: CreateChartDepsOptions): ChartDeps {
  const service = new ChartService(opts);
  const corpus = createCorpusQueries(opts.store.db, () => opts.store.revision());
  const trends = new Map<string, { trend: Trend; mode: Collected['mode'] }>();
  return {
    service,
    corpus,
    collect: opts.collect,
    ...(opts.logger ? { logger: opts.logger } : {}),
    async trend(q, now) {
      const key = JSON.stringify([
        opts.store.revision(),
        now.toISOString().slice(0, 10),
        q.text,
        q.filters,
        q.granularity,
        q.top,
      ]);
      const hit = trends.get(key);
      if (hit) return hit;
      const { facts, mode } = opts.collectFacts
        ? await opts.collectFacts({ text: q.text, filters: q.filters, now })
        : await opts
            .collect({ text: q.text, filters: q.filters, sort: 'newest', now }, Number.MAX_SAFE_INTEGER)
            .then((c) => ({ mode: c.mode, facts: c.hits.map(factOfHit) }));
      const value = {
        trend: aggregateTrend(facts, {
          ...(q.granularity ? { granularity: q.granularity } : {}),
          ...(q.top ? { top: q.top } : {}),
        }),
        mode,
      };
      if (trends.size >= 64) trends.delete(trends.keys().next().value as string);
      trends.set(key, value);
      return value;
    },
    async uids(q, limit, now) {
      const c = await opts.collect({ text: q.text, filters: q.filters, sort: q.sort ?? 'relevance', now }, limit);
      return { total: c.total, uids: c.hits.map((h) => h.uid) };
    },
  };
}
