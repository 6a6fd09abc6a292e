/** Summary fields shared by /depute and /ministere, and the one-line rendering of a question in a list. */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { Question } from '../../corpus/types';
import type { Summary } from '../../insights/types';
import { numberLink, statusText } from '../format';
import { truncate } from '../limits';
import { escapeCorpus } from '../markdown';
import { formatDate } from '../userInput';
import { CHAMBER_MARKS, frNumber as fr, questionTitle } from '../../format/french';

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function summaryFields(s: Summary, opts: { ministries: boolean }): APIEmbedField[] {
  const fields: APIEmbedField[] = [
    {
      name: 'Questions',
      value: `${fr(s.total)} (du ${formatDate(s.firstQuestionDate)} au ${formatDate(s.lastQuestionDate)})`,
      inline: false,
    },
    { name: 'Réponses', value: `${fr(s.answered)} répondues (${percent(s.answeredShare)})`, inline: true },
    {
      name: 'Délai médian de réponse',
      value: s.medianDelayDays === null ? '—' : `${Math.round(s.medianDelayDays)} jours`,
      inline: true,
    },
    { name: 'En attente', value: `${fr(s.pending)} dont ${fr(s.pendingPastDeadline)} au-delà de 2 mois`, inline: true },
  ];
  if (s.withdrawn > 0) fields.push({ name: 'Retirées ou caduques', value: fr(s.withdrawn), inline: true });
  if (s.topRubriques.length) {
    fields.push({
      name: 'Rubriques principales',
      value: s.topRubriques.map((r) => `${escapeCorpus(r.name)} (${fr(r.count)})`).join('\n'),
      inline: true,
    });
  }
  if (opts.ministries && s.topMinistries.length) {
    fields.push({
      name: 'Ministères les plus interrogés',
      value: s.topMinistries.map((r) => `${escapeCorpus(r.name)} (${fr(r.count)})`).join('\n'),
      inline: true,
    });
  }
  return fields;
}

/** "AN · [n° 50862 (14e lég.)](url) · 25/02/2014 · Internet / … · réponse en 203 jours" */
export function questionLine(q: Question, now: Date, withAuthor = false): string {
  const parts = [
    CHAMBER_MARKS[q.chamber],
    numberLink(q.legislature, q.number, q.url),
    formatDate(q.question?.joDate),
    escapeCorpus(truncate(questionTitle(q), 90)),
    ...(withAuthor && q.author.name ? [escapeCorpus(q.author.name)] : []),
    statusText(q.status, q.question?.joDate ?? null, q.answer?.joDate ?? null, now, q.closure?.label, q.closure?.date),
  ];
  return parts.join(' · ');
}
