/**
 * From the words of a query to CLAUSES: what a document must contain, each clause satisfied by any of its
 * alternatives (an alternative = index terms that must all be there). Pure; part of the plan that crosses to the
 * shards. This is where query-time expansion happens, so the index keeps one term per token:
 * - a word: itself (with its typo and prefix tolerance), its derivational family (« hôpital » ~ « hospitalier »),
 *   a place's demonyms (« Lyon » ~ « lyonnais ») and an acronym's expansions (« IVG » ~ « interruption volontaire de
 *   grossesse »), at lower weights;
 * - an expansion typed in full (« route nationale ») also finds its acronym (« RN »);
 * - letters then a number (« RN 88 », « RN88 », « A 7 ») is one clause: the number with the letters, glued or not,
 *   and with the letters' expansion (« route nationale 88 »); « COVID-19 » is « covid19 » or « covid 19 »;
 * - a number with its thousands apart (« 15 000 ») or together (« 15000 ») finds both spellings;
 * - a place of several words (« saint etienne », « le havre ») is one clause.
 */
import { analyzeQueryToken } from './analyzeFrench';
import { lexicon, placeKey } from './lexicon';

interface Alternative {
  /** Index terms that must all be in the document. */
  terms: string[];
  /** What a match through this alternative is worth (1 = the word as typed). */
  weight: number;
  /** Edit distance allowed on a single-term alternative (typos; 0 = exact). */
  fuzzy: number;
  /** Folded prefix that a cut last word may complete to, or null. */
  prefix: string | null;
}

export interface Clause {
  /** The words as typed (diagnostics, excerpts). */
  text: string;
  alts: Alternative[];
}

/** Weights of the ways a clause can be met. */
const WEIGHTS = {
  exact: 1,
  /** The same number or code written another way (« RN88 » / « RN 88 », « 15 000 » / « 15000 »). */
  spelling: 0.95,
  /** An acronym for its expansion or the reverse. */
  acronym: 0.9,
  /** A place for its demonym or the reverse. */
  place: 0.85,
  /** Another word of the same derivational family. */
  family: 0.7,
} as const;

export interface ClauseToken {
  /** Folded token as typed. */
  raw: string;
  /** Its index term, null for a stop word or a single letter. */
  stem: string | null;
  /** Typed in capitals (« SES », « PAC »): an acronym even when it is also a stop word. */
  upper: boolean;
  /** Fuzzy distance allowed for this word. */
  fuzzy: number;
  /** Prefix to complete (the last word being typed), or null. */
  prefix: string | null;
}

const LETTERS = /^[a-z]{1,5}$/;
const DIGITS = /^\d+$/;
const GLUED = /^([a-z]{1,5})(\d{1,4})$/;
/** « covid-19 », « a-7 » */
const HYPHENED = /^([a-z]{1,10})-(\d{1,4})$/;

function alt(terms: string[], weight: number, fuzzy = 0, prefix: string | null = null): Alternative {
  return { terms, weight, fuzzy, prefix };
}

function addUnique(alts: Alternative[], a: Alternative): void {
  const key = a.terms.join(' ');
  const same = alts.find((b) => b.terms.join(' ') === key);
  if (!same) alts.push(a);
  else if (a.weight > same.weight) same.weight = a.weight;
}

/** A year (1900-2099) keeps its four digits together; other numbers of 4+ digits may be written « 15 000 ». */
function thousandsGroups(n: string): string[] | null {
  if (n.length < 4 || n.length > 9 || /^(19|20)\d\d$/.test(n) || n.startsWith('0')) return null;
  const groups: string[] = [];
  let end = n.length;
  while (end > 0) {
    groups.unshift(n.slice(Math.max(0, end - 3), end));
    end -= 3;
  }
  return groups;
}

/** Alternatives of one word: itself, its family, its place relatives, its expansions. */
function wordAlternatives(t: ClauseToken): Alternative[] {
  const L = lexicon();
  const alts: Alternative[] = [];
  const stem = t.stem;
  if (stem) addUnique(alts, alt([stem], WEIGHTS.exact, t.fuzzy, t.prefix));
  const key = stem ?? t.raw;
  for (const f of L.family.get(key) ?? []) addUnique(alts, alt([f], WEIGHTS.family));
  for (const p of L.place.get(placeKey(t.raw)) ?? L.place.get(key) ?? []) addUnique(alts, alt([...p], WEIGHTS.place));
  // An acronym: typed in capitals, or any short word the list knows (« ivg », « ehpad »).
  if (t.upper || t.raw.length <= 8)
    for (const x of L.expansions.get(t.raw) ?? L.expansions.get(key) ?? [])
      addUnique(alts, alt([...x], WEIGHTS.acronym));
  return alts;
}

/** The letters' alternatives (« rn » -> rn, route nationale) crossed with the number. */
function withNumber(letters: ClauseToken, num: string): Alternative[] {
  const L = lexicon();
  const alts: Alternative[] = [];
  const term = letters.raw;
  addUnique(alts, alt([term + num], WEIGHTS.exact));
  addUnique(alts, alt([term, num], WEIGHTS.spelling));
  for (const x of L.expansions.get(term) ?? []) addUnique(alts, alt([...x, num], WEIGHTS.acronym));
  return alts;
}

function numberAlternatives(groups: string[]): Alternative[] {
  const joined = groups.join('');
  const alts: Alternative[] = [alt([joined], WEIGHTS.exact)];
  if (groups.length > 1) addUnique(alts, alt(groups, WEIGHTS.spelling));
  const split = thousandsGroups(joined);
  if (split && split.length > 1) addUnique(alts, alt(split, WEIGHTS.spelling));
  return alts;
}

/**
 * Clauses of a run of tokens (one segment of the query, stop words included so that « le havre » or
 * « interruption volontaire de grossesse » are seen whole).
 */
export function buildClauses(tokens: readonly ClauseToken[]): Clause[] {
  const L = lexicon();
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  const push = (text: string, alts: Alternative[]) => {
    if (!alts.length) return;
    const key = alts
      .map((a) => a.terms.join('+'))
      .sort()
      .join('|');
    if (seen.has(key)) return;
    seen.add(key);
    clauses.push({ text, alts });
  };
  const content = (t: ClauseToken | undefined) => !!t && (t.stem !== null || (t.upper && L.expansions.has(t.raw)));
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // 1. An expansion typed in full (stop words between its words allowed): one clause, with the acronym.
    let matched = false;
    for (let len = L.maxExpansionTerms; len >= 2 && !matched; len--) {
      const stems: string[] = [];
      let j = i;
      while (j < tokens.length && stems.length < len) {
        const u = tokens[j]!;
        if (u.stem) stems.push(u.stem);
        else if (stems.length === 0) break;
        j++;
      }
      if (stems.length !== len || !content(t)) continue;
      const acro = L.acronymOf.get(stems.join(' '));
      if (!acro) continue;
      push(
        tokens
          .slice(i, j)
          .map((u) => u.raw)
          .join(' '),
        [alt(stems, WEIGHTS.exact), alt([acro], WEIGHTS.acronym)],
      );
      i = j;
      matched = true;
    }
    if (matched) continue;
    // 2. A place of two or three words (« saint etienne », « le havre », « ile de france »).
    for (let len = 3; len >= 2 && !matched; len--) {
      if (i + len > tokens.length) continue;
      const window = tokens.slice(i, i + len);
      if (!window.some((u) => u.stem)) continue;
      const related = L.place.get(placeKey(window.map((u) => u.raw).join(' ')));
      if (!related) continue;
      const alts: Alternative[] = [];
      const joined = analyzeQueryToken(window.map((u) => u.raw).join('-'));
      if (joined) addUnique(alts, alt([joined], WEIGHTS.exact));
      const parts = window.map((u) => u.stem).filter((s): s is string => s !== null);
      addUnique(alts, alt(parts, WEIGHTS.exact));
      for (const p of related) addUnique(alts, alt([...p], WEIGHTS.place));
      push(window.map((u) => u.raw).join(' '), alts);
      i += len;
      matched = true;
    }
    if (matched) continue;
    const next = tokens[i + 1];
    // 3. Letters then a number: « RN 88 », « A 7 ».
    if (
      LETTERS.test(t.raw) &&
      next &&
      DIGITS.test(next.raw) &&
      next.raw.length <= 4 &&
      (t.stem || t.upper || t.raw.length === 1)
    ) {
      push(`${t.raw} ${next.raw}`, withNumber(t, next.raw));
      i += 2;
      continue;
    }
    // 4. Letters and digits glued: « RN88 », « A7 », « covid19 ».
    const glued = GLUED.exec(t.raw) ?? HYPHENED.exec(t.raw);
    if (glued) {
      push(t.raw, withNumber({ ...t, raw: glued[1]! }, glued[2]!));
      i += 1;
      continue;
    }
    // 5. A number, its thousands apart or not: « 15 000 », « 15000 ».
    if (DIGITS.test(t.raw)) {
      const groups = [t.raw];
      let j = i + 1;
      if (t.raw.length <= 3) while (j < tokens.length && /^\d{3}$/.test(tokens[j]!.raw)) groups.push(tokens[j++]!.raw);
      push(groups.join(' '), numberAlternatives(groups));
      i = j;
      continue;
    }
    // 6. One word.
    if (content(t)) push(t.raw, wordAlternatives(t));
    i += 1;
  }
  return clauses;
}

/** The clause of a word given alone (phrase words: exact only). */
export function exactClause(term: string): Clause {
  return { text: term, alts: [alt([term], WEIGHTS.exact)] };
}
