import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSenatDump } from '../../tools/generator';
import { useTempDirs } from '../ingest/support/tempDir';

const tempDir = useTempDirs();

describe('the generated Sénat dump', () => {
  it('writes the same bytes for the same seed and other bytes for another seed', async () => {
    const dir = tempDir();
    const write = async (name: string, seed: number) => {
      const out = path.join(dir, name);
      await writeSenatDump({ count: 40, seed, legislatures: [16, 17], out });
      return readFileSync(out);
    };
    const a = await write('a.zip', 4);
    const b = await write('b.zip', 4);
    const c = await write('c.zip', 5);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('holds every quirk the reader must survive', async () => {
    const out = path.join(tempDir(), 'questions.sql');
    const r = await writeSenatDump({ count: 60, seed: 2, legislatures: [17], out });
    expect(r).toMatchObject({ questions: 60, oral: 8, badRows: 2 });
    const sql = readFileSync(out, 'utf8');
    expect(sql).toMatch(/^SET client_encoding/m);
    expect(sql).toMatch(/^CREATE TABLE questions\.tam_questions/m);
    // Schema prefix on some blocks, not on others; columns out of §7's order, one unknown, datejorep1 absent.
    expect(sql).toMatch(/^COPY questions\.tam_questions \(numero, id, .*datemaj.*\) FROM stdin;$/m);
    expect(sql).not.toMatch(/datejorep1/);
    expect(sql).toMatch(/^COPY tam_reponses \(/m);
    expect(sql).toMatch(/^COPY questions\.etaquestion /m);
    // Escapes of every kind, nulls, leading zeros, other natures.
    for (const seq of ['\\n', '\\t', '\\\\', '\\303\\251', '\\xc3\\xA9', '\\%', '\\é', '\\f', '\\N'])
      expect(sql, seq).toContain(seq);
    expect(sql).toMatch(/^000\d\d\t/m);
    expect(sql).toMatch(/\tQOSD\t/);
    expect(sql).toMatch(/\tQG\t/);
  });
});
