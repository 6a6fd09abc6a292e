/**
 * /question numero [legislature]: one question in full (see src/discord/views/questionView.ts). Without a
 * legislature, the most recent legislature holding that number. The "Questions similaires" button (`qsim:<uid>`)
 * answers with a new message of similar questions.
 */
import { component, defineCommand } from '../src/discord/commandKit';
import type { CommandDeps } from '../src/discord/deps';
import { ordinal } from '../src/discord/format';
import { UserError } from '../src/discord/UserError';
import { questionReply } from '../src/discord/views/questionView';
import { requireSearchReady, showResults, type ResultsState } from '../src/discord/views/resultsView';
import type { Question } from '../src/corpus/types';

/** Finds a question by number (and legislature), or throws a French UserError. */
export function findQuestionOrFail(deps: CommandDeps, numero: number, legislature?: number): Question {
  if (legislature !== undefined) {
    const q = deps.store.findQuestion(legislature, numero, 'QE');
    if (!q) {
      const elsewhere = deps.insights.findByNumber(numero, 'QE').map((r) => ordinal(r.legislature));
      throw new UserError(
        `Aucune question écrite n° ${numero} dans la ${ordinal(legislature)} législature.` +
          (elsewhere.length ? ` Ce numéro existe dans : ${elsewhere.join(', ')} législature.` : ''),
      );
    }
    return q;
  }
  const found = deps.insights.findByNumber(numero, 'QE')[0];
  const q = found ? deps.store.getQuestion(found.uid) : null;
  if (!q) throw new UserError(`Aucune question écrite n° ${numero} dans la base.`);
  return q;
}

/** The results state of "questions similar to q" (shared by /similaires and the qsim button). */
export function similarState(q: Question): ResultsState {
  return { k: 'similar', uid: q.uid, label: `la n° ${q.number} (${ordinal(q.legislature)} lég.)` };
}

export default defineCommand({
  name: 'question',
  help: {
    what: 'Affiche une question, sa réponse, l’historique des ministères et le délai.',
    examples: ['/question numero:50862 legislature:14'],
  },
  description: 'Affiche une question écrite, sa réponse et son historique',
  descriptionEn: 'Show a written question, its answer and its history',
  options: {
    numero: { type: 'integer', required: true, nameEn: 'number', minValue: 1, maxValue: 999_999, description: 'Numéro de la question (ex. 50862)', descriptionEn: 'Question number (e.g. 50862)' },
    legislature: { type: 'integer', minValue: 1, maxValue: 20, description: 'Législature (par défaut la plus récente qui a ce numéro)', descriptionEn: 'Legislature (default: the latest with that number)' },
  },
  prepare: (args, deps) => findQuestionOrFail(deps, args.numero, args.legislature),
  run: (q, _deps, ctx) => questionReply(q, ctx.now),
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
