/**
 * Saving and loading a shard as ONE binary file (`shard.bin` in the shard's folder), its typed arrays written as
 * they are in memory and read back with one read: the postings' arenas are copied out of the file's buffer as
 * they are (so that the buffer can go), nothing is parsed but the term list, the frequent terms' names and the
 * metadata's string tables (its columns are typed arrays too, docMeta.ts).
 *
 * Layout: 8 bytes of magic, the header's length and CRC-32 (uint32 LE), the header (JSON: format, index options,
 * minisearch's scalars, and per section its offset, length and CRC-32), then the sections, each aligned on 8 bytes.
 * A file that is short, foreign, of another format or options, or whose checksums disagree is refused (the
 * service then rebuilds), never read in part.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { DocTable, type DocColumns } from './docMeta';
import { SlotList, type FrequentTerms } from './frequentTerms';
import { DEFAULT_TUNING, FIELDS, INDEX_OPTIONS } from './indexOptions';
import { MINISEARCH_VERSION, MiniIndex, type IndexParts, type MiniHeader } from './miniAdapter';
import { SearchShard } from './SearchShard';

/** The layout of the saved file, and the minisearch whose term dictionary it feeds. */
export const SAVED_FORMAT = `bin6/minisearch-${MINISEARCH_VERSION}`;

const FILE = 'shard.bin';
const MAGIC = Buffer.from('QESHARD\n', 'latin1');
const PREFIX = MAGIC.length + 8;

/** What the saved arrays mean depends on these: a file saved under other ones is refused. */
const OPTIONS_HASH = createHash('sha256')
  .update(JSON.stringify({ FIELDS, autoVacuum: INDEX_OPTIONS.autoVacuum, DEFAULT_TUNING }))
  .digest('hex')
  .slice(0, 16);

interface Section {
  name: string;
  offset: number;
  length: number;
  crc: number;
}

interface Header {
  format: string;
  options: string;
  index: MiniHeader;
  sections: Section[];
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
/** Terms hold no NUL (they are analysed words): it separates them. */
const SEP = '\0';

/** Writes the shard into `dir` (replaced atomically: written to `dir.tmp` then renamed). */
export async function saveShard(shard: SearchShard, dir: string): Promise<void> {
  const { index, metas, frequent } = shard.contents();
  const parts = index.parts();
  const data: Array<[string, Uint8Array]> = [['terms', utf8(parts.terms.join(SEP))]];
  FIELDS.forEach((_, f) => {
    data.push([`counts${f}`, bytes(parts.counts[f]!)], [`ids${f}`, bytes(parts.ids[f]!)]);
    data.push([`freqs${f}`, bytes(parts.freqs[f]!)]);
  });
  data.push(['live', parts.live], ['fieldLength', bytes(parts.fieldLength)]);
  // Frequent terms: their names, then per term the lengths of its two lists, then the lists (all, then idx).
  const fLengths = new Uint32Array(frequent.size * 2);
  let fTotal = 0;
  [...frequent.values()].forEach((f, i) => {
    fLengths[2 * i] = f.all.length;
    fLengths[2 * i + 1] = f.idx.length;
    fTotal += f.all.length + f.idx.length;
  });
  const fSlots = new Uint32Array(fTotal);
  let at = 0;
  for (const f of frequent.values()) {
    fSlots.set(f.all.view(), at);
    at += f.all.length;
    fSlots.set(f.idx.view(), at);
    at += f.idx.length;
  }
  data.push(['frequentTerms', utf8([...frequent.keys()].join(SEP))]);
  data.push(['frequentLengths', bytes(fLengths)], ['frequentSlots', bytes(fSlots)]);
  // The metadata's columns as they are; its string tables (a few thousand names, and the uids) as one JSON each.
  for (const [name, array] of Object.entries(metas.arrays)) data.push([`meta.${name}`, bytes(array)]);
  for (const [name, table] of Object.entries(metas.tables))
    data.push([`metaTable.${name}`, utf8(JSON.stringify(table))]);

  // The header's size depends on the offsets it lists: sections are placed after a generous reservation.
  const sections: Section[] = [];
  let offset = 0;
  for (const [name, buf] of data) {
    sections.push({ name, offset, length: buf.byteLength, crc: crc32(buf) });
    offset += align8(buf.byteLength);
  }
  const draft = (base: number): Buffer =>
    utf8(
      JSON.stringify({
        format: SAVED_FORMAT,
        options: OPTIONS_HASH,
        index: parts.header,
        sections: sections.map((s) => ({ ...s, offset: s.offset + base })),
      } satisfies Header),
    );
  let base = align8(PREFIX + draft(0).byteLength + 64);
  let head = draft(base);
  while (PREFIX + head.byteLength > base) head = draft((base = align8(PREFIX + head.byteLength + 64)));

  const tmp = `${dir}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const file = await open(path.join(tmp, FILE), 'w');
  try {
    const prefix = Buffer.alloc(base);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(head.byteLength, MAGIC.length);
    prefix.writeUInt32LE(crc32(head), MAGIC.length + 4);
    head.copy(prefix, PREFIX);
    let position = 0;
    const write = async (buf: Uint8Array) => {
      await file.write(buf, 0, buf.byteLength, position);
      position += buf.byteLength;
    };
    await write(prefix);
    for (const [, buf] of data) {
      await write(buf);
      const pad = align8(buf.byteLength) - buf.byteLength;
      if (pad) await write(new Uint8Array(pad));
    }
  } finally {
    await file.close();
  }
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Reads a shard saved by `saveShard`; throws (naming the file and why) on anything but an intact file of this format. */
export async function loadShard(dir: string): Promise<SearchShard> {
  const file = path.join(dir, FILE);
  const refuse = (why: string): never => {
    throw new Error(`index: ${file} refused: ${why}`);
  };
  let buf = await readFile(file);
  // Typed-array views need aligned offsets: a buffer that is not gets one aligned copy.
  if (buf.byteOffset % 8 !== 0) buf = Buffer.from(new Uint8Array(buf));
  if (buf.byteLength < PREFIX || !buf.subarray(0, MAGIC.length).equals(MAGIC)) refuse('not a saved shard');
  const headLength = buf.readUInt32LE(MAGIC.length);
  if (PREFIX + headLength > buf.byteLength) refuse('truncated header');
  const headBytes = buf.subarray(PREFIX, PREFIX + headLength);
  if (crc32(headBytes) !== buf.readUInt32LE(MAGIC.length + 4)) refuse('header checksum');
  const header = JSON.parse(headBytes.toString('utf8')) as Header;
  if (header.format !== SAVED_FORMAT) refuse(`format ${header.format}, expected ${SAVED_FORMAT}`);
  if (header.options !== OPTIONS_HASH) refuse('saved with other index options');
  const section = (name: string): Uint8Array => {
    const s = header.sections.find((x) => x.name === name) ?? refuse(`no section ${name}`);
    if (s.offset % 8 !== 0 || s.offset + s.length > buf.byteLength) refuse(`section ${name} out of the file`);
    const view = buf.subarray(s.offset, s.offset + s.length);
    if (crc32(view) !== s.crc) refuse(`section ${name} checksum`);
    return view;
  };
  const text = (name: string) => {
    const v = section(name);
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8');
  };
  const u32 = (name: string) => {
    const v = section(name);
    return new Uint32Array(v.buffer, v.byteOffset, v.byteLength / 4);
  };
  const u16 = (name: string) => {
    const v = section(name);
    return new Uint16Array(v.buffer, v.byteOffset, v.byteLength / 2);
  };
  const termText = text('terms');
  const parts: IndexParts = {
    header: header.index,
    terms: termText ? termText.split(SEP) : [],
    counts: FIELDS.map((_, f) => u32(`counts${f}`)),
    // Copies: a view would keep the whole file's buffer alive (the metadata's JSON, the frequent lists copied below).
    ids: FIELDS.map((_, f) => u32(`ids${f}`).slice()),
    freqs: FIELDS.map((_, f) => u16(`freqs${f}`).slice()),
    // Copies: these grow with later additions.
    live: Uint8Array.from(section('live')),
    fieldLength: Uint32Array.from(u32('fieldLength')),
  };
  for (let f = 0; f < FIELDS.length; f++) {
    let sum = 0;
    for (const n of parts.counts[f]!) sum += n;
    if (
      parts.counts[f]!.length !== parts.terms.length ||
      sum !== parts.ids[f]!.length ||
      sum !== parts.freqs[f]!.length
    )
      refuse(`postings of field ${f} inconsistent`);
  }
  if (parts.live.length !== header.index.nextId || parts.fieldLength.length !== header.index.nextId * FIELDS.length)
    refuse('document tables inconsistent');
  const index = new MiniIndex(parts);

  const fNames = text('frequentTerms');
  const fTerms = fNames ? fNames.split(SEP) : [];
  const fLengths = u32('frequentLengths');
  const fSlots = u32('frequentSlots');
  if (fLengths.length !== fTerms.length * 2) refuse('frequent terms inconsistent');
  const frequent: FrequentTerms = new Map();
  let at = 0;
  fTerms.forEach((term, i) => {
    const nAll = fLengths[2 * i]!;
    const nIdx = fLengths[2 * i + 1]!;
    if (at + nAll + nIdx > fSlots.length) refuse('frequent terms inconsistent');
    // Copies: the lists grow on later additions.
    const all = new SlotList(fSlots.slice(at, at + nAll));
    at += nAll;
    const idx = new SlotList(fSlots.slice(at, at + nIdx));
    at += nIdx;
    frequent.set(term, { all, idx });
  });

  // Copies of the columns (they grow with later additions, and a view would keep the file's buffer alive).
  const typed = <T>(name: string, of: (v: Uint8Array) => T): T => of(section(`meta.${name}`));
  const u8 = (v: Uint8Array) => Uint8Array.from(v);
  const u32c = (v: Uint8Array) => new Uint32Array(v.buffer, v.byteOffset, v.byteLength / 4).slice();
  const i32c = (v: Uint8Array) => new Int32Array(v.buffer, v.byteOffset, v.byteLength / 4).slice();
  const json = <T>(name: string): T => JSON.parse(text(`metaTable.${name}`)) as T;
  const columns: DocColumns = {
    arrays: {
      live: typed('live', u8),
      legislature: typed('legislature', (v) => new Uint16Array(v.buffer, v.byteOffset, v.byteLength / 2).slice()),
      number: typed('number', u32c),
      codes: typed('codes', u8),
      qDay: typed('qDay', i32c),
      aDay: typed('aDay', i32c),
      strings: typed('strings', u32c),
      analysesStart: typed('analysesStart', u32c),
      analyses: typed('analyses', u32c),
    },
    tables: { strings: json('strings'), codes: json('codes'), uids: json('uids'), urls: json('urls') },
  };
  if (columns.tables.uids.length !== header.index.nextId) refuse('metadata inconsistent');
  let docs: DocTable;
  try {
    docs = new DocTable(columns);
  } catch (e) {
    return refuse((e as Error).message);
  }
  return new SearchShard({}, { index, docs, frequent });
}
