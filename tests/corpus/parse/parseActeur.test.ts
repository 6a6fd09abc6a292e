import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyActeur, parseActeur } from '../../../src/corpus/parse/parseActeur';
import { parseOpenDataQuestion } from '../../../src/corpus/parse/parseOpenDataQuestion';
import type { Acteur, Question } from '../../../src/corpus/types';
import { FIXTURES_DIR, SAMPLES_DIR, readJson } from './paths';

function acteur(uid: string): Acteur {
  const r = parseActeur(readJson(path.join(SAMPLES_DIR, 'acteurs', `${uid}.json`)));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

function question(name: string): Question {
  const file = path.join(FIXTURES_DIR, name);
  const r = parseOpenDataQuestion(readJson(file), file);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('parseActeur on the real deputies', () => {
  it.each([
    ['PA719412', 'Mme', 'Sandrine', 'Le Feur', 'PM842651', 'Finistère', '29', 4],
    ['PA720354', 'M.', 'Jean-Michel', 'Jacques', 'PM843008', 'Morbihan', '56', 6],
    ['PA841151', 'Mme', 'Alix', 'Fruchon', 'PM874938', 'Indre', '36', 2],
  ])(
    'reads %s: name and the circonscription of the ASSEMBLEE mandate',
    (uid, civ, first, last, mandat, dept, deptNum, circo) => {
      const a = acteur(uid);
      expect(a).toMatchObject({ uid, civility: civ, firstName: first, lastName: last });
      const assemblee = a.mandates.filter((m) => m.typeOrgane === 'ASSEMBLEE');
      expect(assemblee.map((m) => m.uid)).toContain(mandat);
      expect(a.mandates.find((m) => m.uid === mandat)).toMatchObject({
        legislature: 17,
        typeOrgane: 'ASSEMBLEE',
        organeRef: 'PO838901',
        department: dept,
        departmentNumber: deptNum,
        circonscription: circo,
        startDate: '2024-07-07',
        endDate: null,
      });
    },
  );

  it('keeps every mandate, with null geography where the file has none', () => {
    const a = acteur('PA719412');
    expect(a.mandates.length).toBeGreaterThan(3);
    const parpol = a.mandates.find((m) => m.uid === 'PM852849');
    expect(parpol).toEqual({
      uid: 'PM852849',
      legislature: null,
      typeOrgane: 'PARPOL',
      organeRef: 'PO833003',
      department: null,
      departmentNumber: null,
      circonscription: null,
      startDate: '2024-12-04',
      endDate: null,
    });
  });

  it('accepts the inner object, a plain string uid and a single mandate object', () => {
    const r = parseActeur({
      uid: 'PA1',
      etatCivil: { ident: { civ: 'M.', prenom: 'Jean', nom: 'Dupont' } },
      mandats: {
        mandat: {
          uid: 'PM1',
          legislature: '14',
          typeOrgane: 'ASSEMBLEE',
          election: { lieu: { departement: 'Ain', numDepartement: '01', numCirco: '3' } },
        },
      },
    });
    expect(r.ok && r.value.mandates).toEqual([
      expect.objectContaining({
        uid: 'PM1',
        legislature: 14,
        department: 'Ain',
        departmentNumber: '01',
        circonscription: 3,
      }),
    ]);
  });

  it('fails without an acteur uid, never throws on junk', () => {
    expect(parseActeur({ acteur: { etatCivil: {} } })).toEqual({ ok: false, reason: expect.any(String) });
    for (const raw of [null, 1, 'PA1', [], { acteur: [] }]) expect(parseActeur(raw).ok).toBe(false);
  });
});

describe('applyActeur', () => {
  it('fills « Mme Sandrine Le Feur », Finistère, 4 from the mandate PM842651 named by the question', () => {
    const q = question('QANR5L17QE502.json');
    expect(q.author.mandatRef).toBe('PM842651');
    const filled = applyActeur(q, acteur('PA719412'));
    expect(filled.author).toEqual({
      name: 'Mme Sandrine Le Feur',
      civility: 'Mme',
      fullName: 'Sandrine Le Feur',
      acteurRef: 'PA719412',
      mandatRef: 'PM842651',
      group: { name: 'Ensemble pour la République', abbrev: 'EPR', organeRef: 'PO845407' },
      department: 'Finistère',
      departmentNumber: '29',
      circonscription: 4,
    });
    // pure: the input is untouched
    expect(q.author.name).toBeNull();
    expect({ ...filled, author: q.author }).toEqual(q);
  });

  it('falls back to the ASSEMBLEE mandate of the question’s legislature when mandatRef is unknown', () => {
    const q = question('QANR5L17QE502.json');
    const other = { ...q, author: { ...q.author, mandatRef: 'PM000000' } };
    expect(applyActeur(other, acteur('PA719412')).author).toMatchObject({
      department: 'Finistère',
      circonscription: 4,
    });
  });

  it('keeps the geography unchanged when no ASSEMBLEE mandate matches, but fills the name', () => {
    const q = question('QANR5L16QE1235.json'); // 16th legislature, mandate not in the sample
    const filled = applyActeur(q, acteur('PA719412'));
    expect(filled.author).toMatchObject({
      name: 'Mme Sandrine Le Feur',
      department: null,
      departmentNumber: null,
      circonscription: null,
    });
  });

  it('leaves a question of another deputy unchanged', () => {
    const q = question('QANR5L17QE502.json');
    expect(applyActeur(q, acteur('PA720354'))).toBe(q);
  });
});
