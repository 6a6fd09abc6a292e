/**
 * How people write a question's reference, read in one place for every front end: a uid (QANR5L17QG1),
 * "17-1", "17-1-QG", "QG 17-1", "QG-17-1", "17/1 QE", or a bare number ("50862"). Types are QE, QG, QOSD.
 */
import { parseUid, type QuestionType } from './types';

export const QUESTION_TYPES: readonly QuestionType[] = ['QE', 'QG', 'QOSD'];

export interface QuestionRef {
  legislature: number | null;
  number: number;
  /** Null: any type (the caller lists them when several share the number). */
  type: QuestionType | null;
}

const TYPE = '(QE|QG|QOSD)';
const SEP = '\\s*[-/ ]\\s*';
const LEG_NUM_TYPE = new RegExp(`^(\\d{1,2})${SEP}(\\d{1,6})(?:${SEP}${TYPE})?$`, 'i');
const TYPE_LEG_NUM = new RegExp(`^${TYPE}${SEP}(\\d{1,2})${SEP}(\\d{1,6})$`, 'i');
const TYPE_NUM = new RegExp(`^(?:${TYPE}${SEP})?(\\d{1,6})$`, 'i');

/** The reference, or null when the text is none of the accepted forms. */
export function parseQuestionRef(input: string): QuestionRef | null {
  const t = input.trim();
  const uid = parseUid(t.toUpperCase());
  if (uid) return uid;
  let m = LEG_NUM_TYPE.exec(t);
  if (m)
    return {
      legislature: Number(m[1]),
      number: Number(m[2]),
      type: (m[3]?.toUpperCase() as QuestionType | undefined) ?? null,
    };
  m = TYPE_LEG_NUM.exec(t);
  if (m) return { legislature: Number(m[2]), number: Number(m[3]), type: m[1]!.toUpperCase() as QuestionType };
  m = TYPE_NUM.exec(t);
  if (m)
    return { legislature: null, number: Number(m[2]), type: (m[1]?.toUpperCase() as QuestionType | undefined) ?? null };
  return null;
}

/** "17-1-QG": the short form the lookups print and accept back. */
export function refLabel(q: { legislature: number; number: number; type: QuestionType }): string {
  return `${q.legislature}-${q.number}-${q.type}`;
}

/** Orders candidates newest legislature first, then QE, QG, QOSD. */
export function compareRefs(
  a: { legislature: number; type: QuestionType },
  b: { legislature: number; type: QuestionType },
): number {
  return b.legislature - a.legislature || QUESTION_TYPES.indexOf(a.type) - QUESTION_TYPES.indexOf(b.type);
}
