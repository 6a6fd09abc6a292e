/** /similaires numero [legislature]: the closest questions to one question, with the results view's buttons. */
import { defineCommand } from '../src/discord/commandKit';
import { requireSearchReady, showResults } from '../src/discord/views/resultsView';
import { findQuestionOrFail, similarState } from './question';

export default defineCommand({
  name: 'similaires',
  help: {
    what: 'Les questions les plus proches d’une question donnée.',
    examples: ['/similaires numero:50862 legislature:14'],
  },
  nameEn: 'similar',
  description: 'Trouve les questions les plus proches d’une question donnée',
  descriptionEn: 'Find the questions closest to a given one',
  options: {
    numero: {
      type: 'integer',
      required: true,
      nameEn: 'number',
      minValue: 1,
      maxValue: 999_999,
      description: 'Numéro de la question (ex. 50862)',
      descriptionEn: 'Question number (e.g. 50862)',
    },
    legislature: {
      type: 'integer',
      minValue: 1,
      maxValue: 20,
      description: 'Législature (par défaut la plus récente qui a ce numéro)',
      descriptionEn: 'Legislature (default: the latest with that number)',
    },
  },
  prepare(args, deps) {
    const q = findQuestionOrFail(deps, args.numero, args.legislature);
    requireSearchReady(deps);
    return q;
  },
  run: (q, deps, ctx) => showResults(similarState(q), 1, deps, ctx.now),
});
