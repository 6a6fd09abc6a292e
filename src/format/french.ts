/** French wording shared by every front end (Discord embeds, console, CLI): dates, numbers, ordinals. */
import type { QuestionType } from '../corpus/types';

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** "2014-02-25" -> "25 février 2014" ("1er" for the first day); anything else is returned as is. */
export function frenchDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${day === 1 ? '1er' : day} ${month} ${m[1]}`;
}

/** "2025-01-07T10:00:00.000Z" -> "7 janvier 2025 à 10:00 UTC". */
export function frenchDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = frenchDate(iso);
  const t = /T(\d{2}:\d{2})/.exec(iso);
  return t ? `${d} à ${t[1]} UTC` : d;
}

export const TYPE_LABELS: Record<QuestionType, string> = {
  QE: 'Question écrite',
  QG: 'Question au Gouvernement',
  QOSD: 'Question orale sans débat',
};

export const frNumber = (n: number): string => n.toLocaleString('fr-FR');

/** The noun for a count: French takes the plural from 2 (0 and 1 take the singular). */
export function frNoun(n: number, singular: string, plural = `${singular}s`): string {
  return Math.abs(n) >= 2 ? plural : singular;
}

/** 1 -> "1 question", 2500 -> "2 500 questions" (with a narrow no-break space, as toLocaleString writes it). */
export function frCount(n: number, singular: string, plural?: string): string {
  return `${frNumber(n)} ${frNoun(n, singular, plural)}`;
}

/** 14 -> "14e", 1 -> "1re". */
export function ordinal(n: number, feminine = true): string {
  return n === 1 ? (feminine ? '1re' : '1er') : `${n}e`;
}

/**
 * The author as shown everywhere: the name when a deputy record gave it, else « député(e) PA842279 » (the open
 * data's reference, until the deputies' history is loaded), else « auteur inconnu ».
 */
export function authorLabel(a: { name: string | null; fullName: string | null; acteurRef: string | null }): string {
  return a.name ?? a.fullName ?? (a.acteurRef ? `député(e) ${a.acteurRef}` : 'auteur inconnu');
}

/** Said instead of an empty question text: the open data does not hold it (yet). */
export const TEXT_NOT_IN_OPEN_DATA = 'Le texte de cette question n’est pas (encore) dans les données ouvertes de l’Assemblée';
