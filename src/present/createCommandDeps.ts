/** Wires the real dependencies of the commands from the store and the search engine. */
import type { CorpusStats } from '../store/types';
import type { QuestionStore } from '../store/QuestionStore';
import { CampaignStore } from '../campaigns/CampaignStore';
import { createSqlInsights, warmInsights } from '../insights/sqlInsights';
import type { Logger } from '../logger';
import type { BotSearch, BotStore, CommandDeps } from './deps';
import { SqlitePageState } from './sqlitePageState';

/** The store seen by commands, with `stats()` cached per corpus revision (it groups over the whole table). */
function statsCachingStore(store: QuestionStore): BotStore {
  let cached: { rev: string; stats: CorpusStats } | null = null;
  return {
    getQuestion: (uid) => store.getQuestion(uid),
    findQuestion: (legislature, number, type, chamber) => store.findQuestion(legislature, number, type, chamber),
    getQuestions: (uids) => store.getQuestions(uids),
    getTexts: (uids) => store.getTexts(uids),
    count: () => store.count(),
    stats: () => {
      const rev = store.revision();
      const lastIngestAt = store.getMeta('last_ingest_at');
      if (!cached || cached.rev !== rev || cached.stats.lastIngestAt !== lastIngestAt)
        cached = { rev, stats: store.stats() };
      return cached.stats;
    },
  };
}

export function createCommandDeps(store: QuestionStore, search: BotSearch, logger?: Logger): CommandDeps {
  return {
    store: statsCachingStore(store),
    search,
    insights: createSqlInsights(store.db, () => store.revision(), logger),
    pages: new SqlitePageState(store.db),
    campaigns: new CampaignStore(store),
    ...(logger ? { logger } : {}),
  };
}

/** Fills the caches (name lists for autocomplete, corpus stats) before the first users arrive. */
export function warmCommandDeps(deps: CommandDeps): void {
  warmInsights(deps.insights);
  deps.store.stats();
}
