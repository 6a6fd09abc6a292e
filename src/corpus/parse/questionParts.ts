/**
 * The pieces of a Question that the Assemblée formats (open data, former site's XML, seed pages) derive by the
 * same rules from what they read: the identity and its valid ranges, the status from the answer and the closure,
 * the answer a `REP_PUB` closure implies, and the three ministry fields from the asked ministry and the
 * assignments.
 */
import type * as Q from '../types';
import { fail, makeUid, ok } from '../types';

type Identity = Pick<Q.Question, 'uid' | 'chamber' | 'legislature' | 'number' | 'type'>;

/** An Assemblée question's identity, once its legislature (1 to 99) and number (1 to 999,999) are in range. */
export function assembleeIdentity(
  legislature: number,
  number: number,
  type: Q.QuestionType,
  uid: string = makeUid(legislature, type, number),
): Q.ParseResult<Identity> {
  if (legislature < 1 || legislature > 99) return fail(`législature invalide (${legislature})`);
  if (number < 1 || number > 999_999) return fail(`numéro de question invalide (${number})`);
  return ok({ uid, chamber: 'an', legislature, number, type });
}

/** Answered when there is an answer, withdrawn when closed without one, else pending. */
export function statusOf(answer: Q.PublishedText | null, closure: Q.Closure | null): Q.QuestionStatus {
  if (answer !== null) return 'answered';
  return closure !== null ? 'withdrawn' : 'pending';
}

/**
 * A `REP_PUB` closure without answer text still means answered: the answer is then `{ text: "" }` at the
 * closure's date, so that `status === 'answered'` always comes with `answer !== null`.
 */
export function answerOrPublished(
  answer: Q.PublishedText | null,
  closure: Q.Closure | null,
  closurePage: string | null,
): Q.PublishedText | null {
  if (answer !== null || closure?.code !== 'REP_PUB') return answer;
  return { text: '', joDate: closure.date, joPage: closurePage };
}

/**
 * The ministry fields: the assignments in order (the asked ministry at the question date when none is
 * recorded), the current one being the last.
 */
export function ministryFields(
  asked: Q.Ministry | null,
  assignments: Q.MinistryAssignment[],
  questionDate: string | null,
): Pick<Q.Question, 'ministryAsked' | 'ministryAssigned' | 'ministryHistory'> {
  const history = assignments.length === 0 && asked !== null ? [{ ministry: asked, date: questionDate }] : assignments;
  return { ministryAsked: asked, ministryAssigned: history.at(-1)?.ministry ?? null, ministryHistory: history };
}
