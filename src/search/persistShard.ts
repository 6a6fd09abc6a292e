/**
 * Saving and loading a shard in pieces. `JSON.stringify` of a whole minisearch index fails near 512 MB (V8's
 * string limit) and `toJSON()` builds the whole object tree first, so postings are written in chunks of binary
 * (docId, frequency) pairs with a small JSON of terms beside each, and reloaded straight into minisearch's maps.
 *
 * This reads minisearch's internal fields (version pinned in package.json: 7.2); `INTERNALS_VERSION` is part of
 * the fingerprint so an incompatible saved form is rebuilt, never misread.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, SearchShard, type DocMeta } from './SearchShard';

export const INTERNALS_VERSION = 'minisearch7-bin1';

type FieldMap = Map<number, Map<number, number>>;

interface MiniInternals {
  _index: Iterable<[string, FieldMap]> & { set(term: string, data: FieldMap): unknown };
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _dirtCount: number;
  isVacuuming: boolean;
}

interface ShardState {
  version: string;
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  /** shortId, id pairs. */
  documentIds: number[];
  /** shortId followed by one length per field. */
  fieldLength: number[];
  fieldCount: number;
  chunks: number;
}

interface ChunkHead {
  terms: string[];
  /** Per term: number of fields, then (fieldId, postings) pairs. */
  layout: number[];
}

const TERMS_PER_CHUNK = 20_000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes the shard into `dir` (replaced atomically: written to `dir.tmp` then renamed). Yields between chunks. */
export async function saveShard(shard: SearchShard, dir: string): Promise<void> {
  const { ms, metas } = shard.internals();
  const mi = ms as unknown as MiniInternals;
  while (mi.isVacuuming) await new Promise((r) => setTimeout(r, 20));
  const tmp = `${dir}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });

  const fieldCount = Object.keys(mi._fieldIds).length;
  const documentIds: number[] = [];
  for (const [shortId, id] of mi._documentIds) documentIds.push(shortId, id as number);
  const fieldLength: number[] = [];
  for (const [shortId, lengths] of mi._fieldLength) {
    if (!mi._documentIds.has(shortId)) continue;
    fieldLength.push(shortId);
    for (let f = 0; f < fieldCount; f++) fieldLength.push(lengths[f] ?? 0);
  }

  let chunk = 0;
  let head: ChunkHead = { terms: [], layout: [] };
  let pairs: number[] = [];
  const flush = async () => {
    if (!head.terms.length) return;
    await writeFile(path.join(tmp, `chunk-${chunk}.json`), JSON.stringify(head));
    await writeFile(path.join(tmp, `chunk-${chunk}.bin`), new Uint32Array(pairs));
    chunk++;
    head = { terms: [], layout: [] };
    pairs = [];
    await tick();
  };
  for (const [term, fields] of mi._index) {
    const layoutStart = head.layout.length;
    head.layout.push(0);
    let nFields = 0;
    for (const [fieldId, docs] of fields) {
      let count = 0;
      const countAt = head.layout.length + 1;
      head.layout.push(fieldId, 0);
      for (const [docId, freq] of docs) {
        if (!mi._documentIds.has(docId)) continue; // discarded, not yet vacuumed
        pairs.push(docId, freq);
        count++;
      }
      if (count === 0) head.layout.length -= 2;
      else {
        head.layout[countAt] = count;
        nFields++;
      }
    }
    if (nFields === 0) {
      head.layout.length = layoutStart;
      continue;
    }
    head.layout[layoutStart] = nFields;
    head.terms.push(term);
    if (head.terms.length >= TERMS_PER_CHUNK) await flush();
  }
  await flush();

  const state: ShardState = {
    version: INTERNALS_VERSION,
    documentCount: mi._documentCount,
    nextId: mi._nextId,
    fieldIds: mi._fieldIds,
    averageFieldLength: mi._avgFieldLength,
    dirtCount: mi._dirtCount,
    documentIds,
    fieldLength,
    fieldCount,
    chunks: chunk,
  };
  await writeFile(path.join(tmp, 'metas.json'), JSON.stringify(metas.map((m) => m ?? null)));
  await writeFile(path.join(tmp, 'state.json'), JSON.stringify(state));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}

export async function loadShard(dir: string): Promise<SearchShard> {
  const state = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')) as ShardState;
  if (state.version !== INTERNALS_VERSION) throw new Error(`index: format ${state.version} inattendu dans ${dir}`);
  const ms = MiniSearch.loadJS(
    {
      documentCount: state.documentCount,
      nextId: state.nextId,
      documentIds: {},
      fieldIds: state.fieldIds,
      fieldLength: {},
      averageFieldLength: state.averageFieldLength,
      storedFields: {},
      dirtCount: state.dirtCount,
      index: [],
      serializationVersion: 2,
    },
    INDEX_OPTIONS,
  );
  const mi = ms as unknown as MiniInternals;
  for (let i = 0; i < state.documentIds.length; i += 2) {
    const shortId = state.documentIds[i]!;
    const id = state.documentIds[i + 1]!;
    mi._documentIds.set(shortId, id);
    mi._idToShortId.set(id, shortId);
  }
  const stride = state.fieldCount + 1;
  for (let i = 0; i < state.fieldLength.length; i += stride) {
    mi._fieldLength.set(state.fieldLength[i]!, state.fieldLength.slice(i + 1, i + stride));
  }
  for (let c = 0; c < state.chunks; c++) {
    const head = JSON.parse(await readFile(path.join(dir, `chunk-${c}.json`), 'utf8')) as ChunkHead;
    const buf = await readFile(path.join(dir, `chunk-${c}.bin`));
    const pairs = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    let l = 0;
    let p = 0;
    for (const term of head.terms) {
      const nFields = head.layout[l++]!;
      const data: FieldMap = new Map();
      for (let f = 0; f < nFields; f++) {
        const fieldId = head.layout[l++]!;
        const count = head.layout[l++]!;
        const docs = new Map<number, number>();
        for (let k = 0; k < count; k++, p += 2) docs.set(pairs[p]!, pairs[p + 1]!);
        data.set(fieldId, docs);
      }
      mi._index.set(term, data);
    }
  }
  const metas = (JSON.parse(await readFile(path.join(dir, 'metas.json'), 'utf8')) as Array<DocMeta | null>).map(
    (m) => m ?? undefined,
  );
  return new SearchShard(ms, metas);
}
