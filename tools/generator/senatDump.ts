/**
 * A synthetic Sénat questions database in the documented layout (data-formats §7): a zip holding ONE PostgreSQL
 * plain dump, with every quirk the reader must survive:
 * - SET / CREATE / ALTER statements and `--` comments around the data; tables in pg_dump's name order
 *   (etaquestion, sortquestion, tam_questions, tam_reponses, the), so answers and themes come after questions;
 * - the schema prefix on some COPY headers and not on others; tam_questions' columns in another order than §7's,
 *   with an unknown extra column (`datemaj`) and without the optional `datejorep1`; an unknown table (etaquestion);
 * - COPY escapes of every kind in texts (\n, \t, \r, \f, \\, octal and hex UTF-8 bytes, other backslashed
 *   characters), `\N` nulls, numbers with leading zeros (`01380`);
 * - rows to skip: oral questions (QOSD, QG) beside the written ones, one malformed row in tam_questions (wrong
 *   column count) and one in tam_reponses (a backslash ending the line);
 * - statuses « En cours », « Réponse du ministère », « Retirée », « Caduque », « Transformée en question orale »,
 *   and one to three themes per question.
 *
 * The content comes from the Assemblée generator (texts, ministries, dates, statuses), re-dressed as the Sénat's.
 * Deterministic: the same options give the same bytes. Streamed: questions and answers go to two temporary files
 * (answers come after every question in the dump), then into the zip entry.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { type GenerateOptions, generateQuestions } from './generateQuestions';
import type { OfficialQuestion } from './officialTypes';
import { Rng } from './random';
import { DEPARTMENTS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from './vocabulary/people';

/** One written question's rows as the reader should decode them (values before COPY escaping). */
export interface SenatGenerated {
  question: Readonly<Record<(typeof QUESTION_COLUMNS)[number], string | null>>;
  /** The tam_reponses row, when answered. */
  answer: Readonly<Record<(typeof ANSWER_COLUMNS)[number], string | null>> | null;
  /** Labels of the question's themes, in its order. */
  themeLabels: string[];
  /** The status label (sortquestion.sorquelib). */
  statusLabel: string;
}

/** tam_questions' columns as this dump writes them: another order than §7's, `datemaj` unknown, no `datejorep1`. */
const QUESTION_COLUMNS = [
  'numero',
  'id',
  'themes',
  'txtque',
  'legislature',
  'natquecod',
  'datemaj',
  'nom',
  'prenom',
  'codequalite',
  'groupe',
  'circonscription',
  'titre',
  'datejodepot',
  'mindepotlib',
  'minreplib1',
  'sorquecod',
] as const;
const ANSWER_COLUMNS = ['idque', 'minreplib', 'datejorep', 'txtrep'] as const;

const SENAT_STATUSES: ReadonlyArray<readonly [string, string]> = [
  ['1', 'En cours'],
  ['2', 'Réponse du ministère'],
  ['3', 'Retirée'],
  ['4', 'Caduque'],
  ['5', 'Transformée en question orale'],
];

const SENAT_THEMES: readonly string[] = [
  'Agriculture et pêche',
  'Aménagement du territoire',
  'Anciens combattants',
  'Collectivités territoriales',
  'Culture',
  'Défense',
  'Économie et finances, fiscalité',
  'Éducation',
  'Énergie',
  'Environnement',
  'Famille',
  'Fonction publique',
  'Justice',
  'Logement et urbanisme',
  'Police et sécurité',
  'Questions sociales et santé',
  'Sports',
  'Transports',
  'Travail',
  'Outre-mer',
];

const GROUPS = [
  'Les Républicains',
  'Socialiste, Écologiste et Républicain',
  'Union Centriste',
  'Rassemblement des démocrates, progressistes et indépendants',
  'Communiste Républicain Citoyen et Écologiste - Kanaky',
  'Écologiste - Solidarité et Territoires',
  'Les Indépendants - République et Territoires',
  'Rassemblement des sénateurs ne figurant sur la liste d’aucun groupe',
];

/** Plain text from the Assemblée generator's HTML (the Sénat's question texts are plain, one paragraph a line). */
function plain(html: string): string {
  return html
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Adds the characters escapes are made of: tabs, backslashes, form feeds, percent signs. */
function roughen(text: string, r: Rng): string {
  let t = text;
  if (r.chance(0.2)) t = t.replace('. ', '.\t');
  if (r.chance(0.1)) t += ' (réf. C:\\dossiers\\2024)';
  if (r.chance(0.1)) t = t.replace('\n', '\f\n');
  if (r.chance(0.2)) t += ' Hausse de 12 % en un an.';
  if (r.chance(0.05)) t = t.replace('\n', '\r\n');
  return t;
}

/** COPY text escaping, choosing among the equivalent spellings (deterministically) to cover every kind. */
function copyEscape(value: string | null, r: Rng): string {
  if (value === null) return '\\N';
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\v':
        out += '\\v';
        break;
      case '\b':
        out += '\\b';
        break;
      case 'é': {
        const k = r.int(0, 5);
        out += k === 0 ? '\\303\\251' : k === 1 ? '\\xc3\\xA9' : k === 2 ? '\\é' : 'é';
        break;
      }
      case '%':
        out += r.chance(0.5) ? '\\%' : '%';
        break;
      case ' ':
        out += r.chance(0.01) ? (r.chance(0.5) ? '\\040' : '\\x20') : ' ';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

function titleOf(q: OfficialQuestion): string | null {
  const a = q.indexationAN.analyses.analyse;
  const first = Array.isArray(a) ? a[0] : a;
  return first ?? q.indexationAN.teteAnalyse;
}

/** A senator for an author reference: the same reference gives the same senator. */
function senator(acteurRef: string, seed: number) {
  const r = Rng.of(seed, 'senator', acteurRef);
  const woman = r.chance(0.4);
  const last = r.pick(LAST_NAMES);
  return {
    codequalite: woman ? (r.chance(0.5) ? 'Mme' : 'MME') : r.chance(0.5) ? 'M.' : 'M',
    prenom: r.pick(woman ? FIRST_NAMES_F : FIRST_NAMES_M),
    nom: r.chance(0.3) ? last.toUpperCase() : last,
    groupe: r.pick(GROUPS),
    circonscription: r.chance(0.05) ? null : r.pick(DEPARTMENTS).name,
  };
}

/** The Sénat's rows of generated questions, in order (what writeSenatDump writes, before escaping). */
export function* senatQuestions(opts: GenerateOptions): Generator<SenatGenerated> {
  let id = 1000;
  for (const q of generateQuestions(opts)) {
    id += 1 + (id % 3); // ids with gaps, as a real sequence after deletions
    const r = Rng.of(opts.seed, 'senat-row', q.uid);
    const attribs = q.minAttribs.minAttrib;
    const list = Array.isArray(attribs) ? attribs : [attribs];
    const current = list[list.length - 1]!.denomination.developpe;
    const code = q.cloture?.codeCloture;
    const status =
      code === 'REP_PUB'
        ? SENAT_STATUSES[1]!
        : code === 'CAD'
          ? SENAT_STATUSES[3]!
          : code
            ? SENAT_STATUSES[2]!
            : r.chance(0.05)
              ? SENAT_STATUSES[4]!
              : SENAT_STATUSES[0]!;
    const themes = r.sample(
      SENAT_THEMES.map((_, i) => i + 1),
      r.int(1, 3),
    );
    const who = senator(q.auteur.identite.acteurRef, opts.seed);
    const asked = q.minInt.developpe;
    const questionRow = {
      numero: pad(Number(q.identifiant.numero)),
      id: String(id),
      themes: `#${themes.join('#')}#`,
      txtque: roughen(plain(q.textesQuestion.texteQuestion.texte), r),
      legislature: q.identifiant.legislature,
      natquecod: 'QE',
      datemaj: '2026-01-02 03:04:05',
      ...who,
      titre: titleOf(q),
      datejodepot: `${q.textesQuestion.texteQuestion.infoJO.dateJO} 00:00:00`,
      mindepotlib: asked,
      minreplib1: current === asked ? null : current,
      sorquecod: status[0],
    };
    const reply = q.textesReponse?.texteReponse;
    const answer = reply
      ? {
          idque: String(id),
          minreplib: current,
          datejorep: `${reply.infoJO.dateJO} 00:00:00`,
          // Half the answers keep their HTML: the reader cleans both.
          txtrep: r.chance(0.5) ? reply.texte : roughen(plain(reply.texte), r),
        }
      : null;
    yield {
      question: questionRow,
      answer,
      themeLabels: themes.map((t) => SENAT_THEMES[t - 1]!),
      statusLabel: status[1],
    };
  }
}

interface WriteSenatDumpOptions extends GenerateOptions {
  /** `x.zip` (one `.sql` entry) or `x.sql`. */
  out: string;
  /** The zip entry's name (default `questions.sql`). */
  entryName?: string;
  /** Questions to write instead of `senatQuestions(opts)`, e.g. a changed dump. */
  questions?: Iterable<SenatGenerated>;
  onProgress?: (written: number) => void;
}

interface WriteSenatDumpResult {
  /** Written questions (QE), oral questions added beside them, malformed rows. */
  questions: number;
  oral: number;
  badRows: number;
  sqlBytes: number;
  diskBytes: number;
}

const HEADER = `--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6
-- Dumped by pg_dump version 15.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

--
-- Name: questions; Type: SCHEMA; Schema: -; Owner: senat
--

CREATE SCHEMA questions;

CREATE TABLE questions.tam_questions (
    id integer NOT NULL,
    natquecod character varying(4),
    legislature integer,
    numero character varying(10),
    txtque text
);

ALTER TABLE questions.tam_questions OWNER TO senat;

--
-- Data for Name: etaquestion; Type: TABLE DATA; Schema: questions; Owner: senat
--

COPY questions.etaquestion (etaquecod, etaquelib) FROM stdin;
1\tpubliée
2\tclose
\\.


--
-- Data for Name: sortquestion; Type: TABLE DATA; Schema: questions; Owner: senat
--

COPY questions.sortquestion (sorquelib, sorquecod) FROM stdin;
${SENAT_STATUSES.map(([code, lib]) => `${lib}\t${code}`).join('\n')}
\\.


--
-- Data for Name: tam_questions; Type: TABLE DATA; Schema: questions; Owner: senat
--

COPY questions.tam_questions (${QUESTION_COLUMNS.join(', ')}) FROM stdin;
`;

const MIDDLE = `\\.


--
-- Data for Name: tam_reponses; Type: TABLE DATA; Schema: questions; Owner: senat
--

COPY tam_reponses (${ANSWER_COLUMNS.join(', ')}) FROM stdin;
`;

const TAIL = `\\.


--
-- Data for Name: the; Type: TABLE DATA; Schema: questions; Owner: senat
--

COPY the (thecle, thelib) FROM stdin;
${SENAT_THEMES.map((t, i) => `${i + 1}\t${t}`).join('\n')}
\\.


--
-- Name: tam_questions tam_questions_pkey; Type: CONSTRAINT; Schema: questions; Owner: senat
--

ALTER TABLE ONLY questions.tam_questions
    ADD CONSTRAINT tam_questions_pkey PRIMARY KEY (id);

--
-- PostgreSQL database dump complete
--
`;

async function put(out: WriteStream, s: string): Promise<number> {
  const buf = Buffer.from(s, 'utf8');
  if (!out.write(buf)) await once(out, 'drain');
  return buf.length;
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'close');
}

export async function writeSenatDump(opts: WriteSenatDumpOptions): Promise<WriteSenatDumpResult> {
  await mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'senat-gen-'));
  try {
    const qFile = path.join(tmp, 'q.part');
    const aFile = path.join(tmp, 'a.part');
    const qOut = createWriteStream(qFile);
    const aOut = createWriteStream(aFile);
    const r = Rng.of(opts.seed, 'senat-escapes');
    const res = { questions: 0, oral: 0, badRows: 0, sqlBytes: 0 };
    let oralNumber = 0;
    for (const g of opts.questions ?? senatQuestions(opts)) {
      const row = QUESTION_COLUMNS.map((c) => copyEscape(g.question[c], r)).join('\t');
      res.sqlBytes += await put(qOut, `${row}\n`);
      if (g.answer) {
        res.sqlBytes += await put(aOut, `${ANSWER_COLUMNS.map((c) => copyEscape(g.answer![c], r)).join('\t')}\n`);
      }
      res.questions++;
      if (res.questions === 1) {
        // A malformed row: too few columns. And one in the answers: a backslash ending the line.
        res.sqlBytes += await put(qOut, '99999999\t00001\tQE\t17\n');
        res.sqlBytes += await put(aOut, '99999999\tJustice\t2024-01-01 00:00:00\ttexte coupé \\\n');
        res.badRows += 2;
      }
      if (res.questions % 7 === 0) {
        // An oral question beside the written ones: same table, another nature.
        oralNumber++;
        const oral = {
          ...g.question,
          id: String(90_000_000 + oralNumber),
          numero: pad(oralNumber),
          natquecod: oralNumber % 2 === 0 ? 'QG' : 'QOSD',
        };
        res.sqlBytes += await put(qOut, `${QUESTION_COLUMNS.map((c) => copyEscape(oral[c], r)).join('\t')}\n`);
        res.oral++;
      }
      if (opts.onProgress && res.questions % 1000 === 0) opts.onProgress(res.questions);
    }
    await Promise.all([close(qOut), close(aOut)]);
    res.sqlBytes += Buffer.byteLength(HEADER + MIDDLE + TAIL);

    async function* sql(): AsyncGenerator<Buffer> {
      yield Buffer.from(HEADER, 'utf8');
      for await (const c of createReadStream(qFile)) yield c as Buffer;
      yield Buffer.from(MIDDLE, 'utf8');
      for await (const c of createReadStream(aFile)) yield c as Buffer;
      yield Buffer.from(TAIL, 'utf8');
    }
    if (opts.out.toLowerCase().endsWith('.zip')) {
      const zip = new ZipFile();
      const file = createWriteStream(opts.out);
      const done = new Promise<void>((resolve, reject) => {
        file.on('close', resolve);
        file.on('error', reject);
        zip.on('error', reject);
      });
      zip.outputStream.pipe(file);
      zip.addReadStream(Readable.from(sql()), opts.entryName ?? 'questions.sql', {
        mtime: new Date(2026, 0, 1, 12, 0, 0),
        forceDosTimestamp: true,
      });
      zip.end();
      await done;
    } else {
      const file = createWriteStream(opts.out);
      for await (const c of sql()) if (!file.write(c)) await once(file, 'drain');
      await close(file);
    }
    opts.onProgress?.(res.questions);
    return { ...res, diskBytes: (await stat(opts.out)).size };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
