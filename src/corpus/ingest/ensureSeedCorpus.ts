import type { QuestionStore } from '../../store/QuestionStore';
import { ingest } from './ingest';
import type { IngestSummary } from './types';

/**
 * First start of a fresh clone: when the store holds no question at all, ingests the shipped seed pages.
 * Returns the summary, or null when the store already had questions (nothing done).
 */
export async function ensureSeedCorpus(
  store: QuestionStore,
  seedsDir = 'data/seeds',
  now: Date = new Date(),
  log?: (line: string) => void,
): Promise<IngestSummary | null> {
  if (store.count() > 0) return null;
  return ingest([seedsDir], { store, now, ...(log ? { log } : {}) });
}
