/**
 * /palmares [legislature]: ministries ranked by the share of written questions answered within the two months of
 * the Assemblée's rules, with the median delay and the questions pending past the limit (the Sénat's yearly
 * ranking, live and for every legislature). Chart + figures in text + CSV export.
 */
import { defineCommand } from '../src/discord/commandKit';
import { palmaresReply } from '../src/discord/views/palmaresView';

export default defineCommand({
  name: 'palmares',
  nameEn: 'ranking',
  description: 'Palmarès des ministères : réponses dans les deux mois, délai médian, retards',
  descriptionEn: 'Ministries ranked: answers within two months, median delay, overdue questions',
  defer: true,
  help: {
    what: 'Classe les ministères selon la part des questions répondues dans les deux mois (Règlement, art. 135), avec le délai médian et les questions en retard. Graphique et export CSV.',
    examples: ['/palmares', '/palmares legislature:16', '/palmares campagnes:true'],
  },
  options: {
    legislature: {
      type: 'integer',
      minValue: 1,
      maxValue: 20,
      description: 'Législature (la plus récente du corpus par défaut)',
      descriptionEn: 'Legislature (the corpus’s latest by default)',
    },
    campagnes: {
      type: 'boolean',
      nameEn: 'campaigns',
      description: 'Compter une seule fois chaque campagne de questions identiques (sa première question)',
      descriptionEn: 'Count each campaign of identical questions once (its first question)',
    },
  },
  async run(args, deps, ctx) {
    return palmaresReply(args.legislature, deps, ctx.now, { campaignOnce: args.campagnes === true });
  },
});
