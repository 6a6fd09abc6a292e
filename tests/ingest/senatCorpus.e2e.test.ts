/**
 * Done-when of issue 18 (ingest side): `npm run corpus -- officiel --chambres senat` with SENAT_URL on a loopback
 * server serving a generated dump in the documented layout (tools/generator/senatDump.ts: every quirk) loads every
 * written question with every field right; a second run downloads nothing; a changed dump writes only what
 * changed, with its events. The test calls what scripts/corpus.ts calls: parseCorpusChoice, then loadOfficialCorpus.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { questionArchiveUrl } from '../../src/corpus/official/addresses';
import { parseCorpusChoice } from '../../src/corpus/official/corpusArgs';
import { loadOfficialCorpus } from '../../src/corpus/official/loadOfficialCorpus';
import { makeUid, type Question } from '../../src/corpus/types';
import { runRefresh } from '../../src/digest/refresh';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { foldKey } from '../../src/text/fold';
import { htmlToText, normalizeSpaces } from '../../src/text/htmlToText';
import { senatQuestions, writeArchive, writeSenatDump, type SenatGenerated } from '../../tools/generator';
import { type CommandResult, runCorpusCommand } from '../support/corpusCommand';
import { startOfficialMirror, type OfficialMirror } from '../support/officialMirror';
import { useTempDirs } from './support/tempDir';

const tempDir = useTempDirs();
const SEED = 11;
const COUNT = 70;
const SENAT_PATH = 'data/questions/questions.zip';
const AN17_PATH = questionArchiveUrl('http://x', 17).replace('http://x/', '');

let rows: SenatGenerated[];
let dump: Buffer;
let an17: Buffer;
let mirror: OfficialMirror;
let dir: string;
let store: QuestionStore;

async function dumpOf(questions: SenatGenerated[]): Promise<Buffer> {
  const out = path.join(tempDir(), 'questions.zip');
  await writeSenatDump({ count: 0, seed: SEED, out, questions });
  return readFileSync(out);
}

beforeAll(async () => {
  rows = [...senatQuestions({ count: COUNT, seed: SEED, legislatures: [16, 17] })];
  dump = await dumpOf(rows);
  const out = path.join(tempDir(), 'an17.zip');
  await writeArchive({ count: 30, seed: SEED, legislature: 17, out, layout: 'per-file' });
  an17 = readFileSync(out);
});

beforeEach(async () => {
  mirror = await startOfficialMirror();
  mirror.put(SENAT_PATH, dump);
  mirror.put(AN17_PATH, an17);
  dir = tempDir();
  store = openStore(path.join(dir, 'q.db'));
});

afterEach(async () => {
  store.close();
  await mirror.close();
});

const senatUrl = () => `${mirror.base}/${SENAT_PATH}`;

/** What `npm run corpus -- officiel [--chambres …] [--legislatures …]` does with these arguments. */
function corpus(args: { chambres?: string; legislatures?: string } = {}) {
  const choice = parseCorpusChoice(args.chambres, args.legislatures);
  if (!choice.ok) throw new Error(choice.problem);
  return loadOfficialCorpus({
    store,
    baseUrl: mirror.base,
    legislatures: choice.legislatures,
    chambers: choice.chambers,
    senatUrl: senatUrl(),
    withDeputies: false,
    cacheDir: path.join(dir, 'cache'),
    now: new Date('2026-03-03T08:00:00Z'),
  });
}

const uidOf = (g: SenatGenerated) => makeUid(Number(g.question.legislature), 'QE', Number(g.question.numero), 'senat');
const gets = () => mirror.requests.filter((r) => r.method === 'GET' && r.status === 200).length;

/** The status a label means, read as words (the test's own reading of the labels the generator writes). */
const STATUS_OF_LABEL: Record<string, Question['status']> = {
  'En cours': 'pending',
  'Réponse du ministère': 'answered',
  Retirée: 'withdrawn',
  Caduque: 'withdrawn',
  'Transformée en question orale': 'pending',
};

/** The real command, against the loopback mirror. */
function runCommand(args: string[]): Promise<CommandResult> {
  return runCorpusCommand(args, { SENAT_URL: senatUrl(), OPENDATA_URL: mirror.base });
}

describe('npm run corpus -- officiel --chambres senat', () => {
  it('runs as a command: SENAT_URL read, --chambres and --legislatures understood, a bad choice refused in French', async () => {
    const db = path.join(dir, 'cli.db');
    const r = await runCommand(['officiel', '--chambres', 'senat', '--legislatures', '16-17', '--db', db]);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`questions écrites du Sénat (data.senat.fr) : ${COUNT} questions lues`);
    expect(r.stdout).toContain(`sources : ${senatUrl()}`);
    const bad = await runCommand(['officiel', '--chambres', 'cour', '--db', db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--chambres : « an », « senat » ou « an,senat » (reçu « cour »).');
  }, 60_000);

  it('loads every written question of the dump with its author, group, dates, ministries, themes, status and answer text; a second run downloads nothing', async () => {
    const first = await corpus({ chambres: 'senat' });
    expect(first.archives.map((a) => [a.archive.chamber, a.status, a.records])).toEqual([['senat', 'read', COUNT]]);
    // The two malformed rows are reported with their table and line; oral questions are skipped, not rejected.
    expect(first.summary.rejected.map((r) => r.file.replace(/^.*#/, ''))).toEqual([
      expect.stringMatching(/^tam_questions:\d+$/),
      expect.stringMatching(/^tam_reponses:\d+$/),
    ]);
    expect(first.summary.rejected[0]?.reason).toMatch(/4 colonnes au lieu de 17/);
    expect(first.archives[0]?.ignored).toBe(Math.floor(COUNT / 7));
    expect(store.count()).toBe(COUNT);

    let answered = 0;
    let withdrawn = 0;
    for (const g of rows) {
      const q = store.getQuestion(uidOf(g));
      expect(q, uidOf(g)).not.toBeNull();
      if (!q) continue;
      const row = g.question;
      expect(q.chamber).toBe('senat');
      expect(q.legislature).toBe(Number(row.legislature));
      expect(q.number).toBe(Number(row.numero));
      const civility = row.codequalite === 'M.' || row.codequalite === 'M' ? 'M.' : 'Mme';
      expect(foldKey(q.author.name ?? '')).toBe(foldKey(`${civility} ${row.prenom} ${row.nom}`));
      expect(q.author.name).not.toContain(row.nom?.toUpperCase() === row.nom ? (row.nom ?? '') : '\u0000');
      expect(q.author.group?.name).toBe(row.groupe);
      expect(q.author.department).toBe(row.circonscription);
      expect(q.question?.joDate).toBe(row.datejodepot?.slice(0, 10));
      expect(q.teteAnalyse).toBe(row.titre);
      expect(q.analyses).toEqual(g.themeLabels);
      expect(q.rubrique).toBe(g.themeLabels[0]);
      expect(q.ministryAsked?.name).toBe(row.mindepotlib);
      expect(q.ministryAssigned?.name).toBe(g.answer?.minreplib ?? row.minreplib1 ?? row.mindepotlib);
      expect(q.question?.text).toBe(normalizeSpaces(row.txtque ?? '').replace(/\n+/g, '\n\n'));
      expect(q.status).toBe(STATUS_OF_LABEL[g.statusLabel]);
      if (g.answer) {
        answered++;
        const raw = g.answer.txtrep ?? '';
        expect(q.answer?.text).toBe(
          raw.startsWith('<') ? htmlToText(raw) : normalizeSpaces(raw).replace(/\n+/g, '\n\n'),
        );
        expect(q.answer?.joDate).toBe(g.answer.datejorep?.slice(0, 10));
      } else expect(q.answer).toBeNull();
      if (q.status === 'withdrawn') {
        withdrawn++;
        expect(q.closure?.label).toBe(g.statusLabel);
      }
      const [year, month] = (row.datejodepot ?? '').split('-');
      expect(q.url).toBe(`https://www.senat.fr/questions/base/${year}/qSEQ${year?.slice(2)}${month}${row.numero}.html`);
      expect(q.source.format).toBe('senat-dump');
    }
    // The generated dump covers each case, escapes included (a backslash and a percent sign survive).
    expect(answered).toBeGreaterThan(10);
    expect(withdrawn).toBeGreaterThan(0);
    expect(rows.some((g) => g.question.txtque?.includes('C:\\dossiers'))).toBe(true);
    expect(rows.some((g) => g.question.txtque?.includes('%'))).toBe(true);
    // The first import of the Sénat is baseline: nothing of it will be posted.
    expect(first.summary.baselineEvents).toBe(Object.values(first.summary.events).reduce((s, n) => s + n, 0));

    const before = gets();
    const second = await corpus({ chambres: 'senat' });
    expect(second.archives.map((a) => a.status)).toEqual(['unchanged']);
    expect(second.summary.read).toBe(0);
    expect(gets()).toBe(before);
  }, 60_000);

  it('re-reads a changed dump in the daily refresh and writes only the changed questions, recording new question, answer, withdrawal and transfer', async () => {
    await corpus({ chambres: 'senat' });
    const pending = rows.filter((g) => g.statusLabel === 'En cours' && !g.answer && g.question.minreplib1 === null);
    expect(pending.length).toBeGreaterThanOrEqual(3);
    const [toAnswer, toWithdraw, toTransfer] = pending as [SenatGenerated, SenatGenerated, SenatGenerated];
    const last = rows[rows.length - 1]!;
    const fresh: SenatGenerated = {
      ...last,
      question: {
        ...last.question,
        id: '5000000',
        sorquecod: '1',
        minreplib1: null,
        numero: String(Number(last.question.numero) + 1).padStart(5, '0'),
      },
      answer: null,
      statusLabel: 'En cours',
    };
    const changed = rows.map((g): SenatGenerated => {
      if (g === toAnswer)
        return {
          ...g,
          question: { ...g.question, sorquecod: '2' },
          statusLabel: 'Réponse du ministère',
          answer: {
            idque: g.question.id,
            minreplib: g.question.mindepotlib,
            datejorep: '2026-02-24 00:00:00',
            txtrep: 'Le Gouvernement\\ répond.\tVoilà.',
          },
        };
      if (g === toWithdraw) return { ...g, question: { ...g.question, sorquecod: '3' }, statusLabel: 'Retirée' };
      if (g === toTransfer) return { ...g, question: { ...g.question, minreplib1: 'Ministère des armées' } };
      return g;
    });
    mirror.put(SENAT_PATH, await dumpOf([...changed, fresh]));

    const written: string[] = [];
    const r = await runRefresh({
      store,
      url: `${mirror.base}/${AN17_PATH}`,
      senatUrl: senatUrl(),
      now: new Date('2026-03-04T06:30:00Z'),
      cacheDir: path.join(dir, 'cache'),
      runIn: 'child', // as the bot's scheduler runs it
    });
    written.push(...r.changedUids.filter((u) => u.startsWith('QSEN')));
    expect(r.ok).toBe(true);
    expect(r.summary?.inputs.map((i) => i.status)).toEqual(['read', 'read']);
    expect(written.sort()).toEqual([toAnswer, toWithdraw, toTransfer, fresh].map(uidOf).sort());
    const senatEvents = store
      .eventsSince(0, 100_000)
      .filter((e) => e.seenAt === '2026-03-04T06:30:00.000Z' && e.uid.startsWith('QSEN'));
    expect(senatEvents.map((e) => [e.uid, e.kind, e.baseline]).sort()).toEqual(
      [
        [uidOf(fresh), 'new_question', false],
        [uidOf(toAnswer), 'new_answer', false],
        [uidOf(toWithdraw), 'closed', false],
        [uidOf(toTransfer), 'transfer', false],
      ].sort(),
    );
    expect(store.getQuestion(uidOf(toAnswer))?.answer?.text).toBe('Le Gouvernement\\ répond. Voilà.');
    expect(store.getQuestion(uidOf(toTransfer))?.ministryAssigned?.name).toBe('Ministère des armées');
  }, 60_000);

  it('leaves the Sénat out of the daily refresh until Sénat questions are loaded', async () => {
    const r = await runRefresh({
      store,
      url: `${mirror.base}/${AN17_PATH}`,
      senatUrl: senatUrl(),
      now: new Date('2026-03-04T06:30:00Z'),
      cacheDir: path.join(dir, 'cache'),
    });
    expect(r.ok).toBe(true);
    expect(r.summary?.inputs.map((i) => i.input)).toEqual([`${mirror.base}/${AN17_PATH}`]);
    expect(mirror.requests.filter((q) => q.path === SENAT_PATH)).toEqual([]);
  }, 60_000);

  it('loads both chambers by default; the Sénat’s first import is baseline even where the Assemblée’s legislature is held', async () => {
    const an = await corpus({ chambres: 'an', legislatures: '17' });
    expect(an.archives.map((a) => [a.archive.chamber, a.status])).toEqual([['an', 'read']]);
    const both = await corpus({ legislatures: '17' });
    expect(both.archives.map((a) => [a.archive.chamber, a.status])).toEqual([
      ['an', 'unchanged'],
      ['senat', 'read'],
    ]);
    const senat17 = rows.filter((g) => g.question.legislature === '17');
    expect(both.summary.questions.new).toBe(senat17.length);
    expect(both.summary.baselineEvents).toBe(Object.values(both.summary.events).reduce((s, n) => s + n, 0));
    // Same legislature and number in both chambers: two questions.
    const n = Number(senat17[0]!.question.numero);
    expect(store.findQuestion(17, n)?.chamber).toBe('an');
    expect(store.findQuestion(17, n, 'QE', 'senat')?.chamber).toBe('senat');
    // Asking for older legislatures later reads the unchanged dump again.
    const more = await corpus({ chambres: 'senat', legislatures: '16-17' });
    expect(more.archives.map((a) => a.status)).toEqual(['read']);
    expect(store.count()).toBe(30 + COUNT);
  }, 60_000);
});
