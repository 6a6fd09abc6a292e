/**
 * The former site's per-question XML (`questions.assemblee-nationale.fr/q14/14-NNNNNQE.htm/vue/xml`, the form in
 * which questions of the 11th to 13th legislatures exist) -> Question.
 *
 * Contract: never throws; the same rules as every other format: ill-formed or truncated XML, a root other than
 * QUESTION, or a missing legislature / number / type is a rejection with its reason; everything else degrades to
 * null / []. The XML is read by saxes (a strict, well-formedness-checking streaming parser: a truncated file is an
 * error, not a half question) into a small tree.
 * Choices:
 * - ids of the former site (ID_ACTEUR 923, ID_MANDAT, ID_GROUPE, ID_MINI) are written as the open data's refs
 *   (PA923, PM…, PO…): the Assemblée uses the same numbers, so the deputies' history names the author the same way;
 * - "aucune tête d'analyse" means none; dates are DD/MM/YYYY;
 * - the page of a question of the 11th to 13th legislature is the former site's; later ones, the current site's.
 */
import { SaxesParser } from 'saxes';
import { htmlToText } from '../../text/htmlToText';
import type * as Q from '../types';
import { fail, officialUrl, ok } from '../types';
import { parseDataDate } from './dates';
import { answerOrPublished, assembleeIdentity, ministryFields, statusOf } from './questionParts';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses a whole XML document into a tree (text and CDATA joined per element); throws on ill-formed XML. */
function readXmlTree(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let error: Error | null = null;
  parser.on('error', (err) => {
    error ??= err;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    const node: XmlNode = { name: tag.name, attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    stack[stack.length - 1]!.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(xml).close();
  if (error) throw error;
  const top = root.children[0];
  if (!top) throw new Error('document vide');
  return top;
}

const TYPES: readonly Q.QuestionType[] = ['QE', 'QG', 'QOSD'];

function child(n: XmlNode | undefined, name: string): XmlNode | undefined {
  return n?.children.find((c) => c.name === name);
}

function children(n: XmlNode | undefined, name: string): XmlNode[] {
  return n?.children.filter((c) => c.name === name) ?? [];
}

function text(n: XmlNode | undefined, name?: string): string | null {
  const node = name === undefined ? n : child(n, name);
  const t = node?.text.trim();
  return t ? t : null;
}

function intOf(s: string | null | undefined): number | null {
  return s && /^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : null;
}

/** "923" -> "PA923"; anything but digits -> null. */
function ref(prefix: 'PA' | 'PM' | 'PO', id: string | null | undefined): string | null {
  return id && /^\d{1,9}$/.test(id.trim()) ? `${prefix}${id.trim()}` : null;
}

function ministry(n: XmlNode | undefined, idTag: string): Q.Ministry | null {
  const fullName = text(n, 'DEVELOPPE');
  const name = text(n, 'ABREGE') ?? fullName;
  return name === null ? null : { name, fullName, organeRef: ref('PO', text(n, idTag)) };
}

export function parseOldXmlQuestion(xml: string, file: string): Q.ParseResult<Q.Question> {
  let root: XmlNode;
  try {
    root = readXmlTree(xml);
  } catch (err) {
    return fail(`XML invalide ou tronqué : ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return fromTree(root, file);
  } catch (err) {
    return fail(`unexpected parser error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function fromTree(q: XmlNode, file: string): Q.ParseResult<Q.Question> {
  if (q.name !== 'QUESTION') return fail(`racine <QUESTION> attendue, reçu <${q.name.slice(0, 40)}>`);
  const typeAttr = q.attrs['TYPE']?.trim().toUpperCase() ?? null;
  if (typeAttr === null || typeAttr === '') return fail('type de question absent');
  if (!(TYPES as readonly string[]).includes(typeAttr))
    return fail(`type de question inconnu (${typeAttr.slice(0, 40)})`);
  const type = typeAttr as Q.QuestionType;
  const legislature = intOf(text(q, 'LEGISLATURE'));
  if (legislature === null) return fail('législature absente');
  const depots = children(q, 'DEPOT');
  const filed = depots.find((d) => d.attrs['NUMERO'] !== undefined);
  const number = intOf(filed?.attrs['NUMERO']);
  if (number === null) return fail('numéro de question absent');
  const identity = assembleeIdentity(legislature, number, type);
  if (!identity.ok) return identity;

  const auteur = child(q, 'AUTEUR');
  const civility = text(auteur, 'CIVILITE');
  const fullName =
    [text(auteur, 'PRENOM'), text(auteur, 'NOM')].filter((s): s is string => s !== null).join(' ') || null;
  const groupe = child(q, 'GROUPE');
  const groupName = text(groupe, 'LIBELLE') ?? groupe?.attrs['SIGLE']?.trim() ?? null;
  const group: Q.Group | null = groupName
    ? {
        name: groupName,
        abbrev: groupe?.attrs['SIGLE']?.trim() || null,
        organeRef: ref('PO', text(groupe, 'ID_GROUPE')),
      }
    : null;
  const circ = child(q, 'CIRCONSCRIPTION');

  const indexation = child(q, 'INDEXATION_AN');
  const tete = text(indexation, 'TETE_ANALYSE');
  const analyses = children(child(indexation, 'ANALYSE'), 'ANA')
    .map((a) => text(a))
    .filter((s): s is string => s !== null);

  const ministryAsked = ministry(child(q, 'MINI'), 'ID_MINI');
  const assignments = children(child(q, 'MINA'), 'ORDRE')
    .map((o, i) => ({ o, order: intOf(o.attrs['NUMERO']) ?? i }))
    .sort((a, b) => a.order - b.order)
    .flatMap(({ o }) => {
      const m = ministry(o, 'ID_MINA');
      return m === null ? [] : [{ ministry: m, date: parseDataDate(text(o, 'DATE_JO')) }];
    });

  const questionHtml = depots.map((d) => child(d, 'TEXTE_DEPOT')?.text ?? '').find((t) => t.trim() !== '') ?? null;
  const questionText = questionHtml === null ? null : htmlToText(questionHtml);
  const questionDate = parseDataDate(text(filed, 'DATE_JO'));
  const question: Q.PublishedText | null =
    questionText || questionDate
      ? { text: questionText ?? '', joDate: questionDate, joPage: text(filed, 'PAGE_JO') }
      : null;

  const cloture = child(q, 'CLOTURE');
  const closureCode = text(cloture, 'ABREGE');
  const closureLabel = text(cloture, 'LIBELLE');
  const closureDate = parseDataDate(text(cloture, 'DATE_JO'));
  const closure: Q.Closure | null =
    closureCode || closureLabel || closureDate ? { code: closureCode, label: closureLabel, date: closureDate } : null;

  const reponse = child(q, 'REPONSE');
  const answerHtml = child(reponse, 'TEXTE_REPONSE')?.text ?? '';
  const answerDate = parseDataDate(text(reponse, 'DATE_JO_REPONSE'));
  const printedAnswer: Q.PublishedText | null =
    answerHtml.trim() !== '' || answerDate
      ? {
          text: answerHtml.trim() ? htmlToText(answerHtml) : '',
          joDate: answerDate,
          joPage: text(reponse, 'PAGE_JO_REPONSE'),
        }
      : null;
  const answer = answerOrPublished(printedAnswer, closure, text(cloture, 'PAGE_JO'));

  return ok({
    ...identity.value,
    author: {
      name: fullName === null ? null : civility ? `${civility} ${fullName}` : fullName,
      civility,
      fullName,
      acteurRef: ref('PA', text(auteur, 'ID_ACTEUR')),
      mandatRef: ref('PM', auteur?.attrs['ID_MANDAT']),
      group,
      department: text(circ, 'DEPARTEMENT'),
      departmentNumber: text(circ, 'CODE_DEPARTEMENT'),
      circonscription: intOf(circ?.attrs['NUMERO_CIRCONSCRIPTION']) || null,
    },
    rubrique: indexation?.attrs['RUBRIQUE']?.trim() || null,
    teteAnalyse: tete === null || /^aucune t[êe]te d.analyse$/i.test(tete) ? null : tete,
    analyses,
    ...ministryFields(ministryAsked, assignments, questionDate),
    question,
    answer,
    status: statusOf(answer, closure),
    closure,
    url:
      legislature <= 13
        ? `https://questions.assemblee-nationale.fr/q${legislature}/${legislature}-${number}${type}.htm`
        : officialUrl(legislature, identity.value.uid),
    source: { file, format: 'old-xml' },
  });
}
