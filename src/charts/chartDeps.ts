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
  /** A campaign of identical questions counts once (its first question). */
  campaignOnce?: boolean;
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
    q: { text: string; filters: SearchFilters; sort?: SortOrder; campaignOnce?: boolean },
    limit: number,
    now: Date,
  ): Promise<{ total: number; uids: string[] }>;
  logger?: Logger;
}

declare module '../present/deps' {
  interface CommandDeps {
    charts?: ChartDeps;
  }
}

export interface CreateChartDepsOptions extends ChartServiceOptions {
  store: Pick<QuestionStore, 'db' | 'revision'>;
  collect: Collect;
  /** When given, trends use it (columns from the shards) instead of `collect` (hit objects). */
  collectFacts?: CollectFacts;
  /** The uids left out when a campaign counts once (CampaignStore.repeats), read once per corpus revision. */
  campaignRepeats?: () => ReadonlySet<string>;
}

export function createChartDeps(opts: CreateChartDepsOptions): ChartDeps {
  const service = new ChartService(opts);
  const corpus = createCorpusQueries(opts.store.db, () => opts.store.revision());
  const trends = new Map<string, { trend: Trend; mode: Collected['mode'] }>();
  let repeats: { revision: string; uids: ReadonlySet<string> } | null = null;
  const repeatsNow = (): ReadonlySet<string> => {
    const revision = opts.store.revision();
    if (repeats?.revision !== revision) repeats = { revision, uids: opts.campaignRepeats?.() ?? new Set() };
    return repeats.uids;
  };
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
        q.campaignOnce === true,
      ]);
      const hit = trends.get(key);
      if (hit) return hit;
      // The shards' fact columns carry no uid: counting a campaign once needs the hits (their uids).
      const { facts, mode } =
        opts.collectFacts && !q.campaignOnce
          ? await opts.collectFacts({ text: q.text, filters: q.filters, now })
          : await opts
              .collect({ text: q.text, filters: q.filters, sort: 'newest', now }, Number.MAX_SAFE_INTEGER)
              .then((c) => ({ mode: c.mode, facts: c.hits.map(factOfHit) }));
      const left = q.campaignOnce ? repeatsNow() : null;
      const value = {
        trend: aggregateTrend(left ? facts.filter((f) => !left.has(f.uid)) : facts, {
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
      if (q.campaignOnce) {
        // A campaign's repeats left out before the limit: every match collected, then filtered.
        const left = repeatsNow();
        const c = await opts.collect(
          { text: q.text, filters: q.filters, sort: q.sort ?? 'relevance', now },
          Number.MAX_SAFE_INTEGER,
        );
        const uids = c.hits.map((h) => h.uid).filter((uid) => !left.has(uid));
        return { total: uids.length, uids: uids.slice(0, limit) };
      }
      const c = await opts.collect({ text: q.text, filters: q.filters, sort: q.sort ?? 'relevance', now }, limit);
      return { total: c.total, uids: c.hits.map((h) => h.uid) };
    },
  };
}
