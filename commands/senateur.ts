/**
 * /senateur nom: a senator's questions, newest first, with the same summary, pages and export as /depute (whose
 * view and page buttons it shares: the saved reference carries the chamber). Names go through the one name matcher
 * (src/insights/names.ts), over the Sénat's authors only.
 */
import { nameOption } from '../src/present/views/filters';
import { defineCommand } from '../src/present/commandKit';
import { corpusChoices } from './shared/autocompleteCorpus';
import { deputyReply, resolveMember } from './depute';

export default defineCommand({
  name: 'senateur',
  help: {
    what: 'Les questions d’un·e sénateur·rice, les plus récentes d’abord, et son bilan (taux de réponse, délai médian, thèmes).',
    examples: ['/senateur nom:Larcher'],
  },
  nameEn: 'senator',
  description: 'Les questions écrites d’un·e sénateur·rice et leur bilan',
  descriptionEn: 'A senator’s written questions and a summary',
  options: {
    nom: nameOption(100, 'Nom du sénateur ou de la sénatrice (ex. Larcher)', 'Senator’s name (e.g. Larcher)'),
  },
  prepare: (args, deps) => resolveMember(deps, args.nom, 'senat'),
  run: ({ ref, others }, deps, ctx) => deputyReply(ref, 1, deps, ctx.now, others),
  async autocomplete(focused, deps) {
    return corpusChoices('senator', focused.value, deps);
  },
});
