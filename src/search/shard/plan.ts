/**
 * Planning a query on one shard: which documents may be returned at all (present, passing the filters, not holding
 * an excluded word). What a document is worth for the query's clauses is rankClauses.ts's business.
 */
import type { ParsedQuery } from '../query';
import type { DocTable } from './docMeta';
import type { FrequentTerms } from './frequentTerms';
import type { MiniIndex, Postings } from './miniAdapter';

export interface Plan {
  /** Filters' mask (1 = passes), null without filters. */
  mask: Uint8Array | null;
  /** Slots holding an excluded term (1), null without exclusions. */
  excluded: Uint8Array | null;
  /** 1 at each slot that may be returned at all: present, passing the filters, not excluded (read for this query only). */
  gate: Uint8Array;
  /** Slots of the shard (the length of per-slot arrays). */
  slots: number;
}

/** What planning reads of a shard. */
export interface PlanContext {
  mini: MiniIndex;
  frequent: FrequentTerms;
  docs: DocTable;
}

export function planQuery(q: ParsedQuery, mask: Uint8Array | null, ctx: PlanContext): Plan {
  const { mini, frequent } = ctx;
  const n = ctx.docs.slots;
  let excluded: Uint8Array | null = null;
  if (q.excluded.length) {
    excluded = new Uint8Array(n);
    for (const term of q.excluded) {
      const fr = frequent.get(term);
      if (fr) for (const d of fr.all.view()) excluded[d] = 1;
      forEachPosting(mini, mini.postings(term), (slot) => (excluded![slot] = 1));
    }
  }
  const live = ctx.docs.liveView();
  let gate = live;
  if (mask || excluded) {
    gate = new Uint8Array(n);
    for (let d = 0; d < n; d++)
      gate[d] = live[d] === 1 && (!mask || mask[d] === 1) && (!excluded || excluded[d] === 0) ? 1 : 0;
  }
  return { mask, excluded, gate, slots: n };
}

/** Every slot posted under a term (any field), its document still there. */
function forEachPosting(mini: MiniIndex, data: Postings | undefined, fn: (slot: number) => void): void {
  if (!data) return;
  for (const list of data) {
    if (!list) continue;
    for (let i = 0; i < list.n; i++) {
      const slot = list.ids[i]!;
      if (mini.isLive(slot)) fn(slot);
    }
  }
}
