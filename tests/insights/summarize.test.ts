import { describe, expect, it } from 'vitest';
import { median, summarize, twoMonthsBefore } from '../../src/insights/summarize';
import { foldKey } from '../../src/text/fold';
import type { QuestionFacts } from '../../src/insights/types';

const f = (over: Partial<QuestionFacts> & { number: number }): QuestionFacts => ({
  uid: `QANR5L15QE${over.number}`,
  legislature: 15,
  status: 'pending',
  questionDate: '2024-01-02',
  answerDate: null,
  rubrique: null,
  ministryAsked: 'Justice',
  ministryAssigned: 'Justice',
  ...over,
});

describe('summarize', () => {
  const now = new Date('2024-06-15T10:00:00Z');
  const facts = [
    f({ number: 1, status: 'answered', questionDate: '2024-01-02', answerDate: '2024-01-12', rubrique: 'justice' }),
    f({ number: 2, status: 'answered', questionDate: '2024-01-02', answerDate: '2024-03-02', rubrique: 'Justice' }),
    f({
      number: 3,
      status: 'answered',
      questionDate: '2024-02-06',
      answerDate: '2024-06-04',
      rubrique: 'police',
      ministryAssigned: 'Intérieur',
    }),
    f({ number: 4, status: 'pending', questionDate: '2024-03-05' }),
    f({ number: 5, status: 'pending', questionDate: '2024-04-16' }), // exactly two months before 15/06 is 15/04
    f({ number: 6, status: 'pending', questionDate: '2024-05-21' }),
    f({ number: 7, status: 'withdrawn', questionDate: '2023-12-12' }),
  ];
  const s = summarize(facts, now);

  it('counts answered, pending and withdrawn, with the share answered', () => {
    expect(s).toMatchObject({ total: 7, answered: 3, pending: 3, withdrawn: 1 });
    expect(s.answeredShare).toBeCloseTo(3 / 7);
  });

  it('takes the median delay over answered questions', () => {
    expect(s.medianDelayDays).toBe(60); // 10, 60, 119
  });

  it('counts pending questions past the two-month rule, oldest first', () => {
    expect(s.pendingPastDeadline).toBe(1);
    expect(s.oldestPending.map((q) => q.number)).toEqual([4]);
  });

  it('merges case variants in the top rubriques', () => {
    expect(s.topRubriques[0]).toEqual({ name: 'Justice', count: 2 });
    expect(s.topMinistries[0]).toEqual({ name: 'Justice', count: 6 });
  });

  it('handles an empty list', () => {
    expect(summarize([], now)).toMatchObject({
      total: 0,
      answeredShare: 0,
      medianDelayDays: null,
      firstQuestionDate: null,
    });
  });
});

describe('dates and names', () => {
  it('computes two months before, clamped to the end of month', () => {
    expect(twoMonthsBefore(new Date('2024-12-31T12:00:00Z'))).toBe('2024-10-31');
    expect(twoMonthsBefore(new Date('2024-04-30T12:00:00Z'))).toBe('2024-02-29');
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it('folds names accent- and case-insensitively for grouping', () => {
    expect(foldKey('Éducation NATIONALE')).toBe('education nationale');
  });
});
