import { describe, expect, it } from 'vitest';
import { generateQuestions, planEvolution, type OfficialQuestion } from '../../tools/generator';
import { isTuesday } from '../../tools/generator/joDates';

const attribs = (q: OfficialQuestion) =>
  Array.isArray(q.minAttribs.minAttrib) ? q.minAttribs.minAttrib : [q.minAttribs.minAttrib];

/** The diff a refresh computes, written independently of the generator. */
function diffArchives(day1: Iterable<OfficialQuestion>, day2: Iterable<OfficialQuestion>) {
  const before = new Map<string, OfficialQuestion>();
  for (const q of day1) before.set(q.uid, q);
  const out = {
    newQuestions: [] as string[],
    newAnswers: [] as string[],
    transfers: [] as string[],
    withdrawals: [] as string[],
    other: [] as string[],
  };
  for (const q of day2) {
    const old = before.get(q.uid);
    if (!old) {
      out.newQuestions.push(q.uid);
      continue;
    }
    before.delete(q.uid);
    if (JSON.stringify(old) === JSON.stringify(q)) continue;
    if (!old.textesReponse && q.textesReponse) out.newAnswers.push(q.uid);
    else if (!old.cloture && q.cloture) out.withdrawals.push(q.uid);
    else if (attribs(q).length > attribs(old).length) out.transfers.push(q.uid);
    else out.other.push(q.uid);
  }
  return { ...out, removed: [...before.keys()] };
}

describe('planEvolution', () => {
  const day1 = { count: 400, seed: 9, legislature: 17 };
  const plan = planEvolution(day1, { newQuestions: 5, newAnswers: 4, transfers: 3, withdrawals: 2 });

  it('lists exactly the changes a refresh finds by diffing day 1 and day 2 by uid', () => {
    const diff = diffArchives(plan.day1Questions, plan.day2Questions);
    expect(diff.newQuestions).toEqual(plan.changes.newQuestions);
    expect(diff.newAnswers).toEqual(plan.changes.newAnswers);
    expect(diff.transfers).toEqual(plan.changes.transfers);
    expect(diff.withdrawals).toEqual(plan.changes.withdrawals);
    expect(diff.other).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(plan.changes.newQuestions).toHaveLength(5);
    expect(plan.changes.newAnswers).toHaveLength(4);
    expect(plan.changes.transfers).toHaveLength(3);
    expect(plan.changes.withdrawals).toHaveLength(2);
  });

  it('has day 1 equal to generateQuestions with the same options', () => {
    expect(JSON.stringify([...plan.day1Questions])).toBe(JSON.stringify([...generateQuestions(day1)]));
    expect([...plan.day2Questions]).toHaveLength(plan.day2Count);
    expect(plan.day2Count).toBe(405);
  });

  it('dates every change on the day-2 Tuesday, after every date of day 1', () => {
    expect(isTuesday(plan.day2Date)).toBe(true);
    const day1Dates = [...plan.day1Questions].flatMap((q) => [
      q.textesQuestion.texteQuestion.infoJO.dateJO,
      q.textesReponse?.texteReponse.infoJO.dateJO ?? '',
      q.cloture?.dateCloture ?? '',
      ...attribs(q).map((a) => a.infoJO.dateJO),
    ]);
    expect(day1Dates.every((d) => d < plan.day2Date)).toBe(true);

    const day2 = new Map([...plan.day2Questions].map((q) => [q.uid, q]));
    for (const uid of plan.changes.newQuestions) {
      const q = day2.get(uid)!;
      expect(q.textesQuestion.texteQuestion.infoJO.dateJO).toBe(plan.day2Date);
      expect(q.textesReponse).toBeNull();
      expect(q.cloture).toBeNull();
    }
    for (const uid of plan.changes.newAnswers) {
      const q = day2.get(uid)!;
      expect(q.textesReponse?.texteReponse.infoJO.dateJO).toBe(plan.day2Date);
      expect(q.cloture).toMatchObject({ codeCloture: 'REP_PUB', dateCloture: plan.day2Date });
    }
    for (const uid of plan.changes.transfers) {
      const list = attribs(day2.get(uid)!);
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list[list.length - 1]!.infoJO.dateJO).toBe(plan.day2Date);
      expect(list[list.length - 1]!.denomination.organeRef).not.toBe(list[list.length - 2]!.denomination.organeRef);
    }
    for (const uid of plan.changes.withdrawals) {
      expect(day2.get(uid)!.cloture).toMatchObject({ libelleCloture: 'Retirée', dateCloture: plan.day2Date });
    }
  });

  it('never changes the same question twice', () => {
    const all = [
      ...plan.changes.newAnswers,
      ...plan.changes.transfers,
      ...plan.changes.withdrawals,
      ...plan.changes.newQuestions,
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('is deterministic, and re-iterable', () => {
    const again = planEvolution(day1, { newQuestions: 5, newAnswers: 4, transfers: 3, withdrawals: 2 });
    expect(again.changes).toEqual(plan.changes);
    expect(JSON.stringify([...again.day2Questions])).toBe(JSON.stringify([...plan.day2Questions]));
  });

  it('uses the date given, and refuses a date that is not a Tuesday', () => {
    const dated = planEvolution(day1, { newAnswers: 1, date: '2026-06-02' });
    expect(dated.day2Date).toBe('2026-06-02');
    expect(() => planEvolution(day1, { newAnswers: 1, date: '2026-06-03' })).toThrow(/mardi/);
  });

  it('returns shorter lists when fewer questions are pending than asked', () => {
    const few = planEvolution({ count: 20, seed: 9, legislature: 17 }, { newAnswers: 1000 });
    const pending = [...few.day1Questions].filter((q) => q.textesReponse === null && q.cloture === null).length;
    expect(few.changes.newAnswers).toHaveLength(pending);
  });

  it('only changes the live (highest) legislature of a mixed archive', () => {
    const mixed = planEvolution({ count: 300, seed: 2, legislatures: [16, 17] }, { newQuestions: 2, newAnswers: 2 });
    for (const uid of [...mixed.changes.newQuestions, ...mixed.changes.newAnswers]) expect(uid).toMatch(/^QANR5L17QE/);
  });
});
