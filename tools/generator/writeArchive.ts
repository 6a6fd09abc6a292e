/**
 * Writes generated questions in the official archive layouts, streaming (question by question, with
 * backpressure): 100,000 questions in the single-file layout is several hundred MB and is never held in memory.
 *
 * - layout 'single':   `{"questionsEcrites":{"question":[...]}}` (14th legislature style); `out` = `x.json`, or
 *                      `x.zip` with one entry (default `Questions_ecrites_XIV.json`).
 * - layout 'per-file': one `{"question":{...}}` per question, `json/QANR5L17QE123.json`; `out` = a folder, or `x.zip`.
 * - acteursOut:        the matching deputy files, `PA....json` in a folder, or `acteur/PA....json` entries in a zip.
 * Zip entries carry a fixed date, so the same options give byte-identical files.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { ZipFile } from 'yazl';
import { type GenerateOptions, generateQuestions } from './generateQuestions';
import { generateActeurs } from './generateActeurs';
import { generateOrganes } from './generateOrganes';
import { type OfficialActeurFile, type OfficialQuestion, XMLNS, XMLNS_XSI } from './officialTypes';
import { Rng } from './random';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from './vocabulary/people';

export type ArchiveLayout = 'single' | 'per-file';

export interface WriteArchiveOptions extends GenerateOptions {
  out: string;
  layout: ArchiveLayout;
  /** Also write the deputy files of the legislatures concerned (folder, or a `.zip`). */
  acteursOut?: string;
  /** Questions to write instead of `generateQuestions(opts)`, e.g. an evolution's `day2Questions`. */
  questions?: Iterable<OfficialQuestion>;
  /** Name of the single-layout zip entry (default `Questions_ecrites_XIV.json`). */
  entryName?: string;
  /** Called every 1,000 questions and at the end. */
  onProgress?: (written: number) => void;
}

export interface WriteArchiveResult {
  out: string;
  layout: ArchiveLayout;
  zipped: boolean;
  questions: number;
  /** JSON bytes written (before compression). */
  jsonBytes: number;
  /** Size on disk of `out` (a folder: sum of its question files). */
  diskBytes: number;
  acteurs: number | null;
  acteursOut: string | null;
}

const ZIP_ENTRY_OPTIONS = { mtime: new Date(2026, 0, 1, 12, 0, 0), forceDosTimestamp: true } as const;
const CHUNK_BYTES = 1 << 16;
const ZIP_WINDOW = 128;
const FILE_CONCURRENCY = 16;

export async function writeArchive(opts: WriteArchiveOptions): Promise<WriteArchiveResult> {
  const questions = opts.questions ?? generateQuestions(opts);
  const zipped = opts.out.toLowerCase().endsWith('.zip');
  await mkdir(zipped || opts.layout === 'single' ? path.dirname(path.resolve(opts.out)) : opts.out, {
    recursive: true,
  });

  let counts: { questions: number; jsonBytes: number; diskBytes: number };
  if (opts.layout === 'single') {
    counts = zipped
      ? await writeSingleZip(questions, opts.out, opts.entryName ?? 'Questions_ecrites_XIV.json', opts.onProgress)
      : await writeSingleJson(questions, opts.out, opts.onProgress);
  } else {
    counts = zipped
      ? await writePerFileZip(questions, opts.out, opts.onProgress)
      : await writePerFileFolder(questions, opts.out, opts.onProgress);
  }

  let acteurs: number | null = null;
  if (opts.acteursOut) acteurs = await writeActeurs(opts, opts.acteursOut);
  return {
    out: opts.out,
    layout: opts.layout,
    zipped,
    ...counts,
    acteurs,
    acteursOut: opts.acteursOut ?? null,
  };
}

/** The single-file layout as a stream of ~64 KB UTF-8 chunks. */
function* singleFileChunks(
  questions: Iterable<OfficialQuestion>,
  tally: { questions: number; jsonBytes: number },
  onProgress?: (n: number) => void,
): Generator<Buffer> {
  let pending = '{"questionsEcrites":{"question":[';
  for (const q of questions) {
    pending += (tally.questions === 0 ? '' : ',') + JSON.stringify(q);
    tally.questions++;
    if (onProgress && tally.questions % 1000 === 0) onProgress(tally.questions);
    if (pending.length >= CHUNK_BYTES) {
      const buf = Buffer.from(pending, 'utf8');
      tally.jsonBytes += buf.length;
      pending = '';
      yield buf;
    }
  }
  const last = Buffer.from(`${pending}]}}`, 'utf8');
  tally.jsonBytes += last.length;
  onProgress?.(tally.questions);
  yield last;
}

async function writeChunks(out: WriteStream, chunks: Iterable<Buffer>): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function writeSingleJson(
  questions: Iterable<OfficialQuestion>,
  file: string,
  onProgress?: (n: number) => void,
): Promise<{ questions: number; jsonBytes: number; diskBytes: number }> {
  const tally = { questions: 0, jsonBytes: 0 };
  await writeChunks(createWriteStream(file), singleFileChunks(questions, tally, onProgress));
  return { ...tally, diskBytes: (await stat(file)).size };
}

async function finishZip(zip: ZipFile, file: string, fill: () => Promise<void>): Promise<number> {
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    zip.on('error', reject);
  });
  zip.outputStream.pipe(out);
  await fill();
  zip.end();
  await done;
  return (await stat(file)).size;
}

async function writeSingleZip(
  questions: Iterable<OfficialQuestion>,
  file: string,
  entryName: string,
  onProgress?: (n: number) => void,
): Promise<{ questions: number; jsonBytes: number; diskBytes: number }> {
  const tally = { questions: 0, jsonBytes: 0 };
  const zip = new ZipFile();
  const diskBytes = await finishZip(zip, file, async () => {
    // Readable.from pulls the generator only as fast as the zip stream drains: that is the backpressure.
    zip.addReadStream(Readable.from(singleFileChunks(questions, tally, onProgress)), entryName, ZIP_ENTRY_OPTIONS);
  });
  return { ...tally, diskBytes };
}

function perFileJson(q: OfficialQuestion): Buffer {
  return Buffer.from(JSON.stringify({ question: q }, null, 2), 'utf8');
}

async function writePerFileZip(
  questions: Iterable<OfficialQuestion>,
  file: string,
  onProgress?: (n: number) => void,
): Promise<{ questions: number; jsonBytes: number; diskBytes: number }> {
  const zip = new ZipFile();
  let added = 0;
  let started = 0;
  let jsonBytes = 0;
  let wake: (() => void) | null = null;
  const diskBytes = await finishZip(zip, file, async () => {
    for (const q of questions) {
      const buf = perFileJson(q);
      jsonBytes += buf.length;
      // yazl asks for an entry's stream only once every earlier entry is written: at most ZIP_WINDOW buffers wait.
      zip.addReadStreamLazy(`json/${q.uid}.json`, { ...ZIP_ENTRY_OPTIONS, size: buf.length }, (cb) => {
        started++;
        const w = wake;
        wake = null;
        w?.();
        cb(null, Readable.from([buf]));
      });
      added++;
      if (onProgress && added % 1000 === 0) onProgress(added);
      while (added - started > ZIP_WINDOW) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
    onProgress?.(added);
  });
  return { questions: added, jsonBytes, diskBytes };
}

async function writePerFileFolder(
  questions: Iterable<OfficialQuestion>,
  folder: string,
  onProgress?: (n: number) => void,
): Promise<{ questions: number; jsonBytes: number; diskBytes: number }> {
  const dir = path.join(folder, 'json');
  await mkdir(dir, { recursive: true });
  let n = 0;
  let jsonBytes = 0;
  const inFlight = new Set<Promise<void>>();
  for (const q of questions) {
    const buf = perFileJson(q);
    jsonBytes += buf.length;
    const p: Promise<void> = writeFile(path.join(dir, `${q.uid}.json`), buf).then(() => {
      inFlight.delete(p);
    });
    inFlight.add(p);
    n++;
    if (onProgress && n % 1000 === 0) onProgress(n);
    if (inFlight.size >= FILE_CONCURRENCY) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  onProgress?.(n);
  return { questions: n, jsonBytes, diskBytes: jsonBytes };
}

async function writeActeurs(opts: GenerateOptions, out: string): Promise<number> {
  const files = generateActeurs({ seed: opts.seed, legislature: opts.legislature, legislatures: opts.legislatures });
  if (out.toLowerCase().endsWith('.zip')) {
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    const zip = new ZipFile();
    await finishZip(zip, out, async () => {
      for (const f of files) {
        zip.addBuffer(
          Buffer.from(JSON.stringify(f, null, 2), 'utf8'),
          `acteur/${f.acteur.uid['#text']}.json`,
          ZIP_ENTRY_OPTIONS,
        );
      }
    });
  } else {
    await mkdir(out, { recursive: true });
    for (const f of files) {
      await writeFile(path.join(out, `${f.acteur.uid['#text']}.json`), JSON.stringify(f, null, 2));
    }
  }
  return files.length;
}

export interface DeputiesHistoryOptions {
  seed: number;
  /** Legislatures whose deputies are written (default 11 to 17, like the official AMO30 archive). */
  legislatures?: number[];
  /** A `.zip` path. */
  out: string;
  /**
   * Total acteur files wanted: beyond the deputies, members of the government who never sat (one GOUVERNEMENT
   * mandate each, like the real archive's ministers) fill up to this number.
   */
  acteurs?: number;
}

function governmentMember(seed: number, i: number): OfficialActeurFile {
  const r = Rng.of(seed, 'government-member', i);
  const feminine = r.chance(0.4);
  const prenom = feminine ? r.pick(FIRST_NAMES_F) : r.pick(FIRST_NAMES_M);
  const nom = r.pick(LAST_NAMES);
  const uid = `PA${500000 + i}`;
  const start = `${2000 + r.int(0, 24)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
  return {
    acteur: {
      '@xmlns': XMLNS,
      uid: { '@xmlns:xsi': XMLNS_XSI, '@xsi:type': 'IdActeur_type', '#text': uid },
      etatCivil: {
        ident: {
          civ: feminine ? 'Mme' : 'M.',
          prenom,
          nom,
          alpha: nom,
          trigramme: `${prenom[0] ?? 'X'}${nom.slice(0, 2)}`.toUpperCase(),
        },
        infoNaissance: {
          dateNais: `19${50 + r.int(0, 40)}-01-01`,
          villeNais: 'Paris',
          depNais: 'Paris',
          paysNais: 'France',
        },
        dateDeces: null,
      },
      mandats: {
        mandat: [
          {
            '@xmlns:xsi': XMLNS_XSI,
            '@xsi:type': 'MandatMission_Type',
            uid: `PM${400000 + i}`,
            acteurRef: uid,
            legislature: '',
            typeOrgane: 'GOUVERNEMENT',
            dateDebut: start,
            datePublication: start,
            dateFin: null,
            preseance: '10',
            nominPrincipale: '1',
            infosQualite: { codeQualite: 'Ministre', libQualite: 'Ministre', libQualiteSex: 'Ministre' },
            organes: { organeRef: `PO${990000 + r.int(0, 40)}` },
          },
        ],
      },
    },
  };
}

/**
 * The deputies' history in the official AMO30 layout: one zip holding `acteur/PA....json` (every person who sat
 * in any of the legislatures, each with all their mandates) and `organe/PO....json` (assemblies, groups,
 * ministries). Byte-deterministic like the question archives.
 */
export async function writeDeputiesHistory(
  opts: DeputiesHistoryOptions,
): Promise<{ acteurs: number; deputies: number; organes: number; diskBytes: number }> {
  const legislatures = opts.legislatures ?? [11, 12, 13, 14, 15, 16, 17];
  const acteurs = generateActeurs({ seed: opts.seed, legislatures });
  const deputies = acteurs.length;
  for (let i = 0; acteurs.length < (opts.acteurs ?? 0); i++) acteurs.push(governmentMember(opts.seed >>> 0, i));
  const organes = generateOrganes(legislatures);
  await mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
  const zip = new ZipFile();
  const diskBytes = await finishZip(zip, opts.out, async () => {
    for (const f of acteurs) {
      zip.addBuffer(
        Buffer.from(JSON.stringify(f, null, 2), 'utf8'),
        `acteur/${f.acteur.uid['#text']}.json`,
        ZIP_ENTRY_OPTIONS,
      );
    }
    for (const o of organes) {
      zip.addBuffer(Buffer.from(JSON.stringify(o, null, 2), 'utf8'), `organe/${o.organe.uid}.json`, ZIP_ENTRY_OPTIONS);
    }
  });
  return { acteurs: acteurs.length, deputies, organes: organes.length, diskBytes };
}
