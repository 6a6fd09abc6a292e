/**
 * What the index needs from a Question: metadata for filters and hit display, and the texts to analyse.
 * This is what crosses the thread boundary (structured clone), so it stays small and flat.
 */
import { type Question, type QuestionHead, questionHead } from '../corpus/types';

/** Texts longer than this are indexed on their beginning only (bounds build time and memory on 10k-word answers). */
export const MAX_INDEXED_CHARS = 12_000;

export interface IndexDoc extends QuestionHead {
  questionDate: string | null;
  answerDate: string | null;
  authorName: string | null;
  authorRef: string | null;
  group: string | null;
  groupAbbrev: string | null;
  department: string | null;
  ministryAsked: string | null;
  ministryAskedFull: string | null;
  ministryAssigned: string | null;
  ministryAssignedFull: string | null;
  rubrique: string | null;
  teteAnalyse: string | null;
  analyses: string[];
  url: string;
  questionText: string | null;
  answerText: string | null;
}

function cap(text: string | null | undefined): string | null {
  if (!text) return null;
  return text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text;
}

export function toIndexDoc(q: Question): IndexDoc {
  return {
    ...questionHead(q),
    questionDate: q.question?.joDate ?? null,
    answerDate: q.answer?.joDate ?? null,
    authorName: q.author.name ?? q.author.fullName ?? null,
    authorRef: q.author.acteurRef,
    group: q.author.group?.name ?? null,
    groupAbbrev: q.author.group?.abbrev ?? null,
    department: q.author.department,
    ministryAsked: q.ministryAsked?.name ?? null,
    ministryAskedFull: q.ministryAsked?.fullName ?? null,
    ministryAssigned: q.ministryAssigned?.name ?? null,
    ministryAssignedFull: q.ministryAssigned?.fullName ?? null,
    rubrique: q.rubrique,
    teteAnalyse: q.teteAnalyse,
    analyses: q.analyses,
    url: q.url,
    questionText: cap(q.question?.text),
    answerText: cap(q.answer?.text),
  };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date, or -1 when unknown. */
export function isoToDay(iso: string | null | undefined): number {
  if (!iso) return -1;
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : -1;
}

export function dateToDay(d: Date): number {
  return Math.floor(d.getTime() / DAY_MS);
}
