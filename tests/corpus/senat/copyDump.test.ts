import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyDumpReader, parseCopyHeader, type CopySink } from '../../../src/corpus/senat/copyDump';

interface Read {
  tables: Array<{ table: string; columns: readonly string[]; line: number }>;
  rows: Array<{ table: string; line: number; values: Array<string | null> }>;
  bad: Array<{ table: string; line: number; reason: string }>;
  ends: string[];
}

/** Reads a dump given as chunks; every table and column wanted unless `skip` names the table. */
function read(chunks: Buffer[], opts: { skip?: string; wanted?: string[] } = {}): Read {
  const out: Read = { tables: [], rows: [], bad: [], ends: [] };
  const sink: CopySink = {
    table(table, columns, line) {
      out.tables.push({ table, columns, line });
      if (table === opts.skip) return null;
      return {
        wanted: new Set(opts.wanted ?? columns),
        row: (values, rowLine) => out.rows.push({ table, line: rowLine, values: [...values] }),
        end: () => out.ends.push(table),
      };
    },
    bad: (table, line, reason) => out.bad.push({ table, line, reason }),
  };
  const reader = new CopyDumpReader(sink);
  for (const c of chunks) reader.push(c);
  reader.end();
  return out;
}

const whole = (s: string) => read([Buffer.from(s, 'utf8')]);

const DUMP = [
  '--',
  '-- PostgreSQL database dump',
  '--',
  "SET client_encoding = 'UTF8';",
  'CREATE TABLE questions.t (a text, b text);',
  'COPY questions.t (a, b, "Weird Col") FROM stdin;',
  'plain\tsans échappement\tx',
  'nl\\nline\ttab\\there\tcr\\rx',
  'bs\\\\path\tb\\bf\\fv\\v\tz',
  'oct\\303\\251t\thex\\xc3\\xA9\\x41\\x4\t\\101\\0',
  'latin1\\351\tx\ty',
  'other\\%\\q\\é\t\\N\t\\\\N',
  'short',
  'end\\',
  '\\.',
  'ALTER TABLE questions.t OWNER TO x;',
  'COPY u (k) FROM stdin;',
  'only',
  '\\.',
  '',
].join('\n');

describe('the COPY block reader', () => {
  it('reads COPY headers with or without schema, quoted identifiers included; statements and comments are skipped', () => {
    expect(parseCopyHeader('COPY questions.tam_questions (id, natquecod) FROM stdin;')).toEqual({
      table: 'tam_questions',
      columns: ['id', 'natquecod'],
    });
    expect(parseCopyHeader('COPY "the" ("TheCle", thelib) FROM stdin;')).toEqual({
      table: 'the',
      columns: ['TheCle', 'thelib'],
    });
    expect(parseCopyHeader('COPY t FROM stdin;')).toEqual({ table: 't', columns: null });
    expect(parseCopyHeader('SET client_encoding = 1;')).toBeNull();
    const r = whole(DUMP);
    expect(r.tables.map((t) => [t.table, t.line])).toEqual([
      ['t', 6],
      ['u', 17],
    ]);
    expect(r.tables[0]?.columns).toEqual(['a', 'b', 'Weird Col']);
    expect(r.ends).toEqual(['t', 'u']);
  });

  it('decodes every COPY escape, octal and hex as UTF-8 bytes, any other backslashed character as itself, \\N as null', () => {
    const r = whole(DUMP);
    expect(r.rows.filter((x) => x.table === 't').map((x) => x.values)).toEqual([
      ['plain', 'sans échappement', 'x'],
      ['nl\nline', 'tab\there', 'cr\rx'],
      ['bs\\path', 'b\bf\fv\v', 'z'],
      ['octét', 'hexéA\u0004', 'A\u0000'],
      ['other%qé', null, '\\N'],
    ]);
    expect(r.rows.find((x) => x.table === 'u')?.values).toEqual(['only']);
  });

  it('reports a malformed row with its table and line and goes on with the next rows', () => {
    const r = whole(DUMP);
    expect(r.bad).toEqual([
      { table: 't', line: 11, reason: 'octets qui ne sont pas de l’UTF-8 (échappements octaux ou hexadécimaux)' },
      { table: 't', line: 13, reason: '1 colonnes au lieu de 3' },
      { table: 't', line: 14, reason: 'barre oblique inverse en fin de ligne' },
    ]);
  });

  it('decodes only the wanted columns and skips the tables nobody reads', () => {
    const r = read([Buffer.from(DUMP)], { wanted: ['a'], skip: 'u' });
    expect(r.rows.map((x) => x.values)[0]).toEqual(['plain', null, null]);
    expect(r.rows.some((x) => x.table === 'u')).toBe(false);
    expect(r.ends).toEqual(['t']);
  });

  it('reports a block the dump never ends (truncated file) and a header without columns', () => {
    const r = whole('COPY t FROM stdin;\nx\n\\.\nCOPY v (a) FROM stdin;\n1\n2');
    expect(r.rows.map((x) => x.values)).toEqual([['1'], ['2']]);
    expect(r.bad).toEqual([
      { table: 't', line: 1, reason: 'en-tête COPY sans liste de colonnes : bloc ignoré' },
      { table: 'v', line: 6, reason: 'bloc COPY sans fin (« \\. » manquant) : dump tronqué ?' },
    ]);
  });

  it('reads CRLF line ends like LF ones', () => {
    const r = whole('COPY t (a, b) FROM stdin;\r\nx\ty\r\n\\.\r\n');
    expect(r.rows.map((x) => x.values)).toEqual([['x', 'y']]);
    expect(r.bad).toEqual([]);
  });

  it('gives the same rows, errors and line numbers wherever the chunks are cut (even inside a UTF-8 character or an escape)', () => {
    const bytes = Buffer.from(DUMP, 'utf8');
    const expected = read([bytes]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(read(chunks)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
