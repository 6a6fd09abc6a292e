/**
 * Collecting the shards' answers into one: their pages of hits merged in the request's order with the "all words,
 * else most words, else any word" rule, and their fact columns (charts) turned into facts. Pure: the service asks
 * the shards, this decides what their answers mean together.
 */
import type { CollectedFact } from './collectedFact';
import type { ShardQuery } from './query';
import { STATUS_CODES, type ShardFacts } from './shard/facts';
import type { ShardHit, ShardResult } from './shard/rank';
import { DEFAULT_CLAUSE_OPTIONS } from './shard/rankClauses';
import type { SearchRequest, SearchResponse } from './types';

export interface MergedHits {
  hits: ShardHit[];
  total: number;
  mode: SearchResponse['mode'];
  allTotal?: number;
}

function dayKey(h: ShardHit, dir: number): number {
  if (h.day < 0) return dir < 0 ? -Infinity : Infinity;
  return h.day;
}

function compareHits(sort: SearchRequest['sort']): (a: ShardHit, b: ShardHit) => number {
  if (sort === 'newest') return (a, b) => dayKey(b, -1) - dayKey(a, -1) || b.number - a.number;
  if (sort === 'oldest') return (a, b) => dayKey(a, 1) - dayKey(b, 1) || a.number - b.number;
  // All-words hits first, then the most-words ones (when the shards added them).
  return (a, b) => Number(b.allWords) - Number(a.allWords) || b.score - a.score || b.day - a.day;
}

/** "all" wins as soon as one shard found every word; "any" only when no shard did (then only those shards count). */
function byMode<T extends { mode: string; total: number }>(results: T[]): { chosen: T[]; mode: 'all' | 'any' } {
  const withAll = results.filter((r) => r.mode === 'all' && r.total > 0);
  const withAny = results.filter((r) => r.mode === 'any' && r.total > 0);
  return withAll.length || !withAny.length ? { chosen: withAll, mode: 'all' } : { chosen: withAny, mode: 'any' };
}

/** The shards' answers to one `find` as one list, cut at `sq.top`. */
export function mergeFound(results: ShardResult[], sq: ShardQuery): MergedHits {
  if (sq.similar || !sq.query) {
    const hits = results.flatMap((r) => r.hits).sort(compareHits(sq.sort));
    return {
      hits: hits.slice(0, sq.top),
      total: results.reduce((a, r) => a + r.total, 0),
      mode: sq.similar ? 'any' : 'filters-only',
    };
  }
  if (sq.query.clauses.length) {
    // All words, then most words when too few questions have them all, or only weakly (each shard that found
    // all-words questions added most-words ones too).
    const allTotal = results.reduce((a, r) => a + (r.allTotal ?? 0), 0);
    const mostTotal = results.reduce((a, r) => a + (r.mostTotal ?? 0), 0);
    const withAll = results.filter((r) => (r.allTotal ?? 0) > 0);
    const withMost =
      allTotal < DEFAULT_CLAUSE_OPTIONS.minAll || (withAll.length > 0 && withAll.every((r) => (r.mostTotal ?? 0) > 0));
    const hits = results
      .flatMap((r) => r.hits)
      .filter((h) => h.allWords || withMost || (sq.query!.number !== null && h.number === sq.query!.number))
      .sort(compareHits(sq.sort));
    const mode: SearchResponse['mode'] = !withMost || mostTotal === 0 ? 'all' : allTotal === 0 ? 'any' : 'mixed';
    return { hits: hits.slice(0, sq.top), total: allTotal + (withMost ? mostTotal : 0), mode, allTotal };
  }
  const { chosen, mode } = byMode(results);
  const hits = chosen.flatMap((r) => r.hits).sort(compareHits(sq.sort));
  return { hits: hits.slice(0, sq.top), total: chosen.reduce((a, r) => a + r.total, 0), mode };
}

const isoOfDay = new Map<number, string>();
function dayToIso(day: number): string | null {
  if (day < 0) return null;
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoOfDay.size > 100_000) isoOfDay.clear();
    isoOfDay.set(day, iso);
  }
  return iso;
}

/** The shards' fact columns as facts, under the same mode rule as `mergeFound` (`withQuery`: the request had words). */
export function mergeFacts(
  results: ShardFacts[],
  withQuery: boolean,
): { mode: SearchResponse['mode']; facts: CollectedFact[] } {
  let chosen = results;
  let mode: SearchResponse['mode'] = withQuery ? 'all' : 'filters-only';
  if (withQuery) ({ chosen, mode } = byMode(results));
  const facts: CollectedFact[] = [];
  for (const r of chosen) {
    const name = (i: number) => (i < 0 ? null : (r.names[i] ?? null));
    for (let k = 0; k < r.total; k++) {
      facts.push({
        uid: '',
        status: STATUS_CODES[r.status[k]!]!,
        questionDate: dayToIso(r.qDay[k]!),
        answerDate: dayToIso(r.aDay[k]!),
        author: name(r.author[k]!),
        group: name(r.group[k]!),
        ministry: name(r.ministry[k]!),
      });
    }
  }
  return { mode, facts };
}
