import { describe, expect, it } from 'vitest';
import {
  civilityOf,
  nameCase,
  parseSenatQuestion,
  statusOfLabel,
  type SenatJoined,
} from '../../../src/corpus/senat/parseSenatQuestion';

const ROW = {
  id: '4242',
  natquecod: 'QE',
  legislature: '16',
  numero: '01380',
  codequalite: 'MME',
  nom: 'DE LA TOUR-DUPONT',
  prenom: 'Anne',
  groupe: 'Union Centriste',
  circonscription: 'Haute-Garonne',
  titre: 'Fermeture des  bureaux de poste',
  datejodepot: '2023-09-14 00:00:00',
  mindepotlib: 'Économie',
  txtque: 'Mme Anne de La Tour-Dupont attire\tl’attention…\nSecond paragraphe.',
  themes: '#3#1#',
  sorquecod: '2',
};

const joined = (over: Partial<SenatJoined> = {}): SenatJoined => ({
  row: ROW,
  answers: [],
  statusLabel: 'En cours',
  themeLabels: ['Collectivités territoriales', 'Agriculture et pêche'],
  file: 'questions.zip!questions.sql',
  ...over,
});

describe('a Sénat question row', () => {
  it('becomes a Sénat question: uid, number without its leading zeros, author « Mme Prénom Nom », group, département, page', () => {
    const r = parseSenatQuestion(joined());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const q = r.value;
    expect(q.uid).toBe('QSENL16QE1380');
    expect([q.chamber, q.legislature, q.number, q.type]).toEqual(['senat', 16, 1380, 'QE']);
    expect(q.author).toMatchObject({
      name: 'Mme Anne de La Tour-Dupont',
      civility: 'Mme',
      fullName: 'Anne de La Tour-Dupont',
      group: { name: 'Union Centriste', abbrev: null, organeRef: null },
      department: 'Haute-Garonne',
    });
    expect(q.teteAnalyse).toBe('Fermeture des bureaux de poste');
    expect(q.rubrique).toBe('Collectivités territoriales');
    expect(q.analyses).toEqual(['Collectivités territoriales', 'Agriculture et pêche']);
    expect(q.question).toEqual({
      text: 'Mme Anne de La Tour-Dupont attire l’attention…\n\nSecond paragraphe.',
      joDate: '2023-09-14',
      joPage: null,
    });
    expect(q.url).toBe('https://www.senat.fr/questions/base/2023/qSEQ230901380.html');
    expect(q.source).toEqual({ file: 'questions.zip!questions.sql', format: 'senat-dump' });
    expect(q.status).toBe('pending');
    expect(q.closure).toBeNull();
    expect(q.ministryHistory).toEqual([
      { ministry: { name: 'Économie', fullName: null, organeRef: null }, date: '2023-09-14' },
    ]);
  });

  it('takes the answer joined by id (the last one), its date, its ministry as the one in charge, its HTML cleaned', () => {
    const r = parseSenatQuestion(
      joined({
        statusLabel: 'Réponse du ministère',
        answers: [
          { idque: '4242', txtrep: 'première', datejorep: '2023-12-01 00:00:00', minreplib: 'Économie' },
          {
            idque: '4242',
            txtrep: '<p>La poste&nbsp;reste.</p><p>Merci.</p>',
            datejorep: '2024-01-11 00:00:00',
            minreplib: 'Ruralité',
          },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.status).toBe('answered');
    expect(r.value.answer).toEqual({ text: 'La poste reste.\n\nMerci.', joDate: '2024-01-11', joPage: null });
    expect(r.value.ministryAssigned?.name).toBe('Ruralité');
    expect(r.value.ministryHistory.map((h) => [h.ministry.name, h.date])).toEqual([
      ['Économie', '2023-09-14'],
      ['Ruralité', '2024-01-11'],
    ]);
    expect(r.value.closure).toEqual({ code: '2', label: 'Réponse du ministère', date: '2024-01-11' });
  });

  it('reads the status labels as words, whatever their codes', () => {
    expect(statusOfLabel('Réponse du ministère')).toBe('answered');
    expect(statusOfLabel('REPONSE MINISTERE')).toBe('answered');
    expect(statusOfLabel('Retirée')).toBe('withdrawn');
    expect(statusOfLabel('retrait par l’auteur')).toBe('pending');
    expect(statusOfLabel('Caduque')).toBe('withdrawn');
    expect(statusOfLabel('Question caduque (fin de mandat)')).toBe('withdrawn');
    expect(statusOfLabel('En cours')).toBe('pending');
    expect(statusOfLabel('Transformée en question orale')).toBe('pending');
    expect(statusOfLabel(null)).toBe('pending');
    const w = parseSenatQuestion(joined({ statusLabel: 'Caduque' }));
    if (!w.ok) throw new Error(w.reason);
    expect([w.value.status, w.value.closure]).toEqual(['withdrawn', { code: '2', label: 'Caduque', date: null }]);
  });

  it('reads civilities and capitalised names', () => {
    expect(['M', 'M.', 'Monsieur', 'MME', 'Mlle', 'Dr', null].map(civilityOf)).toEqual([
      'M.',
      'M.',
      'M.',
      'Mme',
      'Mme',
      null,
      null,
    ]);
    expect(nameCase('DUPONT-MORETTI')).toBe('Dupont-Moretti');
    expect(nameCase("D'ORNANO")).toBe("d'Ornano");
    expect(nameCase('Le Bodo')).toBe('Le Bodo');
  });

  it('refuses what is not a written question, and bad legislatures or numbers, with the reason', () => {
    expect(parseSenatQuestion(joined({ row: { ...ROW, natquecod: 'QOSD' } }))).toEqual({
      ok: false,
      reason: 'nature « QOSD » : pas une question écrite',
    });
    expect(parseSenatQuestion(joined({ row: { ...ROW, numero: '12a' } }))).toEqual({
      ok: false,
      reason: 'numéro invalide (« 12a »)',
    });
    expect(parseSenatQuestion(joined({ row: { ...ROW, legislature: null } }))).toEqual({
      ok: false,
      reason: 'législature absente',
    });
  });
});
