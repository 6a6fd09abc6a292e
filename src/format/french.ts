/** French wording shared by every front end (Discord embeds, console, CLI): dates, numbers, ordinals. */
import type { Chamber, QuestionStatus, QuestionType } from '../corpus/types';
import { foldKey } from '../text/fold';

/** The months' names, January first. */
export const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** Short forms of the months people type (« janv », « sept »), folded. */
const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  janv: 1,
  fevr: 2,
  fev: 2,
  avr: 4,
  juil: 7,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/**
 * The month words as read (folded: « fevrier », « aout »), to the month's number 1-12: the full names of
 * FRENCH_MONTHS, and with `abbreviations` the short forms people type.
 */
export function frenchMonthWords(abbreviations: boolean): ReadonlyMap<string, number> {
  const words = new Map(FRENCH_MONTHS.map((m, i) => [foldKey(m), i + 1] as const));
  if (abbreviations) for (const [w, n] of Object.entries(MONTH_ABBREVIATIONS)) words.set(w, n);
  return words;
}

/** "2014-02-25" -> "25 février 2014" ("1er" for the first day); anything else is returned as is. */
export function frenchDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  const month = FRENCH_MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${day === 1 ? '1er' : day} ${month} ${m[1]}`;
}

/**
 * A period in words: « du 3 au 17 mars 2025 », « du 28 février au 3 mars 2025 », « du 3 mars 2024 au 2 janvier 2025 »,
 * « le 3 mars 2025 » for one day; null without dates.
 */
export function frenchPeriod(fromIso: string | null, toIso: string | null): string | null {
  const from = frenchDate(fromIso);
  const to = frenchDate(toIso);
  if (!from || !to) return from ? `le ${from}` : to ? `le ${to}` : null;
  if (from === to) return `le ${from}`;
  const f = from.split(' ');
  const t = to.split(' ');
  if (f.length !== 3 || t.length !== 3) return `du ${from} au ${to}`;
  if (f[2] !== t[2]) return `du ${from} au ${to}`;
  if (f[1] !== t[1]) return `du ${f[0]} ${f[1]} au ${to}`;
  return `du ${f[0]} au ${to}`;
}

/** "mardi 4 mars 2025": the calendar day of an instant in a time zone, with its weekday. */
export function frenchWeekdayDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(instant);
}

/**
 * Whole calendar days from one ISO date to another (only the `YYYY-MM-DD` part counts); null when either is
 * missing or not a date.
 */
export function daysBetween(fromIso: string | null | undefined, toIso: string | null | undefined): number | null {
  if (!fromIso || !toIso) return null;
  const a = Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${toIso.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.round((b - a) / 86_400_000);
}

/** "2014-02-25" -> "25/02/2014" (JJ/MM/AAAA, the form French readers and spreadsheets take as a date); null when not a date. */
export function numericDate(iso: string | null | undefined): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
}

/** "2025-01-07T10:00:00.000Z" -> "7 janvier 2025 à 10:00 UTC". */
export function frenchDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = frenchDate(iso);
  const t = /T(\d{2}:\d{2})/.exec(iso);
  return t ? `${d} à ${t[1]} UTC` : d;
}

/** A question's type in words, as every front end says it (« question écrite »). */
export const TYPE_NAMES: Record<QuestionType, string> = {
  QE: 'question écrite',
  QG: 'question au Gouvernement',
  QOSD: 'question orale sans débat',
};

/** The same at the start of a line (« Question écrite n° 12 »). */
export const TYPE_LABELS: Record<QuestionType, string> = {
  QE: 'Question écrite',
  QG: 'Question au Gouvernement',
  QOSD: 'Question orale sans débat',
};

/** A chamber's name, as every front end says it (« Sénat »). */
export const CHAMBER_NAMES: Record<Chamber, string> = { an: 'Assemblée nationale', senat: 'Sénat' };

/** Both chambers together (a ranking or an export of both). */
export const BOTH_CHAMBERS_NAME = 'Assemblée nationale et Sénat';

/** The short marker shown on a hit or a list line (« AN », « Sénat »). */
export const CHAMBER_MARKS: Record<Chamber, string> = { an: 'AN', senat: 'Sénat' };

/** Where a question was asked, after « à » / « au » (« à l’Assemblée », « au Sénat »). */
export const CHAMBER_PLACES: Record<Chamber, string> = { an: 'à l’Assemblée', senat: 'au Sénat' };

/** The official page's name on a link button (« Page de l'Assemblée », « Page du Sénat »). */
export const CHAMBER_PAGES: Record<Chamber, string> = { an: "Page de l'Assemblée", senat: 'Page du Sénat' };

/** The official site, after « sur » (« Lire la suite sur le site du Sénat »). */
export const CHAMBER_SITES: Record<Chamber, string> = { an: "le site de l'Assemblée", senat: 'le site du Sénat' };

/** The author's mandate: « sénateur », « sénatrice » (from the civility), « député(e) ». */
function memberRole(chamber: Chamber, civility: string | null): string {
  if (chamber === 'senat') return civility === 'Mme' ? 'sénatrice' : civility === 'M.' ? 'sénateur' : 'sénateur·rice';
  return civility === 'Mme' ? 'députée' : civility === 'M.' ? 'député' : 'député(e)';
}

/**
 * A question's status in words, as every front end says it: `adjective` for one question in a list or a CSV cell,
 * `plural` for a filter (« répondues »), `sentence` after « Statut : ».
 */
export const STATUS_WORDS: Record<QuestionStatus, { adjective: string; plural: string; sentence: string }> = {
  answered: { adjective: 'répondue', plural: 'répondues', sentence: 'répondue' },
  pending: { adjective: 'en attente', plural: 'en attente', sentence: 'en attente de réponse' },
  withdrawn: { adjective: 'retirée ou caduque', plural: 'retirées', sentence: 'close sans réponse' },
};

/**
 * A status as people give it, in one vocabulary for every front end: Discord's choice values (`en_attente`), the
 * CLI's `--statut` (`en-attente`, `repondu`), plain words (« en attente », « retirées »), accents and case aside.
 */
const STATUS_INPUTS: Readonly<Record<string, QuestionStatus>> = {
  repondue: 'answered',
  repondues: 'answered',
  repondu: 'answered',
  en_attente: 'pending',
  attente: 'pending',
  retiree: 'withdrawn',
  retirees: 'withdrawn',
  retire: 'withdrawn',
  close: 'withdrawn',
  closes: 'withdrawn',
  caduque: 'withdrawn',
  caduques: 'withdrawn',
};

/** The status a word names (see STATUS_INPUTS), or null. */
export function statusOfWord(input: string): QuestionStatus | null {
  return STATUS_INPUTS[foldKey(input).replace(/[\s-]+/g, '_')] ?? null;
}

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

interface TitleParts {
  rubrique: string | null;
  teteAnalyse: string | null;
  analyses: readonly string[];
}

/**
 * What a question is about, from the index terms it was filed under: "rubrique / tête d'analyse / analyse, analyse"
 * with the parts that exist; '' when it has none (a data column stays empty rather than invent a title).
 */
export function questionSubject(q: TitleParts): string {
  const parts = [q.rubrique, q.teteAnalyse, q.analyses.length > 0 ? q.analyses.join(', ') : null];
  return parts.filter((p): p is string => p !== null && p.trim() !== '').join(' / ');
}

/** A question's title everywhere it is shown (search hits, cards, lists, digests): its subject, else « Question n° 1234 ». */
export function questionTitle(q: TitleParts & { number: number }): string {
  return questionSubject(q) || `Question n° ${q.number}`;
}

/**
 * The author as shown everywhere: the name when a deputy record gave it, else « député(e) PA842279 » (the open
 * data's reference, until the deputies' history is loaded), else « auteur inconnu ».
 */
function authorLabel(a: { name: string | null; fullName: string | null; acteurRef: string | null }): string {
  return a.name ?? a.fullName ?? (a.acteurRef ? `député(e) ${a.acteurRef}` : 'auteur inconnu');
}

/** The author and their mandate (« M. Jean Dupont, sénateur »); the bare label when the name is unknown. */
export function authorWithRole(
  a: { name: string | null; fullName: string | null; acteurRef: string | null; civility: string | null },
  chamber: Chamber,
): string {
  const label = authorLabel(a);
  return (a.name ?? a.fullName) ? `${label}, ${memberRole(chamber, a.civility)}` : label;
}

/** Said instead of an empty question text: the open data does not hold it (yet). */
export const TEXT_NOT_IN_OPEN_DATA =
  'Le texte de cette question n’est pas (encore) dans les données ouvertes de l’Assemblée';

/**
 * What to tell the user when a search did not find every word everywhere (SearchResponse.mode), null otherwise.
 * 'mixed': the first `allTotal` results have every word, the next ones most of them; 'any': none has them all.
 */
export function searchModeNote(mode: string, allTotal: number | undefined): string | null {
  if (mode === 'any') return 'Aucune question ne contient tous les mots : voici celles qui en contiennent le plus.';
  if (mode === 'mixed') {
    const n = allTotal ?? 0;
    return n >= 2
      ? `Seules ${frCount(n, 'question')} contiennent tous les mots : elles viennent en premier, suivies de celles qui en contiennent la plupart.`
      : `Une seule question contient tous les mots : elle vient en premier, suivie de celles qui en contiennent la plupart.`;
  }
  return null;
}
