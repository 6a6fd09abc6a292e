import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpenDataQuestion } from '../../../src/corpus/parse/parseOpenDataQuestion';
import { isRecord } from '../../../src/corpus/parse/jsonFields';
import type { Question } from '../../../src/corpus/types';
import { FIXTURES_DIR, SAMPLES_DIR, readJson } from './paths';

function parseFile(file: string): Question {
  const r = parseOpenDataQuestion(readJson(file), file);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const fixture = (name: string): string => path.join(FIXTURES_DIR, name);

/** A deep copy of a fixture's inner question object, to edit in a test. */
function fixtureQuestion(name: string): Record<string, unknown> {
  const raw = readJson(fixture(name));
  if (!isRecord(raw) || !isRecord(raw['question'])) throw new Error('not a per-question file');
  return structuredClone(raw['question']);
}

describe('parseOpenDataQuestion on the real QANR5L17QG1.json', () => {
  const file = path.join(SAMPLES_DIR, 'QANR5L17QG1.json');
  const q = parseFile(file);

  it('reads the identity of a question au Gouvernement', () => {
    expect(q).toMatchObject({ uid: 'QANR5L17QG1', legislature: 17, number: 1, type: 'QG' });
    expect(q.url).toBe('https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QG1');
    expect(q.source).toEqual({ file, format: 'opendata-json' });
  });

  it('keeps the refs and the group of the author, no name yet', () => {
    expect(q.author).toEqual({
      name: null,
      civility: null,
      fullName: null,
      acteurRef: 'PA842279',
      mandatRef: 'PM843779',
      group: { name: 'Rassemblement National', abbrev: 'RN', organeRef: 'PO845401' },
      department: null,
      departmentNumber: null,
      circonscription: null,
    });
  });

  it('reads indexation with a null tête d’analyse and a single analyse', () => {
    expect(q.rubrique).toBe('outre-mer');
    expect(q.teteAnalyse).toBeNull();
    expect(q.analyses).toEqual(['Situation à Mayotte']);
  });

  it('reads the ministry Intérieur, asked and assigned', () => {
    const interieur = { name: 'Intérieur', fullName: "Ministère de l'intérieur", organeRef: 'PO847643' };
    expect(q.ministryAsked).toEqual(interieur);
    expect(q.ministryAssigned).toEqual(interieur);
    expect(q.ministryHistory).toEqual([{ ministry: interieur, date: '2024-10-03' }]);
  });

  it('is answered, with a plain-text answer without any HTML tag', () => {
    expect(q.status).toBe('answered');
    expect(q.question).toBeNull();
    expect(q.answer?.joDate).toBe('2024-10-03');
    expect(q.answer?.joPage).toBe('5283');
    const text = q.answer?.text ?? '';
    expect(text).not.toMatch(/<[a-z/!]/i);
    expect(text).not.toMatch(/&[a-z]+;|&#\d+;/i);
    expect(text.startsWith('SITUATION À MAYOTTE\n\nMme la présidente . La parole est à Mme Anchya Bamana.')).toBe(true);
    expect(text.endsWith("Il y a bien un petit bonus quand c'est intéressant ?")).toBe(true);
    expect(text).toContain('\n\nMayotte condense en effet');
    expect(text).not.toMatch(/ \n|\n | {2}|\n{3}/);
    expect(q.closure).toEqual({ code: 'REP_PUB', label: 'Réponse publiée', date: '2024-10-03' });
  });
});

describe('parseOpenDataQuestion on the hand-made fixtures', () => {
  it('reads minAttrib as an object, analyse as a string, REP_PUB and an HTML table in the answer', () => {
    const q = parseFile(fixture('QANR5L16QE1234.json'));
    expect(q).toMatchObject({ uid: 'QANR5L16QE1234', legislature: 16, number: 1234, type: 'QE', status: 'answered' });
    expect(q.rubrique).toBe('retraites : généralités');
    expect(q.teteAnalyse).toBe('Pensions de réversion');
    expect(q.analyses).toEqual(["Conditions d'attribution de la pension de réversion"]);
    const travail = {
      name: 'Travail, plein emploi et insertion',
      fullName: "Ministère du travail, du plein emploi et de l'insertion",
      organeRef: 'PO800610',
    };
    expect(q.ministryHistory).toEqual([{ ministry: travail, date: '2022-09-13' }]);
    expect(q.ministryAssigned).toEqual(travail);
    expect(q.question).toEqual({
      text: expect.stringContaining("perdent l'intégralité de leur droit"),
      joDate: '2022-09-13',
      joPage: '4012',
    });
    expect(q.answer?.text).toBe(
      'La pension de réversion du régime général est soumise à une condition de ressources. Le plafond annuel est fixé à 2 080 fois le montant horaire du SMIC.\n\n' +
        "Le tableau ci-dessous retrace l'évolution du plafond :\n\n" +
        'Année | Plafond (en €)\n2021 | 21 320,00\n2022 | 22 152,00\n\n' +
        'Le Gouvernement n’envisage pas de modifier ce dispositif à ce stade.',
    );
    expect(q.answer?.joDate).toBe('2023-01-24');
    expect(q.answer?.joPage).toBe('712');
    expect(q.closure).toEqual({ code: 'REP_PUB', label: 'Réponse publiée', date: '2023-01-24' });
    expect(q.author.group).toEqual({ name: 'Renaissance', abbrev: 'RE', organeRef: 'PO800538' });
  });

  it('reads a transfer history (minAttrib array), analyses as an array, a null tête d’analyse and no cloture', () => {
    const q = parseFile(fixture('QANR5L16QE1235.json'));
    expect(q.status).toBe('pending');
    expect(q.answer).toBeNull();
    expect(q.closure).toBeNull();
    expect(q.teteAnalyse).toBeNull();
    expect(q.analyses).toEqual(['Déserts médicaux', 'Installation des jeunes médecins en zone rurale']);
    expect(q.ministryAsked?.name).toBe('Santé et prévention');
    expect(q.ministryHistory.map((h) => [h.ministry.name, h.date])).toEqual([
      ['Santé et prévention', '2022-09-13'],
      ['Organisation territoriale et professions de santé', '2022-11-08'],
    ]);
    expect(q.ministryAssigned?.organeRef).toBe('PO800630');
    expect(q.question?.text).toBe(
      "Mme Sandrine Le Feur attire l'attention de M. le ministre de la santé et de la prévention sur la difficulté croissante d'accès aux soins dans les territoires ruraux du Finistère.\n" +
        "Elle lui demande quelles mesures le Gouvernement entend prendre pour favoriser l'installation des jeunes médecins dans ces zones.",
    );
  });

  it('reads a withdrawn question and keeps the label « Retirée »', () => {
    const q = parseFile(fixture('QANR5L16QE1236.json'));
    expect(q.status).toBe('withdrawn');
    expect(q.answer).toBeNull();
    expect(q.closure).toEqual({ code: 'RET', label: 'Retirée', date: '2023-03-07' });
  });

  it('reads DD/MM/YYYY and offset dates, question errata and several answer texts', () => {
    const q = parseFile(fixture('QANR5L15QE987.json'));
    expect(q.rubrique).toBeNull();
    expect(q.analyses).toEqual([]);
    expect(q.ministryHistory.map((h) => [h.ministry.name, h.date])).toEqual([
      ['Transports', '2017-09-12'],
      ['Éducation nationale', '2018-01-16'],
    ]);
    // first publication's date and page, the erratum's corrected text
    expect(q.question).toEqual({
      text: expect.stringMatching(/notamment sur le port de la ceinture dans les autocars\.$/),
      joDate: '2017-09-12',
      joPage: '4398',
    });
    expect(q.answer).toEqual({
      text:
        'Depuis le 1er septembre 2015, le port de la ceinture de sécurité est obligatoire dans tous les autocars équipés.\n\n' +
        'Les régions, autorités organisatrices, peuvent en outre prévoir des actions de sensibilisation auprès des élèves.',
      joDate: '2018-03-06',
      joPage: '1987',
    });
    expect(q.closure?.date).toBe('2018-03-06');
  });

  it('reads every question of the 14th single-file layout', () => {
    const root = readJson(fixture('questions_ecrites_XIV.json'));
    const items = isRecord(root) && isRecord(root['questionsEcrites']) ? root['questionsEcrites']['question'] : null;
    expect(Array.isArray(items)).toBe(true);
    const parsed = (items as unknown[]).map((item) => parseOpenDataQuestion(item, 'questions_ecrites_XIV.json'));
    const qs = parsed.map((r) => {
      if (!r.ok) throw new Error(r.reason);
      return r.value;
    });
    expect(qs.map((q) => [q.uid, q.status])).toEqual([
      ['QANR5L14QE100', 'answered'],
      ['QANR5L14QE101', 'pending'],
      ['QANR5L14QE102', 'withdrawn'],
    ]);
    expect(qs[0]?.answer?.text).toBe(
      "Le délai anormalement long d'attribution est apprécié par chaque préfet.\n\nUn décret précisera ces délais.",
    );
    expect(qs[0]?.answer?.joDate).toBe('2012-11-20');
    expect(qs[2]?.closure).toEqual({ code: 'CAD', label: 'Caduque', date: '2017-06-19' });
  });

  it('accepts the inner question object as well as the file object', () => {
    const inner = fixtureQuestion('QANR5L16QE1234.json');
    const a = parseOpenDataQuestion(inner, 'f.json');
    const b = parseOpenDataQuestion({ question: inner }, 'f.json');
    expect(a).toEqual(b);
    expect(a.ok).toBe(true);
  });
});

describe('parseOpenDataQuestion on inconsistent or damaged records', () => {
  it('rebuilds the uid when it disagrees with identifiant and type', () => {
    const q = fixtureQuestion('QANR5L16QE1234.json');
    q['uid'] = 'QANR5L16QE9999';
    const r = parseOpenDataQuestion(q, 'f.json');
    expect(r.ok && r.value.uid).toBe('QANR5L16QE1234');
    expect(r.ok && r.value.url).toBe('https://www.assemblee-nationale.fr/dyn/16/questions/QANR5L16QE1234');
  });

  it('takes number and legislature from the uid when identifiant is missing', () => {
    const q = fixtureQuestion('QANR5L16QE1234.json');
    delete q['identifiant'];
    const r = parseOpenDataQuestion(q, 'f.json');
    expect(r.ok && [r.value.legislature, r.value.number]).toEqual([16, 1234]);
  });

  it('fails when neither identifiant nor uid give the number', () => {
    const q = fixtureQuestion('QANR5L16QE1234.json');
    delete q['identifiant'];
    q['uid'] = null;
    expect(parseOpenDataQuestion(q, 'f.json')).toEqual({ ok: false, reason: expect.stringMatching(/absent/) });
  });

  it('rejects an unknown question type', () => {
    const q = fixtureQuestion('QANR5L16QE1234.json');
    q['type'] = 'QX';
    expect(parseOpenDataQuestion(q, 'f.json')).toEqual({
      ok: false,
      reason: expect.stringMatching(/type de question inconnu/),
    });
  });

  it('treats a REP_PUB closure without answer text as answered, keeping the closure date', () => {
    const q = fixtureQuestion('QANR5L16QE1234.json');
    q['textesReponse'] = null;
    const r = parseOpenDataQuestion(q, 'f.json');
    expect(r.ok && r.value.status).toBe('answered');
    expect(r.ok && r.value.answer).toEqual({ text: '', joDate: '2023-01-24', joPage: '712' });
  });

  it('uses the asked ministry as history when minAttribs is missing', () => {
    const q = fixtureQuestion('QANR5L16QE1236.json');
    q['minAttribs'] = null;
    const r = parseOpenDataQuestion(q, 'f.json');
    expect(r.ok && r.value.ministryHistory.map((h) => [h.ministry.name, h.date])).toEqual([
      ['Agriculture et souveraineté alimentaire', '2022-09-13'],
    ]);
  });

  it('survives fields of the wrong type', () => {
    const q = fixtureQuestion('QANR5L16QE1235.json');
    q['indexationAN'] = 42;
    q['auteur'] = ['x'];
    q['minInt'] = 'Santé';
    q['textesQuestion'] = { texteQuestion: [null, 7, { texte: 12, infoJO: { dateJO: '31/02/2020' } }] };
    const r = parseOpenDataQuestion(q, 'f.json');
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.rubrique).toBeNull();
    expect(r.value.author.group).toBeNull();
    expect(r.value.ministryAsked).toBeNull();
    expect(r.value.question).toBeNull();
  });

  it('fails on values that are not objects', () => {
    for (const raw of [null, undefined, 3, 'QANR5L16QE1', [], [{}]]) {
      const r = parseOpenDataQuestion(raw, 'f.json');
      expect(r.ok).toBe(false);
    }
  });
});
