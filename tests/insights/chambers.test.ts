/**
 * Both chambers in the insights (issue 18), on a real SQLite store: the palmarès of one chamber or both and the two
 * side by side, the overdue list and the exports with their chamber, /stats' counts per chamber, and the names
 * (deputies for /depute, senators for /senateur) and numbers looked up per chamber.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/corpus/types';
import { createCorpusQueries } from '../../src/insights/corpusQueries';
import { compareChambers, rankMinistries, type PalmaresFact } from '../../src/insights/palmares';
import { createSqlInsights } from '../../src/insights/sqlInsights';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { buildCorpus, makeQuestion, makeSenatQuestion, tempDir } from '../support/botCorpus';

const TODAY = '2025-06-01';
const ministry = (name: string) => ({ name, fullName: null, organeRef: null });

/** A written question of the 16th legislature in charge of `m`, asked on `asked`, answered on `answered`. */
function q(
  make: typeof makeQuestion,
  number: number,
  m: string,
  asked: string,
  answered: string | null,
  over: Partial<Question> = {},
): Question {
  return make({
    number,
    legislature: 16,
    ministryAsked: ministry(m),
    ministryAssigned: ministry(m),
    ministryHistory: [{ ministry: ministry(m), date: asked }],
    question: { text: `Question ${number}.`, joDate: asked, joPage: '1' },
    answer: answered ? { text: 'Réponse.', joDate: answered, joPage: '2' } : null,
    status: answered ? 'answered' : 'pending',
    ...over,
  });
}

const larcher = {
  name: 'M. Gérard Larcher',
  civility: 'M.',
  fullName: 'Gérard Larcher',
  acteurRef: null,
  mandatRef: null,
  group: null,
  department: 'Yvelines',
  departmentNumber: '78',
  circonscription: null,
};

const CORPUS = [
  q(makeQuestion, 10, 'Santé', '2024-01-10', '2024-02-01'),
  q(makeQuestion, 11, 'Santé', '2024-01-10', null),
  q(makeQuestion, 12, 'Armées', '2024-01-10', '2024-01-20'),
  q(makeSenatQuestion, 10, 'Santé', '2024-02-01', '2024-09-01'),
  q(makeSenatQuestion, 13, 'Culture', '2024-02-01', null, { author: larcher }),
];

let tmp: ReturnType<typeof tempDir>;
let store: QuestionStore;

beforeAll(async () => {
  tmp = tempDir('chambers-');
  store = await buildCorpus({ dbPath: path.join(tmp.dir, 'q.db'), seeds: false, extra: CORPUS });
});

afterAll(() => {
  store.close();
  tmp.cleanup();
});

describe('the palmarès per chamber', () => {
  it('ranks one chamber’s questions, or both, and says which', () => {
    const corpus = createCorpusQueries(store.db);
    const both = corpus.palmares(16, TODAY);
    const senat = corpus.palmares(16, TODAY, 'senat');
    const an = corpus.palmares(16, TODAY, 'an');
    expect([both.chamber, senat.chamber, an.chamber]).toEqual([null, 'senat', 'an']);
    expect([both.totals.questions, an.totals.questions, senat.totals.questions]).toEqual([5, 3, 2]);
    expect(senat.ranks.map((r) => [r.ministry, r.answeredWithinLimit, r.pendingPastLimit])).toEqual([
      ['Santé', 0, 0],
      ['Culture', 0, 1],
    ]);
    expect(corpus.chambers()).toEqual(['an', 'senat']);
  });

  it('lists overdue questions and exports rows with their chamber', () => {
    const corpus = createCorpusQueries(store.db);
    expect(corpus.overduePending(16, TODAY, 10)).toEqual(['QANR5L16QE11', 'QSENL16QE13']);
    expect(corpus.overduePending(16, TODAY, 10, 'senat')).toEqual(['QSENL16QE13']);
    expect(corpus.exportRows(['QSENL16QE10', 'QANR5L16QE10']).map((r) => [r.uid, r.chamber, r.url])).toEqual([
      ['QSENL16QE10', 'senat', 'https://www.senat.fr/questions/base/2024/qSEQ240200010.html'],
      ['QANR5L16QE10', 'an', 'https://www.assemblee-nationale.fr/dyn/16/questions/QANR5L16QE10'],
    ]);
  });

  it('puts the ministries ranked in both chambers side by side, names compared without accents or case', () => {
    const fact = (ministry: string, answerDate: string | null): PalmaresFact => ({
      ministry,
      status: answerDate ? 'answered' : 'pending',
      questionDate: '2024-01-01',
      answerDate,
    });
    const an = rankMinistries([fact('Santé', '2024-02-01'), fact('Armées', null), fact('Justice', null)], {
      today: TODAY,
      chamber: 'an',
    });
    const senat = rankMinistries(
      [fact('SANTE', '2024-06-01'), fact('Justice', '2024-01-15'), fact('Justice', null), fact('Culture', null)],
      { today: TODAY, chamber: 'senat' },
    );
    const rows = compareChambers(an, senat, 5);
    expect(rows.map((r) => [r.ministry, r.an?.shareWithinLimit, r.senat?.shareWithinLimit])).toEqual([
      ['Justice', 0, 0.5],
      ['Santé', 1, 0],
    ]);
    expect(compareChambers(an, senat, 1).map((r) => r.ministry)).toEqual(['Justice']);
  });
});

describe('counts and names per chamber', () => {
  it('counts each chamber by legislature and status', () => {
    expect(store.stats().byChamberLegislatureAndStatus).toEqual([
      { chamber: 'an', legislature: 16, status: 'answered', count: 2 },
      { chamber: 'an', legislature: 16, status: 'pending', count: 1 },
      { chamber: 'senat', legislature: 16, status: 'answered', count: 1 },
      { chamber: 'senat', legislature: 16, status: 'pending', count: 1 },
    ]);
  });

  it('finds deputies for /depute and senators for /senateur, each with their own questions', () => {
    const insights = createSqlInsights(store.db, () => store.revision());
    expect(insights.findDeputies('', 10).map((d) => d.name)).toEqual(['Mme Camille Dupont-Aignan']);
    const senators = insights.findDeputies('', 10, 'senat');
    expect(senators.map((d) => [d.name, d.count])).toEqual([
      ['M. Gérard Larcher', 1],
      ['Mme Nathalie Goulet', 1],
    ]);
    expect(insights.findDeputies('goulet', 5, 'senat').map((d) => d.name)).toEqual(['Mme Nathalie Goulet']);
    expect(insights.findDeputies('goulet', 5)).toEqual([]);
    const facts = insights.deputyFacts({ acteurRef: null, name: 'M. Gérard Larcher', chamber: 'senat' });
    expect(facts.map((f) => f.uid)).toEqual(['QSENL16QE13']);
  });

  it('looks a number up in one chamber, the Assemblée by default', () => {
    const insights = createSqlInsights(store.db, () => store.revision());
    expect(insights.findByNumber(10).map((r) => r.uid)).toEqual(['QANR5L16QE10']);
    expect(insights.findByNumber(10, 'QE', 'senat').map((r) => r.uid)).toEqual(['QSENL16QE10']);
    expect(insights.findByNumber(13)).toEqual([]);
  });
});
