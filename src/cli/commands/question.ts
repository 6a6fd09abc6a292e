import { parseUid, type Question, type QuestionType } from '../../corpus/types';
import type { QuestionStore } from '../../store/QuestionStore';
import { renderQuestion } from '../renderQuestion';
import { CliError, type CliCommand } from '../types';

const TYPES: readonly QuestionType[] = ['QE', 'QG', 'QOSD'];

/**
 * Accepted references: a uid (QANR5L14QE50862), "14-50862" (QE by default), "14-50862-QG", or a bare number
 * (found when exactly one legislature has that QE number).
 */
export function findByReference(store: QuestionStore, ref: string): Question | Question[] | null {
  const trimmed = ref.trim();
  const uid = parseUid(trimmed.toUpperCase());
  if (uid) return store.getQuestion(trimmed.toUpperCase());
  const m = /^(\d{1,2})\s*[-/ ]\s*(\d{1,6})(?:\s*[-/ ]\s*(QE|QG|QOSD))?$/i.exec(trimmed);
  if (m) {
    const type = (m[3]?.toUpperCase() ?? 'QE') as QuestionType;
    return store.findQuestion(Number(m[1]), Number(m[2]), TYPES.includes(type) ? type : 'QE');
  }
  if (/^\d{1,6}$/.test(trimmed)) {
    const rows = store.db
      .prepare<[number], { uid: string }>("SELECT uid FROM questions WHERE number = ? AND type = 'QE' ORDER BY legislature DESC")
      .all(Number(trimmed));
    const found = store.getQuestions(rows.map((r) => r.uid));
    if (found.length === 0) return null;
    return found.length === 1 ? found[0]! : found;
  }
  throw new CliError(
    `Référence non reconnue : « ${ref} ». Exemples : 14-50862, 17-1234-QG, QANR5L14QE50862.`,
  );
}

export const questionCommand: CliCommand = {
  name: 'question',
  summary: 'affiche une question (texte, réponse, ministères, dates)',
  usage: 'question <législature-numéro | uid> [--json]',
  run(args, ctx) {
    const json = args.includes('--json');
    const refs = args.filter((a) => a !== '--json');
    if (refs.length !== 1) throw new CliError('Usage : npm run cli -- question <législature-numéro | uid> [--json], par ex. 14-50862');
    const ref = refs[0]!;
    const found = findByReference(ctx.store(), ref);
    if (!found) throw new CliError(`Aucune question « ${ref} » dans la base.`);
    if (Array.isArray(found)) {
      ctx.err(
        `Plusieurs questions portent le numéro ${ref} : ${found.map((q) => `${q.legislature}-${q.number}`).join(', ')}. Précisez la législature, par ex. ${found[0]!.legislature}-${ref}.`,
      );
      return 1;
    }
    ctx.out(json ? JSON.stringify(found, null, 2) : renderQuestion(found));
    return 0;
  },
};
