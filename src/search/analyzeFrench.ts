/**
 * French text analysis, identical at indexing and query time:
 * lower case -> accent/ligature folding -> tokens (hyphenated compounds kept together, elisions split off)
 * -> stop words removed -> Porter stemmer (natural) with corrections.
 *
 * Folding happens BEFORE stemming so that a user typing without accents gets the same stems as accented
 * text (texts before the 11th legislature have no accents at all).
 */
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import { foldText, stripAccents } from '../text/fold';

/** Bump when anything below changes the produced terms: it is part of the saved index fingerprint. */
export const ANALYZER_VERSION = 'fr-3';

/** Snowball French stop words (folded) plus elided forms and a few page-layout words with no search value. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'etre avoir faire a au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme mes moi ' +
    'mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre ' +
    'vous c d j l m n s t y ete etee etees etes etant suis es est sommes sont serai seras sera serons serez seront ' +
    'serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit ' +
    'soyons soyez soient fusse fusses fussions fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai ' +
    'auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut ' +
    'eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent ceci cela cet cette ' +
    'ici ils les leurs quel quels quelle quelles sans soi jusqu lorsqu puisqu quoiqu presqu quelqu'
  ).split(' '),
);

export function isStopWord(foldedWord: string): boolean {
  return STOP_WORDS.has(foldedWord);
}

/**
 * Corrections to the Porter stemmer, keyed by folded word. Porter over-stems some frequent words of the
 * corpus into collisions ("donnees" and "donne" -> "don"/"donne", "logement" -> "log") or keeps apart
 * what users expect together ("travaux"/"travail"). Every form of a family maps to the same stem.
 */
const STEM_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['donnee', 'donnee'],
  ['donnees', 'donnee'],
  ['logement', 'logement'],
  ['logements', 'logement'],
  ['travaux', 'travail'],
  ['travail', 'travail'],
  ['cyber', 'cyber'],
  ['internet', 'internet'],
  ['media', 'media'],
  ['medias', 'media'],
  ['ecole', 'ecol'],
  ['ecoles', 'ecol'],
  // Porter makes « loyer » into « loi ».
  ['loyer', 'loyer'],
  ['loyers', 'loyer'],
]);

const stemCache = new Map<string, string>();
/** Longer words are analysed each time instead of memoised (« anticonstitutionnellement » has 25 letters). */
const MAX_CACHED_WORD = 40;

/**
 * Feminine forms, folded, back to the masculine before Porter: the stemmer expects accents (« -ière », « -ée ») and,
 * once they are folded away, stems « privée » as « prive » but « privé » as « priv », « infirmière » as « infirmier »
 * but « infirmier » as « infirmi », « lyonnaise » as « lyonnais » but « lyonnais » as « lyon ». Folding happens first
 * on both sides, so this is what joins them again (« travailleuse », « directrice » likewise).
 */
function masculineFolded(w: string): string {
  const n = w.length;
  if (n > 6 && w.endsWith('ieres')) return `${w.slice(0, -5)}ier`;
  if (n > 5 && w.endsWith('iere')) return `${w.slice(0, -4)}ier`;
  if (n >= 8 && w.endsWith('trices')) return `${w.slice(0, -6)}teur`;
  if (n >= 8 && w.endsWith('trice')) return `${w.slice(0, -5)}teur`;
  if (n >= 9 && w.endsWith('euses')) return `${w.slice(0, -5)}eur`;
  if (n >= 8 && w.endsWith('euse')) return `${w.slice(0, -4)}eur`;
  if (n >= 9 && w.endsWith('aises')) return w.slice(0, -2);
  if (n >= 8 && w.endsWith('aise')) return w.slice(0, -1);
  if (n > 6 && w.endsWith('ees')) return w.slice(0, -2);
  if (n > 5 && w.endsWith('ee')) return w.slice(0, -1);
  return w;
}

/** Stem of a folded word (no accents). Numbers are kept as they are. Memoised: a corpus has few distinct words. */
export function stemFolded(word: string): string {
  let stem = stemCache.get(word);
  if (stem !== undefined) return stem;
  if (/^\d/.test(word)) stem = word;
  else stem = STEM_OVERRIDES.get(word) ?? PorterStemmerFr.stem(masculineFolded(word));
  if (stem.length === 0) stem = word;
  // Bounded so that hostile input cannot grow it forever: a real corpus has well under 200k distinct words, and
  // none longer than MAX_CACHED_WORD (a query may carry 200-character nonsense: computed, not kept).
  if (stemCache.size < 500_000 && word.length <= MAX_CACHED_WORD) stemCache.set(word, stem);
  return stem;
}

/**
 * Word tokens of a FOLDED text: letters/digits, hyphenated compounds kept whole ("cyber-securite"), elisions
 * split off by the apostrophe ("l'entraide" -> "l", "entraide"), "%", "." and other punctuation dropped.
 */
export const TOKEN_RE = /[a-z0-9\u00df-\u024f]+(?:-[a-z0-9\u00df-\u024f]+)*/g;

const analyzedTokenCache = new Map<string, readonly string[]>();
const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Index terms of one folded token. A hyphenated compound gives its parts AND the joined word so that
 * "cyber-securite", "cybersecurite" and "securite" all find it.
 */
export function analyzeFoldedToken(token: string): readonly string[] {
  let terms = analyzedTokenCache.get(token);
  if (terms !== undefined) return terms;
  if (token.includes('-')) {
    const parts = token.split('-').filter((p) => p.length > 0);
    const out = new Set<string>();
    for (const p of parts) if (p.length > 1 && !STOP_WORDS.has(p)) out.add(stemFolded(p));
    const joined = parts.join('');
    if (joined.length > 1) out.add(stemFolded(joined));
    terms = out.size ? Object.freeze([...out]) : EMPTY;
  } else if ((token.length < 2 && !/\d/.test(token)) || STOP_WORDS.has(token)) {
    // Single letters are noise; single digits are kept (« ligne 7 », « Ariane 5 », « RN 7 »).
    terms = EMPTY;
  } else {
    terms = Object.freeze([stemFolded(token)]);
  }
  if (analyzedTokenCache.size < 500_000 && token.length <= MAX_CACHED_WORD) analyzedTokenCache.set(token, terms);
  return terms;
}

/** Index terms of a raw text, in order (duplicates kept: term frequency matters for BM25). */
export function analyzeText(text: string | null | undefined, maxTokens = Infinity): string[] {
  if (!text) return [];
  const out: string[] = [];
  const folded = foldText(text);
  TOKEN_RE.lastIndex = 0;
  let n = 0;
  for (let m = TOKEN_RE.exec(folded); m !== null; m = TOKEN_RE.exec(folded)) {
    const terms = analyzeFoldedToken(m[0]);
    for (let i = 0; i < terms.length; i++) out.push(terms[i]!);
    if (++n >= maxTokens) break;
  }
  return out;
}

/** Query form of a folded token: hyphenated words are searched as the joined word only (present in every form). */
export function analyzeQueryToken(token: string): string | null {
  if (token.includes('-')) {
    const joined = token.replace(/-/g, '');
    return joined.length > 1 ? stemFolded(joined) : null;
  }
  if (token.length < 2 && !/\d/.test(token)) return null;
  if (STOP_WORDS.has(token)) return null;
  return stemFolded(token);
}

export interface TokenSpan {
  /** Offsets in the ORIGINAL text (folding keeps one folded char per original char, except ligatures). */
  start: number;
  end: number;
  terms: readonly string[];
}

/**
 * Tokens of a raw text with their positions in that text, for excerpts. Works on a per-character fold so that
 * offsets stay aligned with the original (ligatures are rare and at worst shift a highlight by one character).
 */
export function tokenSpans(text: string): TokenSpan[] {
  const folded = foldAligned(text);
  const spans: TokenSpan[] = [];
  const re = new RegExp(TOKEN_RE.source, 'g');
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    spans.push({ start: m.index, end: m.index + m[0].length, terms: analyzeFoldedToken(m[0]) });
  }
  return spans;
}

const alignedFoldCache = new Map<string, string>();

function foldCharAligned(ch: string): string {
  let f = alignedFoldCache.get(ch);
  if (f !== undefined) return f;
  f = stripAccents(ch);
  if (ch === '’' || ch === 'ʼ' || ch === '‘') f = "'";
  else if (ch === '‐' || ch === '‑' || ch === '‒' || ch === '–') f = '-';
  if (f.length !== 1) f = f.length > 1 ? f.slice(0, 1) : ' ';
  alignedFoldCache.set(ch, f);
  return f;
}

/** Like `foldText` but guaranteed to keep the string length (one output char per input UTF-16 unit). */
function foldAligned(text: string): string {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    // Rare characters whose lower case is longer ("İ"): lower-case them one by one.
    lower = Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  }
  return lower.replace(/[^\x00-\x7f]/g, foldCharAligned);
}
