/** Messages between the SearchService and a shard worker. */
import type { IndexDoc } from './indexDoc';
import type { ShardQuery } from './query';
import type { ShardRows } from './shardFromDb';

export type ShardRequest =
  | { id: number; op: 'ping' }
  | { id: number; op: 'add'; docs: IndexDoc[] }
  | { id: number; op: 'remove'; uids: string[] }
  | { id: number; op: 'find'; query: ShardQuery }
  | { id: number; op: 'facts'; query: Omit<ShardQuery, 'top' | 'similar'> }
  | { id: number; op: 'facets' }
  | { id: number; op: 'size' }
  | { id: number; op: 'sourceTerms'; uid: string }
  | { id: number; op: 'save'; dir: string }
  | { id: number; op: 'load'; dir: string }
  | { id: number; op: 'compact'; minDeadShare: number }
  | { id: number; op: 'addFromDb'; rows: ShardRows };

export type ShardReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Requests a worker answers between the steps of a long mutation (the others run one after the other). */
export const READ_OPS: ReadonlySet<ShardRequest['op']> = new Set([
  'ping',
  'find',
  'facts',
  'facets',
  'size',
  'sourceTerms',
]);
