/**
 * Periods in plain French: a legislature (« la 16e législature », « XVe », « L17 ») and dates (« en mars 2023 »,
 * « depuis 2020 », « entre 2019 et 2021 », « ces 6 derniers mois », years to compare). Month names come from
 * src/format/french.ts; the clock is a parameter.
 */
import type { SearchFilters } from '../search/types';
import { frenchMonthWords } from '../format/french';
import { consume, type Tok } from './tokens';
import { ROMAN_NUMERALS } from './vocabulary';

const MONTHS = frenchMonthWords(true);
const ROMAN_LEGISLATURE = new RegExp(
  `\\b(?:(?:sous|pendant|durant|de|dans) (?:la )?)?(${[...ROMAN_NUMERALS.keys()].join('|')})e? (?:legislature|leg)\\b`,
);

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Dates and periods: sets `f.from` / `f.to` from the sentence (`now` for « cette année », « depuis 6 mois »); returns the
 * years to compare (« 2022 et 2023 ») and puts a range's bounds (« entre 2019 et 2021 ») in `range`.
 */
export function parseDates(toks: Tok[], now: Date, f: SearchFilters, range: number[]): number[] {
  const year = now.getUTCFullYear();
  const Y = '((?:19|20)\\d\\d)';
  const M = `(${[...MONTHS.keys()].join('|')})`;
  let m: RegExpExecArray | null;
  const years: number[] = [];
  // "entre 2019 et 2021", "de 2019 a 2021"
  if ((m = consume(toks, new RegExp(`\\b(?:entre|de) (?:l an )?${Y} (?:et|a) (?:l an )?${Y}\\b`)))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    f.from = iso(Math.min(a, b), 1, 1);
    f.to = iso(Math.max(a, b), 12, 31);
    range.push(a, b);
  }
  // "en 2023 qu'en 2022", "2018 2019"
  while ((m = consume(toks, new RegExp(`\\b(?:en )?${Y} (?:qu en|que en|qu a|par rapport a l an|)\\s?${Y}\\b`)))) {
    years.push(Number(m[1]), Number(m[2]));
  }
  // "2022 et 2023", "2022 vs 2023", "2022 par rapport a 2023", "en 2022 et en 2023"
  while (
    (m = consume(
      toks,
      new RegExp(`\\b(?:en )?${Y} (?:et|vs|versus|contre|ou|par rapport a|compare a) (?:en |a )?${Y}\\b`),
    ))
  ) {
    years.push(Number(m[1]), Number(m[2]));
  }
  // "en mars 2023", "mars 2023"
  if ((m = consume(toks, new RegExp(`\\b(?:en |depuis |au mois de |depuis le mois de )?${M} ${Y}\\b`)))) {
    const month = MONTHS.get(m[1]!)!;
    const y = Number(m[2]);
    if (/^depuis/.test(m[0])) f.from = iso(y, month, 1);
    else {
      f.from = iso(y, month, 1);
      f.to = iso(y, month, lastDay(y, month));
    }
    return years;
  }
  // "depuis janvier" (this year)
  if ((m = consume(toks, new RegExp(`\\bdepuis (?:le mois de )?${M}\\b`)))) {
    const month = MONTHS.get(m[1]!)!;
    f.from = iso(month > now.getUTCMonth() + 1 ? year - 1 : year, month, 1);
  }
  // "depuis 2020", "a partir de 2020", "apres 2020"
  if ((m = consume(toks, new RegExp(`\\b(?:depuis|a partir de|apres|des) (?:l an |l annee )?${Y}\\b`))))
    f.from = iso(Number(m[1]), 1, 1);
  // "avant 2020", "jusqu en 2020"
  if ((m = consume(toks, new RegExp(`\\b(?:avant|jusqu en|jusqu a|jusque) ${Y}\\b`))))
    f.to = /avant/.test(m[0]) ? iso(Number(m[1]) - 1, 12, 31) : iso(Number(m[1]), 12, 31);
  // "cette annee", "l an dernier", "l annee derniere"
  if (consume(toks, /\b(?:cette annee|depuis le debut de l annee|cette annee ci)\b/)) f.from = iso(year, 1, 1);
  if (consume(toks, /\b(?:l an dernier|l annee derniere|l annee passee|l an passe)\b/)) {
    f.from = iso(year - 1, 1, 1);
    f.to = iso(year - 1, 12, 31);
  }
  // "ces 6 derniers mois", "les 3 derniers mois", "depuis 6 mois", "depuis un an"
  if (
    (m = consume(
      toks,
      /\b(?:ces|les|depuis|sur les|dans les) (\d{1,2}|un|deux|trois|six|douze) (?:derniers )?(mois|ans|annees)(?: derniers| dernieres)?\b/,
    ))
  ) {
    const words: Record<string, number> = { un: 1, deux: 2, trois: 3, six: 6, douze: 12 };
    const n = Number(m[1]) || words[m[1]!] || 1;
    const d = new Date(now.getTime());
    if (m[2] === 'mois') d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    f.from = d.toISOString().slice(0, 10);
  }
  // JJ/MM/AAAA given as tokens "12 03 2024" after "depuis"/"avant"
  if ((m = consume(toks, /\b(depuis le|depuis|apres le|avant le|jusqu au) (\d{1,2}) (\d{1,2}) ((?:19|20)\d\d)\b/))) {
    const d = iso(Number(m[4]), Number(m[3]), Number(m[2]));
    if (/^(depuis|apres)/.test(m[1]!)) f.from = d;
    else f.to = d;
  }
  // "en 2024", "de 2024", "2024"
  if (!f.from && !f.to && years.length === 0) {
    if ((m = consume(toks, new RegExp(`\\b(?:en |de |pour |durant |pendant |sur )?(?:l annee |l an )?${Y}\\b`)))) {
      const y = Number(m[1]);
      f.from = iso(y, 1, 1);
      f.to = iso(y, 12, 31);
    }
  }
  return years;
}

/** « la 16e législature », « sous la XVe », « législature 17 », « L17 »: sets `f.legislature`. */
export function parseLegislature(toks: Tok[], f: SearchFilters): void {
  let m: RegExpExecArray | null;
  if (
    (m = consume(
      toks,
      /\b(?:(?:sous|pendant|durant|de|dans) (?:la )?)?(\d{1,2}) ?(?:e|eme|ieme|ème)? (?:legislature|leg)\b/,
    ))
  )
    f.legislature = Number(m[1]);
  else if ((m = consume(toks, ROMAN_LEGISLATURE))) f.legislature = ROMAN_NUMERALS.get(m[1]!);
  else if ((m = consume(toks, /\b(?:legislature|leg) (?:n )?(\d{1,2})\b/))) f.legislature = Number(m[1]);
  else if ((m = consume(toks, /\b(?:sous la|pendant la|durant la|de la|dans la) (\d{1,2}) ?(?:e|eme|ieme)\b/)))
    f.legislature = Number(m[1]);
  else if ((m = consume(toks, /\bl(1[1-8])\b/))) f.legislature = Number(m[1]);
}
