/**
 * /palmares [legislature] [chambre]: ministries ranked by the share of written questions answered within the two months of
 * the Assemblée's rules, with the median delay and the questions pending past the limit (the Sénat's yearly
 * ranking, live and for every legislature). Chart + figures in text + CSV export.
 */
import { defineCommand } from '../src/present/commandKit';
import { CAMPAIGN_ONCE_OPTION, CHAMBER_OPTION, chamberOf, legislatureOption } from '../src/present/views/filters';
import { palmaresReply } from '../src/present/views/palmaresView';

export default defineCommand({
  name: 'palmares',
  nameEn: 'ranking',
  description: 'Palmarès des ministères : réponses dans les deux mois, délai médian, retards',
  descriptionEn: 'Ministries ranked: answers within two months, median delay, overdue questions',
  defer: true,
  help: {
    what: 'Classe les ministères selon la part des questions répondues dans les deux mois (Règlements de l’Assemblée, art. 135, et du Sénat, art. 75), avec le délai médian et les questions en retard ; les deux chambres côte à côte par défaut, ou une seule (chambre) ; une campagne de questions identiques peut compter une fois (campagnes). Graphique et export CSV.',
    examples: ['/palmares', '/palmares legislature:16', '/palmares chambre:senat', '/palmares campagnes:true'],
  },
  options: {
    legislature: legislatureOption(
      'Législature (la plus récente du corpus par défaut)',
      'Legislature (the corpus’s latest by default)',
    ),
    chambre: CHAMBER_OPTION,
    campagnes: CAMPAIGN_ONCE_OPTION,
  },
  async run(args, deps, ctx) {
    return palmaresReply(args.legislature, deps, ctx.now, chamberOf(args.chambre), {
      campaignOnce: args.campagnes === true,
    });
  },
});
