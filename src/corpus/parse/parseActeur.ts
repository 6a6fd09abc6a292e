import { fail, ok, type Acteur, type ActeurMandate, type ParseResult, type Question } from '../types';
import { parseDataDate } from './dates';
import { at, int, isRecord, list, str } from './jsonFields';

/**
 * One deputy of the AMO "acteurs" dataset -> Acteur. `raw` is `{ acteur: {...} }` or the inner object.
 * Contract: never throws; fails only when the acteur uid is missing. Every mandate is kept (mandates
 * without a uid are dropped): questions point at one of them through `mandatRef`.
 */
export function parseActeur(raw: unknown): ParseResult<Acteur> {
  try {
    const a = isRecord(raw) && isRecord(raw['acteur']) ? raw['acteur'] : raw;
    if (!isRecord(a)) return fail('acteur absent (objet JSON attendu)');
    const uid = str(a['uid']);
    if (uid === null) return fail("identifiant d'acteur absent");
    const ident = at(a, 'etatCivil', 'ident');
    return ok({
      uid,
      civility: str(at(ident, 'civ')),
      firstName: str(at(ident, 'prenom')),
      lastName: str(at(ident, 'nom')),
      mandates: list(at(a, 'mandats', 'mandat')).flatMap((m) => {
        const mandate = readMandate(m);
        return mandate === null ? [] : [mandate];
      }),
    });
  } catch (err) {
    return fail(`unexpected parser error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readMandate(m: unknown): ActeurMandate | null {
  if (!isRecord(m)) return null;
  const uid = str(m['uid']);
  if (uid === null) return null;
  const lieu = at(m, 'election', 'lieu');
  // organes.organeRef is an array for mandates attached to several organes: keep the first.
  const organeRef =
    list(at(m, 'organes', 'organeRef'))
      .map(str)
      .find((s) => s !== null) ?? null;
  const circo = int(at(lieu, 'numCirco'));
  return {
    uid,
    legislature: int(m['legislature']),
    typeOrgane: str(m['typeOrgane']),
    organeRef,
    department: str(at(lieu, 'departement')),
    departmentNumber: str(at(lieu, 'numDepartement')),
    circonscription: circo === null || circo === 0 ? null : circo,
    startDate: parseDataDate(m['dateDebut']),
    endDate: parseDataDate(m['dateFin']),
  };
}

/**
 * The deputy's mandate a question was asked under: the ASSEMBLEE mandate named by the question's
 * mandatRef, else the ASSEMBLEE mandate of the question's legislature (the latest one started when the
 * deputy was elected more than once in it), else none.
 */
function findQuestionMandate(q: Question, a: Acteur): ActeurMandate | null {
  const assemblee = a.mandates.filter((m) => m.typeOrgane === 'ASSEMBLEE');
  if (q.author.mandatRef !== null) {
    const exact = assemblee.find((m) => m.uid === q.author.mandatRef);
    if (exact) return exact;
  }
  let best: ActeurMandate | null = null;
  for (const m of assemblee) {
    if (m.legislature !== q.legislature) continue;
    if (best === null || (m.startDate ?? '') > (best.startDate ?? '')) best = m;
  }
  return best;
}

/**
 * Returns a new Question whose author carries the deputy's name ("Mme Sandrine Le Feur"), civility and
 * the geography of the mandate found by `findQuestionMandate`. The group stays the one of the question
 * (group at question time). When the question names another acteur, it is returned unchanged.
 * Values the deputy file lacks keep what the question had.
 */
export function applyActeur(q: Question, a: Acteur): Question {
  if (q.author.acteurRef !== null && q.author.acteurRef !== a.uid) return q;
  const fullName = [a.firstName, a.lastName].filter((s): s is string => s !== null).join(' ') || null;
  const civility = a.civility ?? q.author.civility;
  const name = fullName === null ? q.author.name : civility === null ? fullName : `${civility} ${fullName}`;
  const mandate = findQuestionMandate(q, a);
  const geography =
    mandate === null
      ? {}
      : {
          department: mandate.department ?? q.author.department,
          departmentNumber: mandate.departmentNumber ?? q.author.departmentNumber,
          circonscription: mandate.circonscription ?? q.author.circonscription,
        };
  return {
    ...q,
    author: {
      ...q.author,
      acteurRef: q.author.acteurRef ?? a.uid,
      name,
      civility,
      fullName: fullName ?? q.author.fullName,
      ...geography,
    },
  };
}
