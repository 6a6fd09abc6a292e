/**
 * How people write a question's reference, read in one place for every front end: a uid (QANR5L17QG1, QSENL17QE4132),
 * "17-1", "17-1-QG", "QG 17-1", "QG-17-1", "17/1 QE", or a bare number ("50862"). Types are QE, QG, QOSD.
 * A chamber may come first: « S 17-4132 », « Sénat 17-4132 », « AN 17-4132 »; without one (and without a uid), the
 * chamber is not said and callers read the Assemblée's question unless told otherwise (`--chambre senat`).
 */
import { type Chamber, parseUid, type QuestionType } from './types';

export const QUESTION_TYPES: readonly QuestionType[] = ['QE', 'QG', 'QOSD'];

export interface QuestionRef {
  /** Null: not said (the caller's default, the Assemblée unless told otherwise). */
  chamber: Chamber | null;
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

/** A chamber written before the reference: « S », « Sénat », « senat », « AN », « Assemblée ». */
const CHAMBER_PREFIX = /^(s|s[ée]nat|an|assembl[ée]e)\s*[-: ]\s*(\d.*)$/i;

/** The reference, or null when the text is none of the accepted forms. */
export function parseQuestionRef(input: string): QuestionRef | null {
  const t = input.trim();
  const uid = parseUid(t.toUpperCase());
  if (uid) return uid;
  const prefixed = CHAMBER_PREFIX.exec(t);
  if (prefixed) {
    const rest = refWithoutChamber(prefixed[2]!);
    return rest ? { ...rest, chamber: /^s/i.test(prefixed[1]!) ? 'senat' : 'an' } : null;
  }
  const ref = refWithoutChamber(t);
  return ref ? { ...ref, chamber: null } : null;
}

function refWithoutChamber(t: string): Omit<QuestionRef, 'chamber'> | null {
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
