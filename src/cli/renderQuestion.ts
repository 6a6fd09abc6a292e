import type { Question } from '../corpus/types';
import {
  authorWithRole,
  CHAMBER_NAMES,
  frenchDate,
  ordinal,
  STATUS_WORDS,
  TEXT_NOT_IN_OPEN_DATA,
  TYPE_LABELS,
} from '../format/french';

function published(label: string, date: string | null, page: string | null): string | null {
  if (!date) return null;
  return `${label} au JO le ${frenchDate(date)}${page ? `, page ${page}` : ''}`;
}

/** A readable French plain-text rendering of a whole question (CLI `question`). */
export function renderQuestion(q: Question): string {
  const lines: string[] = [];
  lines.push(
    `${TYPE_LABELS[q.type]} n° ${q.number} (${CHAMBER_NAMES[q.chamber]}, ${ordinal(q.legislature, true)} législature) — ${q.uid}`,
  );
  const title = [q.rubrique, q.teteAnalyse, q.analyses.length ? q.analyses.join(', ') : null]
    .filter(Boolean)
    .join(' / ');
  if (title) lines.push(title);
  lines.push('');

  const a = q.author;
  const who = authorWithRole(a, q.chamber);
  const group = a.group
    ? ` (${a.group.name}${a.group.abbrev && a.group.abbrev !== a.group.name ? `, ${a.group.abbrev}` : ''})`
    : '';
  const place = [
    a.department ? `${a.department}${a.departmentNumber ? ` (${a.departmentNumber})` : ''}` : null,
    a.circonscription ? `${ordinal(a.circonscription)} circonscription` : null,
  ]
    .filter(Boolean)
    .join(', ');
  lines.push(`Auteur : ${who}${group}${place ? ` — ${place}` : ''}`);
  if (q.ministryAsked) lines.push(`Ministère interrogé : ${q.ministryAsked.name}`);
  if (q.ministryAssigned) lines.push(`Ministère attributaire : ${q.ministryAssigned.name}`);
  if (q.ministryHistory.length > 1) {
    lines.push('Historique des attributions :');
    for (const h of q.ministryHistory) {
      lines.push(`  - ${h.date ? frenchDate(h.date) : 'date inconnue'} : ${h.ministry.name}`);
    }
  }
  const qPub = published('Question publiée', q.question?.joDate ?? null, q.question?.joPage ?? null);
  if (qPub) lines.push(qPub);
  const rPub = published('Réponse publiée', q.answer?.joDate ?? null, q.answer?.joPage ?? null);
  if (rPub) lines.push(rPub);
  let status: string = STATUS_WORDS[q.status].sentence;
  if (q.status === 'withdrawn' && q.closure?.label) {
    status += ` (${q.closure.label}${q.closure.date ? `, ${frenchDate(q.closure.date)}` : ''})`;
  }
  lines.push(`Statut : ${status}`);

  lines.push(
    '',
    'Texte de la question :',
    q.question?.text ? q.question.text : `${TEXT_NOT_IN_OPEN_DATA} : voir ${q.url}`,
  );
  if (q.answer) lines.push('', 'Texte de la réponse :', q.answer.text);
  lines.push('', `Lien : ${q.url}`);
  return lines.join('\n');
}
