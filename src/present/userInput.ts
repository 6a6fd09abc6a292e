/** Parsing of what users type in options (dates), with French UserError messages. */
import { numericDate } from '../format/french';
import { describeUnsearchable } from '../search/searchableText';
import { escapeCorpus } from './markdown';
import { UserError } from './UserError';

/** Accepts JJ/MM/AAAA (also J/M/AAAA, with - or .) and AAAA-MM-JJ; returns ISO AAAA-MM-JJ. */
export function parseUserDate(input: string, optionName: string): string {
  const text = input.trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    throw new UserError(
      `Date non reconnue pour « ${optionName} » : « ${escapeCorpus(text)} ». Utilisez JJ/MM/AAAA ou AAAA-MM-JJ.`,
    );
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new UserError(`Date impossible pour « ${optionName} » : « ${escapeCorpus(text)} ».`);
  }
  if (y < 1958 || y > 2100) throw new UserError(`Année hors de la Ve République pour « ${optionName} » : ${y}.`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Both bounds optional; "depuis" after "jusqua" is an error. */
export function parseDateRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (from !== undefined) out.from = parseUserDate(from, 'depuis');
  if (to !== undefined) out.to = parseUserDate(to, 'jusqua');
  if (out.from && out.to && out.from > out.to) {
    throw new UserError(
      `La date « depuis » (${formatDate(out.from)}) est postérieure à « jusqua » (${formatDate(out.to)}).`,
    );
  }
  return out;
}

/** ISO -> JJ/MM/AAAA in a message: « ? » when missing, the text as it is when not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '?';
  return numericDate(iso) ?? iso;
}

export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Refuses a search text with no searchable word (see src/search/searchableText.ts), quoting it escaped. */
export function requireSearchableText(text: string): void {
  const problem = describeUnsearchable(text, escapeCorpus);
  if (problem) throw new UserError(problem);
}
