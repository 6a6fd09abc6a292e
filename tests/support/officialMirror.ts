/**
 * A loopback HTTP server laid out like the Assemblée's open data (`<base>/14/questions/...`), for tests and
 * benchmarks: GET and HEAD, ETag / Last-Modified with conditional GET (304), byte ranges with If-Range (206),
 * and on demand a cut connection (the body stops after N bytes and the socket is destroyed) or an error status.
 * Files are served from memory or streamed from disk (the benchmark's archives are hundreds of MB).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MirrorRequest {
  method: string;
  path: string;
  range: string | null;
  ifNoneMatch: string | null;
  status: number;
  /** Body bytes sent (before a cut). */
  bytes: number;
}

interface Entry {
  size: number;
  etag: string;
  lastModified: string;
  read(start: number, end: number): NodeJS.ReadableStream | Buffer;
  /** Advertise this size (HEAD and GET) instead of the real one: a huge archive without the bytes. */
  announcedSize?: number;
}

export interface OfficialMirror {
  /** OPENDATA_URL for the code under test. */
  base: string;
  requests: MirrorRequest[];
  /** Serves `body` (bytes, or a path on disk with `fromDisk`) at `relPath` ("17/questions/.../x.zip"). */
  put(relPath: string, body: Buffer | { fromDisk: string }, opts?: { announcedSize?: number }): void;
  remove(relPath: string): void;
  /** The next `times` GETs of `relPath` stop after `afterBytes` body bytes (connection destroyed). */
  cut(relPath: string, afterBytes: number, times?: number): void;
  /** The next `times` GETs of `relPath` answer `status` with no body. */
  fail(relPath: string, status: number, times?: number): void;
  /** Body bytes per second for every GET (default unlimited): a slow network. */
  throttle(bytesPerSecond: number | null): void;
  close(): Promise<void>;
}

export async function startOfficialMirror(): Promise<OfficialMirror> {
  const files = new Map<string, Entry>();
  const cuts = new Map<string, { afterBytes: number; times: number }>();
  const failures = new Map<string, { status: number; times: number }>();
  const requests: MirrorRequest[] = [];
  let bytesPerSecond: number | null = null;
  let version = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/').replace(/^\/+/, '');
    const record: MirrorRequest = {
      method: req.method ?? 'GET',
      path: rel,
      range: req.headers.range ?? null,
      ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null,
      status: 0,
      bytes: 0,
    };
    requests.push(record);
    const entry = files.get(rel);
    const failure = failures.get(rel);
    if (failure && failure.times > 0 && req.method !== 'HEAD') {
      failure.times--;
      record.status = failure.status;
      res.statusCode = failure.status;
      res.end();
      return;
    }
    if (!entry) {
      record.status = 404;
      res.statusCode = 404;
      res.end('introuvable');
      return;
    }
    res.setHeader('ETag', entry.etag);
    res.setHeader('Last-Modified', entry.lastModified);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', 'application/zip');
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (
      (inm !== undefined && inm === entry.etag) ||
      (inm === undefined && ims !== undefined && ims === entry.lastModified)
    ) {
      record.status = 304;
      res.statusCode = 304;
      res.end();
      return;
    }
    const size = entry.announcedSize ?? entry.size;
    let start = 0;
    let end = size - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && (ifRange === undefined || ifRange === entry.etag || ifRange === entry.lastModified)) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(end, Number(range[2]));
      if (start >= size) {
        record.status = 416;
        res.statusCode = 416;
        res.setHeader('Content-Range', `bytes */${size}`);
        res.end();
        return;
      }
      status = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    }
    record.status = status;
    res.statusCode = status;
    res.setHeader('Content-Length', String(end - start + 1));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const cut = cuts.get(rel);
    let limit = Infinity;
    if (cut && cut.times > 0) {
      cut.times--;
      limit = cut.afterBytes;
    }
    const body = entry.read(start, end);
    const chunks: Iterable<Buffer> | AsyncIterable<Buffer> = Buffer.isBuffer(body)
      ? sliceBuffer(body)
      : (body as AsyncIterable<Buffer>);
    void (async () => {
      try {
        for await (const chunk of chunks) {
          let part = chunk;
          if (record.bytes + part.length > limit) part = part.subarray(0, Math.max(0, limit - record.bytes));
          if (part.length > 0) {
            record.bytes += part.length;
            if (!res.write(part)) await new Promise((r) => res.once('drain', r));
            if (bytesPerSecond) await new Promise((r) => setTimeout(r, (1000 * part.length) / bytesPerSecond!));
          }
          if (record.bytes >= limit) {
            // Let the bytes already written reach the client, then drop the connection mid-body.
            await new Promise((r) => setTimeout(r, 20));
            res.socket?.destroy();
            return;
          }
        }
        res.end();
      } catch {
        res.socket?.destroy();
      }
    })();
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    requests,
    put(relPath, body, opts = {}) {
      version++;
      const lastModified = new Date(Date.UTC(2026, 2, 1, 6, 0, version)).toUTCString();
      if (Buffer.isBuffer(body)) {
        files.set(relPath, {
          size: body.length,
          etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`,
          lastModified,
          read: (start, end) => body.subarray(start, end + 1),
          ...(opts.announcedSize !== undefined ? { announcedSize: opts.announcedSize } : {}),
        });
      } else {
        const size = statSync(body.fromDisk).size;
        files.set(relPath, {
          size,
          etag: `"${size.toString(16)}-${version}"`,
          lastModified,
          read: (start, end) => createReadStream(body.fromDisk, { start, end, highWaterMark: 256 * 1024 }),
          ...(opts.announcedSize !== undefined ? { announcedSize: opts.announcedSize } : {}),
        });
      }
    },
    remove(relPath) {
      files.delete(relPath);
    },
    cut(relPath, afterBytes, times = 1) {
      cuts.set(relPath, { afterBytes, times });
    },
    fail(relPath, status, times = 1) {
      failures.set(relPath, { status, times });
    },
    throttle(bps) {
      bytesPerSecond = bps;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function* sliceBuffer(b: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
