/**
 * The facts charts need about EVERY match of a query (issue 13: /tendance counts all the matches, not a page), as
 * compact columns instead of one hit object per match: status, question and answer days, and indexes into a table
 * of the names (author, group, ministry in charge). 100,000 matches cross the thread boundary as a few typed
 * arrays. The matching itself is the shard's (`SearchShard.match`, shared with `find`).
 */
import type { QuestionStatus } from '../../corpus/types';
import type { DocTable, StringColumn } from './docMeta';

export const STATUS_CODES: readonly QuestionStatus[] = ['answered', 'pending', 'withdrawn'];

export interface ShardFacts {
  mode: 'all' | 'any' | 'filters-only';
  total: number;
  /** Index in STATUS_CODES. */
  status: Uint8Array;
  /** Days since 1970-01-01, -1 when unknown. */
  qDay: Int32Array;
  aDay: Int32Array;
  /** Indexes into `names`, -1 when unknown. */
  author: Int32Array;
  group: Int32Array;
  ministry: Int32Array;
  names: string[];
}

/** Columns for the given slots (the matches, in any order). */
export function factsOf(slots: Iterable<number>, count: number, docs: DocTable, mode: ShardFacts['mode']): ShardFacts {
  const out: ShardFacts = {
    mode,
    total: 0,
    status: new Uint8Array(count),
    qDay: new Int32Array(count),
    aDay: new Int32Array(count),
    author: new Int32Array(count),
    group: new Int32Array(count),
    ministry: new Int32Array(count),
    names: [],
  };
  const index = new Map<string, number>();
  const nameIndex = (s: string | null): number => {
    if (!s) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = out.names.length;
      out.names.push(s);
      index.set(s, i);
    }
    return i;
  };
  let n = 0;
  for (const slot of slots) {
    if (!docs.has(slot) || n >= count) continue;
    const str = (column: StringColumn) => docs.stringAt(docs.stringId(slot, column));
    out.status[n] = STATUS_CODES.indexOf(docs.code(slot, 'status'));
    out.qDay[n] = docs.qDay(slot);
    out.aDay[n] = docs.aDay(slot);
    out.author[n] = nameIndex(str('authorName') ?? str('authorRef'));
    out.group[n] = nameIndex(str('group'));
    out.ministry[n] = nameIndex(str('ministryAssigned') ?? str('ministryAsked'));
    n++;
  }
  out.total = n;
  if (n < count) {
    for (const k of ['status', 'qDay', 'aDay', 'author', 'group', 'ministry'] as const)
      (out as unknown as Record<string, Uint8Array | Int32Array>)[k] = out[k].slice(0, n);
  }
  return out;
}
