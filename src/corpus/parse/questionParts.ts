/**
 * The pieces of a Question that every Assemblée format (open data, former site's XML, seed pages) derives by the
 * same rules from what it read: the status from the answer and the closure, the answer a `REP_PUB` closure
 * implies, and the three ministry fields from the asked ministry and the assignments.
 */
import type { Closure, Ministry, MinistryAssignment, PublishedText, Question, QuestionStatus } from '../types';

/** Answered when there is an answer, withdrawn when closed without one, else pending. */
export function statusOf(answer: PublishedText | null, closure: Closure | null): QuestionStatus {
  if (answer !== null) return 'answered';
  return closure !== null ? 'withdrawn' : 'pending';
}

/**
 * A `REP_PUB` closure without answer text still means answered: the answer is then `{ text: "" }` at the
 * closure's date, so that `status === 'answered'` always comes with `answer !== null`.
 */
export function answerOrPublished(
  answer: PublishedText | null,
  closure: Closure | null,
  closurePage: string | null,
): PublishedText | null {
  if (answer !== null || closure?.code !== 'REP_PUB') return answer;
  return { text: '', joDate: closure.date, joPage: closurePage };
}

/**
 * The ministry fields: the assignments in order (the asked ministry at the question date when none is
 * recorded), the current one being the last.
 */
export function ministryFields(
  asked: Ministry | null,
  assignments: MinistryAssignment[],
  questionDate: string | null,
): Pick<Question, 'ministryAsked' | 'ministryAssigned' | 'ministryHistory'> {
  const history = assignments.length === 0 && asked !== null ? [{ ministry: asked, date: questionDate }] : assignments;
  return { ministryAsked: asked, ministryAssigned: history.at(-1)?.ministry ?? null, ministryHistory: history };
}
