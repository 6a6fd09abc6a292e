import { describe, expect, it } from 'vitest';
import { palmaresCsv, questionsCsv, QUESTION_COLUMNS } from '../../src/export/questionsCsv';
import type { ExportRow } from '../../src/insights/corpusQueries';
import { rankMinistries } from '../../src/insights/palmares';
import { parseCsv } from '../charts/support';

const row = (over: Partial<ExportRow>): ExportRow => ({
  uid: 'QANR5L16QE1',
  chamber: 'an',
  legislature: 16,
  number: 1,
  type: 'QE',
  questionDate: '2023-01-10',
  author: 'M. Jean-Édouard d’Aubigné',
  group: 'Les Républicains',
  department: "Côtes-d'Armor",
  rubrique: 'énergie et carburants',
  teteAnalyse: 'prix ; « bouclier » tarifaire',
  analyses: ['électricité "verte"', 'ligne 1\nligne 2'],
  ministryAsked: 'Économie',
  ministryAssigned: 'Transition énergétique',
  status: 'answered',
  answerDate: '2023-04-11',
  url: 'https://www.assemblee-nationale.fr/dyn/16/questions/QANR5L16QE1',
  campaignSize: null,
  ...over,
});

describe('CSV exports', () => {
  it('round-trips French text, quotes, semicolons and line breaks through a CSV parser', () => {
    const data = questionsCsv([
      row({}),
      row({ uid: 'QANR5L16QE2', number: 2, status: 'pending', answerDate: null, author: null }),
    ]);
    const csv = parseCsv(data);
    expect(csv.bom).toBe(true);
    expect(csv.header).toEqual(QUESTION_COLUMNS);
    expect(csv.rows).toHaveLength(2);
    const [first, second] = csv.rows;
    expect(first![5]).toBe('M. Jean-Édouard d’Aubigné');
    expect(first![7]).toBe("Côtes-d'Armor");
    expect(first![9]).toBe(
      'énergie et carburants / prix ; « bouclier » tarifaire / électricité "verte", ligne 1\nligne 2',
    );
    expect(first![4]).toBe('10/01/2023');
    expect(first![14]).toBe('91');
    expect(second![12]).toBe('en attente');
    expect(second![14]).toBe('');
    expect(second![5]).toBe('');
  });

  it('names each question’s chamber in its column, and the palmarès’ chamber (or both)', () => {
    const csv = parseCsv(
      questionsCsv([
        row({}),
        row({
          uid: 'QSENL16QE1',
          chamber: 'senat',
          url: 'https://www.senat.fr/questions/base/2023/qSEQ230100001.html',
        }),
      ]),
    );
    const col = csv.header.indexOf('chambre');
    expect(col).toBeGreaterThan(0);
    expect(csv.rows.map((r) => [r[0], r[col]])).toEqual([
      ['QANR5L16QE1', 'Assemblée nationale'],
      ['QSENL16QE1', 'Sénat'],
    ]);
    const fact = { ministry: 'Justice', status: 'pending' as const, questionDate: '2023-01-01', answerDate: null };
    const senat = parseCsv(palmaresCsv(rankMinistries([fact], { today: '2025-01-01', chamber: 'senat' })));
    expect(senat.rows[0]!.at(-1)).toBe('Sénat');
  });

  it('separates fields with semicolons and lines with CRLF, as French spreadsheets expect', () => {
    const text = questionsCsv([row({})]).toString('utf8');
    expect(text.startsWith('\ufeffuid;législature;numéro;')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThanOrEqual(3);
  });

  it('writes the palmarès with decimal commas', () => {
    const p = rankMinistries(
      [
        { ministry: 'Justice', status: 'answered', questionDate: '2023-01-01', answerDate: '2023-02-01' },
        { ministry: 'Justice', status: 'answered', questionDate: '2023-01-01', answerDate: '2023-05-31' },
        { ministry: 'Justice', status: 'pending', questionDate: '2023-01-01', answerDate: null },
      ],
      { today: '2025-01-01' },
    );
    const csv = parseCsv(palmaresCsv(p));
    expect(csv.rows[0]).toEqual([
      '1',
      'Justice',
      '3',
      '3',
      '1',
      '33,3',
      '2',
      '90,5',
      '1',
      'Assemblée nationale et Sénat',
    ]);
  });
});
