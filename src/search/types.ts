import type { Chamber, QuestionStatus, QuestionType } from '../corpus/types';

/** Filters combine with each other (AND) and with the text. Strings match accent- and case-insensitively. */
export interface SearchFilters {
  /** One chamber; both when absent. */
  chamber?: Chamber;
  legislature?: number;
  /** acteurRef (PA...) or a name ("Tardy", "M. Lionel Tardy"). */
  deputy?: string;
  /** Group name or abbreviation. */
  group?: string;
  department?: string;
  /** Ministry name; matches the ministry asked or the one currently assigned unless `ministryRole` says otherwise. */
  ministry?: string;
  ministryRole?: 'asked' | 'assigned' | 'any';
  rubrique?: string;
  status?: QuestionStatus;
  /** Question JO date range, ISO, inclusive. */
  from?: string;
  to?: string;
  /** Answered within N days of the question. */
  answeredWithinDays?: number;
  /** Still pending N days or more after the question (relative to `now`). */
  pendingForMoreThanDays?: number;
}

export type SortOrder = 'relevance' | 'newest' | 'oldest';

export interface SearchRequest {
  /** Free text: words, "exact phrase", -excluded; a number alone finds that question first. */
  text?: string;
  filters?: SearchFilters;
  sort?: SortOrder;
  offset?: number;
  /** Page size (default 5). */
  limit?: number;
  /** Max excerpt length in characters (default 300). */
  excerptLength?: number;
  /** Clock for day-based filters. */
  now?: Date;
  /** Prefix search on the last word (autocomplete). Default true. */
  prefix?: boolean;
  /** Fuzzy matching scaled to word length. Default true. */
  fuzzy?: boolean;
}

/** An excerpt as parts so that each front end escapes text and marks matches its own way. */
export interface ExcerptPart {
  text: string;
  match: boolean;
}

export interface Excerpt {
  from: 'answer' | 'question';
  parts: ExcerptPart[];
}

export interface SearchHit {
  uid: string;
  chamber: Chamber;
  score: number;
  legislature: number;
  number: number;
  type: QuestionType;
  /** "rubrique / tête d'analyse / analyse" */
  title: string;
  author: string | null;
  group: string | null;
  ministry: string | null;
  questionDate: string | null;
  answerDate: string | null;
  status: QuestionStatus;
  url: string;
  excerpt: Excerpt | null;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Number of matching questions (all pages). */
  total: number;
  /**
   * 'all': every result has every word (or its spellings, family, acronym...);
   * 'mixed': too few questions have every word (or only weakly): the first `allTotal` results have them all, the
   *   next ones most of them (say so to the user);
   * 'any': no question has every word: results with most of them (say so);
   * 'filters-only': no text, filters alone.
   */
  mode: 'all' | 'mixed' | 'any' | 'filters-only';
  /** How many questions have every word (all pages); set with mode 'mixed' (and 'all', 'any'). */
  allTotal?: number;
  tookMs: number;
}

export type SuggestKind = 'deputy' | 'ministry' | 'rubrique' | 'group';

export interface Suggestion {
  /** What to show. */
  label: string;
  /** What to put in the option (a name, or an acteurRef for deputies). */
  value: string;
  count: number;
}

/**
 * Asynchronous: the index lives in worker threads so that heavy queries never stall the Discord gateway.
 * Before `ready`, `search` and `similar` reject with a `SearchNotReadyError` ("index en cours de chargement")
 * and `suggest` resolves to [].
 */
export interface SearchEngine {
  readonly ready: boolean;
  readonly size: number;
  search(req: SearchRequest): Promise<SearchResponse>;
  /** Closest questions to `uid`, itself excluded. */
  similar(uid: string, limit?: number): Promise<SearchResponse>;
  /** Ranked exact > prefix > substring, accent-insensitive. */
  suggest(kind: SuggestKind, input: string, limit?: number): Promise<Suggestion[]>;
}
