/**
 * Parsing what a user types into a plan the index shards execute. Pure and serialisable (it crosses to workers).
 * Syntax: words (all required, then the most of them when too few questions have them all), "exact phrase",
 * -excluded, a number alone = that question first. The words become clauses (clauses.ts): each word with its
 * spellings, family, place relatives and acronym expansions.
 */
import { analyzeQueryToken, TOKEN_RE } from './analyzeFrench';
import { foldText } from '../text/fold';
import { buildClauses, exactClause, type Clause, type ClauseToken } from './clauses';
import { lexicon } from './lexicon';
import type { SearchFilters, SortOrder } from './types';

interface QueryWord {
  /** Folded token as typed ("judiciaires"). */
  raw: string;
  /** Index term (stem). */
  stem: string;
  /** Folded raw form to prefix-match (last word only, >= 3 letters), else null. */
  prefix: string | null;
  /** Max edit distance on the stem (0 = exact). */
  fuzzy: number;
}

export interface ParsedQuery {
  words: QueryWord[];
  /** Each phrase as its sequence of index terms (stop words dropped, same as the texts). */
  phrases: string[][];
  /** Index terms that must not appear. */
  excluded: string[];
  /** Set when the text is a question number alone ("50862", "n° 50862"). */
  number: number | null;
  /**
   * What a document must contain, one clause per word or group of words (« RN 88 », « le havre »), each met by any of
   * its alternatives. Empty exactly when `words` is.
   */
  clauses: Clause[];
}

/** Edit distance allowed for a typed word: none under 5 letters, 1 from 5, 2 from 9 (and a long enough stem). */
function fuzzyDistance(raw: string, stem: string): number {
  if (/\d/.test(raw)) return 0;
  if (raw.length >= 9 && stem.length >= 8) return 2;
  if (raw.length >= 5 && stem.length >= 4) return 1;
  return 0;
}

export function parseQuery(text: string, opts: { prefix?: boolean; fuzzy?: boolean } = {}): ParsedQuery {
  const prefixOn = opts.prefix ?? true;
  const fuzzyOn = opts.fuzzy ?? true;
  const folded = foldText(text).replace(/[«»“”„]/g, '"');
  const numberMatch = /^\s*(?:n\s*[°o.]?\s*)?(\d{1,6})\s*$/.exec(folded);
  const words: QueryWord[] = [];
  const phrases: string[][] = [];
  const excluded: string[] = [];
  const seen = new Set<string>();

  // Split off quoted phrases first; an unclosed quote runs to the end.
  const segments: Array<{ text: string; phrase: boolean }> = [];
  let rest = folded;
  for (;;) {
    const open = rest.indexOf('"');
    if (open < 0) break;
    const close = rest.indexOf('"', open + 1);
    segments.push({ text: rest.slice(0, open), phrase: false });
    segments.push({ text: close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close), phrase: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  segments.push({ text: rest, phrase: false });

  let lastWordIndex = -1;
  let lastRawEndsText = false;
  // Words typed in capitals (« SES », « PAC »): acronyms, even when they are also stop words.
  const upper = new Set(
    (text.match(/[A-ZÀ-Ý0-9]*[A-ZÀ-Ý][A-ZÀ-Ý0-9]+/g) ?? [])
      .filter((w) => w.length >= 2 && w.length <= 8)
      .map((w) => foldText(w)),
  );
  const runs: ClauseToken[][] = [];
  const quotedWords = new Set<string>();
  let lastToken: ClauseToken | null = null;
  for (const seg of segments) {
    const re = new RegExp(TOKEN_RE.source, 'g');
    if (seg.phrase) {
      const terms: string[] = [];
      for (let m = re.exec(seg.text); m !== null; m = re.exec(seg.text)) {
        const t = analyzeQueryToken(m[0]);
        if (t) terms.push(t);
      }
      if (terms.length === 1) {
        const stem = terms[0]!;
        if (!seen.has(stem)) words.push({ raw: stem, stem, prefix: null, fuzzy: 0 });
        seen.add(stem);
        quotedWords.add(stem);
      } else if (terms.length > 1) phrases.push(terms);
      lastRawEndsText = false;
      lastToken = null;
      continue;
    }
    let run: ClauseToken[] = [];
    runs.push(run);
    for (let m = re.exec(seg.text); m !== null; m = re.exec(seg.text)) {
      const raw = m[0];
      const before = m.index > 0 ? seg.text[m.index - 1] : ' ';
      const isExcluded = before === '-' && (m.index < 2 || /\s/.test(seg.text[m.index - 2] ?? ' '));
      let stem = analyzeQueryToken(raw);
      const isUpper = upper.has(raw);
      if (isExcluded) {
        if (stem) excluded.push(stem);
        // An exclusion separates what is around it.
        runs.push((run = []));
        continue;
      }
      const fuzzy = stem && fuzzyOn ? fuzzyDistance(raw, stem) : 0;
      const token: ClauseToken = { raw, stem, upper: isUpper, fuzzy, prefix: null };
      run.push(token);
      lastToken = token;
      lastRawEndsText = m.index + raw.length === seg.text.trimEnd().length;
      // An acronym that is also a stop word (« SES ») is a word of the query all the same.
      if (!stem && isUpper && acronymStopWord(raw)) stem = raw;
      if (!stem) continue;
      if (seen.has(stem)) continue;
      seen.add(stem);
      words.push({ raw, stem, prefix: null, fuzzy });
      lastWordIndex = words.length - 1;
    }
  }
  // Phrase words are required too (the phrase itself is checked against the text afterwards).
  for (const p of phrases)
    for (const t of p)
      if (!seen.has(t)) {
        seen.add(t);
        words.push({ raw: t, stem: t, prefix: null, fuzzy: 0 });
      }
  const last = lastWordIndex >= 0 ? words[lastWordIndex] : undefined;
  if (prefixOn && last && lastRawEndsText && /^[a-z]{3,}$/.test(last.raw.replace(/-/g, ''))) {
    last.prefix = last.raw.replace(/-/g, '');
    if (lastToken && lastToken.raw === last.raw) lastToken.prefix = last.prefix;
  }
  const clauses: Clause[] = [];
  if (words.length) {
    for (const run of runs) clauses.push(...buildClauses(run));
    const inClauses = new Set(clauses.flatMap((c) => c.alts[0]?.terms ?? []));
    for (const p of phrases) for (const t of p) if (!inClauses.has(t)) clauses.push(exactClause(t));
    // A phrase of one word (« "retraite" ») is that word, exactly.
    for (const t of quotedWords) if (!inClauses.has(t)) clauses.push(exactClause(t));
  }
  return { words, phrases, excluded, number: numberMatch ? Number(numberMatch[1]) : null, clauses };
}

function acronymStopWord(raw: string): boolean {
  return lexicon().expansions.has(raw);
}

/** The plan one shard executes. */
export interface ShardQuery {
  query: ParsedQuery | null;
  filters: SearchFilters;
  /** "Today" in days since epoch, for day-based filters. */
  nowDay: number;
  sort: SortOrder;
  /** How many hits (from the top) to return. */
  top: number;
  /** Similar questions: weighted source terms; the source uid is excluded. */
  similar?: { uid: string; terms: Array<[term: string, weight: number]> };
}
