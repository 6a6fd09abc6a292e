/**
 * CSV exports for spreadsheets set to French: UTF-8 with a byte-order mark (so that Excel reads the accents),
 * `;` between fields (the comma is the decimal separator there), CRLF line ends, fields quoted when they hold a
 * `;`, a quote or a line break (csv-stringify does the quoting; nothing here joins strings by hand).
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportRow } from '../insights/corpusQueries';
import type { Palmares } from '../insights/palmares';
import {
  BOTH_CHAMBERS_NAME,
  CHAMBER_NAMES,
  daysBetween,
  numericDate,
  questionSubject,
  STATUS_WORDS,
  TYPE_NAMES,
} from '../format/french';
import { foldText } from '../text/fold';

/** At most this many rows per export (Discord's 10 MB upload limit leaves room for about 20,000). */
export const MAX_EXPORT_ROWS = 5000;

/** ISO -> JJ/MM/AAAA, the form a French spreadsheet reads as a date; an empty cell otherwise. */
function frDate(iso: string | null): string {
  return numericDate(iso) ?? '';
}

export const QUESTION_COLUMNS = [
  'uid',
  'législature',
  'numéro',
  'type',
  'date de la question',
  'auteur',
  'groupe',
  'département',
  'rubrique',
  'titre',
  'ministère interrogé',
  'ministère attributaire',
  'statut',
  'date de la réponse',
  'délai de réponse (jours)',
  'URL officielle',
  'chambre',
  'campagne (questions)',
];

function csv(header: string[], records: Array<Array<string | number>>): Buffer {
  const text = stringify(records, {
    header: true,
    columns: header,
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}

export function questionsCsv(rows: readonly ExportRow[]): Buffer {
  return csv(
    QUESTION_COLUMNS,
    rows.map((r) => [
      r.uid,
      r.legislature,
      r.number,
      TYPE_NAMES[r.type] ?? r.type,
      frDate(r.questionDate),
      r.author ?? '',
      r.group ?? '',
      r.department ?? '',
      r.rubrique ?? '',
      questionSubject(r),
      r.ministryAsked ?? '',
      r.ministryAssigned ?? '',
      STATUS_WORDS[r.status].adjective,
      frDate(r.answerDate),
      r.status === 'answered' && r.questionDate && r.answerDate
        ? (daysBetween(r.questionDate, r.answerDate) ?? '')
        : '',
      r.url,
      CHAMBER_NAMES[r.chamber],
      r.campaignSize ?? '',
    ]),
  );
}

const PALMARES_COLUMNS = [
  'rang',
  'ministère',
  'questions',
  'échéance de 2 mois passée',
  'répondues dans les 2 mois',
  'part répondue dans les 2 mois (%)',
  'répondues',
  'délai médian (jours)',
  'en attente au-delà de 2 mois',
  'chambre',
];

export function palmaresCsv(p: Palmares): Buffer {
  return csv(
    PALMARES_COLUMNS,
    p.ranks.map((r, i) => [
      i + 1,
      r.ministry,
      r.total,
      r.eligible,
      r.answeredWithinLimit,
      // Decimal comma: a French spreadsheet reads "45,5" as a number.
      (Math.round(r.shareWithinLimit * 1000) / 10).toString().replace('.', ','),
      r.answered,
      r.medianDelayDays === null ? '' : String(Math.round(r.medianDelayDays * 10) / 10).replace('.', ','),
      r.pendingPastLimit,
      p.chamber ? CHAMBER_NAMES[p.chamber] : BOTH_CHAMBERS_NAME,
    ]),
  );
}

/** A file name from a label: "recherche-cybercriminalite.csv". */
export function csvName(prefix: string, label: string): string {
  const slug = foldText(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${prefix}${slug ? `-${slug}` : ''}.csv`;
}
