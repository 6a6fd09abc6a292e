/**
 * Test corpora for the bot: a real SQLite store in a temp dir holding the 5 shipped seed pages, optionally
 * generated questions (with their deputies, so authors have names) and hand-made questions (long texts,
 * "@everyone" in the corpus...).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeUid, type Question, senatQuestionUrl } from '../../src/corpus/types';
import { ingest } from '../../src/corpus/ingest';
import { generateActeurs, generateQuestions } from '../../tools/generator';
import { parseActeur } from '../../src/corpus/parse/parseActeur';
import { parseOpenDataQuestion } from '../../src/corpus/parse/parseOpenDataQuestion';
import { openStore } from '../../src/store/openStore';
import type { QuestionStore } from '../../src/store/QuestionStore';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEEDS_DIR = path.join(REPO, 'data/seeds');

export function tempDir(prefix = 'bot-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CorpusOptions {
  dbPath: string;
  seeds?: boolean;
  generated?: number;
  seed?: number;
  legislature?: number;
  extra?: Question[];
  now?: Date;
}

export async function buildCorpus(opts: CorpusOptions): Promise<QuestionStore> {
  const store = openStore(opts.dbPath);
  const now = opts.now ?? new Date('2025-06-01T08:00:00Z');
  if (opts.seeds !== false) await ingest([SEEDS_DIR], { store, now });
  if (opts.generated) {
    const legislature = opts.legislature ?? 16;
    const seed = opts.seed ?? 7;
    const acteurs = generateActeurs({ seed, legislature })
      .map((a) => parseActeur(a))
      .flatMap((r) => (r.ok ? [r.value] : []));
    store.upsertActeurs(acteurs, now.toISOString());
    let batch: Question[] = [];
    for (const raw of generateQuestions({ count: opts.generated, seed, legislature })) {
      const r = parseOpenDataQuestion(raw, 'generated');
      if (r.ok) batch.push(r.value);
      if (batch.length >= 1000) {
        store.upsertQuestions(batch, { seenAt: now.toISOString() });
        batch = [];
      }
    }
    if (batch.length) store.upsertQuestions(batch, { seenAt: now.toISOString() });
  }
  if (opts.extra?.length) store.upsertQuestions(opts.extra, { seenAt: now.toISOString() });
  return store;
}

/** A realistic hand-made question with overridable parts. */
export function makeQuestion(over: Partial<Question> & { number: number; legislature?: number }): Question {
  const legislature = over.legislature ?? 15;
  const uid = `QANR5L${legislature}QE${over.number}`;
  const justice = { name: 'Justice', fullName: 'Ministère de la justice', organeRef: null };
  return {
    uid,
    chamber: 'an',
    legislature,
    type: 'QE',
    author: {
      name: 'Mme Camille Dupont-Aignan',
      civility: 'Mme',
      fullName: 'Camille Dupont-Aignan',
      acteurRef: 'PA999001',
      mandatRef: null,
      group: { name: 'Groupe de test', abbrev: 'GT', organeRef: null },
      department: 'Ardèche',
      departmentNumber: '07',
      circonscription: 1,
    },
    rubrique: 'justice',
    teteAnalyse: 'tribunaux',
    analyses: ['carte judiciaire'],
    ministryAsked: justice,
    ministryAssigned: justice,
    ministryHistory: [{ ministry: justice, date: '2019-03-05' }],
    question: {
      text: 'Mme Camille Dupont-Aignan attire l’attention de Mme la garde des sceaux sur la carte judiciaire.',
      joDate: '2019-03-05',
      joPage: '2001',
    },
    answer: null,
    status: 'pending',
    closure: null,
    url: `https://www.assemblee-nationale.fr/dyn/${legislature}/questions/${uid}`,
    source: { file: 'tests', format: 'opendata-json' },
    ...over,
  };
}

/**
 * A hand-made Sénat question (issue 18), as the Sénat's dump gives it: a senator known by name only (no acteurRef),
 * the group, the département, the senat.fr page. Overrides as for `makeQuestion`.
 */
export function makeSenatQuestion(over: Partial<Question> & { number: number; legislature?: number }): Question {
  const legislature = over.legislature ?? 16;
  const joDate = over.question?.joDate ?? '2023-03-09';
  return makeQuestion({
    uid: makeUid(legislature, 'QE', over.number, 'senat'),
    chamber: 'senat',
    legislature,
    author: {
      name: 'Mme Nathalie Goulet',
      civility: 'Mme',
      fullName: 'Nathalie Goulet',
      acteurRef: null,
      mandatRef: null,
      group: { name: 'Union Centriste', abbrev: 'UC', organeRef: null },
      department: 'Orne',
      departmentNumber: '61',
      circonscription: null,
    },
    question: {
      text: 'Mme Nathalie Goulet attire l’attention de M. le ministre sur la situation des tribunaux.',
      joDate,
      joPage: '1500',
    },
    url: senatQuestionUrl(over.number, joDate),
    source: { file: 'tests', format: 'senat-dump' },
    ...over,
  });
}

/** About `words` words of plausible French administrative prose. */
export function longText(words: number, seed = 1): string {
  const vocab =
    "le ministère de la justice rappelle que la procédure d'entraide pénale internationale relève des autorités judiciaires compétentes et que les juridictions spécialisées disposent des moyens nécessaires pour traiter les demandes relatives à la cybercriminalité dans le respect des conventions".split(
      ' ',
    );
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(vocab[x % vocab.length] as string);
    if (i % 17 === 16) out[out.length - 1] += '.';
  }
  return out.join(' ');
}
