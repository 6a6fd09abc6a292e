import {
  fail,
  makeUid,
  officialUrl,
  ok,
  parseUid,
  type Closure,
  type Ministry,
  type MinistryAssignment,
  type ParseResult,
  type PublishedText,
  type Question,
  type QuestionType,
  type SourceFormat,
} from '../types';
import { findPrintedDate } from './dates';
import { ministryFields, statusOf } from './questionParts';
import {
  cleanValue,
  findLegislature,
  findPage,
  foldLabel,
  isLegislatureLine,
  parseCirconscription,
  sectionText,
  splitAnalyses,
  splitCivility,
  typeFromLabel,
} from './seedFields';

/** What both layouts yield before it becomes a Question. Every field may be missing on a cut page. */
interface SeedFields {
  format: SourceFormat;
  legislature: number | null;
  number: number | null;
  type: QuestionType | null;
  urlUid: { legislature: number; type: QuestionType; number: number } | null;
  authorDisplay: string | null;
  department: string | null;
  circonscription: number | null;
  groupName: string | null;
  rubrique: string | null;
  teteAnalyse: string | null;
  analyses: string[];
  asked: string | null;
  assigned: string | null;
  transferDate: string | null;
  questionText: string | null;
  questionDate: string | null;
  questionPage: string | null;
  answerText: string | null;
  answerDate: string | null;
  answerPage: string | null;
  withdrawal: { date: string | null; label: string } | null;
}

function emptyFields(format: SourceFormat): SeedFields {
  return {
    format,
    legislature: null,
    number: null,
    type: null,
    urlUid: null,
    authorDisplay: null,
    department: null,
    circonscription: null,
    groupName: null,
    rubrique: null,
    teteAnalyse: null,
    analyses: [],
    asked: null,
    assigned: null,
    transferDate: null,
    questionText: null,
    questionDate: null,
    questionPage: null,
    answerText: null,
    answerDate: null,
    answerPage: null,
    withdrawal: null,
  };
}

/**
 * A seed page dump (already decoded: LF line ends) -> Question.
 * Layout A is the current www.assemblee-nationale.fr/dyn page, layout B the old questions.assemblee-nationale.fr
 * page (tab-separated header cells, "## Texte de la question").
 * Contract: never throws; fails only when the number or the legislature cannot be read.
 * The uid is always rebuilt from legislature + type + number (the URL line of layout B may be damaged);
 * the page's URL only fills in what the page does not print.
 * A publication whose date is printed but whose text is cut off gets text "" (the date is kept).
 */
export function parseSeedPage(text: string, file: string): ParseResult<Question> {
  try {
    const normalized = text.replace(/\r\n?/g, '\n');
    const fields = isLayoutB(normalized) ? readLayoutB(normalized) : readLayoutA(normalized);
    return buildQuestion(fields, file);
  } catch (err) {
    // Last-resort guard: a parser bug must reject one file, not stop an ingest.
    return fail(`unexpected parser error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isLayoutB(text: string): boolean {
  return (
    /Question\s*N\s*[°º]\s*:/i.test(text) ||
    /^##\s*Texte de la question/im.test(text) ||
    /T[êe]te d['’]analyse\s*(?:<\/b>)?\s*>/i.test(text)
  );
}

// ---------------------------------------------------------------------------------------------
// Layout A

type HeadingA = 'question' | 'answer' | 'keys' | 'dates';

function headingA(line: string): HeadingA | null {
  const f = foldLabel(line.replace(/^#+\s*/, ''));
  if (f === 'texte de la question') return 'question';
  if (f === 'texte de la reponse') return 'answer';
  if (f === 'donnees cles') return 'keys';
  if (/^date\(s\) cle\((?:s|e\)s)\)?$/.test(f) || f.startsWith('date(s) cle')) return 'dates';
  return null;
}

const LABEL_LINE_RE = /^([^:\n]{2,80}?)\s*:\s*(.*)$/;
const QUESTION_HEADING_RE =
  /^(Questions?\s+(?:écrites?|au\s+gouvernement|orales?\s+sans\s+débat))\s+n\s*[°º]\s*(\d{1,7})\b/i;

function readLayoutA(text: string): SeedFields {
  const f = emptyFields('seed-page-a');
  const lines = text.split('\n').map((l) => l.trim());

  const sections: Record<HeadingA, string[]> = { question: [], answer: [], keys: [], dates: [] };
  const header: string[] = [];
  let current: HeadingA | null = null;
  for (const line of lines) {
    const h = headingA(line);
    if (h !== null) {
      current = h;
      continue;
    }
    if (line === '') continue;
    if (current === null) header.push(line);
    else sections[current].push(line);
  }

  // Header: "ASSEMBLÉE NATIONALE" / "14ème législature" / tête d'analyse / "Question écrite n° 50862".
  let headingNumber: number | null = null;
  for (let i = 0; i < header.length; i++) {
    const line = header[i] ?? '';
    if (f.legislature === null && isLegislatureLine(line)) {
      f.legislature = findLegislature(line);
      const next = header[i + 1];
      if (next !== undefined && !QUESTION_HEADING_RE.test(next) && !isLegislatureLine(next)) {
        f.teteAnalyse = cleanValue(next);
      }
    }
    const q = QUESTION_HEADING_RE.exec(line);
    if (q && headingNumber === null) {
      headingNumber = Number(q[2]);
      f.type = typeFromLabel(q[1] ?? '');
    }
  }

  f.questionText = sectionText(sections.question);
  f.answerText = sectionText(sections.answer);

  let labelNumber: number | null = null;
  for (const line of [...sections.keys, ...sections.dates]) {
    const m = LABEL_LINE_RE.exec(line);
    if (!m) continue;
    const label = foldLabel(m[1] ?? '');
    const raw = m[2] ?? '';
    const value = cleanValue(raw);
    if (label === 'auteur') f.authorDisplay = value;
    else if (label === 'circonscription' && value !== null) {
      const c = parseCirconscription(value);
      f.department = c.department;
      f.circonscription = c.circonscription;
      f.groupName = c.group;
    } else if (label === 'type de question' && value !== null) f.type = typeFromLabel(value) ?? f.type;
    else if (label === 'numero de la question' && value !== null && /^\d{1,7}$/.test(value))
      labelNumber = Number(value);
    else if (label === 'rubrique') f.rubrique = value;
    else if (label === 'ministere interroge') f.asked = value;
    else if (label === 'ministere attributaire') f.assigned = value;
    else if (/^question publiee (?:au jo )?le$/.test(label) && value !== null) {
      f.questionDate = findPrintedDate(value);
      f.questionPage = findPage(value);
    } else if (/^reponse publiee (?:au jo )?le$/.test(label) && value !== null) {
      f.answerDate = findPrintedDate(value);
      f.answerPage = findPage(value);
    } else if (/^date de changement d'attribution$/.test(label) && value !== null) {
      f.transferDate = findPrintedDate(value);
    } else if (/^question retiree le$/.test(label) && value !== null) {
      f.withdrawal = { date: findPrintedDate(value), label: withdrawalLabel(value) };
    }
  }

  // The title wins: on a page cut inside "Numéro de la question : 81473" the key data holds a prefix.
  f.number = headingNumber ?? labelNumber;
  return f;
}

/** "19 juin 2017 (Fin de mandat)" -> "Fin de mandat"; otherwise "Retirée". */
function withdrawalLabel(value: string): string {
  const m = /\(([^()]{1,80})\)/.exec(value);
  return m ? (cleanValue(m[1]) ?? 'Retirée') : 'Retirée';
}

// ---------------------------------------------------------------------------------------------
// Layout B

function readLayoutB(text: string): SeedFields {
  const f = emptyFields('seed-page-b');
  const lines = text.split('\n');

  const header: string[] = [];
  const sections: { question: string[]; answer: string[] } = { question: [], answer: [] };
  let current: 'header' | 'question' | 'answer' | 'other' = 'header';
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (line.startsWith('##')) {
      const title = foldLabel(line.replace(/^#+\s*/, ''));
      if (title === 'texte de la question') {
        current = 'question';
        continue;
      }
      if (title === 'texte de la reponse') {
        current = 'answer';
        continue;
      }
      if (current !== 'header') {
        current = 'other';
        continue;
      }
    }
    if (current === 'header') header.push(rawLine);
    else if (current === 'question') sections.question.push(line);
    else if (current === 'answer') sections.answer.push(line);
  }

  const headerText = header.join('\n').replace(/<[^<>]*>/g, '');
  f.urlUid = uidFromUrl(headerText);
  f.legislature = findLegislature(headerText) ?? f.urlUid?.legislature ?? null;

  const num = /Question\s*N\s*[°º]\s*:\s*(\d{1,7})\b/i.exec(headerText);
  f.number = num ? Number(num[1]) : null;

  const cells = headerText
    .split(/[\t\n]/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  for (const cell of cells) {
    const author = /^De\s+(.+)$/.exec(cell);
    if (author && f.authorDisplay === null) {
      readAuthorCellB(author[1] ?? '', f);
      continue;
    }
    if (/^Questions?\s+(?:écrites?|au\s+gouvernement|orales?\b)/i.test(cell) && !/\bN\s*[°º]/.test(cell)) {
      f.type = typeFromLabel(cell) ?? f.type;
      continue;
    }
    const gt = cell.indexOf('>');
    if (gt <= 0) continue;
    const key = foldLabel(cell.slice(0, gt));
    const value = cleanValue(cell.slice(gt + 1));
    if (key === 'ministere interroge') f.asked = value;
    else if (key === 'ministere attributaire') f.assigned = value;
    else if (key === 'rubrique') f.rubrique = value;
    else if (key === "tete d'analyse") f.teteAnalyse = value;
    else if (key === 'analyse') f.analyses = splitAnalyses(value);
  }

  // Space runs collapsed first: the lazy captures below then stay linear on any header.
  const dateArea = headerText.replace(/[^\S\t\n]+/g, ' ');
  const qDate =
    /Question publiée (?:au JO )?le\s*:\s*([^\t\n]*?)(?=\s*(?:Réponse publiée|Date de changement|Question retirée|\t|\n|$))/i.exec(
      dateArea,
    );
  if (qDate) {
    f.questionDate = findPrintedDate(qDate[1] ?? '');
    f.questionPage = findPage(qDate[1] ?? '');
  }
  const aDate =
    /Réponse publiée (?:au JO )?le\s*:\s*([^\t\n]*?)(?=\s*(?:Question publiée|Date de changement|Question retirée|\t|\n|$))/i.exec(
      dateArea,
    );
  if (aDate) {
    f.answerDate = findPrintedDate(aDate[1] ?? '');
    f.answerPage = findPage(aDate[1] ?? '');
  }
  const transfer = /Date de changement d['’]attribution\s*:\s*(\d{1,2}\/\d{1,2}\/\d{4})/i.exec(dateArea);
  if (transfer) f.transferDate = findPrintedDate(transfer[1] ?? '');
  const withdrawn = /Question retirée le\s*:\s*([^\t\n]*)/i.exec(dateArea);
  if (withdrawn)
    f.withdrawal = { date: findPrintedDate(withdrawn[1] ?? ''), label: withdrawalLabel(withdrawn[1] ?? '') };

  if (f.type === null && f.urlUid !== null) f.type = f.urlUid.type;
  f.questionText = sectionText(sections.question);
  f.answerText = sectionText(sections.answer);
  return f;
}

/** "M. Thierry Lazaro (Union pour un Mouvement Populaire - Nord" (closing parenthesis often cut). */
function readAuthorCellB(cell: string, f: SeedFields): void {
  const open = cell.indexOf('(');
  const name = cleanValue(open === -1 ? cell : cell.slice(0, open));
  f.authorDisplay = name;
  if (open === -1) return;
  const inside = cell.slice(open + 1).replace(/\)\s*$/, '');
  const sep = inside.lastIndexOf(' - ');
  if (sep === -1) {
    f.groupName = cleanValue(inside);
    return;
  }
  f.groupName = cleanValue(inside.slice(0, sep));
  f.department = cleanValue(inside.slice(sep + 3));
}

/**
 * The uid in a page URL, repairing the damage seen in the dumps: "QANR5I 14QF60080" is QANR5L14QE60080
 * (l read as I, E as F, stray spaces). Also reads the old "/q14/14-60080QE.htm" form.
 */
function uidFromUrl(text: string): { legislature: number; type: QuestionType; number: number } | null {
  const dyn = /\/questions\/([^\n\t]{0,40})/i.exec(text);
  if (dyn) {
    const compact = (dyn[1] ?? '').replace(/\s+/g, '').toUpperCase();
    const m = /^QANR5.(\d{1,2})(QE|QF|QG|QOSD|Q0SD)(\d{1,6})/.exec(compact);
    if (m) {
      const type: QuestionType = m[2] === 'QG' ? 'QG' : m[2] === 'QOSD' || m[2] === 'Q0SD' ? 'QOSD' : 'QE';
      const repaired = parseUid(makeUid(Number(m[1]), type, Number(m[3])));
      if (repaired) return repaired;
    }
  }
  const old = /\/q(\d{1,2})\/\d{1,2}-(\d{1,6})(QE|QG|QOSD)\.htm/i.exec(text);
  if (old) return parseUid(makeUid(Number(old[1]), (old[3] ?? 'QE').toUpperCase() as QuestionType, Number(old[2])));
  return null;
}

// ---------------------------------------------------------------------------------------------

function ministry(name: string | null): Ministry | null {
  return name === null ? null : { name, fullName: null, organeRef: null };
}

function sameName(a: string, b: string): boolean {
  return foldLabel(a) === foldLabel(b);
}

/**
 * Pages print the asked and the current ministry, sometimes the date of the last change: the history is
 * [asked at the question date, assigned at the change date] when they differ or a change is printed,
 * else a single entry at the question date.
 */
function ministryHistory(f: SeedFields): MinistryAssignment[] {
  const asked = ministry(f.asked);
  const assigned = ministry(f.assigned);
  if (asked && assigned) {
    if (f.transferDate !== null || !sameName(asked.name, assigned.name)) {
      return [
        { ministry: asked, date: f.questionDate },
        { ministry: assigned, date: f.transferDate },
      ];
    }
    return [{ ministry: assigned, date: f.questionDate }];
  }
  if (assigned) return [{ ministry: assigned, date: f.transferDate ?? f.questionDate }];
  if (asked) return [{ ministry: asked, date: f.questionDate }];
  return [];
}

function publication(text: string | null, date: string | null, page: string | null): PublishedText | null {
  if (text === null && date === null) return null;
  return { text: text ?? '', joDate: date, joPage: page };
}

function buildQuestion(f: SeedFields, file: string): ParseResult<Question> {
  if (f.number === null) return fail('numéro de question absent');
  if (f.number < 1 || f.number > 999_999) return fail(`numéro de question invalide (${f.number})`);
  if (f.legislature === null) return fail('législature absente');
  if (f.legislature < 1) return fail(`législature invalide (${f.legislature})`);

  const type: QuestionType = f.type ?? 'QE';
  const uid = makeUid(f.legislature, type, f.number);
  const question = publication(f.questionText, f.questionDate, f.questionPage);
  const answer = publication(f.answerText, f.answerDate, f.answerPage);

  let closure: Closure | null = null;
  if (answer !== null) closure = { code: 'REP_PUB', label: 'Réponse publiée', date: answer.joDate };
  else if (f.withdrawal !== null) closure = { code: null, label: f.withdrawal.label, date: f.withdrawal.date };

  const author = f.authorDisplay === null ? null : splitCivility(f.authorDisplay);
  return ok({
    uid,
    chamber: 'an',
    legislature: f.legislature,
    number: f.number,
    type,
    author: {
      name: f.authorDisplay,
      civility: author?.civility ?? null,
      fullName: author?.fullName || null,
      acteurRef: null,
      mandatRef: null,
      group: f.groupName === null ? null : { name: f.groupName, abbrev: null, organeRef: null },
      department: f.department,
      departmentNumber: null,
      circonscription: f.circonscription,
    },
    rubrique: f.rubrique,
    teteAnalyse: f.teteAnalyse,
    analyses: f.analyses,
    ...ministryFields(ministry(f.asked), ministryHistory(f), f.questionDate),
    question,
    answer,
    status: statusOf(answer, closure),
    closure,
    url: officialUrl(f.legislature, uid),
    source: { file, format: f.format },
  });
}
