/**
 * Saving and loading a shard in pieces. `JSON.stringify` of a whole minisearch index fails near 512 MB (V8's
 * string limit) and `toJSON()` builds the whole object tree first, so postings are written in chunks of binary
 * (docId, frequency) pairs with a small JSON of terms beside each, and reloaded straight into minisearch's maps
 * (through miniAdapter.ts). The saved form's version names the minisearch version that wrote it: another
 * version's save is refused (and rebuilt by the service), never misread.
 */
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocMeta } from './docMeta';
import { SlotList, type FrequentTerms } from './frequentTerms';
import { MINISEARCH_VERSION, MiniIndex, type MiniHeader, type Postings } from './miniAdapter';
import { SearchShard } from './SearchShard';

/** The layout of the saved files, and the minisearch whose maps they hold. */
export const SAVED_FORMAT = `bin4/minisearch-${MINISEARCH_VERSION}`;

interface ShardState extends MiniHeader {
  version: string;
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

/**
 * A chunk is written, and read back, in one synchronous run: small enough (a few hundred ms on a loaded machine)
 * that a worker saving or loading still answers searches and its supervisor's pings between two chunks.
 */
const TERMS_PER_CHUNK = 5_000;
const MAX_PAIRS_PER_CHUNK = 500_000;
/** Metadata is written as JSON lines of this many documents (one giant JSON string would be the save's peak). */
const METAS_PER_LINE = 2_000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes the shard into `dir` (replaced atomically: written to `dir.tmp` then renamed). Yields between chunks. */
export async function saveShard(shard: SearchShard, dir: string): Promise<void> {
  const { index, metas, frequent } = shard.contents();
  while (index.vacuuming) await new Promise((r) => setTimeout(r, 20));
  const tmp = `${dir}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });

  const fieldCount = Object.keys(index.header().fieldIds).length;
  const documentIds: number[] = [];
  for (const [shortId, id] of index.documents()) documentIds.push(shortId, id);
  const fieldLength: number[] = [];
  for (const [shortId, lengths] of index.fieldLengths()) {
    if (index.idOf(shortId) === undefined) continue;
    fieldLength.push(shortId);
    for (let f = 0; f < fieldCount; f++) fieldLength.push(lengths[f] ?? 0);
  }

  let chunk = 0;
  let head: ChunkHead = { terms: [], layout: [] };
  // One reused typed buffer for the (docId, frequency) pairs: a number[] costs twice the bytes plus its growth
  // copies, which made saving the peak of a whole build.
  let pairBuf = new Uint32Array(1 << 20);
  let pairLen = 0;
  const pushPair = (a: number, b: number) => {
    if (pairLen + 2 > pairBuf.length) {
      const grown = new Uint32Array(pairBuf.length * 2);
      grown.set(pairBuf);
      pairBuf = grown;
    }
    pairBuf[pairLen++] = a;
    pairBuf[pairLen++] = b;
  };
  const flush = async () => {
    if (!head.terms.length) return;
    await writeFile(path.join(tmp, `chunk-${chunk}.json`), JSON.stringify(head));
    await writeFile(path.join(tmp, `chunk-${chunk}.bin`), pairBuf.subarray(0, pairLen));
    chunk++;
    head = { terms: [], layout: [] };
    pairLen = 0;
    await tick();
  };
  for (const [term, fields] of index.terms()) {
    const layoutStart = head.layout.length;
    head.layout.push(0);
    let nFields = 0;
    for (const [fieldId, docs] of fields) {
      let count = 0;
      const countAt = head.layout.length + 1;
      head.layout.push(fieldId, 0);
      for (const [docId, freq] of docs) {
        if (index.idOf(docId) === undefined) continue; // discarded, not yet vacuumed
        pushPair(docId, freq);
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
    if (head.terms.length >= TERMS_PER_CHUNK || pairLen >= MAX_PAIRS_PER_CHUNK * 2) await flush();
  }
  await flush();

  const state: ShardState = {
    version: SAVED_FORMAT,
    ...index.header(),
    documentIds,
    fieldLength,
    fieldCount,
    chunks: chunk,
  };
  // Frequent terms: one JSON of terms and list lengths, one binary of the lists (all, then idx, per term).
  const fTerms: string[] = [];
  const fLengths: number[] = [];
  let fTotal = 0;
  for (const [term, f] of frequent) {
    fTerms.push(term);
    fLengths.push(f.all.length, f.idx.length);
    fTotal += f.all.length + f.idx.length;
  }
  const fBin = new Uint32Array(fTotal);
  let at = 0;
  for (const f of frequent.values()) {
    fBin.set(f.all.view(), at);
    at += f.all.length;
    fBin.set(f.idx.view(), at);
    at += f.idx.length;
  }
  await writeFile(path.join(tmp, 'frequent.json'), JSON.stringify({ terms: fTerms, lengths: fLengths }));
  await writeFile(path.join(tmp, 'frequent.bin'), fBin);
  const metasFile = await open(path.join(tmp, 'metas.jsonl'), 'w');
  try {
    for (let i = 0; i < metas.length; i += METAS_PER_LINE) {
      await metasFile.write(`${JSON.stringify(metas.slice(i, i + METAS_PER_LINE).map((m) => m ?? null))}\n`);
    }
  } finally {
    await metasFile.close();
  }
  await writeFile(path.join(tmp, 'state.json'), JSON.stringify(state));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}

export async function loadShard(dir: string): Promise<SearchShard> {
  const state = JSON.parse(await readFile(path.join(dir, 'state.json'), 'utf8')) as ShardState;
  if (state.version !== SAVED_FORMAT) throw new Error(`index: format ${state.version} inattendu dans ${dir}`);
  const { documentCount, nextId, fieldIds, averageFieldLength, dirtCount } = state;
  const index = MiniIndex.restore({ documentCount, nextId, fieldIds, averageFieldLength, dirtCount });
  for (let i = 0; i < state.documentIds.length; i += 2)
    index.restoreDocument(state.documentIds[i]!, state.documentIds[i + 1]!);
  const stride = state.fieldCount + 1;
  for (let i = 0; i < state.fieldLength.length; i += stride) {
    index.restoreFieldLengths(state.fieldLength[i]!, state.fieldLength.slice(i + 1, i + stride));
  }
  for (let c = 0; c < state.chunks; c++) {
    const head = JSON.parse(await readFile(path.join(dir, `chunk-${c}.json`), 'utf8')) as ChunkHead;
    const buf = await readFile(path.join(dir, `chunk-${c}.bin`));
    const pairs = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    let l = 0;
    let p = 0;
    for (const term of head.terms) {
      const nFields = head.layout[l++]!;
      const data: Postings = new Map();
      for (let f = 0; f < nFields; f++) {
        const fieldId = head.layout[l++]!;
        const count = head.layout[l++]!;
        const docs = new Map<number, number>();
        for (let k = 0; k < count; k++, p += 2) docs.set(pairs[p]!, pairs[p + 1]!);
        data.set(fieldId, docs);
      }
      index.restorePostings(term, data);
    }
  }
  const metas: Array<DocMeta | undefined> = [];
  for (const line of (await readFile(path.join(dir, 'metas.jsonl'), 'utf8')).split('\n')) {
    if (!line) continue;
    for (const m of JSON.parse(line) as Array<DocMeta | null>) metas.push(m ?? undefined);
    if (metas.length % (METAS_PER_LINE * 10) === 0) await tick();
  }
  const fHead = JSON.parse(await readFile(path.join(dir, 'frequent.json'), 'utf8')) as {
    terms: string[];
    lengths: number[];
  };
  const fBuf = await readFile(path.join(dir, 'frequent.bin'));
  const fAll = new Uint32Array(fBuf.buffer, fBuf.byteOffset, fBuf.byteLength / 4);
  const frequent: FrequentTerms = new Map();
  let at = 0;
  fHead.terms.forEach((term, i) => {
    const nAll = fHead.lengths[2 * i]!;
    const nIdx = fHead.lengths[2 * i + 1]!;
    // Copies: the lists must not keep the whole file buffer alive, and they grow on later additions.
    const all = new SlotList(fAll.slice(at, at + nAll));
    at += nAll;
    const idx = new SlotList(fAll.slice(at, at + nIdx));
    at += nIdx;
    frequent.set(term, { all, idx });
  });
  return new SearchShard({}, { index, metas, frequent });
}
