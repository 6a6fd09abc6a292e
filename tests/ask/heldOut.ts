/**
 * Phrasings written AFTER the parser was tuned on phrasings.ts and never used to tune it: their accuracy is the
 * honest estimate of how the parser does on new questions (reported by the test, with its misses).
 */
import type { Phrasing } from './phrasings';

export const HELD_OUT: Phrasing[] = [
  { q: 'qui s occupe des questions sur les abeilles', intent: 'who', subject: 'abeilles' },
  { q: 'Quels parlementaires interrogent sur la fraude sociale ?', intent: 'who', subject: 'fraude sociale' },
  {
    q: 'qui ecrit le plus sur les ehpad en 2022',
    intent: 'who',
    subject: 'ehpad',
    filters: { from: '2022-01-01', to: '2022-12-31' },
  },
  { q: 'combien de questions ont été posées sur le covid ?', intent: 'count', subject: 'covid' },
  { q: 'cb de qst sur les ours depuis 2019 stp', intent: 'count', subject: 'ours', filters: { from: '2019-01-01' } },
  {
    q: 'combien de questions sur les harkis sous la XVe législature',
    intent: 'count',
    subject: 'harkis',
    filters: { legislature: 15 },
  },
  { q: 'est ce que ça augmente les questions sur le vélo', intent: 'count', subject: 'vélo' },
  {
    q: 'combien de questions de Marine Le Pen',
    intent: 'count',
    subject: '',
    filters: { deputy: 'Mme Marine Le Pen' },
  },
  {
    q: 'combien de questions au ministere des armees en 2021',
    intent: 'count',
    subject: '',
    filters: { ministry: 'Armées', from: '2021-01-01', to: '2021-12-31' },
  },
  {
    q: 'que repond le gvt sur les feux de foret',
    intent: 'answer',
    subject: 'feux de foret',
    filters: { status: 'answered' },
  },
  {
    q: "qu'est-ce que le ministère de la culture a répondu sur les festivals",
    intent: 'answer',
    subject: 'festivals',
    filters: { ministry: 'Culture', status: 'answered' },
  },
  {
    q: 'réponse du ministre de la justice sur les greffiers',
    intent: 'answer',
    subject: 'greffiers',
    filters: { ministry: 'Justice', status: 'answered' },
  },
  {
    q: 'que dit beauvau sur les rodeos urbains',
    intent: 'answer',
    subject: 'rodeos urbains',
    filters: { ministry: 'Intérieur', status: 'answered' },
  },
  { q: 'dernieres qst sur la corse', intent: 'latest', subject: 'corse' },
  { q: 'les questions les plus récentes sur les taxis', intent: 'latest', subject: 'taxis' },
  {
    q: 'les dernières questions de Gabriel Attal',
    intent: 'latest',
    subject: '',
    filters: { deputy: 'M. Gabriel Attal' },
  },
  {
    q: 'questions restées sans réponse sur la fibre',
    intent: 'pending',
    subject: 'fibre',
    filters: { status: 'pending' },
  },
  {
    q: 'quelles questions à l intérieur sont toujours sans réponse',
    intent: 'pending',
    subject: 'intérieur',
    filters: { status: 'pending' },
  },
  {
    q: 'les questions de Clémentine Autain sans réponse',
    intent: 'pending',
    subject: '',
    filters: { deputy: 'Mme Clémentine Autain', status: 'pending' },
  },
  {
    q: 'questions en attente de réponse dans le Var',
    intent: 'pending',
    subject: '',
    filters: { department: 'Var', status: 'pending' },
  },
  { q: 'compare 2020 et 2024 sur la vaccination', intent: 'compare', subject: 'vaccination', years: [2020, 2024] },
  {
    q: 'y a-t-il plus de questions sur la chasse en 2024 qu en 2023',
    intent: 'compare',
    subject: 'chasse',
    years: [2023, 2024],
  },
  { q: 'mutuelles étudiantes', intent: 'search', subject: 'mutuelles étudiantes' },
  { q: 'questions sur la ligne Lyon-Turin', intent: 'search', subject: 'ligne Lyon Turin' },
  {
    q: "questions de Boris Vallaud sur l'assurance chômage",
    intent: 'search',
    subject: 'assurance chômage',
    filters: { deputy: 'M. Boris Vallaud' },
  },
];
