/**
 * The one name matcher: deputies (and, with the same levels, ministries) as users type them. Pure.
 *
 * Words in any order, with or without first name or civility, accents, case, hyphens and apostrophes aside,
 * particles optional (« Bruneau Joël », « herouin leautey », « Le Bodo », « de Courson », « M. Brun »).
 * A match has a level, best first:
 *   0 EXACT      every word of the name (civility and particles aside), nothing else;
 *   1 LAST_NAME  the whole last name (« Brun » for M. Philippe Brun, « herouin leautey »), maybe with the first name;
 *   2 WORDS      whole words of the name (« Joël », « Le Bodo » for Mme Agnès Firmin Le Bodo);
 *   3 PREFIX     the beginning of words (« Brun » for M. Joël Bruneau, « tard » while typing);
 *   4 SUBSTRING  inside a word.
 * Lookups (`/depute`, its autocomplete, `/ministere`) rank by level, then by number of questions; filters (the search's
 * `deputy`, `--depute`, `depute:`, the digests' deputy) keep the names matched at level WORDS or better, so that
 * « Brun » filters M. Philippe Brun's questions and not M. Joël Bruneau's.
 */

export const MatchLevel = { EXACT: 0, LAST_NAME: 1, WORDS: 2, PREFIX: 3, SUBSTRING: 4 } as const;
export type MatchLevel = (typeof MatchLevel)[keyof typeof MatchLevel];

/** The best level a filter accepts. */
const FILTER_LEVEL: MatchLevel = MatchLevel.WORDS;

const MARKS = /[\u0300-\u036f]/g;

/** Lower case, accents removed, ligatures expanded, everything but letters and digits as one space. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const CIVILITIES: ReadonlySet<string> = new Set([
  'm',
  'mme',
  'mmes',
  'mlle',
  'mr',
  'monsieur',
  'madame',
  'mademoiselle',
]);
/** A civility (« m », « mme », « monsieur »…), given as `foldName` folds it. */
export function isCivility(foldedWord: string): boolean {
  return CIVILITIES.has(foldedWord);
}

/** Words that may be left out of a name: French, Dutch, German, Italian and Spanish particles. */
const PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'du',
  'des',
  'd',
  'le',
  'la',
  'les',
  'l',
  'von',
  'van',
  'der',
  'den',
  'ter',
  'di',
  'da',
  'del',
  'della',
  'dos',
  'y',
]);

/** A name prepared for matching (compute once per name, match many queries). */
export interface NameKey {
  /** Every word, civility removed, in order. */
  words: string[];
  /** Words that must all be there for LAST_NAME (the last name without particles). */
  last: string[];
  /** Words without particles (what EXACT needs). */
  core: string[];
  /** All words joined ("firminlebodo" for the last name), to match a name typed without spaces. */
  lastJoined: string;
  allJoined: string;
}

function withoutCivility(words: string[]): string[] {
  let i = 0;
  while (i < words.length - 1 && CIVILITIES.has(words[i]!)) i++;
  return words.slice(i);
}

/**
 * Key of a person's name. With `lastName` (the deputies' records), the last name is known; from a display name alone
 * ("M. Jean-Hugues Ratenon", "Mme Agnès Firmin Le Bodo") the first word after the civility is taken as the first name
 * and the rest as the last name.
 */
export function personKey(p: { name?: string | null; firstName?: string | null; lastName?: string | null }): NameKey {
  let first: string[];
  let last: string[];
  if (p.lastName) {
    first = p.firstName ? foldName(p.firstName).split(' ').filter(Boolean) : [];
    last = foldName(p.lastName).split(' ').filter(Boolean);
  } else {
    const display = (p.name ?? '').trim();
    const parts = display.split(/\s+/).filter(Boolean);
    // Civility words first ("M.", "Mme"), then one first name (hyphenated compounds stay one), then the last name.
    let i = 0;
    while (i < parts.length - 1 && CIVILITIES.has(foldName(parts[i]!))) i++;
    const rest = parts.slice(i);
    const firstPart = rest.length > 1 ? rest[0]! : '';
    first = foldName(firstPart).split(' ').filter(Boolean);
    last = foldName(rest.slice(rest.length > 1 ? 1 : 0).join(' '))
      .split(' ')
      .filter(Boolean);
  }
  return keyOf([...first, ...last], last);
}

/** Key of a plain label (a ministry, a group): every word counts as "last name". */
export function labelKey(label: string): NameKey {
  const words = withoutCivility(foldName(label).split(' ').filter(Boolean));
  return keyOf(words, words);
}

function keyOf(words: string[], last: string[]): NameKey {
  const core = words.filter((w) => !PARTICLES.has(w));
  const lastCore = last.filter((w) => !PARTICLES.has(w));
  return {
    words,
    last: lastCore.length ? lastCore : last,
    core: core.length ? core : words,
    lastJoined: last.join(''),
    allJoined: words.join(''),
  };
}

/** A query prepared for matching. */
export interface NameQuery {
  /** Words that must match (civility removed; particles removed unless nothing else is left). */
  words: string[];
  joined: string;
  /** Nothing searchable: matches everything at SUBSTRING (an empty autocomplete lists the most active names). */
  empty: boolean;
}

export function parseNameQuery(input: string, extraOptional: ReadonlySet<string> = EMPTY_SET): NameQuery {
  const all = withoutCivility(foldName(input).split(' ').filter(Boolean));
  const content = all.filter(
    (w) => !PARTICLES.has(w) && !extraOptional.has(w) && !(CIVILITIES.has(w) && all.length > 1),
  );
  const words = content.length ? content : all;
  return { words, joined: all.join(''), empty: words.length === 0 };
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** Level of `key` for `q`, or null when it does not match. */
export function matchName(q: NameQuery, key: NameKey): MatchLevel | null {
  if (q.empty) return MatchLevel.SUBSTRING;
  if (q.joined.length > 1 && q.joined === key.allJoined) return MatchLevel.EXACT;
  // Each query word takes one word of the name: an equal word first, else a prefix, else a substring.
  const used = new Array<boolean>(key.words.length).fill(false);
  let worst: MatchLevel = MatchLevel.WORDS;
  const matched = new Set<string>();
  for (const w of q.words) {
    let at = -1;
    for (let i = 0; i < key.words.length; i++)
      if (!used[i] && key.words[i] === w) {
        at = i;
        break;
      }
    if (at >= 0) {
      used[at] = true;
      matched.add(w);
      continue;
    }
    for (let i = 0; i < key.words.length; i++)
      if (!used[i] && key.words[i]!.startsWith(w)) {
        at = i;
        break;
      }
    if (at >= 0) {
      used[at] = true;
      if (worst < MatchLevel.PREFIX) worst = MatchLevel.PREFIX;
      continue;
    }
    // A last name typed without its spaces or hyphen ("lebodo", "herouinleautey").
    if (w.length >= 4 && key.lastJoined.endsWith(w)) {
      if (key.lastJoined === w) for (const l of key.last) matched.add(l);
      continue;
    }
    if (w.length >= 3 && key.allJoined.includes(w)) {
      worst = MatchLevel.SUBSTRING;
      continue;
    }
    return null;
  }
  if (worst > MatchLevel.WORDS) return worst;
  if (key.core.every((w) => matched.has(w)) && q.words.length >= key.core.length) return MatchLevel.EXACT;
  if (key.last.every((w) => matched.has(w))) return MatchLevel.LAST_NAME;
  return MatchLevel.WORDS;
}

/** Whether `name` is what a filter typed as `input` means (level WORDS or better). */
export function nameFilterMatches(q: NameQuery, key: NameKey): boolean {
  const level = matchName(q, key);
  return level !== null && level <= FILTER_LEVEL;
}

export interface Ranked<T> {
  value: T;
  level: MatchLevel;
}

/**
 * The entries matching `input`, best level first, then most questions, then alphabetical (French collation).
 * `keyOf` gives each entry's prepared key (cache it: names repeat across calls).
 */
export function rankByName<T>(
  entries: readonly T[],
  input: string,
  keyOf: (e: T) => NameKey,
  countOf: (e: T) => number,
  labelOf: (e: T) => string,
  limit: number,
  extraOptional?: ReadonlySet<string>,
): Array<Ranked<T>> {
  const q = parseNameQuery(input, extraOptional);
  const out: Array<Ranked<T>> = [];
  for (const e of entries) {
    const level = matchName(q, keyOf(e));
    if (level !== null) out.push({ value: e, level });
  }
  out.sort(
    (a, b) =>
      a.level - b.level ||
      countOf(b.value) - countOf(a.value) ||
      labelOf(a.value).localeCompare(labelOf(b.value), 'fr'),
  );
  return out.slice(0, Math.max(0, limit));
}

/** Words a ministry lookup may leave out (« ministère de l'intérieur » finds « Intérieur »). */
export const MINISTRY_OPTIONAL: ReadonlySet<string> = new Set([
  'ministere',
  'ministre',
  'ministeres',
  'et',
  'en',
  'charge',
  'aupres',
  'mme',
  'm',
]);
