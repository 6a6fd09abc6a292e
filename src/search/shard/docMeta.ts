/**
 * What a shard keeps of each document (everything but the texts, which stay in the database), in columns by slot:
 * typed arrays for the numbers and small codes, ids into per-shard string tables for the repeated strings. A
 * `DocMeta` object is built only for the hits shown; filters, sorts and charts read the columns. Also the slot
 * tables that find a document by uid or by number, and the date order that filter-only listings and sorts walk.
 */
import { officialUrl } from '../../corpus/types';
import { isoToDay, type IndexDoc } from '../indexDoc';

/**
 * A document's metadata without the texts, and the day numbers that filters compare, as built for one slot.
 * Nothing that can be derived is kept: the title is made for the hits shown (`questionTitle`), the address only
 * when it is not the official one (`urlOf`).
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

/** Interned strings by id; id 0 is null. */
class StringTable {
  readonly list: string[];
  private ids = new Map<string, number>();
  constructor(list: string[] = []) {
    this.list = list;
    for (let i = 0; i < list.length; i++) this.ids.set(list[i]!, i + 1);
  }
  id(s: string | null): number {
    if (s === null) return 0;
    let i = this.ids.get(s);
    if (i === undefined) {
      this.list.push(s);
      i = this.list.length;
      this.ids.set(s, i);
    }
    return i;
  }
  at(id: number): string | null {
    return id === 0 ? null : this.list[id - 1]!;
  }
  /** Ids given so far, 0 included: the length of per-id arrays. */
  get size(): number {
    return this.list.length + 1;
  }
}

/** The metadata's strings kept as ids into the shard's string table. */
const STRING_COLUMNS = [
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
export type StringColumn = (typeof STRING_COLUMNS)[number];

/** The few-valued strings, as codes (Uint8) into their own small tables. */
const CODE_COLUMNS = ['chamber', 'type', 'status'] as const satisfies ReadonlyArray<keyof DocMeta>;
type CodeColumn = (typeof CODE_COLUMNS)[number];

type Numeric = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** `a` with room for `need` items (doubled when it grows), its content kept. */
function ensure<T extends Numeric>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 64));
  b.set(a);
  return b;
}

/** The saved form of a table: its columns cut to the slots, and its tables (persistShard.ts writes them). */
export interface DocColumns {
  arrays: {
    live: Uint8Array;
    legislature: Uint16Array;
    number: Uint32Array;
    codes: Uint8Array;
    qDay: Int32Array;
    aDay: Int32Array;
    strings: Uint32Array;
    analysesStart: Uint32Array;
    analyses: Uint32Array;
  };
  tables: {
    strings: string[];
    codes: Record<CodeColumn, string[]>;
    /** By slot, null for an empty slot. */
    uids: Array<string | null>;
    /** [slot, url] for the addresses that are not the official one. */
    urls: Array<[number, string]>;
  };
}

const NS = STRING_COLUMNS.length;
const NC = CODE_COLUMNS.length;

/**
 * The documents of a shard by slot. A slot is given once: an update is a removal (the slot stays empty) and an
 * addition at a new slot, so slots only grow.
 */
export class DocTable {
  private n = 0;
  private live: Uint8Array = new Uint8Array(0);
  /** Uint16, not Uint8: a chamber's numbering is not ours to bound (the Sénat's may differ from the Assemblée's). */
  private legislatures: Uint16Array = new Uint16Array(0);
  private numbers: Uint32Array = new Uint32Array(0);
  /** NC codes per slot. */
  private codes: Uint8Array = new Uint8Array(0);
  private qDays: Int32Array = new Int32Array(0);
  private aDays: Int32Array = new Int32Array(0);
  /** NS string ids per slot. */
  private stringIds: Uint32Array = new Uint32Array(0);
  /** Slot -> start of its analyses in `analysisIds` (slots + 1 entries). */
  private analysesStart: Uint32Array = new Uint32Array(1);
  private analysisIds: Uint32Array = new Uint32Array(0);
  private analysesEnd = 0;
  private strings = new StringTable();
  private codeTables = CODE_COLUMNS.map(() => new StringTable());
  private uids: Array<string | null> = [];
  private urls = new Map<number, string>();
  private slotByUid = new Map<string, number>();
  /** Live slots ordered by number then slot (no array per number), built lazily after changes. */
  private numberOrder: Uint32Array | null = null;
  private count = 0;
  private dateOrder: Int32Array | null = null;

  /** `saved`: the columns of a reloaded shard (checked: a table that does not add up throws). */
  constructor(saved?: DocColumns) {
    if (!saved) return;
    const a = saved.arrays;
    const n = saved.tables.uids.length;
    if (
      a.live.length !== n ||
      a.legislature.length !== n ||
      a.number.length !== n ||
      a.codes.length !== n * NC ||
      a.qDay.length !== n ||
      a.aDay.length !== n ||
      a.strings.length !== n * NS ||
      a.analysesStart.length !== n + 1 ||
      a.analysesStart[n] !== a.analyses.length
    )
      throw new Error('metadata columns inconsistent');
    this.n = n;
    this.live = a.live;
    this.legislatures = a.legislature;
    this.numbers = a.number;
    this.codes = a.codes;
    this.qDays = a.qDay;
    this.aDays = a.aDay;
    this.stringIds = a.strings;
    this.analysesStart = a.analysesStart;
    this.analysisIds = a.analyses;
    this.analysesEnd = a.analyses.length;
    this.strings = new StringTable(saved.tables.strings);
    this.codeTables = CODE_COLUMNS.map((c) => new StringTable(saved.tables.codes[c]));
    this.uids = saved.tables.uids;
    this.urls = new Map(saved.tables.urls);
    for (const id of a.strings) if (id >= this.strings.size) throw new Error('metadata string id out of range');
    for (const id of a.analyses) if (id >= this.strings.size) throw new Error('metadata string id out of range');
    for (let slot = 0; slot < n; slot++) {
      if (!this.live[slot]) continue;
      if (this.uids[slot] === null || this.uids[slot] === undefined) throw new Error('metadata without uid');
      this.register(slot);
    }
  }

  /** Documents in the table. */
  get size(): number {
    return this.count;
  }

  /** Slots given so far (removed ones included): the length of per-slot arrays. */
  get slots(): number {
    return this.n;
  }

  /** Whether a document is at this slot. */
  has(slot: number): boolean {
    return this.live[slot] === 1;
  }

  /** 1 at each slot holding a document (a view for the duration of a query: the table may grow after). */
  liveView(): Uint8Array {
    return this.live;
  }

  slotOf(uid: string): number | undefined {
    return this.slotByUid.get(uid);
  }

  /** Slots of the documents with this number (one per legislature and type). */
  slotsOfNumber(n: number): readonly number[] {
    if (!this.numberOrder) {
      const num = this.numbers;
      const order: number[] = [];
      for (let slot = 0; slot < this.n; slot++) if (this.live[slot]) order.push(slot);
      order.sort((x, y) => num[x]! - num[y]! || x - y);
      this.numberOrder = Uint32Array.from(order);
    }
    const order = this.numberOrder;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.numbers[order[mid]!]! < n) lo = mid + 1;
      else hi = mid;
    }
    const slots: number[] = [];
    for (let i = lo; i < order.length && this.numbers[order[i]!] === n; i++) slots.push(order[i]!);
    return slots;
  }

  legislature(slot: number): number {
    return this.legislatures[slot]!;
  }

  number(slot: number): number {
    return this.numbers[slot]!;
  }

  qDay(slot: number): number {
    return this.qDays[slot]!;
  }

  aDay(slot: number): number {
    return this.aDays[slot]!;
  }

  code<C extends CodeColumn>(slot: number, column: C): DocMeta[C] {
    const c = CODE_COLUMNS.indexOf(column);
    return this.codeTables[c]!.at(this.codes[slot * NC + c]!) as DocMeta[C];
  }

  /** The string id of a column at a slot (0: null): what filters memoise on. */
  stringId(slot: number, column: StringColumn): number {
    return this.stringIds[slot * NS + STRING_COLUMNS.indexOf(column)]!;
  }

  /** The string of an id of the shard's table (0: null). */
  stringAt(id: number): string | null {
    return this.strings.at(id);
  }

  /** Ids given so far by the string table (0 included): the length of per-id memos. */
  get stringIdCount(): number {
    return this.strings.size;
  }

  /** The document at a slot as an object (for the hits shown), undefined for an empty slot. */
  meta(slot: number): DocMeta | undefined {
    if (!this.has(slot)) return undefined;
    const strings = {} as Record<StringColumn, string | null>;
    for (let c = 0; c < NS; c++) strings[STRING_COLUMNS[c]!] = this.strings.at(this.stringIds[slot * NS + c]!);
    const analyses: string[] = [];
    for (let i = this.analysesStart[slot]!; i < this.analysesStart[slot + 1]!; i++)
      analyses.push(this.strings.at(this.analysisIds[i]!)!);
    const meta: DocMeta = {
      uid: this.uids[slot]!,
      chamber: this.code(slot, 'chamber'),
      legislature: this.legislatures[slot]!,
      number: this.numbers[slot]!,
      type: this.code(slot, 'type'),
      status: this.code(slot, 'status'),
      ...strings,
      analyses,
      slot,
      qDay: this.qDays[slot]!,
      aDay: this.aDays[slot]!,
    };
    const url = this.urls.get(slot);
    if (url !== undefined) meta.url = url;
    return meta;
  }

  /** Every document, as objects (facets: a pass over the shard). */
  *all(): Generator<DocMeta> {
    for (let slot = 0; slot < this.n; slot++) {
      const m = this.meta(slot);
      if (m) yield m;
    }
  }

  /** Adds a document at the next slot (its uid must not be in the table); returns its slot. */
  add(doc: IndexDoc): number {
    const slot = this.n;
    const need = slot + 1;
    this.live = ensure(this.live, need);
    this.legislatures = ensure(this.legislatures, need);
    this.numbers = ensure(this.numbers, need);
    this.codes = ensure(this.codes, need * NC);
    this.qDays = ensure(this.qDays, need);
    this.aDays = ensure(this.aDays, need);
    this.stringIds = ensure(this.stringIds, need * NS);
    this.analysesStart = ensure(this.analysesStart, need + 1);
    this.analysisIds = ensure(this.analysisIds, this.analysesEnd + doc.analyses.length);
    this.live[slot] = 1;
    this.legislatures[slot] = doc.legislature;
    this.numbers[slot] = doc.number;
    for (let c = 0; c < NC; c++) this.codes[slot * NC + c] = this.codeTables[c]!.id(doc[CODE_COLUMNS[c]!]);
    this.qDays[slot] = isoToDay(doc.questionDate);
    this.aDays[slot] = isoToDay(doc.answerDate);
    for (let c = 0; c < NS; c++) this.stringIds[slot * NS + c] = this.strings.id(doc[STRING_COLUMNS[c]!]);
    this.analysesStart[slot] = this.analysesEnd;
    for (const a of doc.analyses) this.analysisIds[this.analysesEnd++] = this.strings.id(a);
    this.analysesStart[slot + 1] = this.analysesEnd;
    this.uids[slot] = doc.uid;
    if (doc.url !== officialUrl(doc.legislature, doc.uid)) this.urls.set(slot, doc.url);
    this.n = need;
    this.register(slot);
    this.dateOrder = null;
    this.numberOrder = null;
    return slot;
  }

  /** Removes a document; returns whether it was there. */
  remove(uid: string): boolean {
    const slot = this.slotByUid.get(uid);
    if (slot === undefined) return false;
    this.live[slot] = 0;
    this.uids[slot] = null;
    this.urls.delete(slot);
    this.slotByUid.delete(uid);
    this.count--;
    this.dateOrder = null;
    this.numberOrder = null;
    return true;
  }

  /**
   * Renumbers the documents onto consecutive slots in their current order (dropping the empty slots of removed
   * and replaced documents, and the strings only they used); returns the old slot -> new slot table (-1 for an
   * empty slot). Per-slot arrays of other parts must be renumbered with it.
   */
  compact(): Int32Array {
    const map = new Int32Array(this.n).fill(-1);
    const strings = new StringTable();
    const urls = new Map<number, string>();
    let next = 0;
    let end = 0;
    for (let slot = 0; slot < this.n; slot++) {
      if (!this.live[slot]) continue;
      map[slot] = next;
      this.live[next] = 1;
      this.legislatures[next] = this.legislatures[slot]!;
      this.numbers[next] = this.numbers[slot]!;
      this.codes.copyWithin(next * NC, slot * NC, slot * NC + NC);
      this.qDays[next] = this.qDays[slot]!;
      this.aDays[next] = this.aDays[slot]!;
      for (let c = 0; c < NS; c++)
        this.stringIds[next * NS + c] = strings.id(this.strings.at(this.stringIds[slot * NS + c]!));
      const from = this.analysesStart[slot]!;
      const to = this.analysesStart[slot + 1]!;
      this.analysesStart[next] = end;
      // `end` never passes `from`: the analyses only move down.
      for (let i = from; i < to; i++) this.analysisIds[end++] = strings.id(this.strings.at(this.analysisIds[i]!));
      this.uids[next] = this.uids[slot]!;
      const url = this.urls.get(slot);
      if (url !== undefined) urls.set(next, url);
      next++;
    }
    this.live.fill(0, next);
    this.analysesStart[next] = end;
    this.analysesEnd = end;
    this.uids.length = next;
    this.n = next;
    this.strings = strings;
    this.urls = urls;
    this.slotByUid.clear();
    this.count = 0;
    for (let slot = 0; slot < next; slot++) this.register(slot);
    this.dateOrder = null;
    this.numberOrder = null;
    return map;
  }

  /** Slots ordered newest question first (unknown dates last), built lazily after changes. */
  newestFirst(): Int32Array {
    if (this.dateOrder) return this.dateOrder;
    const slots: number[] = [];
    for (let slot = 0; slot < this.n; slot++) if (this.live[slot]) slots.push(slot);
    const q = this.qDays;
    const num = this.numbers;
    slots.sort((x, y) => q[y]! - q[x]! || num[y]! - num[x]!);
    this.dateOrder = Int32Array.from(slots);
    return this.dateOrder;
  }

  /** The columns cut to the slots, and the tables: what persistShard.ts saves. */
  columns(): DocColumns {
    const n = this.n;
    const urls: Array<[number, string]> = [...this.urls];
    return {
      arrays: {
        live: this.live.subarray(0, n),
        legislature: this.legislatures.subarray(0, n),
        number: this.numbers.subarray(0, n),
        codes: this.codes.subarray(0, n * NC),
        qDay: this.qDays.subarray(0, n),
        aDay: this.aDays.subarray(0, n),
        strings: this.stringIds.subarray(0, n * NS),
        analysesStart: this.analysesStart.subarray(0, n + 1),
        analyses: this.analysisIds.subarray(0, this.analysesEnd),
      },
      tables: {
        strings: this.strings.list,
        codes: Object.fromEntries(CODE_COLUMNS.map((c, i) => [c, this.codeTables[i]!.list])) as Record<
          CodeColumn,
          string[]
        >,
        uids: this.uids,
        urls,
      },
    };
  }

  private register(slot: number): void {
    this.slotByUid.set(this.uids[slot]!, slot);
    this.count++;
  }
}
