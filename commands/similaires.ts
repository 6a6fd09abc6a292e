/** /similaires numero [legislature] [chambre]: the closest questions to one question, with the results view's buttons. */
import { defineCommand } from '../src/present/commandKit';
import { requireSearchReady, showResults } from '../src/present/views/resultsView';
import { findQuestionOrFail, lookupChamber, QUESTION_REF_OPTIONS, similarState } from './question';

export default defineCommand({
  name: 'similaires',
  help: {
    what: 'Les questions les plus proches d’une question donnée.',
    examples: ['/similaires numero:50862 legislature:14'],
  },
  nameEn: 'similar',
  description: 'Trouve les questions les plus proches d’une question donnée',
  descriptionEn: 'Find the questions closest to a given one',
  options: QUESTION_REF_OPTIONS,
  prepare(args, deps) {
    const q = findQuestionOrFail(deps, args.numero, args.legislature, undefined, lookupChamber(args.chambre));
    requireSearchReady(deps);
    return q;
  },
  run: (q, deps, ctx) => showResults(similarState(q), 1, deps, ctx.now),
});
