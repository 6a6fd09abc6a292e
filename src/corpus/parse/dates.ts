/** Date readers shared by the parsers. Every function returns an ISO `YYYY-MM-DD` string or null. */
import { frenchMonthWords } from '../../format/french';
import { foldKey } from '../../text/fold';

const FRENCH_MONTHS = frenchMonthWords(false);

/** Builds an ISO date when year/month/day name a real calendar day (1800-2199), else null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s+\-Z])/;
const DMY_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|\s)/;

/**
 * Official open-data dates: `YYYY-MM-DD`, with an optional offset or time (`2014-02-25+01:00`,
 * `2014-02-25T00:00:00`), or `DD/MM/YYYY` (older XML). The calendar date as written is kept: an offset
 * never shifts the day.
 */
export function parseDataDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const iso = ISO_RE.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = DMY_RE.exec(s);
  if (dmy) return isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return null;
}

const FRENCH_DATE_RE = /(\d{1,2})\s*(?:er|ᵉʳ)?\s+([A-Za-zÀ-ÿ]{3,9})\.?\s+(\d{4})/;
const NUMERIC_DATE_RE = /(\d{1,2})\/(\d{1,2})\/(\d{4})/;
const ISO_ANYWHERE_RE = /(\d{4})-(\d{2})-(\d{2})/;

/**
 * Finds the first date printed in a page fragment: "25 février 2014", "1er juillet 2014", "08/07/2014"
 * or "2014-07-08".
 */
export function findPrintedDate(text: string): string | null {
  const fr = FRENCH_DATE_RE.exec(text);
  if (fr) {
    const month = FRENCH_MONTHS.get(foldKey(fr[2] ?? ''));
    if (month !== undefined) {
      const d = isoDate(Number(fr[3]), month, Number(fr[1]));
      if (d) return d;
    }
  }
  const num = NUMERIC_DATE_RE.exec(text);
  if (num) {
    const d = isoDate(Number(num[3]), Number(num[2]), Number(num[1]));
    if (d) return d;
  }
  const iso = ISO_ANYWHERE_RE.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}
