/**
 * The bot's command dependencies for CLI subcommands that answer like the bot (demander, tendance, palmares):
 * the saved search index (rebuilt and saved when the corpus changed), SQL insights, in-memory page state, and
 * charts rendered in this process (a CLI run renders one chart: no worker to start).
 */
import { createChartDeps } from '../charts/chartDeps';
import { createCommandDeps } from '../present/createCommandDeps';
import type { CommandDeps } from '../present/deps';
import { MemoryPageState } from '../present/sqlitePageState';
import { createSearchService } from '../search/createSearchService';
import type { QuestionStore } from '../store/QuestionStore';

export async function openBotDeps(
  store: QuestionStore,
  indexDir: string,
): Promise<{ deps: CommandDeps; close: () => Promise<void> }> {
  const search = createSearchService({ store, indexDir });
  await search.whenReady;
  const deps = createCommandDeps(store, search.engine);
  deps.pages = new MemoryPageState();
  deps.charts = createChartDeps({
    store,
    collect: (req, limit) => search.engine.collect(req, limit),
    collectFacts: (req) => search.engine.collectFacts(req),
    campaignRepeats: () => deps.campaigns?.repeats() ?? new Set(),
    inProcess: true,
  });
  return {
    deps,
    close: async () => {
      await deps.charts?.service.close();
      await search.close();
    },
  };
}
