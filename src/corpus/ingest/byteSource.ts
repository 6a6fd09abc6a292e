import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** Something whose bytes can be peeked, streamed or read whole: a local file or a zip entry. */
export interface ByteSource {
  /** Display name: path, "archive.zip!entry", or "URL!entry". */
  name: string;
  /** Size in bytes when known (uncompressed for zip entries). */
  size: number | null;
  /** The first bytes (at most n; fewer when the source is shorter). */
  peek(n: number): Promise<Buffer>;
  open(): Promise<Readable>;
  readAll(): Promise<Buffer>;
  /** Path of a local file (zips are opened from a path). */
  localPath: string | null;
}

async function readStream(stream: Readable, limit = Infinity): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      parts.push(b);
      total += b.length;
      if (total >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts);
}

export async function fileSource(file: string, name: string = file): Promise<ByteSource> {
  const info = await stat(file);
  return {
    name,
    size: info.size,
    localPath: file,
    async peek(n) {
      const fh = await open(file, 'r');
      try {
        const buf = Buffer.alloc(Math.min(n, info.size));
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
    async open() {
      return createReadStream(file, { highWaterMark: 256 * 1024 });
    },
    async readAll() {
      return readStream(createReadStream(file));
    },
  };
}

export function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error('zip illisible')) : resolve(zip)),
    );
  });
}

/**
 * Entries one at a time (lazyEntries: the central directory is not held in memory). A broken central directory
 * ends the iteration with an error.
 */
export async function* zipEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const next = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const onEntry = (e: yauzl.Entry) => {
        cleanup();
        resolve(e);
      };
      const onEnd = () => {
        cleanup();
        resolve(null);
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const cleanup = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}

export function zipEntrySource(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): ByteSource {
  const openStream = () =>
    new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(entry, (err, stream) =>
        err || !stream ? reject(err ?? new Error('entrée illisible')) : resolve(stream),
      );
    });
  return {
    name,
    size: entry.uncompressedSize,
    localPath: null,
    async peek(n) {
      const buf = await readStream(await openStream(), n);
      return buf.subarray(0, n);
    },
    open: openStream,
    async readAll() {
      return readStream(await openStream());
    },
  };
}
