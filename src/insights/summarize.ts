/** Pure aggregation of question facts into a Summary. `now` is the clock (for the two-month rule). */
import { daysBetween } from '../format/french';
import { foldKey } from '../text/fold';
import type { NameCount, QuestionFacts, Summary } from './types';

/** The date two calendar months before `now` (ISO), clamped to the month's last day (31/12 -> 31/10, 31/05 -> 31/03). */
export function twoMonthsBefore(now: Date): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - 2;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay)));
  return d.toISOString().slice(0, 10);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Most frequent values; case/accent variants ("télécommunications", "Télécommunications") count as one. */
function top(values: Array<string | null>, n: number): NameCount[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const v of values) {
    if (!v) continue;
    const key = foldKey(v);
    const e = counts.get(key);
    if (e) {
      e.count++;
      // Prefer the capitalised spelling for display.
      if (e.name[0] !== e.name[0]?.toUpperCase() && v[0] === v[0]?.toUpperCase()) e.name = v;
    } else counts.set(key, { name: v, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr')).slice(0, n);
}

export function summarize(facts: readonly QuestionFacts[], now: Date, topN = 5): Summary {
  const deadline = twoMonthsBefore(now);
  let answered = 0;
  let pending = 0;
  let withdrawn = 0;
  const delays: number[] = [];
  const pendingLate: QuestionFacts[] = [];
  let first: string | null = null;
  let last: string | null = null;
  for (const f of facts) {
    if (f.status === 'answered') {
      answered++;
      {
        const d = daysBetween(f.questionDate, f.answerDate);
        if (d !== null) delays.push(d);
      }
    } else if (f.status === 'pending') {
      pending++;
      if (f.questionDate && f.questionDate < deadline) pendingLate.push(f);
    } else withdrawn++;
    if (f.questionDate) {
      if (first === null || f.questionDate < first) first = f.questionDate;
      if (last === null || f.questionDate > last) last = f.questionDate;
    }
  }
  pendingLate.sort((a, b) => (a.questionDate ?? '').localeCompare(b.questionDate ?? '') || a.number - b.number);
  return {
    total: facts.length,
    answered,
    pending,
    withdrawn,
    answeredShare: facts.length === 0 ? 0 : answered / facts.length,
    medianDelayDays: median(delays),
    pendingPastDeadline: pendingLate.length,
    topRubriques: top(
      facts.map((f) => f.rubrique),
      topN,
    ),
    topMinistries: top(
      facts.map((f) => f.ministryAssigned ?? f.ministryAsked),
      topN,
    ),
    oldestPending: pendingLate.slice(0, 5),
    firstQuestionDate: first,
    lastQuestionDate: last,
  };
}

/** Newest question first (then highest number), the order of the deputy's list. */
export function newestFirst(a: QuestionFacts, b: QuestionFacts): number {
  return (
    (b.questionDate ?? '').localeCompare(a.questionDate ?? '') || b.legislature - a.legislature || b.number - a.number
  );
}
