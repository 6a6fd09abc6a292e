/**
 * The ministries' ranking (« palmarès »): the share of written questions answered within the two months the
 * Assemblée's rules give (Règlement, art. 135), the median delay, and how many are still pending past the limit.
 * The Sénat used to publish this once a year as a PDF; here it is live, for any legislature. Pure.
 */
import { daysBetween } from '../format/french';
import { median } from './summarize';
import type { Chamber, QuestionStatus } from '../corpus/types';
import { foldText } from '../text/fold';

export interface PalmaresFact {
  ministry: string | null;
  status: QuestionStatus;
  questionDate: string | null;
  answerDate: string | null;
}

interface MinistryRank {
  ministry: string;
  /** Questions whose two-month limit has passed and that were not withdrawn: the denominator of the share. */
  eligible: number;
  answeredWithinLimit: number;
  /** answeredWithinLimit / eligible. */
  shareWithinLimit: number;
  answered: number;
  medianDelayDays: number | null;
  /** Pending and published more than two months ago. */
  pendingPastLimit: number;
  /** Closed without an answer (lapsed at the legislature's end, or withdrawn). */
  unanswered: number;
  total: number;
}

export interface Palmares {
  legislature: number | null;
  /**
   * One legislature whose questions are all closed (none pending: at a legislature's end the pending ones lapse).
   * What tells its ministries apart is then the share that lapsed unanswered, not a count of pending ones (all zero).
   */
  closed: boolean;
  /** One chamber's questions, or both (null). */
  chamber: Chamber | null;
  /** Ministries with at least `minEligible` eligible questions, best share first. */
  ranks: MinistryRank[];
  /** Ministries left out for having too few questions to rank. */
  tooFew: number;
  minEligible: number;
  totals: {
    questions: number;
    eligible: number;
    answeredWithinLimit: number;
    pendingPastLimit: number;
    medianDelayDays: number | null;
  };
}

/** Share of the ranked ministries' questions closed without an answer (what a closed legislature's palmarès shows). */
export function unansweredShare(p: Pick<Palmares, 'ranks'>): number {
  const total = p.ranks.reduce((n, r) => n + r.total, 0);
  return total ? p.ranks.reduce((n, r) => n + r.unanswered, 0) / total : 0;
}

/** ISO date `months` calendar months after `iso`, clamped to the month's last day (31/12 + 2 -> 28 or 29/02). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

const LIMIT_MONTHS = 2;

type PalmaresOptions = { today: string; legislature?: number | null; chamber?: Chamber | null; minEligible?: number };

/** A ranking fed one question at a time (several can be fed by one scan: both chambers and each chamber). */
export interface PalmaresTally {
  add(f: PalmaresFact): void;
  rank(): Palmares;
}

export function palmaresTally(opts: PalmaresOptions): PalmaresTally {
  const by = new Map<string, { r: MinistryRank; delays: number[] }>();
  const allDelays: number[] = [];
  let questions = 0;
  let pending = 0;
  const add = (f: PalmaresFact): void => {
    questions++;
    const name = f.ministry ?? 'Ministère non précisé';
    let e = by.get(name);
    if (!e) {
      e = {
        r: {
          ministry: name,
          eligible: 0,
          answeredWithinLimit: 0,
          shareWithinLimit: 0,
          answered: 0,
          medianDelayDays: null,
          pendingPastLimit: 0,
          unanswered: 0,
          total: 0,
        },
        delays: [],
      };
      by.set(name, e);
    }
    const r = e.r;
    r.total++;
    const limit = f.questionDate ? addMonths(f.questionDate, LIMIT_MONTHS) : null;
    const limitPassed = limit !== null && limit < opts.today;
    if (f.status === 'answered') {
      r.answered++;
      if (f.questionDate && f.answerDate) {
        const d = daysBetween(f.questionDate, f.answerDate);
        if (d !== null && d >= 0) {
          e.delays.push(d);
          allDelays.push(d);
        }
      }
      const within = limit !== null && f.answerDate !== null && f.answerDate <= limit;
      // An answer within the limit counts even when the limit has not passed yet.
      if (within) r.answeredWithinLimit++;
      if (limitPassed || within) r.eligible++;
    } else if (f.status === 'pending') {
      pending++;
      if (limitPassed) {
        r.eligible++;
        r.pendingPastLimit++;
      }
    } else r.unanswered++;
  };
  const rank = (): Palmares => {
    const all = [...by.values()].map(({ r, delays }) => ({
      ...r,
      shareWithinLimit: r.eligible ? r.answeredWithinLimit / r.eligible : 0,
      medianDelayDays: median(delays),
    }));
    let minEligible = opts.minEligible ?? 10;
    // A small corpus (the seeds, one deputy's subject) would rank nobody: lower the bar rather than show nothing.
    if (!all.some((r) => r.eligible >= minEligible)) minEligible = 1;
    const ranks = all
      .filter((r) => r.eligible >= minEligible)
      .sort(
        (a, b) =>
          b.shareWithinLimit - a.shareWithinLimit ||
          (a.medianDelayDays ?? Infinity) - (b.medianDelayDays ?? Infinity) ||
          b.eligible - a.eligible ||
          a.ministry.localeCompare(b.ministry, 'fr'),
      );
    const sum = (k: 'eligible' | 'answeredWithinLimit' | 'pendingPastLimit') => all.reduce((n, r) => n + r[k], 0);
    return {
      legislature: opts.legislature ?? null,
      closed: (opts.legislature ?? null) !== null && questions > 0 && pending === 0,
      chamber: opts.chamber ?? null,
      ranks,
      tooFew: all.length - ranks.length,
      minEligible,
      totals: {
        questions,
        eligible: sum('eligible'),
        answeredWithinLimit: sum('answeredWithinLimit'),
        pendingPastLimit: sum('pendingPastLimit'),
        medianDelayDays: median(allDelays),
      },
    };
  };
  return { add, rank };
}

export function rankMinistries(facts: Iterable<PalmaresFact>, opts: PalmaresOptions): Palmares {
  const tally = palmaresTally(opts);
  for (const f of facts) tally.add(f);
  return tally.rank();
}

/** One ministry in each chamber's ranking (null where it is not ranked there). */
export interface ChamberComparison {
  ministry: string;
  an: MinistryRank | null;
  senat: MinistryRank | null;
}

/**
 * The two chambers side by side: the ministries ranked in both (names compared without accents or case), the most
 * questioned first (eligible questions of both chambers), at most `limit`.
 */
export function compareChambers(an: Palmares, senat: Palmares, limit: number): ChamberComparison[] {
  const bySenat = new Map(senat.ranks.map((r) => [foldText(r.ministry), r]));
  const rows: ChamberComparison[] = [];
  for (const r of an.ranks) {
    const s = bySenat.get(foldText(r.ministry));
    if (s) rows.push({ ministry: r.ministry, an: r, senat: s });
  }
  const size = (c: ChamberComparison) => (c.an?.eligible ?? 0) + (c.senat?.eligible ?? 0);
  return rows
    .sort((a, b) => size(b) - size(a) || a.ministry.localeCompare(b.ministry, 'fr'))
    .slice(0, Math.max(0, limit));
}
