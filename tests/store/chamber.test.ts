import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeUid, parseUid, senatQuestionUrl } from '../../src/corpus/types';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { questionHash } from '../../src/store/questionHash';
import { makeQuestion } from '../support/botCorpus';
import { useTempDirs } from '../ingest/support/tempDir';

const tempDir = useTempDirs();
const SEEN = '2025-03-04T08:00:00.000Z';
let store: QuestionStore | null = null;
afterEach(() => store?.close());

describe('both chambers in one store', () => {
  it('keeps a Sénat question beside the Assemblée question of the same legislature, number and type', () => {
    store = openStore(path.join(tempDir(), 'q.db'));
    const an = makeQuestion({ number: 4132, legislature: 17 });
    const senat = { ...makeQuestion({ number: 4132, legislature: 17 }), uid: makeUid(17, 'QE', 4132, 'senat') };
    senat.chamber = 'senat';
    store.upsertQuestions([an, senat], { seenAt: SEEN });
    expect(store.findQuestion(17, 4132)?.uid).toBe('QANR5L17QE4132');
    expect(store.findQuestion(17, 4132, 'QE', 'senat')?.uid).toBe('QSENL17QE4132');
    expect(store.findByNumber(4132).map((r) => r.uid)).toEqual(['QANR5L17QE4132']);
    expect(store.findByNumber(4132, { chamber: 'senat' }).map((r) => r.uid)).toEqual(['QSENL17QE4132']);
    expect(store.getQuestion('QSENL17QE4132')?.chamber).toBe('senat');
  });

  it('reads records stored before the Sénat arrived as Assemblée questions, with unchanged fingerprints', () => {
    const file = path.join(tempDir(), 'old.db');
    store = openStore(file);
    const q = makeQuestion({ number: 7, legislature: 16 });
    const hashBefore = questionHash(q);
    store.upsertQuestions([q], { seenAt: SEEN });
    store.close();
    // A record as written before the migration: no `chamber` in its JSON.
    const raw = new Database(file);
    const { chamber: _c, ...legacy } = q;
    raw.prepare('UPDATE questions SET record = ? WHERE uid = ?').run(JSON.stringify(legacy), q.uid);
    raw.close();
    store = openStore(file);
    expect(store.getQuestion(q.uid)?.chamber).toBe('an');
    expect(questionHash(store.getQuestion(q.uid)!)).toBe(hashBefore);
    const [outcome] = store.upsertQuestions([q], { seenAt: SEEN });
    expect(outcome?.status).toBe('unchanged');
  });
});

describe('Sénat references', () => {
  it('builds and reads Sénat uids apart from the Assemblée ones', () => {
    expect(parseUid('QSENL17QE4132')).toEqual({ chamber: 'senat', legislature: 17, type: 'QE', number: 4132 });
    expect(parseUid('QANR5L17QE4132')?.chamber).toBe('an');
  });

  it('links a question to its senat.fr page by month of publication and 5-digit number', () => {
    expect(senatQuestionUrl(10778, '1998-09-03')).toBe('https://www.senat.fr/questions/base/1998/qSEQ980910778.html');
    expect(senatQuestionUrl(4132, '2025-03-27')).toBe('https://www.senat.fr/questions/base/2025/qSEQ250304132.html');
  });
});
