/**
 * The Sénat's questions dump (one PostgreSQL plain dump, data-formats §7) -> Questions, streamed.
 *
 * pg_dump writes tables in name order: `sortquestion`, `tam_questions`, `tam_reponses`, `the`: answers and theme
 * labels come AFTER the questions. So the written questions (only the columns we read) and the answers are staged
 * in a temporary on-disk SQLite file while the dump streams by, the two small label tables are kept in memory, and
 * at the dump's end one query walks the questions with their answers: memory holds one line and one question, never
 * the tables. Any table order works.
 *
 * Strict about what it needs: a table without one of its required columns is rejected (its rows are not read)
 * with a message naming the table and the column; without `tam_questions` nothing is produced. Tolerant of the rest:
 * unknown tables and columns are skipped, a missing optional column reads as null.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import type { ParseResult, Question } from '../types';
import { CopyDumpReader, type CopySink, type CopyTableReader } from './copyDump';
import {
  ANSWER_OPTIONAL,
  ANSWER_REQUIRED,
  isWrittenQuestion,
  parseSenatQuestion,
  QUESTION_OPTIONAL,
  QUESTION_REQUIRED,
  themeCodes,
  type SenatRow,
} from './parseSenatQuestion';

export interface SenatDumpOptions {
  /** Where the dump was read from, for sources and messages ("questions.zip!questions.sql"). */
  file: string;
  /** Folder for the temporary staging database (removed at the end). */
  tempDir: string;
  /** Only these legislatures (default: every one in the dump). */
  legislatures?: readonly number[] | null;
  /** Each question read, or the reason it could not be (label: "file#tam_questions:line"). */
  onQuestion: (result: ParseResult<Question>, label: string) => void;
  /** A row, block or table that could not be read (label and French reason). */
  onBad: (label: string, reason: string) => void;
}

export interface SenatDumpCounts {
  /** Rows of tam_questions that are not written questions (oral questions…), skipped. */
  notWritten: number;
  /** Written questions outside the chosen legislatures, skipped. */
  otherLegislatures: number;
  /** Written questions handed over (parsed or rejected). */
  questions: number;
  answers: number;
}

const STAGE_BATCH = 5000;
const STAGE_PREFIX = 'senat-stage-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stages left by a run that was killed (its process is gone): they can be large. */
function removeStaleStages(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = new RegExp(`^${STAGE_PREFIX}(\\d+)-`).exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function columnsCheck(
  table: string,
  columns: readonly string[],
  required: readonly string[],
): { ok: true } | { ok: false; reason: string } {
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length === 0) return { ok: true };
  return {
    ok: false,
    reason: `table ${table} rejetée : colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} (${missing.join(', ')})`,
  };
}

function rowOf(
  columns: readonly string[],
  values: ReadonlyArray<string | null>,
  wanted: ReadonlySet<string>,
): Record<string, string | null> {
  const row: Record<string, string | null> = {};
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (wanted.has(c)) row[c] = values[i] ?? null;
  }
  return row;
}

export async function readSenatDump(input: Readable, opts: SenatDumpOptions): Promise<SenatDumpCounts> {
  await mkdir(opts.tempDir, { recursive: true });
  removeStaleStages(opts.tempDir);
  const dir = mkdtempSync(path.join(opts.tempDir, `${STAGE_PREFIX}${process.pid}-`));
  const db = new Database(path.join(dir, 'stage.db'));
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`
      CREATE TABLE q (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, line INTEGER NOT NULL, row TEXT NOT NULL);
      CREATE TABLE a (seq INTEGER PRIMARY KEY, idque TEXT NOT NULL, row TEXT NOT NULL);`);
    const insertQ = db.prepare('INSERT INTO q (id, line, row) VALUES (?, ?, ?)');
    const insertA = db.prepare('INSERT INTO a (idque, row) VALUES (?, ?)');
    const statuses = new Map<string, string | null>();
    const themes = new Map<string, string>();
    const legislatures = opts.legislatures ? new Set(opts.legislatures) : null;
    const counts: SenatDumpCounts = { notWritten: 0, otherLegislatures: 0, questions: 0, answers: 0 };
    let questionsTable = false;
    let pending = 0;
    const begin = () => {
      if (!db.inTransaction) db.exec('BEGIN');
    };
    const staged = () => {
      if (++pending >= STAGE_BATCH) {
        db.exec('COMMIT');
        pending = 0;
      }
    };
    const label = (table: string, line: number) => `${opts.file}#${table}:${line}`;

    const sink: CopySink = {
      table(table, columns, line): CopyTableReader | null {
        const check = (required: readonly string[]) => {
          const r = columnsCheck(table, columns, required);
          if (!r.ok) opts.onBad(label(table, line), r.reason);
          return r.ok;
        };
        switch (table) {
          case 'tam_questions': {
            if (!check(QUESTION_REQUIRED)) return null;
            questionsTable = true;
            const wanted = new Set<string>([...QUESTION_REQUIRED, ...QUESTION_OPTIONAL]);
            const natIdx = columns.indexOf('natquecod');
            const legIdx = columns.indexOf('legislature');
            const idIdx = columns.indexOf('id');
            return {
              wanted,
              row(values, rowLine) {
                if (!isWrittenQuestion(values[natIdx])) {
                  counts.notWritten++;
                  return;
                }
                if (legislatures && !legislatures.has(Number((values[legIdx] ?? '').trim()))) {
                  counts.otherLegislatures++;
                  return;
                }
                begin();
                insertQ.run((values[idIdx] ?? '').trim(), rowLine, JSON.stringify(rowOf(columns, values, wanted)));
                staged();
              },
            };
          }
          case 'tam_reponses': {
            if (!check(ANSWER_REQUIRED)) return null;
            const wanted = new Set<string>([...ANSWER_REQUIRED, ...ANSWER_OPTIONAL]);
            const idIdx = columns.indexOf('idque');
            return {
              wanted,
              row(values) {
                const id = values[idIdx];
                if (id === null || id === undefined) return;
                begin();
                insertA.run(id.trim(), JSON.stringify(rowOf(columns, values, wanted)));
                counts.answers++;
                staged();
              },
            };
          }
          case 'sortquestion': {
            if (!check(['sorquecod', 'sorquelib'])) return null;
            const [c, l] = [columns.indexOf('sorquecod'), columns.indexOf('sorquelib')];
            return {
              wanted: new Set(['sorquecod', 'sorquelib']),
              row(values) {
                const code = values[c];
                if (code !== null && code !== undefined) statuses.set(code.trim(), values[l] ?? null);
              },
            };
          }
          case 'the': {
            if (!check(['thecle', 'thelib'])) return null;
            const [c, l] = [columns.indexOf('thecle'), columns.indexOf('thelib')];
            return {
              wanted: new Set(['thecle', 'thelib']),
              row(values) {
                const code = values[c];
                const lib = values[l];
                if (code !== null && code !== undefined && lib) themes.set(code.trim(), lib.trim());
              },
            };
          }
          default:
            return null; // tables we do not use
        }
      },
      bad(table, line, reason) {
        opts.onBad(label(table, line), reason);
      },
    };

    const reader = new CopyDumpReader(sink);
    for await (const chunk of input) reader.push(chunk as Buffer);
    reader.end();
    if (db.inTransaction) db.exec('COMMIT');
    if (!questionsTable) {
      opts.onBad(opts.file, 'table tam_questions absente ou illisible : aucune question lue');
      return counts;
    }

    db.exec('CREATE INDEX a_idque ON a (idque, seq)');
    const walk = db.prepare<[], { line: number; row: string; answers: string | null }>(`
      SELECT q.line, q.row,
        (SELECT json_group_array(json(a.row)) FROM (SELECT row FROM a WHERE a.idque = q.id ORDER BY seq) a) AS answers
      FROM q ORDER BY q.seq`);
    for (const r of walk.iterate()) {
      const row = JSON.parse(r.row) as SenatRow;
      const answers = r.answers ? (JSON.parse(r.answers) as SenatRow[]) : [];
      const code = row.sorquecod?.trim();
      counts.questions++;
      opts.onQuestion(
        parseSenatQuestion({
          row,
          answers,
          statusLabel: code ? (statuses.get(code) ?? null) : null,
          themeLabels: themeCodes(row.themes).flatMap((t) => {
            const lib = themes.get(t);
            return lib ? [lib] : [];
          }),
          file: opts.file,
        }),
        label('tam_questions', r.line),
      );
    }
    return counts;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
