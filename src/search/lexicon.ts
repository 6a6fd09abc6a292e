/**
 * Query-time vocabulary of parliamentary French (data files in ./lexicon, each entry with where it came from):
 * - families.json: derivational families the stemmer cannot join (hôpital / hospitalier, école / scolaire);
 * - places.json: places and their demonyms (Lyon / lyonnais, Saint-Étienne / stéphanois, Douai / Douaisis);
 * - acronyms.json: acronyms and their expansions (IVG / interruption volontaire de grossesse, RN / route nationale).
 * Everything is used at query time only (a query word also looks for its relatives, at a lower weight): the index
 * keeps one term per token, so none of this grows the index or its memory.
 * Loaded once per thread (about 1 ms), the terms analysed exactly as the texts are (analyzeFrench).
 */
import { readFileSync } from 'node:fs';
import { analyzeFoldedToken, analyzeQueryToken, TOKEN_RE } from './analyzeFrench';
import { foldText } from '../text/fold';

export interface Lexicon {
  /** Index term -> the other terms of its derivational family. */
  family: ReadonlyMap<string, readonly string[]>;
  /**
   * A place or a demonym -> what else to look for: the place's own terms (« Le Havre » -> [havr]) and its
   * demonyms' terms. Keyed by `placeKey` of the words as typed (« saint etienne », « saint-étienne », « le havre »,
   * « havre ») and by each demonym's term.
   */
  place: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
  /** Acronym term ("ivg", "rn") -> its expansions, each as the sequence of its index terms. */
  expansions: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
  /** Expansions (index terms joined by a space) -> acronym term, for « interruption volontaire de grossesse » -> « ivg ». */
  acronymOf: ReadonlyMap<string, string>;
  /** The longest expansion, in terms (bounds the search for expansions in a query). */
  maxExpansionTerms: number;
}

interface Entries<T> {
  entries: T[];
}

function readData<T>(name: string): T[] {
  const url = new URL(`./lexicon/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as Entries<T>).entries;
}

/** Index terms of a word or phrase as the texts are analysed (stop words dropped). */
export function phraseTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(new RegExp(TOKEN_RE.source, 'g'))) {
    const t = m[0].includes('-') ? analyzeQueryToken(m[0]) : (analyzeFoldedToken(m[0])[0] ?? null);
    if (t) out.push(t);
  }
  return out;
}

/** Term of one word of a list (a hyphenated word is one term, its parts joined). */
function wordTerm(word: string): string | null {
  const terms = phraseTerms(word.replace(/-/g, ''));
  return terms.length === 1 ? terms[0]! : null;
}

function addGroup(map: Map<string, Set<string>>, terms: Iterable<string>): void {
  const group = [...new Set(terms)];
  if (group.length < 2) return;
  for (const t of group) {
    let set = map.get(t);
    if (!set) map.set(t, (set = new Set()));
    for (const o of group) if (o !== t) set.add(o);
  }
}

function frozen(map: Map<string, Set<string>>): Map<string, readonly string[]> {
  // (families only; places keep their alternatives as lists of terms)
  return new Map([...map].map(([k, v]) => [k, Object.freeze([...v])]));
}

const ARTICLES = /^(le|la|les|l)(?=[a-z])/;

/** Lookup key of a place name as typed, one or more words: folded, joined, stemmed (« Saint Étienne » -> saintetienn). */
export function placeKey(words: string): string {
  const joined = foldText(words).replace(/[^a-z0-9]+/g, '');
  return joined.length > 1 ? (analyzeFoldedToken(joined)[0] ?? '') : '';
}

/** The keys of a place: as written, and without its article (« Le Havre » and « Havre »). */
function placeKeys(name: string): string[] {
  const joined = foldText(name).replace(/[^a-z0-9]+/g, '');
  const keys = [placeKey(joined)];
  if (ARTICLES.test(joined)) keys.push(placeKey(joined.replace(ARTICLES, '')));
  return [...new Set(keys.filter(Boolean))];
}

let cached: Lexicon | null = null;

export function lexicon(): Lexicon {
  if (cached) return cached;
  const family = new Map<string, Set<string>>();
  for (const e of readData<{ words: string[] }>('families.json')) {
    addGroup(
      family,
      e.words.map(wordTerm).filter((t): t is string => t !== null),
    );
  }
  const place = new Map<string, Array<readonly string[]>>();
  const addPlace = (key: string, alts: Array<readonly string[]>) => {
    if (!key) return;
    const list = place.get(key) ?? [];
    for (const a of alts) if (!list.some((b) => b.join(' ') === a.join(' '))) list.push(a);
    place.set(key, list);
  };
  for (const e of readData<{ place: string; forms: string[] }>('places.json')) {
    const own = phraseTerms(e.place); // as the texts have it: « Saint-Étienne » -> parts and joined, « Le Havre » -> havr
    const ownAlt = e.place.includes('-') ? [analyzeQueryToken(foldText(e.place).replace(/\s+/g, '-')) ?? ''] : own;
    const forms = [...new Set(e.forms.map(wordTerm).filter((t): t is string => t !== null))];
    const keys = placeKeys(e.place);
    for (const k of keys)
      addPlace(
        k,
        forms.map((f) => [f]),
      );
    for (const f of forms) addPlace(f, [ownAlt, ...forms.filter((o) => o !== f).map((o) => [o])]);
  }
  const expansions = new Map<string, string[][]>();
  const acronymOf = new Map<string, string>();
  let maxExpansionTerms = 0;
  for (const e of readData<{ acronym: string; expansions: string[] }>('acronyms.json')) {
    // Keyed by the acronym's term and by its folded letters (« SES » is a stop word as a term).
    const letters = foldText(e.acronym).replace(/[^a-z0-9]+/g, '');
    const acro = wordTerm(e.acronym) ?? letters;
    for (const x of e.expansions) {
      const terms = phraseTerms(x);
      if (terms.length < 2) continue;
      for (const k of new Set([acro, letters])) (expansions.get(k) ?? expansions.set(k, []).get(k)!).push(terms);
      const key = terms.join(' ');
      if (!acronymOf.has(key)) acronymOf.set(key, acro);
      maxExpansionTerms = Math.max(maxExpansionTerms, terms.length);
    }
  }
  cached = { family: frozen(family), place, expansions, acronymOf, maxExpansionTerms };
  return cached;
}
