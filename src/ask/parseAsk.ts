/**
 * Questions asked in plain French (« qui pose des questions sur la cybercriminalité ? », « cb de questions sur les
 * deserts medicaux en 2024 », « que répond le ministère de la Justice sur les prisons ? ») turned into an intent,
 * a subject and search filters. Rule-based, over the corpus's own names (the lexicon): no external service.
 * Tolerates missing accents, lower case, small typos in names, and familiar forms (cb, ya, kel, stp).
 * Pure: the clock is a parameter. This file assembles the rules, each in its own file: tokens (words and matching),
 * periods (legislature, dates), institutions (ministries, groups, departments), people (deputies, chamber), intent,
 * subject; their word tables are data (vocabulary.ts, vocabulary/*.json).
 */
import type { SearchFilters } from '../search/types';
import { type AskIntent, detectIntent } from './intent';
import { parseDepartment, parseGroup, parseMinistry } from './institutions';
import type { Lexicon } from './lexicon';
import { parseChamber, parseDeputy } from './people';
import { parseDates, parseLegislature } from './periods';
import { extractSubject } from './subject';
import { tokenize } from './tokens';

export type { AskIntent } from './intent';

export interface AskParse {
  intent: AskIntent;
  /** What the question is about, as typed (accents kept), '' when only filters were given. */
  subject: string;
  filters: SearchFilters;
  /** Years to compare (intent 'compare'). */
  years: number[];
  /** True when an intent word was recognised (else the answer is a plain search). */
  understood: boolean;
}

export function parseAsk(text: string, lex: Lexicon, now: Date): AskParse {
  const toks = tokenize(text.slice(0, 500));
  const filters: SearchFilters = {};
  parseLegislature(toks, filters);
  const range: number[] = [];
  const years = [...new Set(parseDates(toks, now, filters, range))].sort((a, b) => a - b);
  parseMinistry(toks, lex, filters);
  parseGroup(toks, lex, filters);
  parseDepartment(toks, lex, filters);
  parseDeputy(toks, lex, filters);
  parseChamber(toks, filters);
  const { intent, status } = detectIntent(toks, years, range);
  if (status) filters.status = status;
  if (intent === 'compare' && years.length < 2) years.push(...range);
  if (intent === 'compare' && years.length >= 2) {
    delete filters.from;
    delete filters.to;
  }
  const subject = extractSubject(toks);
  return { intent, subject, filters, years: intent === 'compare' ? years : [], understood: intent !== 'search' };
}
