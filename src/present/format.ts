/**
 * Shared French rendering of questions and search hits for embeds. Corpus text always goes through
 * `escapeCorpus`; lengths are cut later by `fitToLimits`, except where a cut needs a "read more" link.
 */
import type { Chamber, QuestionStatus } from '../corpus/types';
import { excerptToMarkdown } from '../search/excerpt';
import type { Excerpt, SearchHit } from '../search/types';
import { truncate, truncatePlain } from './limits';
import { escapeCorpus, escapeLinkLabel } from './markdown';
import { formatDate, isoDay } from './userInput';
import { CHAMBER_MARKS, CHAMBER_SITES, daysBetween, ordinal } from '../format/french';

export const COLORS = {
  search: 0x1f4e9b,
  question: 0x2b6cb0,
  answered: 0x2f855a,
  pending: 0xc05621,
  withdrawn: 0x718096,
  info: 0x4a5568,
} as const;

export { ordinal } from '../format/french';

export function numberLink(legislature: number, number: number, url: string): string {
  return `[n° ${number} (${ordinal(legislature)} lég.)](${url})`;
}

/** "réponse en 203 jours (JO du 16/09/2014)", "sans réponse depuis 120 jours", "retirée le 01/02/2015". */
export function statusText(
  status: QuestionStatus,
  questionDate: string | null,
  answerDate: string | null,
  now: Date,
  closureLabel?: string | null,
  closureDate?: string | null,
): string {
  if (status === 'answered') {
    const days = daysBetween(questionDate, answerDate);
    if (days !== null) {
      return `réponse en ${days} jour${days > 1 ? 's' : ''} (JO du ${formatDate(answerDate)})`;
    }
    return answerDate ? `réponse publiée le ${formatDate(answerDate)}` : 'réponse publiée';
  }
  if (status === 'pending') {
    if (!questionDate) return 'sans réponse';
    const days = Math.max(0, daysBetween(questionDate, isoDay(now)) ?? 0);
    return `sans réponse depuis ${days} jour${days > 1 ? 's' : ''}`;
  }
  // The closure label is corpus text ("Retirée", "Caduque", anything in a damaged record).
  const label = closureLabel ? escapeCorpus(truncatePlain(closureLabel.toLowerCase(), 100)) : 'retirée';
  return closureDate ? `${label} le ${formatDate(closureDate)}` : label;
}

/** Excerpt as Markdown, matched words in bold, corpus text escaped. */
function excerptMarkdown(excerpt: Excerpt | null): string {
  return excerpt ? excerptToMarkdown(excerpt, escapeCorpus) : '';
}

/** One search hit as an embed field (name ≤ 256, value ≤ 1024 with the excerpt cut to what is left). */
export function hitField(hit: SearchHit, index: number, now: Date): { name: string; value: string } {
  // Field names render Markdown: the title is corpus text.
  const name = truncate(`${index}. ${escapeCorpus(truncatePlain(hit.title || 'Sans titre', 300))}`, 256);
  const who = [
    hit.author ? escapeCorpus(hit.author) : 'auteur inconnu',
    hit.group ? `(${escapeCorpus(hit.group)})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const lines = [
    `${CHAMBER_MARKS[hit.chamber]} · ${numberLink(hit.legislature, hit.number, hit.url)} · ${who}`,
    `${hit.ministry ? `${escapeCorpus(hit.ministry)} · ` : ''}publiée le ${formatDate(hit.questionDate)} · ${statusText(hit.status, hit.questionDate, hit.answerDate, now)}`,
  ];
  const head = lines.join('\n');
  const ex = excerptMarkdown(hit.excerpt);
  const budget = 1024 - head.length - 4;
  const value = ex && budget > 40 ? `${head}\n> ${truncate(ex.replace(/\n+/g, ' '), budget)}` : head;
  return { name, value };
}

/**
 * Cuts a long text to `max` characters; when cut, ends with a link to the full text on the official page.
 */
export function cutWithLink(text: string, max: number, url: string, chamber: Chamber = 'an'): string {
  if (text.length <= max) return text;
  const link = `\n[Lire la suite sur ${CHAMBER_SITES[chamber]}](${url})`;
  return truncate(text, max - link.length) + link;
}

export function escapeName(s: string | null | undefined, fallback = '—'): string {
  return s ? escapeLinkLabel(s) : fallback;
}
