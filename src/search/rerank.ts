/**
 * Second pass over the first results of a relevance search: the question about exactly this beats the ones about
 * the same topic. For each of the first `RERANK_DEPTH` hits, with its question text (from the database, not kept in
 * memory) and its title (indexing terms):
 * - proximity: the query's clauses close together in the question (the smallest window holding one occurrence of
 *   each clause, compared with the number of clauses);
 * - subject: the clauses found in the subject of the question, i.e. its first sentence after « sur » (« M. X attire
 *   l'attention de Mme la ministre … sur les pannes d'ascenseurs … »), where a written question says what it is about;
 * - title: the clauses found in the rubrique, tête d'analyse and analyses.
 * The score becomes score × (1 + PROXIMITY·p + SUBJECT·s + TITLE·t), each feature between 0 and 1. All-words hits
 * stay before most-words hits. Pure: the caller fetches the texts.
 */
import { analyzeText } from './analyzeFrench';
import type { Clause } from './clauses';

/** How many of the first hits are re-ranked (their question texts are read from SQLite). */
export const RERANK_DEPTH = 10;

/** Chosen on the real-text set among round values (0 to 1.5 each: hits@1 moved by 2 queries of 356 at most). */
const RERANK_WEIGHTS = { proximity: 0.5, subject: 1, title: 0.5 } as const;

/** Tokens of the question read for proximity (the subject and the body's first part), and the characters that hold them. */
const MAX_TOKENS = 150;
const MAX_CHARS = 1200;

export interface RerankHit {
  uid: string;
  score: number;
  title: string;
  /** Index terms that matched in the shard (typo and prefix expansions included). */
  terms: string[];
  allWords: boolean;
}

/**
 * For each clause, the index terms that count as an occurrence of it in a text, with what they are worth (the
 * alternative's weight; a typo or a completed prefix, as the shard matched them, less).
 */
function clauseTerms(clauses: readonly Clause[], matched: readonly string[]): Array<Map<string, number>> {
  return clauses.map((c) => {
    const map = new Map<string, number>();
    const put = (t: string, w: number) => {
      if (w > (map.get(t) ?? 0)) map.set(t, w);
    };
    for (const a of c.alts) for (const t of a.terms) put(t, a.weight);
    for (const a of c.alts) {
      if (a.terms.length !== 1 || !(a.fuzzy > 0 || a.prefix)) continue;
      for (const t of matched)
        if (!map.has(t) && (a.prefix ? t.startsWith(a.prefix) : true)) put(t, a.weight * (a.prefix ? 0.6 : 0.45));
    }
    return map;
  });
}

const NONE: readonly number[] = [];

/** Smallest number of consecutive tokens holding an occurrence of every clause found in `tokens`; 0 when < 2 found. */
export function smallestWindow(
  tokens: readonly string[],
  sets: ReadonlyArray<ReadonlyMap<string, number>>,
): { window: number; found: number } {
  const k = sets.length;
  const clausesOf = new Map<string, number[]>();
  sets.forEach((set, c) => {
    for (const t of set.keys()) (clausesOf.get(t) ?? clausesOf.set(t, []).get(t)!).push(c);
  });
  const which = tokens.map((t) => clausesOf.get(t) ?? NONE);
  const present = new Set<number>();
  for (const w of which) for (const c of w) present.add(c);
  const need = present.size;
  if (need < 2) return { window: 0, found: need };
  const count = new Array<number>(k).fill(0);
  let have = 0;
  let best = Infinity;
  let left = 0;
  for (let right = 0; right < tokens.length; right++) {
    for (const c of which[right]!) if (count[c]!++ === 0) have++;
    while (have === need && left <= right) {
      best = Math.min(best, right - left + 1);
      for (const c of which[left]!) if (--count[c]! === 0) have--;
      left++;
    }
  }
  return { window: best, found: need };
}

/** The subject of a question: its first sentence, from the first « sur » (or the like) on. */
export function subjectOf(full: string): string {
  const { first, subjectStart } = openingOf(full);
  return first.slice(subjectStart);
}

/** « M. », « Mme. »… without their dot, so that they do not end a sentence. Keeps every other character. */
export function withoutCivilityDots(text: string): string {
  return text.replace(/\b(M|Mme|MM|Mmes)\.\s/g, '$1 ');
}

/**
 * A question's first sentence (civilities' dots removed: a prefix of `withoutCivilityDots(full)`) and where its subject starts: the
 * first « sur » (or the like), 0 when there is none. What comes before is the opening (« M. X attire l'attention de
 * Mme la ministre … »). Shared with the campaigns' normalisation (src/campaigns/normalize.ts).
 */
export function openingOf(full: string): { first: string; subjectStart: number } {
  const text = full.slice(0, 700);
  const first =
    /^[\s\S]{0,600}?(?:[.?!](?=\s|[A-Za-zÀ-ÿ]|$)|$)/.exec(withoutCivilityDots(text))?.[0] ?? text.slice(0, 600);
  const m = /\s(sur|concernant|au sujet d[eu']|à propos d[eu']|quant à)\s/i.exec(first);
  return { first, subjectStart: m ? m.index : 0 };
}

/** Share of the clauses found in `terms`, each counted at the weight of its best occurrence. */
function coverage(terms: readonly string[], sets: ReadonlyArray<ReadonlyMap<string, number>>): number {
  if (!sets.length) return 0;
  const present = new Set(terms);
  let sum = 0;
  for (const s of sets) {
    let best = 0;
    for (const [t, w] of s) if (w > best && present.has(t)) best = w;
    sum += best;
  }
  return sum / sets.length;
}

/** Re-ranks hits (relevance order) in place of their first `RERANK_DEPTH`; `texts` maps uid -> question text. */
export function rerank<T extends RerankHit>(
  hits: readonly T[],
  clauses: readonly Clause[],
  texts: ReadonlyMap<string, string | null>,
): T[] {
  if (!clauses.length || hits.length < 2) return [...hits];
  const head = hits.slice(0, RERANK_DEPTH);
  const rest = hits.slice(RERANK_DEPTH);
  const rescored = head.map((h) => {
    const sets = clauseTerms(clauses, h.terms);
    const text = (texts.get(h.uid) ?? '').slice(0, MAX_CHARS);
    // The subject is analysed once, and the text around it: tokens in order for the proximity.
    const subjectText = subjectOf(text);
    const at = text.indexOf(subjectText);
    const subjectTokens = analyzeText(subjectText);
    const tokens =
      at < 0
        ? analyzeText(text, MAX_TOKENS)
        : [
            ...analyzeText(text.slice(0, at)),
            ...subjectTokens,
            ...analyzeText(text.slice(at + subjectText.length), MAX_TOKENS),
          ];
    let proximity = 0;
    if (clauses.length > 1) {
      const { window, found } = smallestWindow(tokens, sets);
      if (window > 0) proximity = (found / clauses.length) * Math.min(1, found / window);
    }
    const subject = coverage(subjectTokens, sets);
    const title = coverage(analyzeText(h.title), sets);
    const w = RERANK_WEIGHTS;
    return { h, score: h.score * (1 + w.proximity * proximity + w.subject * subject + w.title * title) };
  });
  rescored.sort((a, b) => Number(b.h.allWords) - Number(a.h.allWords) || b.score - a.score);
  return [...rescored.map((r) => ({ ...r.h, score: r.score })), ...rest];
}
