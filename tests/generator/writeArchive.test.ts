import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import {
  generateQuestions,
  planEvolution,
  writeArchive,
  writeDeputiesHistory,
  type OfficialQuestion,
} from '../../tools/generator';
import { parseActeur } from '../../src/corpus/parse/parseActeur';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gen-archive-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every entry of a zip, read with yauzl (the library the ingest uses). */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const opts = { count: 120, seed: 17, legislatures: [14, 17] };
const expected = (): OfficialQuestion[] => [...generateQuestions(opts)];

describe('writeArchive', () => {
  it('writes the single-file layout as one JSON document holding every question', async () => {
    const out = path.join(dir, 'single.json');
    const result = await writeArchive({ ...opts, out, layout: 'single' });
    const parsed = JSON.parse(await readFile(out, 'utf8')) as { questionsEcrites: { question: OfficialQuestion[] } };
    expect(parsed.questionsEcrites.question).toEqual(expected());
    expect(result).toMatchObject({ questions: 120, zipped: false, layout: 'single' });
    expect(result.jsonBytes).toBe(result.diskBytes);
  });

  it('writes byte-identical files for the same seed, different ones for another seed', async () => {
    for (const [name, layout] of [
      ['a.json', 'single'],
      ['a.zip', 'single'],
      ['p.zip', 'per-file'],
    ] as const) {
      const first = path.join(dir, `1-${name}`);
      const second = path.join(dir, `2-${name}`);
      const other = path.join(dir, `3-${name}`);
      await writeArchive({ ...opts, out: first, layout });
      await writeArchive({ ...opts, out: second, layout });
      await writeArchive({ ...opts, seed: 18, out: other, layout });
      const [a, b, c] = await Promise.all([readFile(first), readFile(second), readFile(other)]);
      expect(a.equals(b)).toBe(true);
      expect(a.equals(c)).toBe(false);
    }
  });

  it('writes a single-layout zip with one entry readable by yauzl', async () => {
    const out = path.join(dir, 'Questions_ecrites_XIV.json.zip');
    const result = await writeArchive({ ...opts, out, layout: 'single' });
    const entries = await readZip(out);
    expect([...entries.keys()]).toEqual(['Questions_ecrites_XIV.json']);
    const doc = JSON.parse(entries.get('Questions_ecrites_XIV.json')!.toString('utf8'));
    expect(doc.questionsEcrites.question).toEqual(expected());
    expect(result.diskBytes).toBeLessThan(result.jsonBytes / 2);
  });

  it('writes a per-file zip with one json/<uid>.json entry per question', async () => {
    const out = path.join(dir, 'Questions_ecrites.json.zip');
    await writeArchive({ ...opts, out, layout: 'per-file' });
    const entries = await readZip(out);
    const questions = expected();
    expect([...entries.keys()]).toEqual(questions.map((q) => `json/${q.uid}.json`));
    const first = JSON.parse(entries.get(`json/${questions[0]!.uid}.json`)!.toString('utf8'));
    expect(first).toEqual({ question: questions[0] });
  });

  it('writes a per-file folder and the matching deputy files', async () => {
    const out = path.join(dir, 'folder');
    const acteursOut = path.join(dir, 'acteurs');
    const result = await writeArchive({ ...opts, out, layout: 'per-file', acteursOut });
    const files = (await readdir(path.join(out, 'json'))).sort();
    const questions = expected();
    expect(files).toEqual(questions.map((q) => `${q.uid}.json`).sort());
    const acteurs = new Set(await readdir(acteursOut));
    expect(result.acteurs).toBe(acteurs.size);
    for (const q of questions) expect(acteurs.has(`${q.auteur.identite.acteurRef}.json`)).toBe(true);
  });

  it('writes the deputy files into a zip when asked', async () => {
    const acteursOut = path.join(dir, 'acteurs.zip');
    const result = await writeArchive({
      count: 3,
      seed: 1,
      out: path.join(dir, 'small.json'),
      layout: 'single',
      acteursOut,
    });
    const entries = await readZip(acteursOut);
    expect(entries.size).toBe(result.acteurs);
    expect([...entries.keys()].every((k) => /^acteur\/PA\d+\.json$/.test(k))).toBe(true);
  });

  it('writes the questions it is given, such as day 2 of an evolution', async () => {
    const plan = planEvolution({ count: 50, seed: 3 }, { newQuestions: 2, newAnswers: 1 });
    const out = path.join(dir, 'day2.zip');
    const result = await writeArchive({ count: 50, seed: 3, out, layout: 'per-file', questions: plan.day2Questions });
    expect(result.questions).toBe(52);
    const entries = await readZip(out);
    for (const uid of plan.changes.newQuestions) expect(entries.has(`json/${uid}.json`)).toBe(true);
  });
});

describe('npm run gen-corpus', () => {
  it('writes the archive and prints what it wrote, in French', () => {
    const out = path.join(dir, 'cli.zip');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/gen-corpus.ts',
        '--count',
        '30',
        '--out',
        out,
        '--seed',
        '4',
        '--legislature',
        '16',
        '--day2',
        'new=2,answers=1',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^32 questions écrites dans .*cli\.zip \(fichier unique, zip/m);
    expect(r.stdout).toMatch(/nouvelles questions \(2\) : QANR5L16QE31 QANR5L16QE32/);
  });

  it('explains a wrong option in French and exits with code 2', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/gen-corpus.ts', '--count', 'abc', '--out', path.join(dir, 'x.json')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--count attend un entier positif/);
  });
});

describe('the deputies’ history in the AMO30 layout', () => {
  it('writes acteur/PA*.json and organe/PO*.json, the same bytes for the same seed, padded to the acteurs asked', async () => {
    const a = path.join(dir, 'amo-a.zip');
    const b = path.join(dir, 'amo-b.zip');
    const written = await writeDeputiesHistory({ seed: 4, legislatures: [17], out: a, acteurs: 700 });
    await writeDeputiesHistory({ seed: 4, legislatures: [17], out: b, acteurs: 700 });
    expect(await readFile(a)).toEqual(await readFile(b));
    const entries = await readZip(a);
    const names = [...entries.keys()];
    expect(names.filter((n) => /^acteur\/PA\d+\.json$/.test(n))).toHaveLength(700);
    expect(names.filter((n) => /^organe\/PO\d+\.json$/.test(n))).toHaveLength(written.organes);
    expect(names).toHaveLength(700 + written.organes);
    expect(written.deputies).toBeLessThan(700);
    const deputy = parseActeur(JSON.parse(entries.get(names[0]!)!.toString('utf8')));
    expect(deputy.ok && deputy.value.mandates.some((m) => m.typeOrgane === 'ASSEMBLEE' && m.legislature === 17)).toBe(
      true,
    );
  }, 60_000);
});
