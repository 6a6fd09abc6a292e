/**
 * The page a search returns, built from texts fetched from the database (full texts are not in memory): the first
 * hits of a relevance search handed to the re-ranking with their question texts, then the page's excerpts.
 */
import { buildExcerpt, type ExcerptTexts } from './excerpt';
import type { ParsedQuery } from './query';
import { RERANK_DEPTH, rerank } from './rerank';
import type { ShardHit } from './shard/rank';
import type { SearchHit } from './types';

export type GetTexts = (uids: string[]) => Map<string, ExcerptTexts> | Promise<Map<string, ExcerptTexts>>;

/**
 * The first RERANK_DEPTH hits re-ranked on their question texts; the texts fetched are added to `texts` (the page's
 * excerpts reuse them).
 */
export async function rerankHead(
  hits: ShardHit[],
  clauses: ParsedQuery['clauses'],
  getTexts: GetTexts,
  texts: Map<string, ExcerptTexts>,
): Promise<ShardHit[]> {
  const head = hits.slice(0, RERANK_DEPTH);
  for (const [uid, t] of await getTexts(head.map((h) => h.uid))) texts.set(uid, t);
  return rerank(hits, clauses, new Map(head.map((h) => [h.uid, texts.get(h.uid)?.question ?? null])));
}

/** The page's hits as the engine returns them, each with an excerpt around the query's terms (texts not `known` are fetched). */
export async function withExcerpts(
  page: ShardHit[],
  q: ParsedQuery | null,
  excerptLength: number,
  getTexts: GetTexts,
  known: ReadonlyMap<string, ExcerptTexts> = new Map(),
): Promise<SearchHit[]> {
  if (!page.length) return [];
  const missing = page.map((h) => h.uid).filter((u) => !known.has(u));
  const texts = new Map(known);
  if (missing.length) for (const [uid, t] of await getTexts(missing)) texts.set(uid, t);
  const queryTerms = q ? q.words.map((w) => w.stem) : [];
  return page.map((h) => {
    const t = texts.get(h.uid);
    const excerpt = t ? buildExcerpt(t, [...queryTerms, ...h.terms], excerptLength) : null;
    return {
      uid: h.uid,
      chamber: h.chamber,
      score: h.score,
      legislature: h.legislature,
      number: h.number,
      type: h.type,
      title: h.title,
      author: h.author,
      group: h.group,
      ministry: h.ministry,
      questionDate: h.questionDate,
      answerDate: h.answerDate,
      status: h.status,
      url: h.url,
      excerpt,
    };
  });
}
