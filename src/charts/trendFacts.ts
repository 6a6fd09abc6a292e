import type { TrendFact } from '../insights/trend';
import type { Collected } from '../search/SearchService';

/** What a trend needs of a search hit (one question). */
export function factOfHit(h: Collected['hits'][number]): TrendFact {
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
