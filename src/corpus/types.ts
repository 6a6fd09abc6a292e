/**
 * The one model every source (seed pages, official open data, generated archives) is turned into.
 * Dates are ISO `YYYY-MM-DD` strings; unknown values are `null`, never `undefined` or "".
 */

export type QuestionType = 'QE' | 'QG' | 'QOSD';

/** The chamber a question was asked in: the Assemblée nationale or the Sénat. */
export type Chamber = 'an' | 'senat';

/** answered: an answer is published; pending: nothing yet; withdrawn: closed without answer (retirée, caduque...). */
export type QuestionStatus = 'answered' | 'pending' | 'withdrawn';

export type SourceFormat =
  | 'seed-page-a' // current www.assemblee-nationale.fr/dyn page dump
  | 'seed-page-b' // old questions.assemblee-nationale.fr page dump
  | 'opendata-json' // official open data, any layout (single file, per-question file)
  | 'old-xml' // the former site's per-question XML (questions.assemblee-nationale.fr/q14/14-NNNNNQE.htm/vue/xml)
  | 'senat-dump'; // the Sénat's questions database, PostgreSQL plain dump (data.senat.fr/data/questions/questions.zip)

export interface Ministry {
  /** Short name as shown by the Assemblée ("Justice", "Intérieur"). */
  name: string;
  /** Long name when known ("Ministère de l'intérieur"). */
  fullName: string | null;
  /** Organe id (PO...) when known. */
  organeRef: string | null;
}

export interface MinistryAssignment {
  ministry: Ministry;
  /** Date of the (re)assignment, when known. */
  date: string | null;
}

export interface Group {
  /** Full name ("Les Républicains"). */
  name: string;
  /** Abbreviation ("LR") when known. */
  abbrev: string | null;
  organeRef: string | null;
}

interface Author {
  /** Display name with civility, e.g. "M. Lionel Tardy"; null when only refs are known. */
  name: string | null;
  /** "M." or "Mme" when known. */
  civility: string | null;
  /** First name + last name without civility ("Lionel Tardy"). */
  fullName: string | null;
  acteurRef: string | null;
  mandatRef: string | null;
  /** Group at the time of the question when the source gives it (open data), else the one shown by the page. */
  group: Group | null;
  department: string | null;
  departmentNumber: string | null;
  circonscription: number | null;
}

export interface PublishedText {
  /** Clean plain text: no HTML, paragraphs separated by "\n\n", whitespace normalised. */
  text: string;
  joDate: string | null;
  joPage: string | null;
}

export interface Closure {
  code: string | null; // e.g. REP_PUB, RET, CAD...
  label: string | null; // as given ("Réponse publiée", "Retirée", "Caduque")
  date: string | null;
}

interface QuestionSource {
  /** File path (or URL, or "archive.zip!entry.json"). */
  file: string;
  format: SourceFormat;
}

export interface Question {
  /** Assemblée: QANR5L{legislature}{type}{number}; Sénat: QSENL{legislature}{type}{number} (see makeUid). */
  uid: string;
  /** Records stored before the Sénat arrived have no chamber: read them through `withChamber`. */
  chamber: Chamber;
  legislature: number;
  number: number;
  type: QuestionType;
  author: Author;
  rubrique: string | null;
  teteAnalyse: string | null;
  analyses: string[];
  ministryAsked: Ministry | null;
  /** Current ministry (last of the history). */
  ministryAssigned: Ministry | null;
  /** Every assignment, oldest first; the last one is current. */
  ministryHistory: MinistryAssignment[];
  question: PublishedText | null;
  answer: PublishedText | null;
  status: QuestionStatus;
  closure: Closure | null;
  url: string;
  source: QuestionSource;
}

/** What every flat projection of a question (the search index's document, the store's columns) starts with: its
 * identity and where it stands. */
export type QuestionHead = Pick<Question, 'uid' | 'chamber' | 'legislature' | 'number' | 'type' | 'status'>;

export function questionHead(q: Question): QuestionHead {
  return {
    uid: q.uid,
    chamber: q.chamber,
    legislature: q.legislature,
    number: q.number,
    type: q.type,
    status: q.status,
  };
}

/** A deputy from the AMO "acteurs" dataset, reduced to what questions need. */
export interface Acteur {
  uid: string; // PA...
  civility: string | null;
  firstName: string | null;
  lastName: string | null;
  mandates: ActeurMandate[];
}

export interface ActeurMandate {
  uid: string; // PM...
  legislature: number | null;
  typeOrgane: string | null; // ASSEMBLEE, GP, ...
  organeRef: string | null;
  department: string | null;
  departmentNumber: string | null;
  circonscription: number | null;
  startDate: string | null;
  endDate: string | null;
}

/** What a parser returns: a value, or a reason that names what is wrong (the caller adds the file). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): ParseResult<T> => ({ ok: false, reason });

/** Official page of an Assemblée question (a Sénat question's page needs its date: `senatQuestionUrl`). */
export function officialUrl(legislature: number, uid: string): string {
  return `https://www.assemblee-nationale.fr/dyn/${legislature}/questions/${uid}`;
}

/**
 * A Sénat question's page: `…/questions/base/{YYYY}/qSEQ{YY}{MM}{NNNNN}.html` with the year and month of its
 * publication in the JO and its number on 5 digits (data-formats §7), e.g. 10778 of September 1998 ->
 * `https://www.senat.fr/questions/base/1998/qSEQ980910778.html`. Without a date, the Sénat's search page.
 */
export function senatQuestionUrl(number: number, joDate: string | null): string {
  const m = joDate ? /^(\d{4})-(\d{2})/.exec(joDate) : null;
  if (!m) return `https://www.senat.fr/basile/rechercheQuestion.do?numero=${number}`;
  const [, year, month] = m;
  return `https://www.senat.fr/questions/base/${year}/qSEQ${year!.slice(2)}${month}${String(number).padStart(5, '0')}.html`;
}

const UID_PREFIX: Record<Chamber, string> = { an: 'QANR5L', senat: 'QSENL' };

export function makeUid(legislature: number, type: QuestionType, number: number, chamber: Chamber = 'an'): string {
  return `${UID_PREFIX[chamber]}${legislature}${type}${number}`;
}

const UID_RE = /^(QANR5L|QSENL)(\d{1,2})(QE|QG|QOSD)(\d{1,6})$/;

export function parseUid(
  uid: string,
): { chamber: Chamber; legislature: number; type: QuestionType; number: number } | null {
  const m = UID_RE.exec(uid);
  if (!m) return null;
  return {
    chamber: m[1] === 'QSENL' ? 'senat' : 'an',
    legislature: Number(m[2]),
    type: m[3] as QuestionType,
    number: Number(m[4]),
  };
}

/** The chamber of a uid (Assemblée unless it is a Sénat uid). */
function chamberOfUid(uid: string): Chamber {
  return uid.startsWith(UID_PREFIX.senat) ? 'senat' : 'an';
}

/** A stored or transmitted record, with the chamber that records written before the Sénat arrived lack. */
export function withChamber(q: Question): Question {
  if (q.chamber) return q;
  q.chamber = chamberOfUid(q.uid);
  return q;
}
