import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/corpus/ingest';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { buildZip } from './support/buildZip';
import { FIXTURES } from './support/cloneCorpus';
import { useTempDirs } from './support/tempDir';

const tempDir = useTempDirs();

interface Served {
  body: Buffer;
  etag?: string;
  lastModified?: string;
  /** Ignore conditional headers (always 200), like servers whose archive changes bytes every day. */
  unconditional?: boolean;
  status?: number;
}

let server: Server;
let base: string;
let store: QuestionStore;
let dir: string;
const routes = new Map<string, Served>();
const requests: Array<{ url: string; headers: IncomingHttpHeaders; status: number }> = [];

beforeEach(async () => {
  dir = tempDir();
  store = openStore(path.join(dir, 'q.db'));
  routes.clear();
  requests.length = 0;
  server = createServer((req, res) => {
    const r = routes.get(req.url ?? '');
    let status = 404;
    if (r) {
      const notModified =
        !r.unconditional &&
        ((r.etag && req.headers['if-none-match'] === r.etag) ||
          (!r.etag && r.lastModified && req.headers['if-modified-since'] === r.lastModified));
      status = notModified ? 304 : (r.status ?? 200);
      if (r.etag) res.setHeader('ETag', r.etag);
      if (r.lastModified) res.setHeader('Last-Modified', r.lastModified);
      res.statusCode = status;
      res.end(status === 200 ? r.body : undefined);
    } else {
      res.statusCode = 404;
      res.end('introuvable');
    }
    requests.push({ url: req.url ?? '', headers: req.headers, status });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  store.close();
  await new Promise((resolve) => server.close(resolve));
});

const run = (inputs: string[], now = new Date('2025-03-04T08:00:00Z')) =>
  ingest(inputs, { store, now, cacheDir: path.join(dir, 'cache') });

async function fixtureZip(files: string[]): Promise<Buffer> {
  const out = path.join(dir, `a${Math.random().toString(36).slice(2)}.zip`);
  await buildZip(
    out,
    files.map((f) => [`json/${f}`, readFileSync(path.join(FIXTURES, f))]),
  );
  return readFileSync(out);
}

describe('ingest from http(s) URLs', () => {
  it('downloads an archive, then sends If-None-Match, gets 304 and ingests nothing', async () => {
    routes.set('/Questions_ecrites.json.zip', {
      body: await fixtureZip(['QANR5L16QE1234.json', 'QANR5L17QE502.json']),
      etag: '"v1"',
      lastModified: 'Tue, 04 Mar 2025 06:00:00 GMT',
    });
    const url = `${base}/Questions_ecrites.json.zip`;
    const first = await run([url]);
    expect(first.questions.new).toBe(2);
    expect(store.findQuestion(17, 502)?.source.file).toBe(`${url}!json/QANR5L17QE502.json`);
    expect(store.getSource(url)).toMatchObject({ etag: '"v1"', lastModified: 'Tue, 04 Mar 2025 06:00:00 GMT' });

    const events = store.maxEventId();
    const rev = store.revision();
    const second = await run([url]);
    expect(requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(requests[1]?.headers['if-modified-since']).toBe('Tue, 04 Mar 2025 06:00:00 GMT');
    expect(requests[1]?.status).toBe(304);
    expect(second.inputs[0]).toMatchObject({ status: 'unchanged', message: 'inchangé (304 Not Modified)' });
    expect(second.read).toBe(0);
    expect(second.questions).toEqual({ read: 0, new: 0, updated: 0, unchanged: 0 });
    expect(store.maxEventId()).toBe(events);
    expect(store.revision()).toBe(rev);
    expect(readdirSync(path.join(dir, 'cache'))).toEqual([]); // downloads are not left behind
  });

  it('uses Last-Modified alone when there is no ETag', async () => {
    routes.set('/q.json', {
      body: readFileSync(path.join(FIXTURES, 'QANR5L17QE502.json')),
      lastModified: 'Mon, 03 Mar 2025 22:00:00 GMT',
    });
    await run([`${base}/q.json`]);
    const second = await run([`${base}/q.json`]);
    expect(requests[1]?.headers['if-modified-since']).toBe('Mon, 03 Mar 2025 22:00:00 GMT');
    expect(requests[1]?.headers['if-none-match']).toBeUndefined();
    expect(second.inputs[0]?.status).toBe('unchanged');
  });

  it('skips a 200 whose content has the same sha256 as the last download', async () => {
    routes.set('/same.zip', { body: await fixtureZip(['QANR5L16QE1234.json']), etag: '"a"', unconditional: true });
    await run([`${base}/same.zip`]);
    const second = await run([`${base}/same.zip`]);
    expect(requests[1]?.status).toBe(200);
    expect(second.inputs[0]).toMatchObject({ status: 'unchanged', message: 'inchangé (contenu identique)' });
    expect(second.questions.read).toBe(0);
  });

  it('ingests a changed archive and records its events', async () => {
    routes.set('/a.zip', { body: await fixtureZip(['QANR5L16QE1234.json']), etag: '"1"' });
    await run([`${base}/a.zip`]);
    routes.set('/a.zip', { body: await fixtureZip(['QANR5L16QE1234.json', 'QANR5L16QE1235.json']), etag: '"2"' });
    const second = await run([`${base}/a.zip`], new Date('2025-03-11T08:00:00Z'));
    expect(second.questions).toMatchObject({ new: 1, unchanged: 1 });
    expect(second.events.new_question).toBe(1);
    expect(second.baselineEvents).toBe(0);
    expect(store.getSource(`${base}/a.zip`)?.etag).toBe('"2"');
  });

  it('reports HTTP errors and unreachable hosts without throwing, and goes on', async () => {
    routes.set('/q.json', { body: readFileSync(path.join(FIXTURES, 'QANR5L17QE502.json')) });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x.zip`;
    await new Promise((resolve) => closed.close(resolve));

    const s = await run([`${base}/missing.zip`, deadUrl, `${base}/q.json`]);
    expect(s.inputs.map((i) => i.status)).toEqual(['error', 'error', 'read']);
    expect(s.inputs[0]?.message).toBe('téléchargement refusé : HTTP 404');
    expect(s.inputs[1]?.message).toMatch(/^source injoignable/);
    expect(s.questions.new).toBe(1);
    expect(store.getSource(`${base}/missing.zip`)).toBeNull();
  });
});
