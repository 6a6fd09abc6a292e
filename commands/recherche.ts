/**
 * /recherche texte [depute] [groupe] [ministere] [rubrique] [legislature] [statut] [depuis] [jusqua] [chambre] [tri]
 * Best matches, 5 per page, page buttons (`rsp:`) and an "open" select menu (`rso:`) that survive restarts
 * (state in SQLite via deps.pages). See src/present/views/resultsView.ts.
 */
import { statusOfWord } from '../src/format/french';
import type { SearchFilters, SortOrder } from '../src/search/types';
import { component, defineCommand } from '../src/present/commandKit';
import { UserError } from '../src/present/UserError';
import { requireSearchableText } from '../src/present/userInput';
import { FILTER_OPTIONS, filtersOf, legislatureOption } from '../src/present/views/filters';
import { questionReply } from '../src/present/views/questionView';
import { loadResultsState, type ResultsState } from '../src/present/views/resultsState';
import { requireSearchReady, searchLabel, showResults } from '../src/present/views/resultsView';
import { authorKind, corpusChoices } from './shared/autocompleteCorpus';

export const MAX_QUERY_LENGTH = 200;

const SORT: Record<string, SortOrder> = { pertinence: 'relevance', recentes: 'newest', anciennes: 'oldest' };

const FILTER_LABELS: Array<[keyof SearchFilters, string]> = [
  ['chamber', 'chambre'],
  ['deputy', 'député'],
  ['group', 'groupe'],
  ['ministry', 'ministère'],
  ['rubrique', 'rubrique'],
  ['legislature', 'législature'],
  ['status', 'statut'],
];

/** What to loosen when nothing matched. */
export function noResultHints(filters: SearchFilters, text: string): string[] {
  const hints: string[] = [];
  const active = FILTER_LABELS.filter(([k]) => filters[k] !== undefined).map(([, l]) => `« ${l} »`);
  if (active.length) hints.push(`retirez un filtre (${active.join(', ')})`);
  if (filters.from || filters.to) hints.push('élargissez la période (« depuis », « jusqua »)');
  if (text.trim().split(/\s+/).length > 1) hints.push('utilisez moins de mots, ou des mots plus courants');
  if (/"/.test(text)) hints.push('retirez les guillemets de l’expression exacte');
  if (/(^|\s)-\S/.test(text)) hints.push('retirez les mots exclus (-mot)');
  hints.push("vérifiez l'orthographe (les accents sont facultatifs)");
  return hints;
}

export default defineCommand({
  name: 'recherche',
  help: {
    what: 'Cherche dans les questions et les réponses (accents et pluriels facultatifs). 5 résultats par page, boutons pour tourner les pages, menu pour ouvrir une question.',
    examples: [
      '/recherche texte:cybercriminalité',
      '/recherche texte:"entraide pénale" legislature:14',
      '/recherche texte:retraites depute:Tardy statut:en_attente depuis:01/01/2014',
      '/recherche texte:"désertification médicale" chambre:senat',
    ],
  },
  nameEn: 'search',
  description: 'Cherche dans les questions écrites et les réponses des ministres',
  descriptionEn: 'Search written questions and ministers’ answers',
  options: {
    texte: {
      type: 'string',
      required: true,
      nameEn: 'text',
      description: 'Mots à chercher ; "expression exacte", -mot pour exclure',
      descriptionEn: 'Words to search; "exact phrase", -word to exclude',
      maxLength: MAX_QUERY_LENGTH,
    },
    depute: FILTER_OPTIONS.depute,
    groupe: FILTER_OPTIONS.groupe,
    ministere: FILTER_OPTIONS.ministere,
    rubrique: FILTER_OPTIONS.rubrique,
    legislature: legislatureOption('Législature (ex. 14 pour 2012-2017)', 'Legislature (e.g. 14 for 2012-2017)'),
    statut: {
      type: 'string',
      nameEn: 'status',
      description: 'Avec ou sans réponse',
      descriptionEn: 'Answered or not',
      choices: [
        { name: 'répondue', nameEn: 'answered', value: 'repondue' },
        { name: 'en attente de réponse', nameEn: 'pending', value: 'en_attente' },
        { name: 'retirée ou caduque', nameEn: 'withdrawn', value: 'retiree' },
      ],
    },
    depuis: FILTER_OPTIONS.depuis,
    jusqua: FILTER_OPTIONS.jusqua,
    chambre: FILTER_OPTIONS.chambre,
    tri: {
      type: 'string',
      nameEn: 'sort',
      description: 'Ordre des résultats (pertinence par défaut)',
      descriptionEn: 'Result order (relevance by default)',
      choices: [
        { name: 'pertinence', nameEn: 'relevance', value: 'pertinence' },
        { name: 'plus récentes', nameEn: 'newest', value: 'recentes' },
        { name: 'plus anciennes', nameEn: 'oldest', value: 'anciennes' },
      ],
    },
  },
  /** Checks the text, the dates and the index before anything is sent; the search itself is the work. */
  prepare(args, deps) {
    const text = args.texte.replace(/\s+/g, ' ').trim();
    if (text.length > MAX_QUERY_LENGTH)
      throw new UserError(`Le texte à chercher est trop long (${MAX_QUERY_LENGTH} caractères au plus).`);
    requireSearchableText(text);
    const filters: SearchFilters = {
      ...filtersOf(args),
      ...(args.statut ? { status: statusOfWord(args.statut) ?? undefined } : {}),
    };
    requireSearchReady(deps);
    const state: ResultsState = {
      k: 'search',
      req: { text, filters, sort: SORT[args.tri ?? 'pertinence'] ?? 'relevance' },
      label: searchLabel(text),
    };
    return { state, hints: noResultHints(filters, text) };
  },
  async run({ state, hints }, deps, ctx) {
    return showResults(state, 1, deps, ctx.now, hints);
  },
  async autocomplete(focused, deps, _ctx, raw) {
    const kind = ({ depute: authorKind(raw), groupe: 'group', ministere: 'ministry', rubrique: 'rubrique' } as const)[
      focused.name as 'depute' | 'groupe' | 'ministere' | 'rubrique'
    ];
    return kind ? corpusChoices(kind, focused.value, deps) : [];
  },
  components: {
    /** Page button: rsp:<stateId>:<page>:<p|i|n> */
    rsp: component({
      answer: 'update',
      prepare(call, deps) {
        const [stateId = '', pageRaw = '1'] = call.args;
        const state = loadResultsState(deps, stateId);
        requireSearchReady(deps);
        return { state, page: Math.max(1, Number.parseInt(pageRaw, 10) || 1) };
      },
      run: ({ state, page }, deps, ctx) => showResults(state, page, deps, ctx.now),
    }),
    /** Select menu: rso:<stateId>, value = uid -> the question in full, only for the one who asked. */
    rso: component({
      answer: 'ephemeral',
      prepare(call, deps) {
        const uid = call.values[0];
        const q = uid ? deps.store.getQuestion(uid) : null;
        if (!q) throw new UserError("Cette question n'est plus dans la base.");
        return q;
      },
      run: (q, _deps, ctx) => questionReply(q, ctx.now),
    }),
  },
});
