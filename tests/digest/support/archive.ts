/**
 * Real zips of generated official open data (per-file layout, as the 16th/17th legislature archives), and a
 * loopback HTTP server that serves them with ETag / conditional GET, like data.assemblee-nationale.fr.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { OfficialQuestion } from '../../../tools/generator/officialTypes';
import { writeArchive } from '../../../tools/generator/writeArchive';

/** The generator's own writer (per-file zip, as the official 17th-legislature archive), read back as bytes. */
export async function archiveBytes(opts: {
  questions: Iterable<OfficialQuestion>;
  out: string;
  seed: number;
  acteursOut?: string;
}): Promise<Buffer> {
  await writeArchive({
    count: 0,
    seed: opts.seed,
    legislature: 17,
    out: opts.out,
    layout: 'per-file',
    questions: opts.questions,
    ...(opts.acteursOut ? { acteursOut: opts.acteursOut } : {}),
  });
  return readFileSync(opts.out);
}

export interface ArchiveServer {
  url: string;
  /** What GET returns now (null: answers 500). */
  body: Buffer | null;
  requests: Array<{ ifNoneMatch: string | null; status: number }>;
  close(): Promise<void>;
}

export async function startArchiveServer(): Promise<ArchiveServer> {
  const state: ArchiveServer = {
    url: '',
    body: null,
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const ifNoneMatch = (req.headers['if-none-match'] as string | undefined) ?? null;
    if (state.body === null) {
      state.requests.push({ ifNoneMatch, status: 500 });
      res.writeHead(500).end('panne');
      return;
    }
    const etag = `"${createHash('sha1').update(state.body).digest('hex')}"`;
    if (ifNoneMatch === etag) {
      state.requests.push({ ifNoneMatch, status: 304 });
      res.writeHead(304, { etag }).end();
      return;
    }
    state.requests.push({ ifNoneMatch, status: 200 });
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': state.body.length, etag });
    res.end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repository/17/questions/questions_ecrites/Questions_ecrites.json.zip`;
  return state;
}
