import { CampaignStore } from '../../campaigns/CampaignStore';
import { parseQuestionRef, refLabel } from '../../corpus/questionRef';
import type { Chamber, Question } from '../../corpus/types';
import { TYPE_LABELS } from '../../format/french';
import type { QuestionStore } from '../../store/QuestionStore';
import { renderQuestion } from '../renderQuestion';
import { UserError } from '../../present/UserError';
import { type CliCommand, parseCliArgs } from '../types';
import { parseChamberArg } from './search';

/**
 * Accepted references (src/corpus/questionRef.ts): a uid (QANR5L14QE50862, QSENL17QE4132), "14-50862", "17-1-QG",
 * "QG 17-1", "S 17-4132", or a bare number. The chamber is the reference's, else `--chambre`, else the Assemblée.
 * Without a type, every type is looked at: one question is returned alone, several (types or legislatures sharing
 * the number) as a list for the caller to show.
 */
function findByReference(
  store: QuestionStore,
  ref: string,
  chamber: Chamber | undefined,
): Question | Question[] | null {
  const parsed = parseQuestionRef(ref);
  if (!parsed) {
    throw new UserError(
      `Référence non reconnue : « ${ref} ». Exemples : 14-50862, 17-1-QG, QG 17-1, S 17-4132, QANR5L14QE50862.`,
    );
  }
  if (parsed.chamber && chamber && parsed.chamber !== chamber)
    throw new UserError(`La référence « ${ref} » et l’option --chambre ne désignent pas la même chambre.`);
  const rows = store.findByNumber(parsed.number, { ...parsed, chamber: parsed.chamber ?? chamber ?? 'an' });
  const found = store.getQuestions(rows.map((r) => r.uid));
  if (found.length === 0) return null;
  return found.length === 1 ? found[0]! : found;
}

export const questionCommand: CliCommand = {
  name: 'question',
  summary: 'affiche une question (texte, réponse, ministères, dates)',
  usage: 'question <législature-numéro | uid> [--chambre an|senat] [--json]   (aussi 17-1-QG, QG 17-1, S 17-4132)',
  run(args, ctx) {
    const parsed = parseCliArgs({
      args,
      allowPositionals: true,
      options: { chambre: { type: 'string' }, json: { type: 'boolean' } },
    });
    const json = parsed.values.json === true;
    const refs = parsed.positionals;
    if (refs.length === 0)
      throw new UserError(
        'Usage : npm run cli -- question <législature-numéro | uid> [--chambre an|senat] [--json], par ex. 14-50862, 17-1-QG ou 17-4132 --chambre senat',
      );
    const ref = refs.join(' ');
    const found = findByReference(ctx.store(), ref, parseChamberArg(parsed.values.chambre));
    if (!found) throw new UserError(`Aucune question « ${ref} » dans la base.`);
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
