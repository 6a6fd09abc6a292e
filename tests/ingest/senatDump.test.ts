/**
 * `npm run ingest` on the Sénat's dump, recognised by its content (a zip holding one .sql, or the .sql itself):
 * strict about the columns it needs, tolerant of the rest. Hand-written dumps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/corpus/ingest/detectKind';
import { ingest } from '../../src/corpus/ingest/ingest';
import { openStore } from '../../src/store/openStore';
import { buildZip } from './support/buildZip';
import { useTempDirs } from './support/tempDir';

const tempDir = useTempDirs();

/** A dump in the documented layout, tables in an unusual order (themes and answers first), given blocks replaced. */
function dump(blocks: { questions?: string; answers?: string } = {}): string {
  return [
    '-- a hand-written dump',
    "SET client_encoding = 'UTF8';",
    'COPY the (thelib, thecle) FROM stdin;',
    'Justice\t7',
    'Transports\t9',
    '\\.',
    'COPY questions.tam_reponses (idque, txtrep, datejorep, minreplib) FROM stdin;',
    '12\tR\\303\\251ponse \\xc3\\xa0 la question.\t2024-03-07 00:00:00\tJustice',
    '\\.',
    blocks.questions ??
      [
        'COPY questions.tam_questions (id, natquecod, legislature, numero, nom, prenom, codequalite, datejodepot, mindepotlib, txtque, themes, sorquecod, extra) FROM stdin;',
        '12\tQE\t17\t00042\tMartin\tLéa\tMme\t2024-01-11 00:00:00\tJustice\tTexte\\nsur deux lignes.\t#7#9#\t2\tx',
        '13\tQOSD\t17\t00043\tMartin\tLéa\tMme\t2024-01-11 00:00:00\tJustice\tOrale.\t\\N\t1\tx',
        '14\tQE\t15\t00001\tMartin\tLéa\tMme\t2018-01-11 00:00:00\tJustice\tAncienne.\t\\N\t1\tx',
        '\\.',
      ].join('\n'),
    'COPY sortquestion (sorquecod, sorquelib) FROM stdin;',
    '1\ten cours',
    '2\tréponse du ministère',
    '\\.',
    'COPY questions.unknown_table (a) FROM stdin;',
    'whatever',
    '\\.',
    '',
  ].join('\n');
}

async function run(file: string, opts: { senatLegislatures?: number[] } = {}) {
  const store = openStore(':memory:');
  const summary = await ingest([file], {
    store,
    now: new Date('2026-03-03T08:00:00Z'),
    cacheDir: path.join(path.dirname(file), 'cache'),
    ...opts,
  });
  return { store, summary };
}

describe('the Sénat’s dump given to npm run ingest', () => {
  it('is recognised by its content, zipped or not, and joins answers and themes that come in any table order', async () => {
    const dir = tempDir();
    expect(detectKind(Buffer.from(dump())).kind).toBe('pg-dump');
    expect(detectKind(Buffer.from('--\n-- PostgreSQL database dump\n--\n')).kind).toBe('pg-dump');
    expect(detectKind(Buffer.from('ASSEMBLÉE NATIONALE\n14ème législature')).kind).toBe('text');
    const sql = path.join(dir, 'questions.sql');
    writeFileSync(sql, dump());
    const zip = path.join(dir, 'questions.zip');
    await buildZip(zip, [['questions.sql', dump()]]);
    for (const file of [sql, zip]) {
      const { store, summary } = await run(file);
      expect(summary.rejected).toEqual([]);
      expect(summary.questions.new).toBe(2);
      expect(summary.ignored).toBe(1); // the oral question
      const q = store.getQuestion('QSENL17QE42')!;
      expect(q.author.name).toBe('Mme Léa Martin');
      expect(q.question?.text).toBe('Texte\n\nsur deux lignes.');
      expect(q.analyses).toEqual(['Justice', 'Transports']);
      expect(q.status).toBe('answered');
      expect(q.answer).toEqual({ text: 'Réponse à la question.', joDate: '2024-03-07', joPage: null });
      expect(q.author.department).toBeNull(); // optional column absent: null, not a rejection
      expect(q.source.file).toBe(file === zip ? `${zip}!questions.sql` : sql);
      store.close();
    }
  });

  it('keeps only the chosen legislatures', async () => {
    const sql = path.join(tempDir(), 'q.sql');
    writeFileSync(sql, dump());
    const { store, summary } = await run(sql, { senatLegislatures: [17] });
    expect(summary.questions.new).toBe(1);
    expect(summary.ignored).toBe(2);
    expect(store.getQuestion('QSENL15QE1')).toBeNull();
    store.close();
  });

  it('removes the staging files of a killed run, and its own when done', async () => {
    const dir = tempDir();
    const sql = path.join(dir, 'q.sql');
    writeFileSync(sql, dump());
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = path.join(dir, 'cache', `senat-stage-${dead}-x1`);
    const live = path.join(dir, 'cache', `senat-stage-${process.pid}-x2`);
    mkdirSync(stale, { recursive: true });
    mkdirSync(live, { recursive: true });
    const { store } = await run(sql);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(path.join(dir, 'cache'))).toEqual([path.basename(live)]);
    store.close();
  });

  it('rejects the questions table, naming it and the column, when a required column is missing', async () => {
    const sql = path.join(tempDir(), 'q.sql');
    writeFileSync(
      sql,
      dump({ questions: 'COPY questions.tam_questions (id, natquecod, numero) FROM stdin;\n12\tQE\t1\n\\.' }),
    );
    const { store, summary } = await run(sql);
    expect(summary.questions.read).toBe(0);
    expect(summary.rejected.map((r) => [r.file, r.reason])).toEqual([
      [
        `${sql}#tam_questions:10`,
        'ligne du dump du Sénat illisible : table tam_questions rejetée : colonne obligatoire absente (legislature)',
      ],
      [sql, 'ligne du dump du Sénat illisible : table tam_questions absente ou illisible : aucune question lue'],
    ]);
    store.close();
  });
});
