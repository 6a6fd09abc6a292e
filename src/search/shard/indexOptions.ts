/**
 * What a shard indexes and with which options: the fields and their weights, how a document becomes analysed
 * terms, the ONE options object minisearch is built and reloaded with, and the tuning of frequent terms.
 */
import type { Options } from 'minisearch';
import { analyzeText } from '../analyzeFrench';
import type { IndexDoc } from '../indexDoc';

export const FIELDS = ['idx', 'who', 'q', 'a'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Indexing terms (rubrique, tête d'analyse, analyses) and the author count more than the question text,
 * which counts more than the answer text.
 */
export const FIELD_BOOSTS: Record<Field, number> = { idx: 3, who: 3, q: 1.5, a: 1 };

/** Answers are indexed on their first tokens only (a 10,000-word answer would otherwise weigh on every query). */
const MAX_ANSWER_TOKENS = 1500;
const MAX_QUESTION_TOKENS = 1000;

/** A document as minisearch receives it: its slot and, per field, its analysed terms. */
export interface IndexedFields {
  id: number;
  idx: string[];
  who: string[];
  q: string[];
  a: string[];
}

/**
 * The ONE options object used to build AND to reload the index (minisearch requires the same options).
 * Documents are given already analysed (arrays of terms), so tokenize/processTerm are identities.
 */
export const INDEX_OPTIONS: Options<IndexedFields> = {
  fields: [...FIELDS],
  idField: 'id',
  extractField: (doc, field) => (doc as unknown as Record<string, unknown>)[field] as string,
  stringifyField: (value) => value as string,
  tokenize: (terms) => terms as unknown as string[],
  processTerm: (term) => term,
  autoVacuum: { minDirtCount: 2000, minDirtFactor: 0.1, batchSize: 2000, batchWait: 5 },
};

export function analyzeDoc(doc: IndexDoc, slot: number): IndexedFields {
  const idx = analyzeText([doc.rubrique, doc.teteAnalyse, ...doc.analyses].filter(Boolean).join(' . '));
  const who = analyzeText(doc.authorName);
  who.push(String(doc.number));
  return {
    id: slot,
    idx,
    who,
    q: analyzeText(doc.questionText, MAX_QUESTION_TOKENS),
    a: analyzeText(doc.answerText, MAX_ANSWER_TOKENS),
  };
}

/** How frequent terms are chosen and how far query words expand. */
export interface ShardTuning {
  /** A term found in more than this share of the shard's documents becomes a frequent term (see frequentTerms.ts). */
  frequentRatio: number;
  /** Below this many documents no term is frequent (shares are noise on small corpora). */
  frequentMinDocs: number;
  /** Max index terms a cut word (prefix) or a typo (fuzzy) expands to when it reaches frequent terms. */
  maxExpansions: number;
  /** Postings added to a shard before they are first merged into its compact arenas (miniAdapter.ts). */
  mergePostings: number;
}

export const DEFAULT_TUNING: ShardTuning = {
  frequentRatio: 0.05,
  frequentMinDocs: 2000,
  maxExpansions: 30,
  mergePostings: 50_000,
};
