/**
 * One row of the Sénat's `tam_questions` (with its answers, status label and theme labels, joined by the dump
 * reader) -> a Question of chamber 'senat'. Pure. Columns are read by name (data-formats §7).
 */
import { foldKey } from '../../text/fold';
import { collapseSpaces, htmlToText, normalizeSpaces } from '../../text/htmlToText';
import { parseDataDate } from '../parse/dates';
import {
  fail,
  makeUid,
  ok,
  senatQuestionUrl,
  type Closure,
  type Ministry,
  type MinistryAssignment,
  type ParseResult,
  type Question,
  type QuestionStatus,
} from '../types';

/** A row by column name (null: SQL null, or a column the dump does not have). */
export type SenatRow = Readonly<Record<string, string | null | undefined>>;

/** Columns of `tam_questions` without which a question cannot be read. */
export const QUESTION_REQUIRED = ['id', 'natquecod', 'legislature', 'numero'] as const;
/** Columns of `tam_questions` read when present. */
export const QUESTION_OPTIONAL = [
  'sorquecod',
  'titre',
  'nom',
  'prenom',
  'codequalite',
  'civilite',
  'groupe',
  'circonscription',
  'datejodepot',
  'mindepotlib',
  'minreplib1',
  'datejorep1',
  'txtque',
  'themes',
] as const;
export const ANSWER_REQUIRED = ['idque', 'txtrep'] as const;
export const ANSWER_OPTIONAL = ['datejorep', 'minreplib'] as const;

export interface SenatJoined {
  row: SenatRow;
  /** Rows of `tam_reponses` whose idque is this question's id, in dump order. */
  answers: readonly SenatRow[];
  /** `sortquestion.sorquelib` of the row's sorquecod. */
  statusLabel: string | null;
  /** Labels of the row's theme codes (`the.thelib`), in the row's order. */
  themeLabels: readonly string[];
  /** Where the row was read ("questions.zip!questions.sql"). */
  file: string;
}

/** Is this nature code a written question? (`QE`; others are oral questions, government questions…) */
export function isWrittenQuestion(natquecod: string | null | undefined): boolean {
  return (natquecod ?? '').trim().toUpperCase() === 'QE';
}

/** `#2#14#` -> ['2', '14']. */
export function themeCodes(themes: string | null | undefined): string[] {
  return (themes ?? '')
    .split('#')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function value(row: SenatRow, col: string): string | null {
  const v = row[col];
  if (v === null || v === undefined) return null;
  const t = collapseSpaces(v);
  return t === '' ? null : t;
}

function cleanText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  // Plain texts put one paragraph a line: paragraphs are separated by a blank line in the model.
  const text = /<\/?[a-z][^>]*>/i.test(raw) ? htmlToText(raw) : normalizeSpaces(raw).replace(/\n+/g, '\n\n');
  return text === '' ? null : text;
}

/** `codequalite` / `civilite` -> « M. » or « Mme » (null when the code says neither). */
export function civilityOf(code: string | null): string | null {
  if (code === null) return null;
  const k = foldKey(code).replace(/\.$/, '');
  if (['m', 'mr', 'monsieur'].includes(k)) return 'M.';
  if (['mme', 'madame', 'mlle', 'mademoiselle'].includes(k)) return 'Mme';
  return null;
}

const PARTICLES = new Set(['de', 'du', 'des']);

/** « DUPONT-MORETTI » -> « Dupont-Moretti », « DE LA TOUR » -> « de La Tour », « D'ORNANO » -> « d'Ornano »; mixed case kept. */
export function nameCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/\p{L}+/gu, (w: string, offset: number, all: string) => {
    if (PARTICLES.has(w) || (w === 'd' && /['’]/.test(all[offset + 1] ?? ''))) return w;
    return w.charAt(0).toUpperCase() + w.slice(1);
  });
}

function ministry(name: string | null): Ministry | null {
  return name === null ? null : { name, fullName: null, organeRef: null };
}

/** The status label read as words: « réponse … » answered, « retirée » / « caduque » withdrawn, else pending. */
export function statusOfLabel(label: string | null): QuestionStatus {
  const k = foldKey(label ?? '');
  if (/\b(retir|caduc|caduq)/.test(k)) return 'withdrawn';
  if (/\brepon/.test(k)) return 'answered';
  return 'pending';
}

export function parseSenatQuestion(input: SenatJoined): ParseResult<Question> {
  const { row } = input;
  const type = value(row, 'natquecod');
  if (!isWrittenQuestion(type)) return fail(`nature « ${type ?? ''} » : pas une question écrite`);
  const legRaw = value(row, 'legislature');
  const numRaw = value(row, 'numero');
  if (legRaw === null) return fail('législature absente');
  if (!/^\d{1,2}$/.test(legRaw) || Number(legRaw) < 1) return fail(`législature invalide (« ${legRaw} »)`);
  if (numRaw === null) return fail('numéro absent');
  if (!/^\d{1,6}$/.test(numRaw) || Number(numRaw) < 1) return fail(`numéro invalide (« ${numRaw} »)`);
  const legislature = Number(legRaw);
  const number = Number(numRaw);

  const civility = civilityOf(value(row, 'codequalite')) ?? civilityOf(value(row, 'civilite'));
  const lastName = value(row, 'nom');
  const firstName = value(row, 'prenom');
  const fullName = [firstName, lastName === null ? null : nameCase(lastName)].filter((s) => s !== null).join(' ');
  const group = value(row, 'groupe');

  const questionDate = parseDataDate(value(row, 'datejodepot'));
  const questionText = cleanText(row.txtque);

  // The answer: the last of the rows joined (a corrected answer comes after the first one).
  const answerRow = input.answers.length > 0 ? input.answers[input.answers.length - 1]! : null;
  const answerDate =
    parseDataDate(answerRow ? value(answerRow, 'datejorep') : null) ?? parseDataDate(value(row, 'datejorep1'));
  const answerText = answerRow ? (cleanText(answerRow.txtrep) ?? '') : null;

  const asked = ministry(value(row, 'mindepotlib'));
  const answering = ministry((answerRow ? value(answerRow, 'minreplib') : null) ?? value(row, 'minreplib1'));
  const history: MinistryAssignment[] = [];
  if (asked) history.push({ ministry: asked, date: questionDate });
  if (answering && (!asked || foldKey(answering.name) !== foldKey(asked.name)))
    history.push({ ministry: answering, date: answerDate });

  let status = statusOfLabel(input.statusLabel);
  if (answerText !== null && status !== 'withdrawn') status = 'answered';
  const code = value(row, 'sorquecod');
  let closure: Closure | null = null;
  if (status !== 'pending')
    closure = { code, label: input.statusLabel, date: status === 'answered' ? answerDate : null };
  const answer = status === 'answered' ? { text: answerText ?? '', joDate: answerDate, joPage: null } : null;

  const themes = [...new Set(input.themeLabels)];
  return ok({
    uid: makeUid(legislature, 'QE', number, 'senat'),
    chamber: 'senat',
    legislature,
    number,
    type: 'QE',
    author: {
      name: fullName === '' ? null : civility ? `${civility} ${fullName}` : fullName,
      civility,
      fullName: fullName === '' ? null : fullName,
      acteurRef: null,
      mandatRef: null,
      group: group === null ? null : { name: group, abbrev: null, organeRef: null },
      department: value(row, 'circonscription'),
      departmentNumber: null,
      circonscription: null,
    },
    rubrique: themes[0] ?? null,
    teteAnalyse: value(row, 'titre'),
    analyses: themes,
    ministryAsked: asked,
    ministryAssigned: history.length > 0 ? history[history.length - 1]!.ministry : null,
    ministryHistory: history,
    question:
      questionText === null && questionDate === null
        ? null
        : { text: questionText ?? '', joDate: questionDate, joPage: null },
    answer,
    status,
    closure,
    url: senatQuestionUrl(number, questionDate),
    source: { file: input.file, format: 'senat-dump' },
  });
}
