import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseActeur } from '../../src/corpus/parse/parseActeur';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import type { Acteur, Question } from '../../src/corpus/types';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { fixtureRaw, renumber, SAMPLES } from '../ingest/support/cloneCorpus';
import { useTempDirs } from '../ingest/support/tempDir';

const tempDir = useTempDirs();
const SEEN = '2025-03-04T08:00:00.000Z';
const LATER = '2025-03-11T08:00:00.000Z';

function parsed(raw: unknown, file = 'fixture.json'): Question {
  const r = parseOpenDataQuestion(raw, file);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** The pending 17th-legislature fixture, renumbered. */
function pending(number = 502): Question {
  return parsed(renumber(fixtureRaw('QANR5L17QE502.json').question as Record<string, unknown>, 17, number));
}

function acteur(file: string): Acteur {
  const r = parseActeur(JSON.parse(readFileSync(path.join(SAMPLES, 'acteurs', file), 'utf8')));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

let store: QuestionStore;
beforeEach(() => {
  store = openStore(path.join(tempDir(), 'q.db'));
});
afterEach(() => store.close());

describe('upsertQuestions', () => {
  it('inserts a new uid with a new_question event, then leaves an identical copy untouched', () => {
    const q = pending();
    expect(store.upsertQuestions([q], { seenAt: SEEN })).toEqual([
      { uid: q.uid, status: 'new', events: ['new_question'] },
    ]);
    const rev = store.revision();
    const again = { ...q, source: { file: 'ailleurs.zip!x.json', format: q.source.format } };
    expect(store.upsertQuestions([again], { seenAt: LATER })).toEqual([
      { uid: q.uid, status: 'unchanged', events: [] },
    ]);
    expect(store.revision()).toBe(rev);
    expect(store.maxEventId()).toBe(1);
    expect(store.getQuestion(q.uid)?.source.file).toBe(q.source.file);
  });

  it('records new_answer when an answer appears on a stored question', () => {
    const q = pending();
    store.upsertQuestions([q], { seenAt: SEEN });
    const answered: Question = {
      ...q,
      status: 'answered',
      answer: { text: 'Le Gouvernement est pleinement mobilisé.', joDate: '2025-03-04', joPage: '1234' },
      closure: { code: 'REP_PUB', label: 'Réponse publiée', date: '2025-03-04' },
    };
    expect(store.upsertQuestions([answered], { seenAt: LATER })).toEqual([
      { uid: q.uid, status: 'updated', events: ['new_answer'] },
    ]);
    const events = store.eventsSince(1);
    expect(events).toEqual([
      {
        id: 2,
        uid: q.uid,
        kind: 'new_answer',
        seenAt: LATER,
        baseline: false,
        detail: { date: '2025-03-04', page: '1234' },
      },
    ]);
    expect(store.getQuestion(q.uid)?.status).toBe('answered');
  });

  it('records closed with the label and date when the question is withdrawn', () => {
    const q = pending();
    store.upsertQuestions([q], { seenAt: SEEN });
    const withdrawn: Question = {
      ...q,
      status: 'withdrawn',
      closure: { code: 'RET', label: 'Retirée', date: '2025-03-01' },
    };
    store.upsertQuestions([withdrawn], { seenAt: LATER });
    const [e] = store.eventsSince(1);
    expect(e).toMatchObject({ kind: 'closed', detail: { label: 'Retirée', date: '2025-03-01', code: 'RET' } });
  });

  it('records transfer from the old ministry to the new one when the history grows', () => {
    const q = pending();
    store.upsertQuestions([q], { seenAt: SEEN });
    const to = { name: 'Agriculture', fullName: "Ministère de l'agriculture", organeRef: 'PO999999' };
    const moved: Question = {
      ...q,
      ministryAssigned: to,
      ministryHistory: [...q.ministryHistory, { ministry: to, date: '2025-02-25' }],
    };
    expect(store.upsertQuestions([moved], { seenAt: LATER })[0]?.events).toEqual(['transfer']);
    expect(store.eventsSince(1)[0]?.detail).toEqual({
      from: q.ministryAssigned?.name,
      to: 'Agriculture',
      date: '2025-02-25',
    });
  });

  it('updates without any event when only a text changes', () => {
    const q = pending();
    store.upsertQuestions([q], { seenAt: SEEN });
    const edited: Question = { ...q, question: { ...q.question!, text: `${q.question!.text} Erratum.` } };
    expect(store.upsertQuestions([edited], { seenAt: LATER })).toEqual([{ uid: q.uid, status: 'updated', events: [] }]);
    expect(store.getTexts([q.uid]).get(q.uid)?.question).toMatch(/Erratum\.$/);
  });

  it('marks events baseline for a legislature absent from the store before the call, not afterwards', () => {
    store.upsertQuestions([pending(1), pending(2)], { seenAt: SEEN });
    store.upsertQuestions([pending(3)], { seenAt: LATER });
    const events = store.eventsSince(0);
    expect(events.map((e) => [e.uid, e.baseline])).toEqual([
      ['QANR5L17QE1', true],
      ['QANR5L17QE2', true],
      ['QANR5L17QE3', false],
    ]);
  });

  it('lets the caller force or scope the baseline', () => {
    store.upsertQuestions([pending(1)], { seenAt: SEEN, baseline: false });
    store.upsertQuestions([pending(2)], { seenAt: SEEN, baselineLegislatures: [17] });
    store.upsertQuestions([pending(3)], { seenAt: SEEN, baselineLegislatures: [16] });
    expect(store.eventsSince(0).map((e) => e.baseline)).toEqual([false, true, false]);
  });

  it('rolls the whole batch back when one record cannot be stored', () => {
    const good = pending(1);
    const clash = { ...pending(2), uid: good.uid.replace('QE1', 'QE9') }; // (17, 2, QE) under another uid
    store.upsertQuestions([pending(2)], { seenAt: SEEN });
    expect(() => store.upsertQuestions([good, clash], { seenAt: SEEN })).toThrow();
    expect(store.getQuestion(good.uid)).toBeNull();
    expect(store.count()).toBe(1);
  });
});

describe('acteurs', () => {
  it('fills names and geography of stored questions from a deputy file, without events', () => {
    const q = pending(); // mandatRef PM842651 of Sandrine Le Feur
    store.upsertQuestions([q], { seenAt: SEEN });
    const before = store.maxEventId();
    const rev = store.revision();
    expect(store.upsertActeurs([acteur('PA719412.json')], LATER)).toBe(1);
    const stored = store.getQuestion(q.uid)!;
    expect(stored.author).toMatchObject({ name: 'Mme Sandrine Le Feur', department: 'Finistère', circonscription: 4 });
    expect(store.maxEventId()).toBe(before);
    expect(store.revision()).not.toBe(rev);
    expect(store.db.prepare('SELECT author_name FROM questions WHERE uid = ?').pluck().get(q.uid)).toBe(
      'Mme Sandrine Le Feur',
    );
    expect(store.upsertActeurs([acteur('PA719412.json')], LATER)).toBe(0);
  });

  it('applies known deputies to questions upserted afterwards', () => {
    store.upsertActeurs([acteur('PA719412.json')], SEEN);
    store.upsertQuestions([pending()], { seenAt: SEEN });
    expect(store.findQuestion(17, 502)?.author.name).toBe('Mme Sandrine Le Feur');
    // the same raw question again is unchanged (the stored one carries the applied names)
    expect(store.upsertQuestions([pending()], { seenAt: LATER })[0]?.status).toBe('unchanged');
  });
});

describe('reads', () => {
  beforeEach(() => {
    store.upsertQuestions([pending(1), pending(2), pending(3)], { seenAt: SEEN });
  });

  it('finds a question by legislature and number, QE by default', () => {
    expect(store.findQuestion(17, 2)?.uid).toBe('QANR5L17QE2');
    expect(store.findQuestion(17, 2, 'QG')).toBeNull();
    expect(store.findQuestion(16, 2)).toBeNull();
    expect(store.getQuestion('QANR5L17QE404')).toBeNull();
  });

  it('returns questions in the order asked, skipping unknown uids', () => {
    const uids = ['QANR5L17QE3', 'QANR5L17QE404', 'QANR5L17QE1'];
    expect(store.getQuestions(uids).map((q) => q.uid)).toEqual(['QANR5L17QE3', 'QANR5L17QE1']);
  });

  it('returns texts without the rest of the record', () => {
    const texts = store.getTexts(['QANR5L17QE1', 'QANR5L17QE404']);
    expect([...texts.keys()]).toEqual(['QANR5L17QE1']);
    expect(texts.get('QANR5L17QE1')?.question).toBe(pending(1).question?.text);
    expect(texts.get('QANR5L17QE1')?.answer).toBeNull();
  });

  it('streams every question', () => {
    expect([...store.iterateQuestions()].map((q) => q.number)).toEqual([1, 2, 3]);
    expect(store.count()).toBe(3);
  });

  it('counts by legislature, type and status and reports the newest date and last ingest', () => {
    store.setMeta('last_ingest_at', LATER);
    const s = store.stats();
    expect(s).toMatchObject({
      total: 3,
      byLegislature: [{ legislature: 17, count: 3 }],
      byType: [{ type: 'QE', count: 3 }],
      byStatus: [{ status: 'pending', count: 3 }],
      byLegislatureAndStatus: [{ legislature: 17, status: 'pending', count: 3 }],
      newestQuestionDate: pending().question?.joDate,
      lastIngestAt: LATER,
    });
  });

  it('pages events after a cursor', () => {
    expect(store.eventsSince(0, 2).map((e) => e.id)).toEqual([1, 2]);
    expect(store.eventsSince(2).map((e) => e.uid)).toEqual(['QANR5L17QE3']);
    expect(store.maxEventId()).toBe(3);
  });

  it('keeps meta values and a revision that differs between two databases', () => {
    store.setMeta('k', 'v1');
    store.setMeta('k', 'v2');
    expect(store.getMeta('k')).toBe('v2');
    expect(store.getMeta('absent')).toBeNull();
    const other = openStore(path.join(tempDir(), 'other.db'));
    other.upsertQuestions([pending(1), pending(2), pending(3)], { seenAt: SEEN });
    expect(other.revision()).not.toBe(store.revision());
    other.close();
  });
});

describe('questionsChangedSince', () => {
  const uids = (c: ReturnType<QuestionStore['questionsChangedSince']>) =>
    [...(c?.pages ?? [])].flat().map((q) => q.uid);

  it('lists the questions inserted or changed after a revision, in pages, and nothing at the current one', () => {
    store.upsertQuestions([pending(1), pending(2)], { seenAt: SEEN });
    const rev = store.revision();
    const answered: Question = {
      ...pending(2),
      status: 'answered',
      answer: { text: 'Réponse.', joDate: '2025-03-11', joPage: '1' },
    };
    store.upsertQuestions([pending(1), answered, pending(3)], { seenAt: LATER }); // 1 unchanged
    const changed = store.questionsChangedSince(rev, 1)!;
    expect(changed.count).toBe(2);
    expect(uids(changed)).toEqual([pending(2).uid, pending(3).uid]);
    expect(store.questionsChangedSince(store.revision())).toMatchObject({ count: 0 });
    expect(uids(store.questionsChangedSince(store.revision()))).toEqual([]);
  });

  it('counts a deputy back-fill as a change of the questions it filled', () => {
    const q = pending();
    const someoneElse: Question = {
      ...pending(7),
      author: { ...pending(7).author, acteurRef: 'PA1', mandatRef: 'PM1' },
    };
    store.upsertQuestions([q, someoneElse], { seenAt: SEEN });
    const rev = store.revision();
    store.upsertActeurs([acteur('PA719412.json')], LATER);
    expect(uids(store.questionsChangedSince(rev))).toEqual([q.uid]);
  });

  it('cannot tell for a revision of another database, or a revision that is not one', () => {
    store.upsertQuestions([pending(1)], { seenAt: SEEN });
    const other = openStore(path.join(tempDir(), 'other.db'));
    expect(store.questionsChangedSince(other.revision())).toBeNull();
    other.close();
    expect(store.questionsChangedSince('rev-A')).toBeNull();
    expect(store.questionsChangedSince(`${store.revision()}0`)).toBeNull(); // a counter this database never reached
  });
});
