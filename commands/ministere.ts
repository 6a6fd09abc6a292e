/**
 * /ministere nom: questions addressed to (asked) or answered by (assigned) a ministry: answer rate, median
 * delay, how many are still pending past the two-month rule, and the oldest pending ones.
 */
import { nameOption } from '../src/present/views/filters';
import { defineCommand } from '../src/present/commandKit';
import type { CommandDeps } from '../src/present/deps';
import { COLORS } from '../src/present/format';
import { escapeCorpus, plainText } from '../src/present/markdown';
import { UserError } from '../src/present/UserError';
import { questionLine, summaryFields } from '../src/present/views/summaryView';
import { summarize } from '../src/insights/summarize';
import { corpusChoices } from './shared/autocompleteCorpus';
import type { Reply } from '../src/present/reply';
import { appendButton, imageOf, profileChart } from '../src/present/views/profileChart';
import { exportButton, MINISTRY_STATE } from '../src/present/views/exportButton';

/** The best-matching ministry for what the user typed, and the next ones; a French UserError when none. */
export function resolveMinistry(deps: CommandDeps, input: string): { best: { name: string }; others: string[] } {
  const matches = deps.insights.findMinistries(input, 6);
  const best = matches[0];
  if (!best)
    throw new UserError(
      `Aucun ministère trouvé pour « ${escapeCorpus(input)} ». Essayez un mot du nom (ex. « Justice », « Intérieur »).`,
    );
  return { best, others: matches.slice(1).map((m) => m.name) };
}

export default defineCommand({
  name: 'ministere',
  help: {
    what: 'Bilan d’un ministère : taux de réponse, délai médian, questions en attente au-delà de 2 mois.',
    examples: ['/ministere nom:Justice'],
  },
  nameEn: 'ministry',
  description: 'Bilan d’un ministère : taux de réponse, délais, questions en souffrance',
  descriptionEn: 'A ministry’s record: answer rate, delays, overdue questions',
  options: {
    nom: nameOption(150, 'Nom du ministère (ex. Justice)', 'Ministry name (e.g. Justice)'),
  },
  prepare: (args, deps) => resolveMinistry(deps, args.nom),
  async run({ best, others }, deps, ctx) {
    const facts = deps.insights.ministryFacts(best.name);
    const summary = summarize(facts, ctx.now);
    const oldest = deps.store.getQuestions(summary.oldestPending.map((f) => f.uid));
    const chart = await profileChart(deps, facts, `Ministère : ${best.name}`);
    const reply: Reply = {
      embeds: [
        {
          title: `Ministère : ${escapeCorpus(best.name)}`,
          color: COLORS.question,
          description: 'Questions adressées à ce ministère ou dont il a la charge.',
          fields: summaryFields(summary, { ministries: false }),
          ...imageOf(chart),
          ...(others.length
            ? { footer: { text: `Autres correspondances : ${others.map(plainText).join(', ')}` } }
            : {}),
        },
        {
          title: 'Les plus anciennes sans réponse (au-delà de 2 mois)',
          color: COLORS.pending,
          description: oldest.length
            ? oldest.map((q) => `• ${questionLine(q, ctx.now, true)}`).join('\n')
            : 'Aucune : toutes les questions de plus de deux mois ont une réponse.',
        },
      ],
    };
    // Chart and export (issue 13).
    if (chart) reply.files = [chart];
    if (deps.charts) appendButton(reply, exportButton('m', deps.pages.save(MINISTRY_STATE, best.name, ctx.now)));
    return reply;
  },
  async autocomplete(focused, deps) {
    return corpusChoices('ministry', focused.value, deps);
  },
});
