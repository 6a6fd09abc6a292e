/**
 * Trends over a set of questions (all the matches of a text query and filters, a deputy's or a ministry's
 * questions): counts per month or per year split by status, the median answer delay per period, and who asks
 * or receives the most. Pure: the facts come from the search engine (`collect`) or from SQL.
 */
import { daysBetween } from '../format/french';
import { median } from './summarize';
import { foldKey } from '../text/fold';
import type { NameCount } from './types';
import type { QuestionStatus } from '../corpus/types';
import type { QuestionFacts } from './types';

/** What a trend needs to know of one question. */
export interface TrendFact {
  uid: string;
  status: QuestionStatus;
  questionDate: string | null;
  answerDate: string | null;
  author: string | null;
  group: string | null;
  /** The ministry in charge (assigned, else asked). */
  ministry: string | null;
}

/** One question's facts as a profile's trend reads them (one deputy's or one ministry's: no author or group split). */
export function profileTrendFact(f: QuestionFacts): TrendFact {
  return {
    uid: f.uid,
    status: f.status,
    questionDate: f.questionDate,
    answerDate: f.answerDate,
    author: null,
    group: null,
    ministry: f.ministryAssigned ?? f.ministryAsked,
  };
}

export type Granularity = 'month' | 'year';

interface TrendPeriod {
  /** "2024-03" (month) or "2024" (year). */
  period: string;
  answered: number;
  pending: number;
  withdrawn: number;
  total: number;
  /** Median days from question to answer for the questions of this period that were answered. */
  medianDelayDays: number | null;
}

export interface Trend {
  total: number;
  answered: number;
  pending: number;
  withdrawn: number;
  /** Questions without a publication date (not in any period). */
  undated: number;
  granularity: Granularity;
  periods: TrendPeriod[];
  medianDelayDays: number | null;
  topDeputies: NameCount[];
  topGroups: NameCount[];
  topMinistries: NameCount[];
}

/** Spans of at most this many months are shown per month, longer ones per year. */
const MONTHLY_UP_TO_MONTHS = 36;

function monthIndex(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Most frequent names; case/accent variants count as one, the first capitalised spelling is shown. */
function topNames(values: Iterable<string | null>, n: number): NameCount[] {
  // Count raw spellings first (a few hundred distinct values among 100,000), then merge their folded forms.
  const raw = new Map<string, number>();
  for (const v of values) if (v) raw.set(v, (raw.get(v) ?? 0) + 1);
  const counts = new Map<string, NameCount>();
  for (const [v, c] of raw) {
    const key = foldKey(v);
    const e = counts.get(key);
    if (e) {
      e.count += c;
      if (e.name[0] !== e.name[0]?.toUpperCase() && v[0] === v[0]?.toUpperCase()) e.name = v;
    } else counts.set(key, { name: v, count: c });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr')).slice(0, n);
}

const dayCache = new Map<string, number>();
/** Days since epoch of an ISO date, memoised (a corpus has a few thousand distinct dates). */
function dayOf(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
    if (dayCache.size > 50_000) dayCache.clear();
    dayCache.set(iso, d);
  }
  return d;
}

export function aggregateTrend(
  facts: readonly TrendFact[],
  opts: { granularity?: Granularity; top?: number } = {},
): Trend {
  const topN = opts.top ?? 5;
  let first = Infinity;
  let last = -Infinity;
  for (const f of facts) {
    if (!f.questionDate) continue;
    const m = monthIndex(f.questionDate);
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const granularity: Granularity = opts.granularity ?? (last - first + 1 <= MONTHLY_UP_TO_MONTHS ? 'month' : 'year');
  const keyOf = (iso: string): string => (granularity === 'month' ? iso.slice(0, 7) : iso.slice(0, 4));
  const byPeriod = new Map<string, { p: TrendPeriod; delays: number[] }>();
  const emptyPeriod = (period: string) => ({
    p: { period, answered: 0, pending: 0, withdrawn: 0, total: 0, medianDelayDays: null },
    delays: [] as number[],
  });
  // Every period between the first and the last, empty ones included: a gap is information.
  if (Number.isFinite(first)) {
    if (granularity === 'month')
      for (let m = first; m <= last; m++) byPeriod.set(monthLabel(m), emptyPeriod(monthLabel(m)));
    else
      for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++)
        byPeriod.set(String(y), emptyPeriod(String(y)));
  }
  const allDelays: number[] = [];
  let answered = 0;
  let pending = 0;
  let withdrawn = 0;
  let undated = 0;
  for (const f of facts) {
    if (f.status === 'answered') answered++;
    else if (f.status === 'pending') pending++;
    else withdrawn++;
    const delay =
      f.status === 'answered' && f.questionDate && f.answerDate ? dayOf(f.answerDate) - dayOf(f.questionDate) : null;
    if (delay !== null && delay >= 0) allDelays.push(delay);
    if (!f.questionDate) {
      undated++;
      continue;
    }
    const e = byPeriod.get(keyOf(f.questionDate))!;
    e.p[f.status]++;
    e.p.total++;
    if (delay !== null && delay >= 0) e.delays.push(delay);
  }
  const periods = [...byPeriod.values()].map(({ p, delays }) => ({ ...p, medianDelayDays: median(delays) }));
  return {
    total: facts.length,
    answered,
    pending,
    withdrawn,
    undated,
    granularity,
    periods,
    medianDelayDays: median(allDelays),
    topDeputies: topNames(
      facts.map((f) => f.author),
      topN,
    ),
    topGroups: topNames(
      facts.map((f) => f.group),
      topN,
    ),
    topMinistries: topNames(
      facts.map((f) => f.ministry),
      topN,
    ),
  };
}

/** Answer delays grouped in bins that mean something for the two-month rule. */
const DELAY_BINS: ReadonlyArray<{ label: string; max: number }> = [
  { label: '≤ 1 mois', max: 31 },
  { label: '1 à 2 mois', max: 62 },
  { label: '2 à 3 mois', max: 92 },
  { label: '3 à 6 mois', max: 183 },
  { label: '6 à 12 mois', max: 366 },
  { label: '> 1 an', max: Infinity },
];

export interface DelayBin {
  label: string;
  count: number;
}

/** How many answered questions fall in each delay bin (questions without both dates are left out). */
export function delayDistribution(
  facts: ReadonlyArray<Pick<TrendFact, 'status' | 'questionDate' | 'answerDate'>>,
): DelayBin[] {
  const bins = DELAY_BINS.map((b) => ({ label: b.label, count: 0 }));
  for (const f of facts) {
    if (f.status !== 'answered' || !f.questionDate || !f.answerDate) continue;
    const d = daysBetween(f.questionDate, f.answerDate);
    if (d === null || d < 0) continue;
    const i = DELAY_BINS.findIndex((b) => d <= b.max);
    bins[i]!.count++;
  }
  return bins;
}

/** Yearly totals for two or more years (« comparer 2022 et 2023 »). */
export function compareYears(
  facts: readonly TrendFact[],
  years: readonly number[],
): Array<{ year: number; total: number; answered: number; medianDelayDays: number | null }> {
  return years.map((year) => {
    const inYear = facts.filter((f) => f.questionDate?.startsWith(String(year)));
    const delays = inYear.flatMap((f) => {
      const d = f.status === 'answered' ? daysBetween(f.questionDate, f.answerDate) : null;
      return d === null ? [] : [d];
    });
    return {
      year,
      total: inYear.length,
      answered: inYear.filter((f) => f.status === 'answered').length,
      medianDelayDays: median(delays),
    };
  });
}
