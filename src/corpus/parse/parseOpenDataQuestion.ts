import type * as Q from '../types';
import { fail, officialUrl, ok, parseUid } from '../types';
import { htmlToText } from '../../text/htmlToText';
import { parseDataDate } from './dates';
import { answerOrPublished, assembleeIdentity, ministryFields, statusOf } from './questionParts';
import { at, int, isRecord, list, rawStr, str, type JsonRecord } from './jsonFields';

const TYPES: readonly Q.QuestionType[] = ['QE', 'QG', 'QOSD'];
/** `@xsi:type` of the XML-converted JSON, used when `type` itself is missing. */
const XSI_TYPES: Record<string, Q.QuestionType> = {
  QuestionEcrite_Type: 'QE',
  QuestionGouvernement_Type: 'QG',
  QuestionOraleSansDebat_Type: 'QOSD',
};

/**
 * One question of the official open data -> Question.
 * `raw` is a per-question file `{ question: {...} }` or the inner object (an item of the single-file layout).
 * Contract: never throws. Fails only when the legislature, number or type (hence the uid) cannot be
 * determined, or when `type` names an unknown kind. Everything else degrades to null / [].
 * Choices:
 * - uid: the given `uid` when it agrees with identifiant + type, else rebuilt from them;
 * - question with errata (`texteQuestion` array): date and page of the first publication, text of the
 *   last non-empty publication (an erratum republishes the corrected text);
 * - several answers (`texteReponse` array): texts joined by a blank line, date/page of the first one;
 * - a `REP_PUB` closure without answer text still means answered: the answer is then `{ text: "" }`
 *   with the closure's date, so that `status === 'answered'` always comes with `answer !== null`;
 * - the author's name and geography are left null: `applyActeur` fills them from the deputies' dataset.
 */
export function parseOpenDataQuestion(raw: unknown, file: string): Q.ParseResult<Q.Question> {
  try {
    return parse(raw, file);
  } catch (err) {
    // Last-resort guard: a parser bug must reject one record, not stop an ingest.
    return fail(`unexpected parser error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function parse(raw: unknown, file: string): Q.ParseResult<Q.Question> {
  const q = isRecord(raw) && isRecord(raw['question']) ? raw['question'] : raw;
  if (!isRecord(q)) return fail('question absente (objet JSON attendu)');

  const uidField = str(q['uid']);
  const fromUid = uidField === null ? null : parseUid(uidField);

  const typeField = str(q['type']);
  let type: Q.QuestionType | null = null;
  if (typeField !== null) {
    const upper = typeField.toUpperCase();
    if (!(TYPES as readonly string[]).includes(upper))
      return fail(`type de question inconnu (${typeField.slice(0, 40)})`);
    type = upper as Q.QuestionType;
  }
  type ??= XSI_TYPES[str(q['@xsi:type']) ?? ''] ?? fromUid?.type ?? null;

  const legislature = int(at(q, 'identifiant', 'legislature')) ?? fromUid?.legislature ?? null;
  const number = int(at(q, 'identifiant', 'numero')) ?? fromUid?.number ?? null;
  if (legislature === null) return fail('législature absente');
  if (number === null) return fail('numéro de question absent');
  if (type === null) return fail('type de question absent');
  const consistent =
    fromUid !== null && fromUid.legislature === legislature && fromUid.number === number && fromUid.type === type;
  const identity = assembleeIdentity(legislature, number, type, consistent && uidField !== null ? uidField : undefined);
  if (!identity.ok) return identity;

  const question = questionText(at(q, 'textesQuestion', 'texteQuestion'));
  const closure = readClosure(q['cloture']);
  const answer = answerOrPublished(
    answerText(at(q, 'textesReponse', 'texteReponse')),
    closure,
    str(at(q, 'cloture', 'infoJO', 'pageJO')),
  );
  const assignments = list(at(q, 'minAttribs', 'minAttrib')).flatMap((item) => {
    const ministry = readMinistry(at(item, 'denomination'));
    return ministry === null ? [] : [{ ministry, date: parseDataDate(at(item, 'infoJO', 'dateJO')) }];
  });

  return ok({
    ...identity.value,
    author: {
      name: null,
      civility: null,
      fullName: null,
      acteurRef: str(at(q, 'auteur', 'identite', 'acteurRef')),
      mandatRef: str(at(q, 'auteur', 'identite', 'mandatRef')),
      group: readGroup(at(q, 'auteur', 'groupe')),
      department: null,
      departmentNumber: null,
      circonscription: null,
    },
    rubrique: str(at(q, 'indexationAN', 'rubrique')),
    teteAnalyse: str(at(q, 'indexationAN', 'teteAnalyse')),
    analyses: readAnalyses(at(q, 'indexationAN', 'analyses')),
    ...ministryFields(readMinistry(q['minInt']), assignments, question?.joDate ?? null),
    question,
    answer,
    status: statusOf(answer, closure),
    closure,
    url: officialUrl(legislature, identity.value.uid),
    source: { file, format: 'opendata-json' },
  });
}

function readMinistry(v: unknown): Q.Ministry | null {
  if (!isRecord(v)) return null;
  const fullName = str(v['developpe']);
  const name = str(v['abrege']) ?? fullName;
  if (name === null) return null;
  return { name, fullName, organeRef: str(v['organeRef']) };
}

function readGroup(v: unknown): Q.Group | null {
  if (!isRecord(v)) return null;
  const abbrev = str(v['abrege']);
  const name = str(v['developpe']) ?? abbrev;
  if (name === null) return null;
  return { name, abbrev, organeRef: str(v['organeRef']) };
}

/** `analyses.analyse` is a string or an array of strings; tolerate `analyses` itself being either. */
function readAnalyses(v: unknown): string[] {
  const items = isRecord(v) ? list(v['analyse']) : list(v);
  return items.map(str).filter((s): s is string => s !== null);
}

function readClosure(v: unknown): Q.Closure | null {
  if (!isRecord(v)) return null;
  const code = str(v['codeCloture']);
  const label = str(v['libelleCloture']);
  const date = parseDataDate(v['dateCloture']) ?? parseDataDate(at(v, 'infoJO', 'dateJO'));
  if (code === null && label === null && date === null) return null;
  return { code, label, date };
}

interface Publication {
  text: string | null;
  date: string | null;
  page: string | null;
}

function publications(v: unknown): Publication[] {
  return list(v)
    .filter(isRecord)
    .map((item: JsonRecord) => {
      const html = rawStr(item['texte']);
      const text = html === null ? null : htmlToText(html);
      return {
        text: text === '' ? null : text,
        date: parseDataDate(at(item, 'infoJO', 'dateJO')),
        page: str(at(item, 'infoJO', 'pageJO')),
      };
    });
}

/** The publication with the earliest known date, else the first one. */
function firstPublished(items: Publication[]): Publication | undefined {
  let best: Publication | undefined;
  for (const p of items) {
    if (p.date !== null && (best === undefined || best.date === null || p.date < best.date)) best = p;
  }
  return best ?? items[0];
}

function questionText(v: unknown): Q.PublishedText | null {
  const items = publications(v);
  const first = firstPublished(items);
  if (first === undefined) return null;
  const text = items.findLast((p) => p.text !== null)?.text ?? null;
  if (text === null && first.date === null) return null;
  return { text: text ?? '', joDate: first.date, joPage: first.page };
}

function answerText(v: unknown): Q.PublishedText | null {
  const items = publications(v);
  const first = firstPublished(items);
  if (first === undefined) return null;
  const texts: string[] = [];
  for (const p of items) if (p.text !== null && !texts.includes(p.text)) texts.push(p.text);
  if (texts.length === 0 && first.date === null) return null;
  return { text: texts.join('\n\n'), joDate: first.date, joPage: first.page };
}
