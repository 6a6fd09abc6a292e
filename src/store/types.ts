import type { Chamber, QuestionStatus, QuestionType } from '../corpus/types';

/** What changed in a question, as seen by an ingest. Digests are built from these. */
export type EventKind = 'new_question' | 'new_answer' | 'closed' | 'transfer';

export interface QuestionEvent {
  id: number; // monotonic, the digest cursor
  uid: string;
  kind: EventKind;
  /** ISO date-time (UTC) when the ingest saw the change. */
  seenAt: string;
  /**
   * True for events produced by the first import of a legislature into an empty store
   * (a bulk back-fill): kept for history, never posted in digests.
   */
  baseline: boolean;
  /** Kind-specific facts, e.g. { from: 'Justice', to: 'Intérieur' } for a transfer. */
  detail: Record<string, unknown>;
}

type UpsertStatus = 'new' | 'updated' | 'unchanged';

export interface UpsertOutcome {
  uid: string;
  status: UpsertStatus;
  events: EventKind[];
  /** An update that gave the question its author's name (it had only a reference before). */
  named?: boolean;
}

export interface UpsertOptions {
  /** ISO date-time of the ingest (injected clock). */
  seenAt: string;
  /** Force events to be baseline (see QuestionEvent.baseline). */
  baseline?: boolean;
  /**
   * When `baseline` is not given: events of questions of these legislatures are baseline (the ingest decides
   * once per run). When neither is given, a legislature with no question in the store before the call is baseline.
   */
  baselineLegislatures?: readonly number[];
}

export interface CorpusStats {
  total: number;
  byLegislature: Array<{ legislature: number; count: number }>;
  byType: Array<{ type: QuestionType; count: number }>;
  byStatus: Array<{ status: QuestionStatus; count: number }>;
  byLegislatureAndStatus: Array<{ legislature: number; status: QuestionStatus; count: number }>;
  /** The same per chamber (the Assemblée and the Sénat). */
  byChamberLegislatureAndStatus: Array<{
    chamber: Chamber;
    legislature: number;
    status: QuestionStatus;
    count: number;
  }>;
  newestQuestionDate: string | null;
  lastIngestAt: string | null;
}
