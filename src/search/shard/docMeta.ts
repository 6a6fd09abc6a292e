/**
 * What a shard keeps of each document (everything but the texts, which stay in the database), the slot tables
 * that find a document by uid or by number, and the date order that filter-only listings and sorts walk.
 */
import { officialUrl } from '../../corpus/types';
import { isoToDay, type IndexDoc } from '../indexDoc';

/**
 * What a shard keeps of a document: its metadata without the texts, and the day numbers that filters compare.
 * Nothing that can be derived is kept (it is per document, times 400,000): the title is made for the hits shown
 * (`questionTitle`), the address only when it is not the official one (`urlOf`).
 */
export type DocMeta = Omit<IndexDoc, 'questionText' | 'answerText' | 'url'> & {
  slot: number;
  qDay: number;
  aDay: number;
  /** Only when it differs from `officialUrl(legislature, uid)` (always for the Sénat's questions). */
  url?: string;
};

/** The page of a document. */
export function urlOf(m: DocMeta): string {
  return m.url ?? officialUrl(m.legislature, m.uid);
}

/** Returns the same string instance for equal values: metadata repeats a few hundred names across 100k documents. */
class Interner {
  private map = new Map<string, string>();
  of<T extends string | null>(s: T): T {
    if (s === null) return s;
    const known = this.map.get(s);
    if (known !== undefined) return known as T;
    this.map.set(s, s);
    return s;
  }
}

const INTERNED_KEYS = [
  'chamber',
  'type',
  'status',
  'questionDate',
  'answerDate',
  'authorName',
  'authorRef',
  'group',
  'groupAbbrev',
  'department',
  'ministryAsked',
  'ministryAskedFull',
  'ministryAssigned',
  'ministryAssignedFull',
  'rubrique',
  'teteAnalyse',
] as const satisfies ReadonlyArray<keyof DocMeta>;

/** Shares the repeated strings of a DocMeta with the shard's interner. */
function internMeta(m: DocMeta, i: Interner): DocMeta {
  for (const k of INTERNED_KEYS) (m as unknown as Record<string, string | null>)[k] = i.of(m[k]);
  m.analyses = m.analyses.map((a) => i.of(a));
  return m;
}

function metaOf(doc: IndexDoc, slot: number, i: Interner): DocMeta {
  const { questionText: _q, answerText: _a, url, ...rest } = doc;
  const meta: DocMeta = { ...rest, slot, qDay: isoToDay(doc.questionDate), aDay: isoToDay(doc.answerDate) };
  if (url !== officialUrl(doc.legislature, doc.uid)) meta.url = url;
  return internMeta(meta, i);
}

/**
 * The documents of a shard by slot. A slot is given once: an update is a removal (the slot stays empty) and an
 * addition at a new slot, so slots only grow.
 */
export class DocTable {
  /** By slot; undefined for a removed document. */
  readonly metas: Array<DocMeta | undefined>;
  private interner = new Interner();
  private slotByUid = new Map<string, number>();
  private slotsByNumber = new Map<number, number[]>();
  private live = 0;
  private dateOrder: Int32Array | null = null;

  /** `saved`: the metas of a reloaded shard (their strings are interned in place). */
  constructor(saved: Array<DocMeta | undefined> = []) {
    this.metas = saved;
    for (const m of saved) if (m) this.register(internMeta(m, this.interner));
  }

  /** Documents in the table. */
  get size(): number {
    return this.live;
  }

  /** Slots given so far (removed ones included): the length of per-slot arrays. */
  get slots(): number {
    return this.metas.length;
  }

  slotOf(uid: string): number | undefined {
    return this.slotByUid.get(uid);
  }

  /** Slots of the documents with this number (one per legislature and type). */
  slotsOfNumber(n: number): readonly number[] {
    return this.slotsByNumber.get(n) ?? [];
  }

  /** Adds a document at the next slot (its uid must not be in the table). */
  add(doc: IndexDoc): DocMeta {
    const meta = metaOf(doc, this.metas.length, this.interner);
    this.metas.push(meta);
    this.register(meta);
    this.dateOrder = null;
    return meta;
  }

  /** Removes a document; returns whether it was there. */
  remove(uid: string): boolean {
    const slot = this.slotByUid.get(uid);
    if (slot === undefined) return false;
    const meta = this.metas[slot]!;
    this.metas[slot] = undefined;
    this.slotByUid.delete(uid);
    const list = this.slotsByNumber.get(meta.number);
    if (list) {
      const rest = list.filter((s) => s !== slot);
      if (rest.length) this.slotsByNumber.set(meta.number, rest);
      else this.slotsByNumber.delete(meta.number);
    }
    this.live--;
    this.dateOrder = null;
    return true;
  }

  /**
   * Renumbers the documents onto consecutive slots in their current order (dropping the empty slots of removed
   * and replaced documents); returns the old slot -> new slot table (-1 for an empty slot). Per-slot arrays of
   * other parts must be renumbered with it.
   */
  compact(): Int32Array {
    const map = new Int32Array(this.metas.length).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.metas.length; slot++) {
      const m = this.metas[slot];
      if (!m) continue;
      map[slot] = next;
      m.slot = next;
      this.metas[next++] = m;
    }
    this.metas.length = next;
    this.slotByUid.clear();
    this.slotsByNumber.clear();
    this.live = 0;
    for (const m of this.metas) this.register(m!);
    this.dateOrder = null;
    return map;
  }

  /** Slots ordered newest question first (unknown dates last), built lazily after changes. */
  newestFirst(): Int32Array {
    if (this.dateOrder) return this.dateOrder;
    const slots: number[] = [];
    for (const m of this.metas) if (m) slots.push(m.slot);
    const metas = this.metas;
    slots.sort((x, y) => {
      const a = metas[x]!;
      const b = metas[y]!;
      return b.qDay - a.qDay || b.number - a.number;
    });
    this.dateOrder = Int32Array.from(slots);
    return this.dateOrder;
  }

  private register(m: DocMeta): void {
    this.slotByUid.set(m.uid, m.slot);
    const list = this.slotsByNumber.get(m.number);
    if (list) list.push(m.slot);
    else this.slotsByNumber.set(m.number, [m.slot]);
    this.live++;
  }
}
