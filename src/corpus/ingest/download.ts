/**
 * HTTP downloads of open-data archives into a cache folder, for the ingest.
 *
 * Contracts:
 * - Conditional GET: with the state of the last download (`previous`: ETag / Last-Modified), a 304 downloads
 *   nothing. The caller compares the sha256 of a 200 with the last one (the Assemblée's archives change bytes
 *   even when nothing changed).
 * - Resume: the body is written to `<key>.part` beside a `<key>.part.json` note of the response's validators. A
 *   cut (connection reset, short body) is retried at once from where it stopped (`Range` + `If-Range`, a few times
 *   with a short back-off); a part left by an earlier run is resumed the same way. A server that answers 200 to a
 *   range (no range support, or the archive changed) restarts the file from zero.
 * - Disk: a download whose announced size does not fit in the free space of the cache folder is refused before
 *   a byte is written.
 * - A body that should be a zip (a `.zip` URL, or zip magic bytes) is checked readable (central directory and every
 *   entry header) before it is handed over; a broken one is deleted and reported.
 * - Never throws for network or server problems: they come back as `{ status: 'failed' }` with a French category.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, statfs, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SourceState } from '../../store/QuestionStore';
import { openZip, zipEntries } from './byteSource';
import type { FetchLike } from './types';

/** Bytes on disk so far (a resumed part counts from its start), total when the server said it. */
type DownloadProgress = (received: number, total: number | null) => void;

export interface DownloadOptions {
  url: string;
  cacheDir: string;
  /** Validators of the last complete download of `url` (conditional GET); null the first time. */
  previous: Pick<SourceState, 'etag' | 'lastModified'> | null;
  fetch: FetchLike;
  onProgress?: DownloadProgress;
  /** Operator notes (English). */
  log?: (line: string) => void;
  /** Attempts per call, the first included (default 4): each attempt after a cut resumes with Range. */
  maxAttempts?: number;
  /** Free bytes kept on the disk beyond the file itself (default 64 MB). */
  diskMarginBytes?: number;
}

export type DownloadResult =
  | { status: 'not-modified' }
  | {
      status: 'downloaded';
      /** The complete file in the cache folder: the caller ingests it, then deletes it. */
      file: string;
      bytes: number;
      sha256: string;
      etag: string | null;
      lastModified: string | null;
      /** Bytes that were already on disk from a cut download (0 when it started from zero). */
      resumedFrom: number;
      attempts: number;
      ms: number;
    }
  | {
      status: 'failed';
      category: string;
      detail: string /** A part stays on disk for the next run. */;
      partialBytes: number;
    };

interface PartNote {
  url: string;
  etag: string | null;
  lastModified: string | null;
  total: number | null;
}

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_MARGIN = 64 * 1024 * 1024;

function message(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return m + cause;
}

/** Stable name of a URL's files in the cache folder. */
function cacheKey(url: string): string {
  const base =
    path.posix
      .basename(new URL(url).pathname)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(-80) || 'archive';
  return `${createHash('sha1').update(url).digest('hex').slice(0, 12)}-${base}`;
}

/** Free bytes for an unprivileged writer on the file system holding `dir` (its nearest existing ancestor). */
export async function freeDiskBytes(dir: string): Promise<number> {
  let d = path.resolve(dir);
  for (;;) {
    try {
      const s = await statfs(d);
      return s.bavail * s.bsize;
    } catch (err) {
      const parent = path.dirname(d);
      if (parent === d) throw err;
      d = parent;
    }
  }
}

async function readNote(file: string): Promise<PartNote | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PartNote;
  } catch {
    return null;
  }
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** Total size from `Content-Range: bytes a-b/total`, or from Content-Length (+ the resumed offset). */
function totalOf(res: Response, offset: number): number | null {
  const range = res.headers.get('content-range');
  const m = range ? /\/(\d+)\s*$/.exec(range) : null;
  if (m) return Number(m[1]);
  const len = res.headers.get('content-length');
  return len !== null && /^\d+$/.test(len) ? offset + Number(len) : null;
}

async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function startsWithZipMagic(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return bytesRead === 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);
  } finally {
    await fh.close();
  }
}

/**
 * Checks that a zip's central directory and entries can be read (what yauzl needs to stream them): returns
 * the number of entries, or throws with the reason.
 */
async function checkZip(file: string): Promise<number> {
  if (!(await startsWithZipMagic(file))) throw new Error('le contenu n’est pas une archive zip');
  const zip = await openZip(file);
  try {
    let n = 0;
    for await (const entry of zipEntries(zip)) {
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new Error(`méthode de compression ${entry.compressionMethod} non prise en charge (${entry.fileName})`);
      }
      n++;
    }
    return n;
  } finally {
    zip.close();
  }
}

export async function download(opts: DownloadOptions): Promise<DownloadResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  await mkdir(opts.cacheDir, { recursive: true });
  const key = cacheKey(opts.url);
  const part = path.join(opts.cacheDir, `${key}.part`);
  const notePath = `${part}.json`;
  const done = path.join(opts.cacheDir, `${key}.download`);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_ATTEMPTS);
  const margin = opts.diskMarginBytes ?? DEFAULT_MARGIN;

  let note = await readNote(notePath);
  let offset = await sizeOf(part);
  if (note === null || note.url !== opts.url || (note.etag === null && note.lastModified === null)) {
    // Without a note naming this URL and a validator, a part cannot be resumed safely: start over.
    if (offset > 0) await unlink(part).catch(() => {});
    offset = 0;
    note = null;
  }
  const resumedFrom = offset;
  let lastError = '';
  let attempts = 0;

  while (attempts < maxAttempts) {
    attempts++;
    if (attempts > 1) await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** (attempts - 2))));
    const headers: Record<string, string> = {};
    if (offset > 0 && note) {
      headers.Range = `bytes=${offset}-`;
      headers['If-Range'] = (note.etag ?? note.lastModified) as string;
    } else {
      if (opts.previous?.etag) headers['If-None-Match'] = opts.previous.etag;
      if (opts.previous?.lastModified) headers['If-Modified-Since'] = opts.previous.lastModified;
    }
    let res: Response;
    try {
      res = await opts.fetch(opts.url, { headers });
    } catch (err) {
      lastError = message(err);
      // Nothing came back: a host that cannot be reached is not retried here (the caller's schedule does).
      return { status: 'failed', category: 'source injoignable', detail: lastError, partialBytes: offset };
    }
    if (res.status === 304 && offset === 0) {
      await res.body?.cancel().catch(() => {});
      return { status: 'not-modified' };
    }
    if (res.status === 416 && offset > 0) {
      // The part is longer than the file now on the server: it changed; start over.
      await res.body?.cancel().catch(() => {});
      await unlink(part).catch(() => {});
      offset = 0;
      note = null;
      attempts--;
      continue;
    }
    if ((res.status !== 200 && res.status !== 206) || !res.body) {
      await res.body?.cancel().catch(() => {});
      // Error statuses are not retried here: the caller's schedule (the daily refresh's back-off) does.
      return {
        status: 'failed',
        category: 'téléchargement refusé',
        detail: `HTTP ${res.status}`,
        partialBytes: offset,
      };
    }
    const append =
      res.status === 206 && offset > 0 && (res.headers.get('content-range') ?? '').startsWith(`bytes ${offset}-`);
    if (!append) offset = 0;
    const total = totalOf(res, offset);
    note = { url: opts.url, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), total };
    await writeFile(notePath, JSON.stringify(note));

    if (total !== null) {
      const free = await freeDiskBytes(opts.cacheDir);
      const needed = total - offset + margin;
      if (free < needed) {
        await res.body.cancel().catch(() => {});
        return {
          status: 'failed',
          category: 'espace disque insuffisant',
          detail: `il faut ${formatBytes(needed)} libres dans ${opts.cacheDir}, ${formatBytes(free)} sont disponibles`,
          partialBytes: offset,
        };
      }
    }

    let received = offset;
    opts.onProgress?.(received, total);
    // Each chunk is on disk before the next is read: after a cut, the part holds every byte received.
    const fh = await open(part, append ? 'a' : 'w');
    try {
      for await (const chunk of Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>)) {
        await fh.write(chunk as Uint8Array);
        received += (chunk as Uint8Array).length;
        opts.onProgress?.(received, total);
      }
    } catch (err) {
      lastError = message(err);
      await fh.close();
      offset = await sizeOf(part);
      log(`download cut after ${offset} bytes (${lastError}), attempt ${attempts} of ${maxAttempts}`);
      continue;
    }
    await fh.close();
    offset = await sizeOf(part);
    if (total !== null && offset < total) {
      lastError = `réponse incomplète (${offset} octets sur ${total})`;
      log(`download short: ${offset} of ${total} bytes, attempt ${attempts} of ${maxAttempts}`);
      continue;
    }
    if (total !== null && offset > total) {
      await unlink(part).catch(() => {});
      return {
        status: 'failed',
        category: 'téléchargement incohérent',
        detail: `${offset} octets reçus pour ${total} annoncés`,
        partialBytes: 0,
      };
    }

    await rename(part, done);
    await unlink(notePath).catch(() => {});
    if ((await startsWithZipMagic(done)) || /\.zip$/i.test(new URL(opts.url).pathname)) {
      try {
        await checkZip(done);
      } catch (err) {
        await unlink(done).catch(() => {});
        return { status: 'failed', category: 'archive zip illisible', detail: message(err), partialBytes: 0 };
      }
    }
    return {
      status: 'downloaded',
      file: done,
      bytes: offset,
      sha256: await hashFile(done),
      etag: note.etag,
      lastModified: note.lastModified,
      resumedFrom,
      attempts,
      ms: Math.round(performance.now() - started),
    };
  }
  return {
    status: 'failed',
    category: 'téléchargement interrompu',
    detail: `${lastError} ; ${formatBytes(offset)} gardés pour reprendre au prochain lancement`,
    partialBytes: offset,
  };
}

/** "1,2 Go", "350 Mo", "12 ko" (French units, binary multiples, decimal comma). */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 4, 'To'],
    [1024 ** 3, 'Go'],
    [1024 ** 2, 'Mo'],
    [1024, 'ko'],
  ];
  for (const [size, unit] of units) {
    if (n >= size)
      return `${(n / size).toLocaleString('fr-FR', { maximumFractionDigits: n >= 10 * size ? 0 : 1 })} ${unit}`;
  }
  return `${n} o`;
}
