/**
 * What commands depend on. Narrow interfaces so unit tests can pass small in-memory fakes; the real
 * implementations are the QuestionStore, the search service's engine, the SQL insights and the SQLite page
 * state, wired in src/main.ts (`createCommandDeps`).
 *
 * Other domains extend this by module augmentation, without editing this file:
 *   declare module '../../src/present/deps' { interface CommandDeps { digest: DigestService } }
 */
import type { Chamber, Question, QuestionType } from '../corpus/types';
import type { CorpusStats } from '../store/types';
import type { SearchRequest, SearchResponse, SuggestKind, Suggestion } from '../search/types';
import type { Insights } from '../insights/types';
import type { Logger } from '../logger';

type MaybePromise<T> = T | Promise<T>;

export interface BotStore {
  getQuestion(uid: string): Question | null | undefined;
  findQuestion(
    legislature: number,
    number: number,
    type?: QuestionType,
    chamber?: Chamber,
  ): Question | null | undefined;
  getQuestions(uids: string[]): Question[];
  getTexts(uids: string[]): Map<string, { question: string | null; answer: string | null }>;
  stats(): CorpusStats;
  count(): number;
}

/** The SearchEngine contract, whether its methods are synchronous or return promises (worker threads). */
export interface BotSearch {
  readonly ready: boolean;
  search(req: SearchRequest): MaybePromise<SearchResponse>;
  similar(uid: string, limit?: number): MaybePromise<SearchResponse>;
  suggest(kind: SuggestKind, input: string, limit?: number): MaybePromise<Suggestion[]>;
}

/**
 * Small state a component needs beyond its 100-character custom id (e.g. a search's options for the page
 * buttons). Persisted (SQLite) so that buttons keep working after a restart. Ids are deterministic: saving the
 * same payload twice returns the same id.
 */
export interface PageStateStore {
  save(kind: string, payload: unknown, now: Date): string;
  load(kind: string, id: string): unknown;
}

export interface CommandDeps {
  store: BotStore;
  search: BotSearch;
  insights: Insights;
  pages: PageStateStore;
  logger?: Logger;
}
