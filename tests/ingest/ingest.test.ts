import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSeedCorpus, formatSummary, ingest } from '../../src/corpus/ingest';
import { parseSeedPage } from '../../src/corpus/parse/parseSeedPage';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { buildZip, corruptEntry } from './support/buildZip';
import {
  FIXTURES,
  SEEDS,
  SAMPLES,
  fixtureQuestions,
  fixtureRaw,
  renumber,
  writeClonedSingleFile,
} from './support/cloneCorpus';
import { encodeCp1252 } from './support/cp1252';
import { useTempDirs } from './support/tempDir';

const tempDir = useTempDirs();
const DAY1 = new Date('2025-03-04T08:00:00Z');
const DAY2 = new Date('2025-03-11T08:00:00Z');

let store: QuestionStore;
let dir: string;
beforeEach(() => {
  dir = tempDir();
  store = openStore(path.join(dir, 'q.db'));
});
afterEach(() => store.close());

const run = (inputs: string[], now = DAY1) => ingest(inputs, { store, now, cacheDir: path.join(dir, 'cache') });
const seedText = (i: number) => {
  const file = readdirSync(SEEDS).sort()[i]!;
  return readFileSync(path.join(SEEDS, file), 'utf8');
};
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};
const inner = (file: string) => fixtureRaw(file).question as Record<string, unknown>;

describe('ingest: sources', () => {
  it('reads the five shipped seed pages, both layouts', async () => {
    const s = await run([SEEDS]);
    expect(s.questions).toEqual({ read: 5, new: 5, updated: 0, unchanged: 0 });
    expect(s.rejected).toEqual([]);
    expect(store.getQuestion('QANR5L14QE60080')?.source.format).toBe('seed-page-b');
    expect(store.findQuestion(14, 50862)?.author.name).toBe('M. Lionel Tardy');
    expect(store.legislatures()).toEqual([13, 14]);
  });

  it('reads the real open-data question and the real deputy files', async () => {
    const s = await run([path.join(SAMPLES, 'QANR5L17QG1.json'), path.join(SAMPLES, 'acteurs')]);
    const acteurFiles = readdirSync(path.join(SAMPLES, 'acteurs')).length;
    expect(acteurFiles).toBeGreaterThan(600);
    expect(s.acteurs.read).toBe(acteurFiles);
    expect(s.questions.new).toBe(1);
    const q = store.findQuestion(17, 1, 'QG');
    expect(q).toMatchObject({ uid: 'QANR5L17QG1', type: 'QG', status: 'answered' });
    expect(q?.author.group?.abbrev).toBe('RN');
    expect(store.countActeurs()).toBe(acteurFiles);
  });

  it('streams the 14th-legislature single-file layout', async () => {
    const s = await run([path.join(FIXTURES, 'questions_ecrites_XIV.json')]);
    expect(s.questions.new).toBe(3);
    expect(store.getQuestions(['QANR5L14QE100', 'QANR5L14QE101', 'QANR5L14QE102']).map((q) => q.status)).toEqual([
      'answered',
      'pending',
      'withdrawn',
    ]);
  });

  it('reads a folder of one-file-per-question JSON, recursively, skipping hidden files', async () => {
    const folder = path.join(dir, 'json');
    cpSync(FIXTURES, path.join(folder, 'sub'), { recursive: true });
    write('json/.DS_Store', Buffer.from([0, 1, 2, 3]));
    const s = await run([folder]);
    const expected = readdirSync(FIXTURES).length - 1 + fixtureQuestions().length;
    expect(s.questions.new).toBe(expected);
    expect(s.rejected).toEqual([]);
  });

  it('applies deputy files given after the questions to those questions (acteurs first)', async () => {
    await run([path.join(FIXTURES, 'QANR5L17QE502.json'), path.join(SAMPLES, 'acteurs')]);
    expect(store.findQuestion(17, 502)?.author).toMatchObject({
      name: 'Mme Sandrine Le Feur',
      department: 'Finistère',
      circonscription: 4,
    });
    expect(store.eventsSince(0).map((e) => e.kind)).toEqual(['new_question']);
  });

  it('reads zip archives entry by entry and back-fills deputies met after their questions', async () => {
    const zip = path.join(dir, 'Questions_ecrites.json.zip');
    await buildZip(zip, [
      ['json/QANR5L16QE1234.json', readFileSync(path.join(FIXTURES, 'QANR5L16QE1234.json'))],
      ['json/QANR5L17QE502.json', readFileSync(path.join(FIXTURES, 'QANR5L17QE502.json'))],
      ['XIV/Questions_ecrites_XIV.json', readFileSync(path.join(FIXTURES, 'questions_ecrites_XIV.json'))],
      ['acteurs/PA719412.json', readFileSync(path.join(SAMPLES, 'acteurs/PA719412.json'))],
    ]);
    const s = await run([zip]);
    expect(s.questions.new).toBe(5);
    expect(s.acteurs.read).toBe(1);
    expect(store.findQuestion(17, 502)?.author.name).toBe('Mme Sandrine Le Feur');
    expect(store.findQuestion(17, 502)?.source.file).toBe(`${zip}!json/QANR5L17QE502.json`);
  });

  it('recognises content whatever the extension: JSON named .txt, a zip named .bin, a page named .dat', async () => {
    const json = write('misnamed/question.txt', readFileSync(path.join(FIXTURES, 'QANR5L17QE502.json')));
    const zip = path.join(dir, 'misnamed/archive.bin');
    await buildZip(zip, [['QANR5L16QE1234.data', readFileSync(path.join(FIXTURES, 'QANR5L16QE1234.json'))]]);
    const page = write('misnamed/page.dat', seedText(2));
    const s = await run([json, zip, page]);
    expect(s.rejected).toEqual([]);
    expect(store.getQuestions(['QANR5L17QE502', 'QANR5L16QE1234', 'QANR5L14QE60080'])).toHaveLength(3);
  });

  it('rejects XML files with a French reason', async () => {
    const s = await run([write('q.xml', '<?xml version="1.0"?><questionsEcrites/>')]);
    expect(s.rejected[0]?.reason).toMatch(/XML non pris en charge/);
    expect(s.inputs[0]?.status).toBe('error');
  });
});

describe('ingest: bad input never stops the good', () => {
  it('keeps every good record beside truncated, empty, binary, numberless and corrupt inputs', async () => {
    const single = readFileSync(path.join(FIXTURES, 'questions_ecrites_XIV.json'), 'utf8');
    const secondStart = single.indexOf('"uid": "QANR5L14QE101"');
    const truncated = write('bad/truncated_XIV.json', single.slice(0, secondStart + 200));
    const truncatedOne = write(
      'bad/QANR5L16QE1.json',
      readFileSync(path.join(FIXTURES, 'QANR5L16QE1234.json'), 'utf8').slice(0, 300),
    );
    const empty = write('bad/empty.json', '');
    const junk = write('bad/junk.txt', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)));
    const numberless = write(
      'bad/numberless.txt',
      seedText(0)
        .replace('Question écrite n° 50862', 'Question écrite')
        .replace(/Numéro de la question : 50862\n/, ''),
    );
    const cp1252 = write('good/page-cp1252.txt', encodeCp1252(seedText(1)));
    const bomCrlf = write('good/page-bom-crlf.txt', `\uFEFF${seedText(3).replace(/\n/g, '\r\n')}`);
    const zip = path.join(dir, 'mixed.zip');
    await buildZip(zip, [
      ['json/QANR5L16QE1234.json', readFileSync(path.join(FIXTURES, 'QANR5L16QE1234.json'))],
      ['json/QANR5L16QE1235.json', readFileSync(path.join(FIXTURES, 'QANR5L16QE1235.json'))],
      ['json/QANR5L16QE1236.json', readFileSync(path.join(FIXTURES, 'QANR5L16QE1236.json'))],
    ]);
    writeFileSync(zip, corruptEntry(readFileSync(zip), 'json/QANR5L16QE1235.json'));

    const s = await run([truncated, truncatedOne, empty, junk, numberless, cp1252, bomCrlf, zip]);

    // good: the first question of the truncated file, both re-encoded pages, two of the three zip entries
    expect(store.getQuestion('QANR5L14QE100')).not.toBeNull();
    expect(store.getQuestion('QANR5L14QE101')).toBeNull();
    expect(store.getQuestions(['QANR5L16QE1234', 'QANR5L16QE1236']).length).toBe(2);
    expect(store.getQuestion('QANR5L16QE1235')).toBeNull();
    expect(s.questions.new).toBe(5);

    const byFile = new Map(s.rejected.map((r) => [r.file, r.reason]));
    expect(byFile.get(truncated)).toMatch(/^JSON invalide ou tronqué : arrêt après 1 question :/);
    expect(byFile.get(truncatedOne)).toMatch(/^JSON invalide ou tronqué/);
    expect(byFile.get(empty)).toBe('fichier vide');
    expect(byFile.get(junk)).toMatch(/^contenu illisible/);
    expect(byFile.get(numberless)).toMatch(/^page de question invalide : numéro de question absent/);
    expect(byFile.get(`${zip}!json/QANR5L16QE1235.json`)).toBeDefined();
    expect(s.rejected).toHaveLength(6);
    expect(s.rejectedByCategory.find((g) => g.category === 'JSON invalide ou tronqué')?.count).toBe(2);
    expect(s.inputs.filter((i) => i.status === 'error').map((i) => i.input)).toEqual([
      truncatedOne,
      empty,
      junk,
      numberless,
    ]);
    expect(formatSummary(s)).toContain('Rejets : 6');
  });

  it('keeps every question before the break of a large truncated single-file archive', async () => {
    const full = path.join(dir, 'full.json');
    await writeClonedSingleFile(full, 2000, { legislature: 14, start: 1 });
    const bytes = readFileSync(full);
    const cut = Math.floor(bytes.length * 0.6);
    const complete = bytes.subarray(0, cut).toString('utf8').split('\n').length - 2; // header line + cut line
    const truncated = write('Questions_ecrites_XIV.json', bytes.subarray(0, cut));
    const s = await ingest([truncated], { store, now: DAY1, batchSize: 64 });
    expect(complete).toBeGreaterThan(1000);
    expect(store.count()).toBe(complete);
    expect(store.findQuestion(14, complete)).not.toBeNull();
    expect(store.findQuestion(14, complete + 1)).toBeNull();
    expect(s.rejected[0]?.reason).toMatch(new RegExp(`arrêt après ${complete} questions`));
  });

  it('reads a Windows-1252 page and a BOM + CRLF page exactly like the UTF-8 original', async () => {
    const cp1252 = write('page-cp1252.txt', encodeCp1252(seedText(1)));
    const bomCrlf = write('page-bom-crlf.txt', `\uFEFF${seedText(3).replace(/\n/g, '\r\n')}`);
    await run([cp1252, bomCrlf]);
    for (const [file, i] of [
      [cp1252, 1],
      [bomCrlf, 3],
    ] as const) {
      const expected = parseSeedPage(seedText(i), file);
      if (!expected.ok) throw new Error(expected.reason);
      expect(store.getQuestion(expected.value.uid)).toEqual(expected.value);
    }
  });

  it('rejects a zip whose directory is unreadable and goes on with the next input', async () => {
    const broken = write('broken.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]));
    const s = await run([broken, path.join(FIXTURES, 'QANR5L17QE502.json')]);
    expect(s.rejected[0]).toMatchObject({ file: broken, category: 'archive zip illisible' });
    expect(s.questions.new).toBe(1);
  });

  it('reports a missing path without throwing', async () => {
    const s = await run([path.join(dir, 'absent.json')]);
    expect(s.inputs[0]).toMatchObject({ status: 'error', message: 'fichier ou dossier introuvable' });
  });
});

describe('ingest: updates, events and baseline', () => {
  /** Day 1 of a 16th/17th-legislature feed as per-question files. */
  function writeDay(folder: string, questions: Array<Record<string, unknown>>) {
    for (const q of questions) write(`${folder}/${String(q.uid)}.json`, JSON.stringify({ question: q }));
    return path.join(dir, folder);
  }

  it('is idempotent: the same input twice leaves everything unchanged', async () => {
    const inputs = [SEEDS, FIXTURES, SAMPLES];
    const first = await run(inputs);
    const rev = store.revision();
    const events = store.maxEventId();
    const second = await run(inputs, DAY2);
    expect(second.questions).toEqual({
      read: first.questions.read,
      new: 0,
      updated: 0,
      unchanged: first.questions.read,
    });
    expect(second.acteurs.changed).toBe(0);
    expect(store.revision()).toBe(rev);
    expect(store.maxEventId()).toBe(events);
  });

  it('records new questions, answers, transfers and withdrawals of a newer version, not as baseline', async () => {
    const q502 = inner('QANR5L17QE502.json');
    const q1235 = inner('QANR5L16QE1235.json');
    const q1234 = inner('QANR5L16QE1234.json');
    const day1 = await run([writeDay('day1', [q502, q1235, q1234])]);
    expect(day1.baselineLegislatures).toEqual([16, 17]);
    expect(day1.baselineEvents).toBe(Object.values(day1.events).reduce((a, b) => a + b, 0));

    const answered = structuredClone(q502);
    answered.textesReponse = {
      texteReponse: {
        infoJO: { typeJO: 'JO_QUESTION', dateJO: '2025-03-11', pageJO: '1500', numJO: '10' },
        texte: '<p>Le Gouvernement est pleinement mobilisé sur ce sujet.</p>',
      },
    };
    answered.cloture = { codeCloture: 'REP_PUB', libelleCloture: 'Réponse publiée', dateCloture: '2025-03-11' };
    const transferred = structuredClone(q1235);
    const attribs = (transferred.minAttribs as { minAttrib: unknown[] }).minAttrib;
    attribs.push({
      infoJO: { typeJO: 'JO_QUESTION', dateJO: '2025-03-11', pageJO: null, numJO: null },
      denomination: { organeRef: 'PO900001', abrege: 'Travail', developpe: 'Ministère du travail' },
    });
    const withdrawn = structuredClone(q1234);
    withdrawn.textesReponse = null;
    withdrawn.cloture = { codeCloture: 'RET', libelleCloture: 'Retirée', dateCloture: '2025-03-10' };
    const fresh = renumber(q502, 17, 503);

    const before = store.maxEventId();
    const day2 = await run([writeDay('day2', [answered, transferred, withdrawn, fresh])], DAY2);
    expect(day2.questions).toMatchObject({ new: 1, updated: 3, unchanged: 0 });
    expect(day2.baselineEvents).toBe(0);
    const events = store.eventsSince(before).sort((a, b) => a.uid.localeCompare(b.uid)); // files are read by name
    expect(events.map((e) => [e.uid, e.kind, e.baseline])).toEqual([
      ['QANR5L16QE1234', 'closed', false],
      ['QANR5L16QE1235', 'transfer', false],
      ['QANR5L17QE502', 'new_answer', false],
      ['QANR5L17QE503', 'new_question', false],
    ]);
    expect(events[0]?.detail).toMatchObject({ label: 'Retirée', date: '2025-03-10' });
    expect(events[1]?.detail).toMatchObject({ to: 'Travail', date: '2025-03-11' });
    expect(events.every((e) => e.seenAt === DAY2.toISOString())).toBe(true);
  });

  it('treats a legislature known only from seed pages as a back-fill (baseline)', async () => {
    await run([SEEDS]);
    const before = store.maxEventId();
    const s = await run([path.join(FIXTURES, 'questions_ecrites_XIV.json')], DAY2);
    expect(s.baselineLegislatures).toEqual([14]);
    expect(store.eventsSince(before).every((e) => e.baseline)).toBe(true);
  });

  it('keeps the baseline of a legislature whose first import was interrupted', async () => {
    // a run that committed one batch of the 17th legislature, then died before finishing
    await ingest([path.join(FIXTURES, 'QANR5L17QE502.json')], { store, now: DAY1 });
    store.setMeta('ingest_baseline_pending', '[17]');
    const before = store.maxEventId();
    const s = await run([writeDay('rest', [renumber(inner('QANR5L17QE502.json'), 17, 600)])], DAY1);
    expect(s.baselineEvents).toBe(1);
    expect(store.eventsSince(before)[0]?.baseline).toBe(true);
    expect(store.getMeta('ingest_baseline_pending')).toBeNull();
    // the next run is a normal one
    const next = await run([writeDay('next', [renumber(inner('QANR5L17QE502.json'), 17, 601)])], DAY2);
    expect(next.baselineEvents).toBe(0);
  });

  it('commits in batches and reports the counts and the last ingest date', async () => {
    const file = path.join(dir, 'big.json');
    const uids = await writeClonedSingleFile(file, 1234, { legislature: 15, start: 10 });
    const s = await ingest([file], { store, now: DAY1, batchSize: 100 });
    expect(s.questions.new).toBe(1234);
    expect(store.count()).toBe(1234);
    expect(store.getQuestion(uids[1233]!)?.number).toBe(1243);
    expect(store.stats().lastIngestAt).toBe(DAY1.toISOString());
  });
});

describe('ensureSeedCorpus', () => {
  it('ingests the seeds into an empty store only', async () => {
    const first = await ensureSeedCorpus(store, SEEDS, DAY1);
    expect(first?.questions.new).toBe(5);
    expect(await ensureSeedCorpus(store, SEEDS, DAY2)).toBeNull();
    expect(store.count()).toBe(5);
  });
});
