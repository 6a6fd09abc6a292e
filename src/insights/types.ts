/** Deputy and ministry summaries (computed with SQL on the store's database, aggregated in pure functions). */
import type { Chamber, QuestionStatus } from '../corpus/types';

/** The few facts about a question the summaries need. */
export interface QuestionFacts {
  uid: string;
  legislature: number;
  number: number;
  status: QuestionStatus;
  questionDate: string | null;
  answerDate: string | null;
  rubrique: string | null;
  ministryAsked: string | null;
  ministryAssigned: string | null;
}

export interface NameCount {
  name: string;
  count: number;
}

export interface Summary {
  total: number;
  answered: number;
  pending: number;
  withdrawn: number;
  /** answered / total, 0 when total is 0. */
  answeredShare: number;
  /** Median days between question and answer, over answered questions with both dates. */
  medianDelayDays: number | null;
  /** Pending questions published more than two months before `now` (the rule of the Règlement). */
  pendingPastDeadline: number;
  topRubriques: NameCount[];
  topMinistries: NameCount[];
  /** Oldest pending questions first (at most 5). */
  oldestPending: QuestionFacts[];
  firstQuestionDate: string | null;
  lastQuestionDate: string | null;
}

export interface DeputyRef {
  acteurRef: string | null;
  /** Display name ("M. Lionel Tardy"). */
  name: string;
  /** The member's chamber: a senator's ref says 'senat'; absent (saved before the Sénat arrived) = the Assemblée. */
  chamber?: Chamber;
}

export interface Insights {
  /** Questions of one chamber (the Assemblée by default) with this number (type QE by default), newest legislature first. */
  findByNumber(number: number, type?: string, chamber?: Chamber): Array<{ uid: string; legislature: number }>;
  /**
   * Deputies whose name matches (src/insights/names.ts: words in any order, accents, hyphens, civility and particles
   * aside; exact name > last name > whole words > prefix > substring, then most questions). Includes the deputies of
   * the deputies' records who have no question yet (count 0). An acteurRef ("PA1008") finds that deputy.
   * `chamber`: the Assemblée's deputies (the default) or the Sénat's senators, by the same matcher.
   */
  findDeputies(input: string, limit?: number, chamber?: Chamber): Array<DeputyRef & { count: number }>;
  /** Ministries (asked or assigned) whose name matches, by the same matcher (« ministère de l'intérieur » finds « Intérieur »). */
  findMinistries(input: string, limit?: number): Array<{ name: string; count: number }>;
  deputyFacts(ref: DeputyRef): QuestionFacts[];
  ministryFacts(name: string): QuestionFacts[];
}
