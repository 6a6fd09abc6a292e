/**
 * "Day 2" of a generated archive: the same questions as day 1 (same options, same seed) plus changes, as the
 * Assemblée's daily refreshed archive shows them after a Tuesday's JO. Only the live (highest) legislature of
 * the day-1 options changes. Answers, transfers and withdrawals are taken among day 1's pending questions of that
 * legislature, disjoint from each other; when fewer are pending than asked, the lists are shorter (a finished
 * legislature has no pending question at all).
 */
import { Rng } from './random';
import { dayToIso, isoToDay, isTuesday, nextTuesday } from './joDates';
import {
  type GenerateOptions,
  type QuestionOverrides,
  allocateCounts,
  buildQuestion,
  resolveOptions,
} from './generateQuestions';
import type { OfficialMinAttrib, OfficialQuestion } from './officialTypes';

export interface EvolutionChanges {
  /** Questions published on day 2 (numbers after the last day-1 number; pending). */
  newQuestions?: number;
  /** Day-1 pending questions answered on day 2. */
  newAnswers?: number;
  /** Day-1 pending questions transferred to another ministry on day 2 (minAttrib becomes / grows as an array). */
  transfers?: number;
  /** Day-1 pending questions withdrawn ("Retirée") on day 2. */
  withdrawals?: number;
  /** JO date of day 2 (ISO, a Tuesday). Default: the first Tuesday after every date found in day 1. */
  date?: string;
}

interface EvolutionChangeLists {
  newQuestions: string[];
  newAnswers: string[];
  transfers: string[];
  withdrawals: string[];
}

export interface EvolutionPlan {
  /** JO date of the changes (ISO). */
  day2Date: string;
  /** The day-1 archive (re-iterable: each `for...of` generates again). */
  day1Questions: Iterable<OfficialQuestion>;
  /** The day-2 archive: day 1 with the changes applied, then the new questions (re-iterable). */
  day2Questions: Iterable<OfficialQuestion>;
  /** Number of questions of day 2. */
  day2Count: number;
  /** uids per kind of change, in number order. */
  changes: EvolutionChangeLists;
}

function reiterable<T>(make: () => Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

function latestDay(q: OfficialQuestion): number {
  let max = isoToDay(q.textesQuestion.texteQuestion.infoJO.dateJO);
  const attribs = q.minAttribs.minAttrib;
  for (const a of Array.isArray(attribs) ? attribs : [attribs as OfficialMinAttrib]) {
    max = Math.max(max, isoToDay(a.infoJO.dateJO));
  }
  if (q.textesReponse) max = Math.max(max, isoToDay(q.textesReponse.texteReponse.infoJO.dateJO));
  if (q.cloture) max = Math.max(max, isoToDay(q.cloture.dateCloture));
  return max;
}

export function planEvolution(day1: GenerateOptions, changes: EvolutionChanges): EvolutionPlan {
  const resolved = resolveOptions(day1);
  const parts = allocateCounts(day1);
  const live = parts[parts.length - 1] as (typeof parts)[number];

  // One pass over day 1's live legislature: its pending questions and its latest date.
  const pending: number[] = [];
  let maxDay = -Infinity;
  for (let i = 0; i < live.count; i++) {
    const number = live.startNumber + i;
    const q = buildQuestion(resolved, live.legislature, number);
    maxDay = Math.max(maxDay, latestDay(q));
    if (q.textesReponse === null && q.cloture === null) pending.push(number);
  }
  if (changes.date !== undefined && !isTuesday(changes.date)) {
    throw new Error(`generator: la date du jour 2 doit être un mardi (${changes.date})`);
  }
  const day2 =
    changes.date !== undefined
      ? isoToDay(changes.date)
      : nextTuesday((Number.isFinite(maxDay) ? maxDay : isoToDay('2026-03-31')) + 1);

  const r = Rng.of(resolved.seed, 'evolution', live.legislature, day2);
  const chosen = r.sample(pending, pending.length);
  const take = (n: number | undefined): number[] => chosen.splice(0, Math.max(0, n ?? 0)).sort((x, y) => x - y);
  const answered = take(changes.newAnswers);
  const transferred = take(changes.transfers);
  const withdrawn = take(changes.withdrawals);
  const newCount = Math.max(0, changes.newQuestions ?? 0);
  const firstNew = live.startNumber + live.count;

  const overrides = new Map<number, QuestionOverrides>();
  for (const n of answered) overrides.set(n, { answerDay: day2 });
  for (const n of transferred) overrides.set(n, { transferDay: day2 });
  for (const n of withdrawn) overrides.set(n, { withdrawDay: day2 });

  const uid = (n: number): string => `QANR5L${live.legislature}QE${n}`;

  function* day1Questions(): Generator<OfficialQuestion> {
    for (const part of parts) {
      for (let i = 0; i < part.count; i++) yield buildQuestion(resolved, part.legislature, part.startNumber + i);
    }
  }
  function* day2Questions(): Generator<OfficialQuestion> {
    for (const part of parts) {
      const isLive = part === live;
      for (let i = 0; i < part.count; i++) {
        const n = part.startNumber + i;
        yield buildQuestion(resolved, part.legislature, n, isLive ? overrides.get(n) : undefined);
      }
    }
    for (let i = 0; i < newCount; i++)
      yield buildQuestion(resolved, live.legislature, firstNew + i, { newOnDay: day2 });
  }

  return {
    day2Date: dayToIso(day2),
    day1Questions: reiterable(day1Questions),
    day2Questions: reiterable(day2Questions),
    day2Count: parts.reduce((sum, p) => sum + p.count, 0) + newCount,
    changes: {
      newQuestions: Array.from({ length: newCount }, (_, i) => uid(firstNew + i)),
      newAnswers: answered.map(uid),
      transfers: transferred.map(uid),
      withdrawals: withdrawn.map(uid),
    },
  };
}
