import { CampaignStore } from '../../campaigns/CampaignStore';
import { parseQuestionRef, refLabel } from '../../corpus/questionRef';
import type { Question } from '../../corpus/types';
import { TYPE_LABELS } from '../../format/french';
import type { QuestionStore } from '../../store/QuestionStore';
import { renderQuestion } from '../renderQuestion';
import { CliError, type CliCommand } from '../types';

/**
 * Accepted references (src/corpus/questionRef.ts): a uid (QANR5L14QE50862), "14-50862", "17-1-QG", "QG 17-1", or
 * a bare number. Without a type, every type is looked at: one question is returned alone, several (types or
 * legislatures sharing the number) as a list for the caller to show.
 */
function findByReference(store: QuestionStore, ref: string): Question | Question[] | null {
  const parsed = parseQuestionRef(ref);
  if (!parsed) {
    throw new CliError(`Référence non reconnue : « ${ref} ». Exemples : 14-50862, 17-1-QG, QG 17-1, QANR5L14QE50862.`);
  }
  const rows = store.findByNumber(parsed.number, parsed);
  const found = store.getQuestions(rows.map((r) => r.uid));
  if (found.length === 0) return null;
  return found.length === 1 ? found[0]! : found;
}

export const questionCommand: CliCommand = {
  name: 'question',
  summary: 'affiche une question (texte, réponse, ministères, dates)',
  usage: 'question <législature-numéro | uid> [--json]   (aussi 17-1-QG, QG 17-1)',
  run(args, ctx) {
    const json = args.includes('--json');
    const refs = args.filter((a) => a !== '--json');
    if (refs.length === 0)
      throw new CliError(
        'Usage : npm run cli -- question <législature-numéro | uid> [--json], par ex. 14-50862 ou 17-1-QG',
      );
    const ref = refs.join(' ');
    const found = findByReference(ctx.store(), ref);
    if (!found) throw new CliError(`Aucune question « ${ref} » dans la base.`);
    if (Array.isArray(found)) {
      const oneType = found.every((q) => q.type === found[0]!.type);
      const label = (q: Question) => (oneType ? `${q.legislature}-${q.number}` : refLabel(q));
      ctx.err(
        [
          `Plusieurs questions portent le numéro ${found[0]!.number} : ${found.map(label).join(', ')}. Précisez laquelle, par ex. ${label(found[0]!)} :`,
          ...found.map(
            (q) => `  ${label(q).padEnd(14)} ${TYPE_LABELS[q.type].toLowerCase()}, ${q.legislature}e législature`,
          ),
        ].join('\n'),
      );
      return 1;
    }
    if (json) {
      // The campaign (issue 21) beside the record, only when the question is in one or shares its answer.
      const campaigns = new CampaignStore(ctx.store());
      const campaign = campaigns.computed() ? campaigns.ofQuestion(found.uid) : null;
      const withCampaign =
        campaign && (campaign.campaign || campaign.commonAnswer) ? { ...found, campagne: campaign } : found;
      ctx.out(JSON.stringify(withCampaign, null, 2));
    } else ctx.out(renderQuestion(found));
    return 0;
  },
};
