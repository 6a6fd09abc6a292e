/** Messages between the SearchService and a shard worker. */
import type { IndexDoc } from './indexDoc';
import type { ShardQuery } from './query';

export type ShardRequest =
  | { id: number; op: 'add'; docs: IndexDoc[] }
  | { id: number; op: 'remove'; uids: string[] }
  | { id: number; op: 'find'; query: ShardQuery }
  | { id: number; op: 'facts'; query: Omit<ShardQuery, 'top' | 'similar'> }
  | { id: number; op: 'facets' }
  | { id: number; op: 'size' }
  | { id: number; op: 'sourceTerms'; uid: string }
  | { id: number; op: 'save'; dir: string }
  | { id: number; op: 'load'; dir: string }
  | { id: number; op: 'buildFromDb'; dbPath: string; shard: number; shards: number };

export type ShardReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
