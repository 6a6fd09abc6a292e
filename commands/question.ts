/**
 * /question numero [legislature] [chambre] [type]: one question in full (the Assemblée's unless chambre:senat) (see src/present/views/questionView.ts). Without a
 * legislature, the most recent legislature holding that number; without a type, the one type holding it there
 * (several are listed for the user to choose). The "Questions similaires" button (`qsim:<uid>`)
 * answers with a new message of similar questions.
 */
import { legislatureOption, ONE_CHAMBER_CHOICES } from '../src/present/views/filters';
import { component, defineCommand } from '../src/present/commandKit';
import type { CommandDeps } from '../src/present/deps';
import { ordinal } from '../src/present/format';
import { UserError } from '../src/present/UserError';
import { questionReply } from '../src/present/views/questionView';
import type { ResultsState } from '../src/present/views/resultsState';
import { requireSearchReady, showResults } from '../src/present/views/resultsView';
import { compareRefs, QUESTION_TYPES } from '../src/corpus/questionRef';
import type { Chamber, Question, QuestionType } from '../src/corpus/types';
import { CHAMBER_MARKS, CHAMBER_PLACES, TYPE_NAMES } from '../src/format/french';

/**
 * Finds a question by number (and legislature, and type), or throws a French UserError. Without a legislature:
 * the most recent one holding that number. Without a type: every type; when several share the number there,
 * they are listed for the user to choose (issue 12: `17-1` is a question au Gouvernement).
 */
export function findQuestionOrFail(
  deps: CommandDeps,
  numero: number,
  legislature?: number,
  type?: QuestionType,
  chamber: Chamber = 'an',
): Question {
  const types = type ? [type] : QUESTION_TYPES;
  const all = types
    .flatMap((t) => deps.insights.findByNumber(numero, t, chamber).map((r) => ({ ...r, type: t })))
    .sort(compareRefs);
  const what = type ? TYPE_NAMES[type] : 'question écrite';
  const place = CHAMBER_PLACES[chamber];
  if (legislature !== undefined) {
    const here = all.filter((r) => r.legislature === legislature);
    if (here.length === 0) {
      const elsewhere = [...new Set(all.map((r) => r.legislature))].map((l) => ordinal(l));
      throw new UserError(
        `Aucune ${what} n° ${numero} ${place} dans la ${ordinal(legislature)} législature.` +
          (elsewhere.length ? ` Ce numéro existe dans : ${elsewhere.join(', ')} législature.` : ''),
      );
    }
    return pickOne(deps, here, numero);
  }
  const latest = all[0]?.legislature;
  if (latest === undefined) throw new UserError(`Aucune ${what} n° ${numero} ${place} dans la base.`);
  return pickOne(
    deps,
    all.filter((r) => r.legislature === latest),
    numero,
  );
}

function pickOne(
  deps: CommandDeps,
  rows: Array<{ uid: string; legislature: number; type: QuestionType }>,
  numero: number,
): Question {
  if (rows.length > 1) {
    throw new UserError(
      `Plusieurs questions portent le n° ${numero} dans la ${ordinal(rows[0]!.legislature)} législature : ` +
        `${rows.map((r) => `${TYPE_NAMES[r.type]} (type:${r.type})`).join(', ')}. Précisez le type avec l’option type.`,
    );
  }
  const q = deps.store.getQuestion(rows[0]!.uid);
  if (!q) throw new UserError("Cette question n'est plus dans la base.");
  return q;
}

/** The results state of "questions similar to q" (shared by /similaires and the qsim button). */
export function similarState(q: Question): ResultsState {
  const where = q.chamber === 'senat' ? `${CHAMBER_MARKS.senat}, ` : '';
  return { k: 'similar', uid: q.uid, label: `la n° ${q.number} (${where}${ordinal(q.legislature)} lég.)` };
}

/** The chamber of a question looked up by number: the Assemblée unless the user says the Sénat. */
export function lookupChamber(value: string | undefined): Chamber {
  return value === 'senat' ? 'senat' : 'an';
}

/** A question by number and legislature: the options of /question and /similaires. */
export const QUESTION_REF_OPTIONS = {
  numero: {
    type: 'integer',
    required: true,
    nameEn: 'number',
    minValue: 1,
    maxValue: 999_999,
    description: 'Numéro de la question (ex. 50862)',
    descriptionEn: 'Question number (e.g. 50862)',
  },
  legislature: legislatureOption(
    'Législature (par défaut la plus récente qui a ce numéro)',
    'Legislature (default: the latest with that number)',
  ),
  chambre: {
    type: 'string',
    nameEn: 'chamber',
    description: 'Assemblée nationale (par défaut) ou Sénat',
    descriptionEn: 'National Assembly (default) or Senate',
    choices: ONE_CHAMBER_CHOICES,
  },
} as const;

export default defineCommand({
  name: 'question',
  help: {
    what: 'Affiche une question, sa réponse, l’historique des ministères et le délai.',
    examples: ['/question numero:50862 legislature:14', '/question numero:4132 legislature:17 chambre:senat'],
  },
  description: 'Affiche une question écrite, sa réponse et son historique',
  descriptionEn: 'Show a written question, its answer and its history',
  options: {
    ...QUESTION_REF_OPTIONS,
    type: {
      type: 'string',
      description: 'Type de question (à préciser quand plusieurs types ont ce numéro)',
      descriptionEn: 'Question type (when several types share the number)',
      choices: [
        { name: 'question écrite', nameEn: 'written question', value: 'QE' },
        { name: 'question au Gouvernement', nameEn: 'question to the Government', value: 'QG' },
        { name: 'question orale sans débat', nameEn: 'oral question', value: 'QOSD' },
      ],
    },
  },
  prepare: (args, deps) =>
    findQuestionOrFail(
      deps,
      args.numero,
      args.legislature,
      args.type as QuestionType | undefined,
      lookupChamber(args.chambre),
    ),
  run: (q, deps, ctx) => questionReply(q, ctx.now, deps.campaigns?.ofQuestion(q.uid)),
  components: {
    /** qsim:<uid> -> similar questions, as a new message. */
    qsim: component({
      answer: 'reply',
      prepare(call, deps) {
        const q = deps.store.getQuestion(call.args[0] ?? '');
        if (!q) throw new UserError("Cette question n'est plus dans la base.");
        requireSearchReady(deps);
        return q;
      },
      run: (q, deps, ctx) => showResults(similarState(q), 1, deps, ctx.now),
    }),
  },
});
