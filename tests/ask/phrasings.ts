/**
 * How people ask, written as they write (no accents, typos, familiar forms, capitals or not), with what the
 * parser must find. Dates are relative to 2025-06-01. `filters` is the whole expected filter set.
 */
import type { AskIntent } from '../../src/ask/parseAsk';
import type { SearchFilters } from '../../src/search/types';

export interface Phrasing {
  q: string;
  intent: AskIntent;
  subject: string;
  filters?: SearchFilters;
  years?: number[];
}

const y = (year: number): SearchFilters => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export const PHRASINGS: Phrasing[] = [
  // --- who asks -------------------------------------------------------------------------------------------
  { q: 'qui pose des questions sur la cybercriminalité ?', intent: 'who', subject: 'cybercriminalité' },
  { q: 'qui pose des questions sur la cybercriminalite', intent: 'who', subject: 'cybercriminalite' },
  { q: 'Qui s’intéresse aux déserts médicaux ?', intent: 'who', subject: 'déserts médicaux' },
  { q: "ki parle le plus de l'eau potable", intent: 'who', subject: 'eau potable' },
  {
    q: 'quels deputes posent des questions sur les prisons',
    intent: 'who',
    subject: 'prisons',
    filters: { chamber: 'an' },
  },
  { q: 'Quels députés s’intéressent au loup ?', intent: 'who', subject: 'loup', filters: { chamber: 'an' } },
  { q: "quel groupe pose le plus de questions sur l'immigration", intent: 'who', subject: 'immigration' },
  { q: 'c est qui qui pose des questions sur les retraites agricoles', intent: 'who', subject: 'retraites agricoles' },
  {
    q: 'qui interroge le ministere de la justice sur les prisons ?',
    intent: 'who',
    subject: 'prisons',
    filters: { ministry: 'Justice' },
  },
  {
    q: 'qui a posé des questions sur le harcèlement scolaire en 2023',
    intent: 'who',
    subject: 'harcèlement scolaire',
    filters: y(2023),
  },
  { q: 'les deputes les plus actifs sur la pêche', intent: 'who', subject: 'pêche', filters: { chamber: 'an' } },
  {
    q: 'qui parle de la desertification medicale dans le Nord',
    intent: 'who',
    subject: 'desertification medicale',
    filters: { department: 'Nord' },
  },
  {
    q: "quels élus du RN posent des questions sur l'insécurité",
    intent: 'who',
    subject: 'insécurité',
    filters: { group: 'RN' },
  },
  {
    q: 'qui pose des questions sur les violences faites aux femmes ?',
    intent: 'who',
    subject: 'violences faites aux femmes',
  },
  { q: 'qui se preoccupe des EHPAD', intent: 'who', subject: 'EHPAD' },
  // --- how many -------------------------------------------------------------------------------------------
  {
    q: 'combien de questions sur les déserts médicaux en 2024 ?',
    intent: 'count',
    subject: 'déserts médicaux',
    filters: y(2024),
  },
  {
    q: 'cb de questions sur les deserts medicaux en 2024',
    intent: 'count',
    subject: 'deserts medicaux',
    filters: y(2024),
  },
  { q: 'Combien de questions écrites sur la cybercriminalité ?', intent: 'count', subject: 'cybercriminalité' },
  {
    q: 'combien de questions sur le loup depuis 2020',
    intent: 'count',
    subject: 'loup',
    filters: { from: '2020-01-01' },
  },
  {
    q: 'nombre de questions sur les pesticides pendant la 16e législature',
    intent: 'count',
    subject: 'pesticides',
    filters: { legislature: 16 },
  },
  {
    q: 'combien de qst sur l autisme sous la 15e legislature',
    intent: 'count',
    subject: 'autisme',
    filters: { legislature: 15 },
  },
  { q: 'evolution des questions sur la vidéosurveillance', intent: 'count', subject: 'vidéosurveillance' },
  { q: 'tendance des questions sur les urgences', intent: 'count', subject: 'urgences' },
  { q: 'est-ce que les questions sur la sécheresse augmentent ?', intent: 'count', subject: 'sécheresse' },
  {
    q: 'combien de questions sur les prisons entre 2019 et 2021',
    intent: 'count',
    subject: 'prisons',
    filters: { from: '2019-01-01', to: '2021-12-31' },
  },
  {
    q: 'combien de questions a posé Mme Mathilde Panot ?',
    intent: 'count',
    subject: '',
    filters: { deputy: 'Mme Mathilde Panot' },
  },
  {
    q: 'combien de questions de M. Tardy sur internet',
    intent: 'count',
    subject: 'internet',
    filters: { deputy: 'M. Lionel Tardy' },
  },
  {
    q: "combien de questions au ministère de l'agriculture sur le loup ?",
    intent: 'count',
    subject: 'loup',
    filters: { ministry: 'Agriculture et souveraineté alimentaire' },
  },
  {
    q: 'cb de questions sans reponse sur les routes',
    intent: 'count',
    subject: 'routes',
    filters: { status: 'pending' },
  },
  {
    q: 'combien de questions sur la chasse cette année',
    intent: 'count',
    subject: 'chasse',
    filters: { from: '2025-01-01' },
  },
  {
    q: "combien de questions sur le logement social l'an dernier",
    intent: 'count',
    subject: 'logement social',
    filters: y(2024),
  },
  {
    q: 'combien de questions sur la drogue en mars 2023',
    intent: 'count',
    subject: 'drogue',
    filters: { from: '2023-03-01', to: '2023-03-31' },
  },
  { q: 'stats sur les questions relatives aux éoliennes', intent: 'count', subject: 'éoliennes' },
  {
    q: "combien de questions du groupe LR sur l'agriculture",
    intent: 'count',
    subject: 'agriculture',
    filters: { group: 'LR' },
  },
  {
    q: 'combien de questions des insoumis sur la police',
    intent: 'count',
    subject: 'police',
    filters: { group: 'LFI-NUPES' },
  },
  {
    q: 'combien de questions sur les inondations dans le Pas-de-Calais',
    intent: 'count',
    subject: 'inondations',
    filters: { department: 'Pas-de-Calais' },
  },
  {
    q: 'Combien de questions sur les ponts en Seine-Saint-Denis depuis 2022 ?',
    intent: 'count',
    subject: 'ponts',
    filters: { department: 'Seine-Saint-Denis', from: '2022-01-01' },
  },
  {
    q: 'nb de questions sur le nucleaire les 6 derniers mois',
    intent: 'count',
    subject: 'nucleaire',
    filters: { from: '2024-12-01' },
  },
  // --- what did the government answer ------------------------------------------------------------------------
  {
    q: 'que répond le ministère de la Justice sur les prisons ?',
    intent: 'answer',
    subject: 'prisons',
    filters: { ministry: 'Justice', status: 'answered' },
  },
  {
    q: 'que repond le ministere de la justice sur les prisons',
    intent: 'answer',
    subject: 'prisons',
    filters: { ministry: 'Justice', status: 'answered' },
  },
  {
    q: "qu'a répondu le gouvernement sur les déserts médicaux ?",
    intent: 'answer',
    subject: 'déserts médicaux',
    filters: { status: 'answered' },
  },
  {
    q: 'que dit le gouvernement sur la cybercriminalité',
    intent: 'answer',
    subject: 'cybercriminalité',
    filters: { status: 'answered' },
  },
  {
    q: 'qu est ce que le ministre de l interieur a repondu sur les radars',
    intent: 'answer',
    subject: 'radars',
    filters: { ministry: 'Intérieur', status: 'answered' },
  },
  {
    q: 'que répond la Justice sur la surpopulation carcérale ?',
    intent: 'answer',
    subject: 'surpopulation carcérale',
    filters: { ministry: 'Justice', status: 'answered' },
  },
  {
    q: 'reponse du gouvernement sur le prix de l electricite',
    intent: 'answer',
    subject: 'prix de l electricite',
    filters: { status: 'answered' },
  },
  {
    q: 'quelle est la position du gouvernement sur le glyphosate ?',
    intent: 'answer',
    subject: 'glyphosate',
    filters: { status: 'answered' },
  },
  {
    q: 'que repond bercy sur la TVA des restaurateurs',
    intent: 'answer',
    subject: 'TVA des restaurateurs',
    filters: { ministry: 'Économie, finances et souveraineté industrielle et numérique', status: 'answered' },
  },
  {
    q: 'qu a repondu le garde des sceaux sur les mineurs non accompagnés',
    intent: 'answer',
    subject: 'mineurs non accompagnés',
    filters: { ministry: 'Justice', status: 'answered' },
  },
  {
    q: 'que répond le ministère de la santé sur les urgences en 2023',
    intent: 'answer',
    subject: 'urgences',
    filters: { ministry: 'Santé et prévention', status: 'answered', ...y(2023) },
  },
  {
    q: 'le gouvernement a-t-il répondu sur la fermeture des maternités ?',
    intent: 'answer',
    subject: 'fermeture des maternités',
    filters: { status: 'answered' },
  },
  {
    q: 'que dit le ministere des armees sur les drones',
    intent: 'answer',
    subject: 'drones',
    filters: { ministry: 'Armées', status: 'answered' },
  },
  {
    q: 'reponses du ministere de la culture sur les musees',
    intent: 'answer',
    subject: 'musees',
    filters: { ministry: 'Culture', status: 'answered' },
  },
  {
    q: "que répond le ministère de l'éducation sur le harcèlement ?",
    intent: 'answer',
    subject: 'harcèlement',
    filters: { ministry: 'Éducation nationale et jeunesse', status: 'answered' },
  },
  // --- latest ---------------------------------------------------------------------------------------------
  {
    q: "les dernières questions sur l'intelligence artificielle",
    intent: 'latest',
    subject: 'intelligence artificielle',
  },
  { q: 'dernieres questions sur le nucleaire', intent: 'latest', subject: 'nucleaire' },
  { q: 'questions récentes sur les agriculteurs', intent: 'latest', subject: 'agriculteurs' },
  { q: 'quoi de neuf sur les retraites ?', intent: 'latest', subject: 'retraites' },
  {
    q: 'les dernieres questions de Mme Panot',
    intent: 'latest',
    subject: '',
    filters: { deputy: 'Mme Mathilde Panot' },
  },
  { q: 'nouvelles questions sur la Nouvelle-Calédonie', intent: 'latest', subject: 'Nouvelle Calédonie' },
  {
    q: 'les plus récentes questions au ministère des transports',
    intent: 'latest',
    subject: '',
    filters: { ministry: 'Transports' },
  },
  {
    q: 'derniere question de François Ruffin',
    intent: 'latest',
    subject: '',
    filters: { deputy: 'M. François Ruffin' },
  },
  {
    q: 'dernières questions du groupe écologiste sur le climat',
    intent: 'latest',
    subject: 'climat',
    filters: { group: 'ECOLO' },
  },
  // --- pending --------------------------------------------------------------------------------------------
  {
    q: 'quelles questions de M. Tardy sont sans réponse ?',
    intent: 'pending',
    subject: '',
    filters: { deputy: 'M. Lionel Tardy', status: 'pending' },
  },
  {
    q: 'quelles questions de m. tardy sont sans reponse',
    intent: 'pending',
    subject: '',
    filters: { deputy: 'M. Lionel Tardy', status: 'pending' },
  },
  {
    q: 'questions sans réponse sur les prisons',
    intent: 'pending',
    subject: 'prisons',
    filters: { status: 'pending' },
  },
  {
    q: 'questions en attente au ministère de la justice',
    intent: 'pending',
    subject: '',
    filters: { ministry: 'Justice', status: 'pending' },
  },
  {
    q: 'les questions qui n ont pas eu de reponse sur les routes',
    intent: 'pending',
    subject: 'routes',
    filters: { status: 'pending' },
  },
  {
    q: "le ministère de la santé n'a toujours pas répondu sur les médecins",
    intent: 'pending',
    subject: 'médecins',
    filters: { ministry: 'Santé et prévention', status: 'pending' },
  },
  {
    q: 'questions de Ruffin toujours pas répondues',
    intent: 'pending',
    subject: '',
    filters: { deputy: 'M. François Ruffin', status: 'pending' },
  },
  {
    q: "questions en souffrance à l'Intérieur",
    intent: 'pending',
    subject: 'Intérieur',
    filters: { status: 'pending' },
  },
  {
    q: 'quelles questions de Mathilde Panot attendent encore une réponse',
    intent: 'pending',
    subject: '',
    filters: { deputy: 'Mme Mathilde Panot', status: 'pending' },
  },
  {
    q: "questions sans reponse de la 16e legislature sur l'eau",
    intent: 'pending',
    subject: 'eau',
    filters: { legislature: 16, status: 'pending' },
  },
  // --- compare years ----------------------------------------------------------------------------------------
  { q: 'compare 2022 et 2023 pour les questions sur le loup', intent: 'compare', subject: 'loup', years: [2022, 2023] },
  {
    q: 'comparer les questions sur la sécheresse en 2019 et en 2022',
    intent: 'compare',
    subject: 'sécheresse',
    years: [2019, 2022],
  },
  {
    q: "plus de questions sur les urgences en 2023 qu'en 2022 ?",
    intent: 'compare',
    subject: 'urgences',
    years: [2022, 2023],
  },
  { q: 'questions sur les prisons 2021 vs 2024', intent: 'compare', subject: 'prisons', years: [2021, 2024] },
  {
    q: 'combien de questions sur le chomage en 2020 et 2021',
    intent: 'compare',
    subject: 'chomage',
    years: [2020, 2021],
  },
  {
    q: 'comparaison 2018 2019 questions cybercriminalité',
    intent: 'compare',
    subject: 'cybercriminalité',
    years: [2018, 2019],
  },
  // --- campaigns (issue 21) -----------------------------------------------------------------------------------
  { q: 'quelles campagnes sur les pesticides ?', intent: 'campaigns', subject: 'pesticides' },
  { q: 'cette question a-t-elle déjà été posée ?', intent: 'campaigns', subject: '' },
  {
    q: 'questions identiques sur la télémédecine en 2025',
    intent: 'campaigns',
    subject: 'télémédecine',
    filters: y(2025),
  },
  // --- plain searches (nothing to recognise) ------------------------------------------------------------------
  { q: 'cybercriminalité', intent: 'search', subject: 'cybercriminalité' },
  { q: 'entraide pénale internationale', intent: 'search', subject: 'entraide pénale internationale' },
  { q: 'les questions sur le loup en Savoie', intent: 'search', subject: 'loup en Savoie' },
  {
    q: "questions de Mme Panot sur l'eau",
    intent: 'search',
    subject: 'eau',
    filters: { deputy: 'Mme Mathilde Panot' },
  },
  { q: 'prisons 15e législature', intent: 'search', subject: 'prisons', filters: { legislature: 15 } },
  {
    q: 'bonjour, je cherche des questions sur la dépendance des personnes âgées stp',
    intent: 'search',
    subject: 'dépendance des personnes âgées',
  },
  {
    q: 'questions sur les loups posées par François Ruffin',
    intent: 'search',
    subject: 'loups',
    filters: { deputy: 'M. François Ruffin' },
  },
  {
    q: 'questions du député Tardi sur internet',
    intent: 'search',
    subject: 'internet',
    filters: { deputy: 'M. Lionel Tardy' },
  },
  { q: 'questions en Ardeche sur les routes', intent: 'search', subject: 'routes', filters: { department: 'Ardèche' } },
  {
    q: 'questions sur le handicap a l ecole en 2022',
    intent: 'search',
    subject: 'handicap a l ecole',
    filters: y(2022),
  },
  // --- the chambers (issue 18): « au Sénat », « les sénateurs », « sénatrice X », « à l’Assemblée » --------------
  {
    q: 'combien de questions au Sénat sur les déserts médicaux',
    intent: 'count',
    subject: 'déserts médicaux',
    filters: { chamber: 'senat' },
  },
  {
    q: 'quels senateurs posent des questions sur le loup',
    intent: 'who',
    subject: 'loup',
    filters: { chamber: 'senat' },
  },
  {
    q: 'les sénateurs les plus actifs sur la ruralité',
    intent: 'who',
    subject: 'ruralité',
    filters: { chamber: 'senat' },
  },
  {
    q: 'questions de la sénatrice Goulet sur la fraude fiscale',
    intent: 'search',
    subject: 'fraude fiscale',
    filters: { deputy: 'Mme Nathalie Goulet', chamber: 'senat' },
  },
  {
    q: 'questions du senateur larcher sur les communes',
    intent: 'search',
    subject: 'communes',
    filters: { deputy: 'M. Gérard Larcher', chamber: 'senat' },
  },
  {
    q: "combien de questions à l'Assemblée nationale sur les retraites en 2024",
    intent: 'count',
    subject: 'retraites',
    filters: { chamber: 'an', ...y(2024) },
  },
  {
    q: 'questions sans réponse au senat sur les prisons',
    intent: 'pending',
    subject: 'prisons',
    filters: { chamber: 'senat', status: 'pending' },
  },
  {
    q: 'qui pose des questions sur l eau à l Assemblée et au Sénat',
    intent: 'who',
    subject: 'eau',
  },
];
