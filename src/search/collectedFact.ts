/**
 * What charts know of a match, and how a search hit becomes one: the one mapping used by the search service's
 * `collectFacts` (phrases) and by the trend views over collected hits. Types only imported: importing it changes no
 * module's load order.
 */
import type { SearchHit } from './types';

/** What charts know of a match (the uid is empty when the facts came from the shards' columns). */
export interface CollectedFact {
  uid: string;
  status: SearchHit['status'];
  questionDate: string | null;
  answerDate: string | null;
  author: string | null;
  group: string | null;
  ministry: string | null;
}

/** The facts of one hit (a search hit or a collected one: both carry these fields). */
export function factOfHit(
  h: Pick<SearchHit, 'uid' | 'status' | 'questionDate' | 'answerDate' | 'author' | 'group' | 'ministry'>,
): CollectedFact {
  return {
    uid: h.uid,
    status: h.status,
    questionDate: h.questionDate,
    answerDate: h.answerDate,
    author: h.author,
    group: h.group,
    ministry: h.ministry,
  };
}
