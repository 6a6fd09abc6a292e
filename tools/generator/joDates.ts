/**
 * Calendar maths for generated archives, on whole UTC days (no time zone can shift a date).
 * The "Questions" edition of the Journal officiel appears on Tuesdays: every generated date is a Tuesday.
 */

const DAY_MS = 86_400_000;

export function isoToDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day when it is a Tuesday, else the next Tuesday. (Day 0, 1970-01-01, was a Thursday.) */
export function nextTuesday(day: number): number {
  return day + ((((5 - (day % 7)) % 7) + 7) % 7);
}

export function isTuesday(iso: string): boolean {
  return new Date(`${iso}T00:00:00Z`).getUTCDay() === 2;
}

export interface LegislatureSpan {
  legislature: number;
  /** First and last possible JO dates (ISO). The 17th is still running: its end is a fixed horizon. */
  start: string;
  end: string;
  /** Rough number of written questions of the whole legislature: question numbers map onto the span with it. */
  nominalQuestions: number;
  /** Whether the legislature is over (pending questions then lapse: « Caduque »). */
  ended: boolean;
}

const SPANS: LegislatureSpan[] = [
  { legislature: 11, start: '1997-06-17', end: '2002-06-18', nominalQuestions: 80_000, ended: true },
  { legislature: 12, start: '2002-07-02', end: '2007-06-19', nominalQuestions: 130_000, ended: true },
  { legislature: 13, start: '2007-07-03', end: '2012-06-19', nominalQuestions: 135_000, ended: true },
  { legislature: 14, start: '2012-07-03', end: '2017-06-20', nominalQuestions: 105_000, ended: true },
  { legislature: 15, start: '2017-07-04', end: '2022-06-21', nominalQuestions: 45_000, ended: true },
  { legislature: 16, start: '2022-07-05', end: '2024-06-11', nominalQuestions: 18_000, ended: true },
  { legislature: 17, start: '2024-07-23', end: '2026-03-31', nominalQuestions: 14_000, ended: false },
  // Hypothetical: a next legislature, so that tests can make one appear (the refresh's discovery, issue 22).
  { legislature: 18, start: '2026-04-07', end: '2027-12-28', nominalQuestions: 8_000, ended: false },
];

const SUPPORTED_LEGISLATURES: readonly number[] = SPANS.map((s) => s.legislature);

export function legislatureSpan(legislature: number): LegislatureSpan {
  const span = SPANS.find((s) => s.legislature === legislature);
  if (!span) {
    throw new Error(`generator: législature ${legislature} non prise en charge (${SUPPORTED_LEGISLATURES.join(', ')})`);
  }
  return span;
}
