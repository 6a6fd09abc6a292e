/** Small hand-made questions and events for the digest tests (the generator is used by the integration tests). */
import { makeUid, officialUrl, type Question } from '../../../src/corpus/types';
import type { EventKind, QuestionEvent } from '../../../src/store/types';
import type { DigestItem } from '../../../src/digest/types';

export interface QuestionOverrides {
  number?: number;
  legislature?: number;
  rubrique?: string | null;
  teteAnalyse?: string | null;
  analyses?: string[];
  author?: string;
  acteurRef?: string;
  group?: string | null;
  ministry?: string;
  ministryAsked?: string;
  questionText?: string;
  questionDate?: string;
  answerText?: string | null;
  answerDate?: string | null;
  closure?: { label: string; date: string } | null;
}

export function makeQuestion(o: QuestionOverrides = {}): Question {
  const legislature = o.legislature ?? 17;
  const number = o.number ?? 1234;
  const uid = makeUid(legislature, 'QE', number);
  const ministry = {
    name: o.ministry ?? 'Santé',
    fullName: `Ministère de ${o.ministry ?? 'la santé'}`,
    organeRef: null,
  };
  const asked = o.ministryAsked ? { name: o.ministryAsked, fullName: null, organeRef: null } : ministry;
  const answerText = o.answerText === undefined ? null : o.answerText;
  const author = o.author ?? 'Mme Claire Martin';
  return {
    uid,
    chamber: 'an',
    legislature,
    number,
    type: 'QE',
    author: {
      name: author,
      civility: author.startsWith('Mme') ? 'Mme' : 'M.',
      fullName: author.replace(/^(M\.|Mme)\s+/, ''),
      acteurRef: o.acteurRef ?? 'PA100001',
      mandatRef: 'PM200001',
      group: o.group === null ? null : { name: 'Groupe test', abbrev: o.group ?? 'GT', organeRef: null },
      department: 'Ain',
      departmentNumber: '01',
      circonscription: 1,
    },
    rubrique: o.rubrique === undefined ? 'santé' : o.rubrique,
    teteAnalyse: o.teteAnalyse === undefined ? 'hôpitaux' : o.teteAnalyse,
    analyses: o.analyses ?? ['moyens des urgences'],
    ministryAsked: asked,
    ministryAssigned: ministry,
    ministryHistory: [{ ministry, date: o.questionDate ?? '2025-01-07' }],
    question: {
      text: o.questionText ?? 'Mme Claire Martin attire l’attention sur la situation des urgences.',
      joDate: o.questionDate ?? '2025-01-07',
      joPage: '100',
    },
    answer: answerText === null ? null : { text: answerText, joDate: o.answerDate ?? '2025-03-04', joPage: '200' },
    status: answerText !== null ? 'answered' : o.closure ? 'withdrawn' : 'pending',
    closure: o.closure
      ? { code: 'RET', label: o.closure.label, date: o.closure.date }
      : answerText !== null
        ? { code: 'REP_PUB', label: 'Réponse publiée', date: o.answerDate ?? '2025-03-04' }
        : null,
    url: officialUrl(legislature, uid),
    source: { file: 'test', format: 'opendata-json' },
  };
}

let nextEventId = 1;

export function makeEvent(
  uid: string,
  kind: EventKind,
  detail: Record<string, unknown> = {},
  id = nextEventId++,
): QuestionEvent {
  return { id, uid, kind, seenAt: '2025-03-04T05:30:00.000Z', baseline: false, detail };
}

export function item(question: Question, kind: EventKind, detail: Record<string, unknown> = {}): DigestItem {
  return { event: makeEvent(question.uid, kind, detail), question };
}
