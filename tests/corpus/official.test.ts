import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deputiesArchiveUrl, questionArchiveUrl } from '../../src/corpus/official/addresses';
import { formatOfficialReport } from '../../src/corpus/official/formatOfficialReport';
import { loadOfficialCorpus, NotEnoughDiskError } from '../../src/corpus/official/loadOfficialCorpus';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { writeArchive, writeDeputiesHistory } from '../../tools/generator';
import { type CommandResult, runCorpusCommand } from '../support/corpusCommand';
import { startOfficialMirror, type OfficialMirror } from '../support/officialMirror';
import { useTempDirs } from '../ingest/support/tempDir';

const tempDir = useTempDirs();
const SEED = 3;
const PER_LEGISLATURE: Record<number, number> = { 14: 40, 15: 25, 16: 20, 17: 20 };
const TOTAL = Object.values(PER_LEGISLATURE).reduce((s, n) => s + n, 0);

/** Relative paths of the official archives (the mirror's layout is the official one). */
const rel = (url: string) => url.replace('http://x', '').replace(/^\//, '');
const PATHS = {
  deputies: rel(deputiesArchiveUrl('http://x')),
  q: (l: number) => rel(questionArchiveUrl('http://x', l)),
};

let files: Record<string, Buffer>;
let mirror: OfficialMirror;
let dir: string;
let store: QuestionStore;

beforeAll(async () => {
  const d = tempDir();
  files = {};
  for (const [l, count] of Object.entries(PER_LEGISLATURE)) {
    const legislature = Number(l);
    const out = path.join(d, `q${legislature}.zip`);
    await writeArchive({ count, seed: SEED, legislature, out, layout: legislature === 14 ? 'single' : 'per-file' });
    files[PATHS.q(legislature)] = readFileSync(out);
  }
  const amo = path.join(d, 'amo30.zip');
  await writeDeputiesHistory({ seed: SEED, out: amo });
  files[PATHS.deputies] = readFileSync(amo);
});

beforeEach(async () => {
  mirror = await startOfficialMirror();
  for (const [p, body] of Object.entries(files)) mirror.put(p, body);
  dir = tempDir();
  store = openStore(path.join(dir, 'q.db'));
});

afterEach(async () => {
  store.close();
  await mirror.close();
});

const load = (over: { legislatures?: number[]; withDeputies?: boolean } = {}) =>
  loadOfficialCorpus({
    store,
    baseUrl: mirror.base,
    legislatures: over.legislatures ?? [14, 15, 16, 17],
    withDeputies: over.withDeputies ?? true,
    cacheDir: path.join(dir, 'cache'),
    now: new Date('2026-03-03T08:00:00Z'),
  });

/** The real command, the Assemblée's archives only (the Sénat's dump has its own tests: tests/ingest/senatCorpus.e2e.test.ts). */
function runCommand(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCorpusCommand([...args, '--chambres', 'an'], { OPENDATA_URL: mirror.base, ...env });
}

describe('npm run corpus -- officiel', () => {
  it('loads every legislature and the deputies’ history in one command, every author named; a second run downloads nothing', async () => {
    const db = path.join(dir, 'cli.db');
    const first = await runCommand(['officiel', '--db', db]);
    expect(first.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('historique des députés (AMO30) :');
    expect(first.stdout).toContain(`questions écrites, 14e législature : ${PER_LEGISLATURE[14]} questions lues`);
    expect(first.stdout).toMatch(/fichiers ignorés \(organes…\)/);
    expect(first.stdout).toContain('Rejets : 0');
    const check = openStore(db);
    try {
      expect(check.count()).toBe(TOTAL);
      expect(check.legislatures()).toEqual([14, 15, 16, 17]);
      expect(check.unnamedAuthors()).toEqual({ questions: 0, deputies: 0 });
      const q = check.findQuestion(15, 3)!;
      expect(q.author.name).toMatch(/^(M\.|Mme) \S/);
      expect(q.author.department).not.toBeNull();
      expect(q.author.circonscription).toBeGreaterThan(0);
    } finally {
      check.close();
    }

    const bodiesBefore = mirror.requests.filter((r) => r.method === 'GET' && r.status === 200).length;
    const second = await runCommand(['officiel', '--db', db, '--json']);
    expect(second.status).toBe(0);
    const report = JSON.parse(second.stdout) as { archives: Array<{ status: string }>; summary: { read: number } };
    expect(report.archives.map((a) => a.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(report.summary.read).toBe(0);
    expect(mirror.requests.filter((r) => r.method === 'GET' && r.status === 200).length).toBe(bodiesBefore);
  }, 120_000);

  it('refuses to start, in French, when the disk cannot hold the archives and the database', async () => {
    mirror.put(PATHS.q(14), files[PATHS.q(14)]!, { announcedSize: 40 * 1024 ** 4 });
    const r = await runCommand(['officiel', '--db', path.join(dir, 'full.db')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /Espace disque insuffisant : il faut environ [\d\s\u202f,]+ To libres .* sont disponibles dans /,
    );
    expect(mirror.requests.filter((q) => q.method === 'GET')).toEqual([]);
  }, 60_000);
});

describe('loading the official archives', () => {
  it('resumes a cut download with a byte range and loads the archive whole', async () => {
    const size = files[PATHS.q(15)]!.length;
    mirror.cut(PATHS.q(15), Math.floor(size / 3));
    const r = await load();
    const a15 = r.archives.find((a) => a.archive.legislature === 15)!;
    expect(a15.status).toBe('read');
    expect(a15.records).toBe(PER_LEGISLATURE[15]);
    const gets = mirror.requests.filter((q) => q.path === PATHS.q(15) && q.method === 'GET');
    expect(gets.map((g) => g.status)).toEqual([200, 206]);
    expect(gets[1]!.range).toBe(`bytes=${gets[0]!.bytes}-`);
    expect(store.count()).toBe(TOTAL);
  });

  it('keeps a part cut too often and resumes it in the next run', async () => {
    const size = files[PATHS.q(16)]!.length;
    mirror.cut(PATHS.q(16), Math.floor(size / 4), 100);
    const first = await load({ legislatures: [16] });
    expect(first.archives[1]).toMatchObject({ status: 'error' });
    expect(first.archives[1]!.message).toMatch(/^téléchargement interrompu : .*gardés pour reprendre/);
    expect(store.count()).toBe(0);

    mirror.cut(PATHS.q(16), 0, 0);
    const second = await load({ legislatures: [16] });
    expect(second.archives[1]).toMatchObject({ status: 'read', records: PER_LEGISLATURE[16] });
    expect(second.archives[1]!.download!.resumedFrom).toBeGreaterThan(0);
    expect(mirror.requests.at(-1)).toMatchObject({ status: 206 });
  });

  it('rejects a bad archive with its name and reason and loads the others', async () => {
    mirror.put(PATHS.q(16), Buffer.from('<html><body>Maintenance</body></html>'));
    const r = await load();
    const bad = r.archives.find((a) => a.archive.legislature === 16)!;
    expect(bad.status).toBe('error');
    expect(bad.message).toBe('archive zip illisible : le contenu n’est pas une archive zip');
    expect(r.summary.rejected).toContainEqual(
      expect.objectContaining({ file: `${mirror.base}/${PATHS.q(16)}`, category: 'archive zip illisible' }),
    );
    expect(store.legislatures()).toEqual([14, 15, 17]);
    expect(formatOfficialReport(r)).toContain('questions écrites, 16e législature : ÉCHEC — archive zip illisible');
    expect(store.getSource(`${mirror.base}/${PATHS.q(16)}`)).toBeNull();
  });

  it('names the authors when the deputies arrive after their questions, and says how many', async () => {
    const withoutDeputies = await load({ withDeputies: false });
    expect(withoutDeputies.summary.unnamedAuthors.questions).toBe(TOTAL);
    expect(store.findQuestion(17, 1)?.author.name).toBeNull();

    const withDeputies = await load();
    expect(withDeputies.summary.named).toBe(TOTAL);
    expect(withDeputies.summary.unnamedAuthors).toEqual({ questions: 0, deputies: 0 });
    expect(formatOfficialReport(withDeputies)).toContain(`${TOTAL} questions ont reçu le nom de leur auteur`);
    expect(store.findQuestion(17, 1)?.author.name).toMatch(/^(M\.|Mme) /);
  });

  it('counts the organe files of the deputies’ history as skipped, not rejected', async () => {
    const r = await load({ legislatures: [17] });
    expect(r.archives[0]!.ignored).toBeGreaterThan(0);
    expect(r.archives[0]!.rejected).toBe(0);
    expect(r.summary.rejected).toEqual([]);
  });

  it('throws NotEnoughDiskError before downloading anything', async () => {
    mirror.put(PATHS.deputies, files[PATHS.deputies]!, { announcedSize: 40 * 1024 ** 4 });
    await expect(load()).rejects.toBeInstanceOf(NotEnoughDiskError);
    expect(mirror.requests.every((q) => q.method === 'HEAD')).toBe(true);
  });
});
