/**
 * /tendance texte [filtres] [granularite]: how many questions match per month or per year (by status, with the
 * median answer delay), and who asks and who receives the most; chart + figures in text + CSV export.
 * Also owns the `exp:` export button shared by every list (src/present/views/exportButton.ts).
 */
import { defineCommand } from '../src/present/commandKit';
import { UserError } from '../src/present/UserError';
import { exportComponent } from '../src/present/views/exportButton';
import { CAMPAIGN_ONCE_OPTION, FILTER_OPTIONS, filtersOf } from '../src/present/views/filters';
import { trendReply } from '../src/present/views/trendView';
import { authorKind, corpusChoices } from './shared/autocompleteCorpus';
import { MAX_QUERY_LENGTH } from './recherche';

export default defineCommand({
  name: 'tendance',
  nameEn: 'trend',
  description: 'Évolution des questions sur un sujet : par mois ou par année, statut, délais, qui les pose',
  descriptionEn: 'How questions on a subject evolve: per month or year, status, delays, who asks',
  defer: true,
  help: {
    what: 'Graphique du nombre de questions par mois ou par année (répondues, en attente, retirées) avec le délai médian de réponse, et les député·es, groupes et ministères les plus concernés ; une campagne de questions identiques peut compter une fois (campagnes). Bouton d’export CSV.',
    examples: [
      '/tendance texte:cybercriminalité',
      '/tendance texte:"déserts médicaux" legislature:16',
      '/tendance texte:prisons ministere:Justice depuis:01/01/2020',
      '/tendance texte:télémédecine campagnes:true',
    ],
  },
  options: {
    texte: {
      type: 'string',
      nameEn: 'text',
      maxLength: MAX_QUERY_LENGTH,
      description: 'Sujet : mots à chercher ("expression exacte", -mot)',
      descriptionEn: 'Subject: words to search ("exact phrase", -word)',
    },
    ...FILTER_OPTIONS,
    granularite: {
      type: 'string',
      nameEn: 'granularity',
      description: 'Par mois ou par année (automatique selon la période)',
      descriptionEn: 'Per month or per year (automatic from the span)',
      choices: [
        { name: 'par mois', nameEn: 'monthly', value: 'mois' },
        { name: 'par année', nameEn: 'yearly', value: 'annee' },
      ],
    },
    campagnes: CAMPAIGN_ONCE_OPTION,
  },
  prepare(args) {
    const text = (args.texte ?? '').replace(/\s+/g, ' ').trim();
    const filters = filtersOf(args);
    if (!text && Object.keys(filters).length === 0)
      throw new UserError('Indiquez un sujet (texte) ou au moins un filtre (député, ministère, législature…).');
    return {
      text,
      filters,
      ...(args.granularite
        ? { granularity: args.granularite === 'mois' ? ('month' as const) : ('year' as const) }
        : {}),
      ...(args.campagnes === true ? { campaignOnce: true } : {}),
    };
  },
  run: (request, deps, ctx) => trendReply(request, deps, ctx.now),
  async autocomplete(focused, deps, _ctx, raw) {
    const kind = ({ depute: authorKind(raw), groupe: 'group', ministere: 'ministry', rubrique: 'rubrique' } as const)[
      focused.name as 'depute' | 'groupe' | 'ministere' | 'rubrique'
    ];
    return kind ? corpusChoices(kind, focused.value, deps) : [];
  },
  components: { exp: exportComponent },
});
