/**
 * "Exact phrases": the index keeps no positions, so a query with a quoted phrase takes its candidates from the
 * shards and keeps those whose title, question or answer holds the phrase's terms in a row (texts read from the
 * database in batches).
 */
import { analyzeText } from './analyzeFrench';
import type { GetTexts } from './resultPage';
import type { ShardHit } from './shard/rank';

/** Candidates checked against the texts when the query has an "exact phrase". */
export const PHRASE_CANDIDATES = 300;
/** Candidates checked against the texts when collecting every match of a query with an "exact phrase". */
export const PHRASE_COLLECT_CAP = 20_000;

function containsPhrase(terms: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** The hits whose texts hold every phrase (each in its title, question or answer), in their order. */
export async function checkPhrases(hits: ShardHit[], phrases: string[][], getTexts: GetTexts): Promise<ShardHit[]> {
  const kept: ShardHit[] = [];
  for (let i = 0; i < hits.length; i += 50) {
    const batch = hits.slice(i, i + 50);
    const texts = await getTexts(batch.map((h) => h.uid));
    for (const h of batch) {
      const t = texts.get(h.uid);
      const sequences = [analyzeText(h.title), analyzeText(t?.question ?? null), analyzeText(t?.answer ?? null)];
      if (phrases.every((p) => sequences.some((seq) => containsPhrase(seq, p)))) kept.push(h);
    }
  }
  return kept;
}
