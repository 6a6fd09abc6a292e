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
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
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
  const handle = await open(file, 'r');
  try {
    return await readShard(handle, refuse);
  } finally {
    await handle.close();
  }
}

/**
 * The file's header, then each section read straight into the array it becomes (its own buffer, aligned): nothing
 * is copied after the read, and no buffer of the whole file ever exists beside the arrays made from it (which
 * doubled a reload's memory while it lasted).
 */
async function readShard(handle: FileHandle, refuse: (why: string) => never): Promise<SearchShard> {
  const size = (await handle.stat()).size;
  const readAt = async (position: number, length: number): Promise<Uint8Array> => {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(out, done, length - done, position + done);
      if (bytesRead === 0) refuse('truncated');
      done += bytesRead;
    }
    return out;
  };
  if (size < PREFIX) refuse('not a saved shard');
  const prefix = Buffer.from(await readAt(0, PREFIX));
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) refuse('not a saved shard');
  const headLength = prefix.readUInt32LE(MAGIC.length);
  if (PREFIX + headLength > size) refuse('truncated header');
  const headBytes = await readAt(PREFIX, headLength);
  if (crc32(headBytes) !== prefix.readUInt32LE(MAGIC.length + 4)) refuse('header checksum');
  const header = JSON.parse(Buffer.from(headBytes).toString('utf8')) as Header;
  if (header.format !== SAVED_FORMAT) refuse(`format ${header.format}, expected ${SAVED_FORMAT}`);
  if (header.options !== OPTIONS_HASH) refuse('saved with other index options');
  const section = async (name: string): Promise<Uint8Array> => {
    const s = header.sections.find((x) => x.name === name) ?? refuse(`no section ${name}`);
    if (s.offset % 8 !== 0 || s.offset + s.length > size) refuse(`section ${name} out of the file`);
    const bytes = await readAt(s.offset, s.length);
    if (crc32(bytes) !== s.crc) refuse(`section ${name} checksum`);
    return bytes;
  };
  const text = async (name: string) => Buffer.from(await section(name)).toString('utf8');
  const u32 = async (name: string) => {
    const v = await section(name);
    return new Uint32Array(v.buffer, 0, v.byteLength / 4);
  };
  const u16 = async (name: string) => {
    const v = await section(name);
    return new Uint16Array(v.buffer, 0, v.byteLength / 2);
  };
  const each = <T>(read: (f: number) => Promise<T>) => Promise.all(FIELDS.map((_, f) => read(f)));
  const termText = await text('terms');
  const parts: IndexParts = {
    header: header.index,
    terms: termText ? termText.split(SEP) : [],
    counts: await each((f) => u32(`counts${f}`)),
    ids: await each((f) => u32(`ids${f}`)),
    freqs: await each((f) => u16(`freqs${f}`)),
    live: await section('live'),
    fieldLength: await u32('fieldLength'),
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

  const fNames = await text('frequentTerms');
  const fTerms = fNames ? fNames.split(SEP) : [];
  const fLengths = await u32('frequentLengths');
  const fSlots = await u32('frequentSlots');
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

  // The metadata's columns, each in its own buffer (they grow with later additions).
  const meta = (name: string) => section(`meta.${name}`);
  const json = async <T>(name: string): Promise<T> => JSON.parse(await text(`metaTable.${name}`)) as T;
  const columns: DocColumns = {
    arrays: {
      live: await meta('live'),
      legislature: await u16('meta.legislature'),
      number: await u32('meta.number'),
      codes: await meta('codes'),
      qDay: new Int32Array((await meta('qDay')).buffer),
      aDay: new Int32Array((await meta('aDay')).buffer),
      strings: await u32('meta.strings'),
      analysesStart: await u32('meta.analysesStart'),
      analyses: await u32('meta.analyses'),
    },
    tables: {
      strings: await json('strings'),
      codes: await json('codes'),
      uids: await json('uids'),
      urls: await json('urls'),
    },
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
