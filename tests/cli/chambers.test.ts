/**
 * The CLI's `--chambre an|senat|tous` (issue 18) on search, tendance and palmares, on a real SQLite file holding both
 * chambers (hand-made questions; `question` and its « S 17-1 » form are in questionLookup.test.ts).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, makeQuestion, makeSenatQuestion, tempDir } from '../support/botCorpus';
import { runCliText } from '../support/cliRun';

const NOW = new Date('2025-06-01T00:00:00Z');
let tmp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(async () => {
  tmp = tempDir('cli-chambers-');
  db = path.join(tmp.dir, 'q.db');
  const store = await buildCorpus({
    dbPath: db,
    seeds: false,
    extra: [
      makeQuestion({ number: 1, legislature: 16 }),
      makeQuestion({ number: 2, legislature: 16 }),
      makeSenatQuestion({ number: 1 }),
    ],
  });
  store.close();
});

afterAll(() => tmp.cleanup());

const cli = (...argv: string[]) => runCliText([...argv, '--db', db], NOW);

describe('npm run cli -- … --chambre', () => {
  it('searches one chamber, or both, and marks each hit', async () => {
    const index = ['--index-dir', path.join(tmp.dir, 'index')];
    const uids = async (...args: string[]) => {
      const r = await cli('search', 'carte judiciaire', ...args, ...index, '--json');
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out) as { results: Array<{ uid: string; chamber: string }> }).results
        .map((h) => `${h.chamber} ${h.uid}`)
        .sort();
    };
    expect(await uids('--chambre', 'senat')).toEqual(['senat QSENL16QE1']);
    expect(await uids('--chambre', 'Sénat')).toEqual(['senat QSENL16QE1']);
    expect(await uids('--chambre', 'an')).toEqual(['an QANR5L16QE1', 'an QANR5L16QE2']);
    expect(await uids('--chambre', 'tous')).toHaveLength(3);
    const listing = await cli('search', 'carte judiciaire', '--chambre', 'senat', ...index);
    expect(listing.out).toContain('1. Sénat n° 1 (16e législature)');
    const bad = await cli('search', 'carte', '--chambre', 'lords', ...index);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('Option --chambre : « lords » inconnue (an, senat ou tous).');
  });

  it('counts one chamber’s questions in tendance and ranks one chamber in palmares', async () => {
    const trend = await cli('tendance', 'carte judiciaire', '--chambre', 'senat', '--json');
    expect(trend.code, trend.err).toBe(0);
    const t = JSON.parse(trend.out) as { query: { filters: object }; total: number };
    expect(t.query.filters).toEqual({ chamber: 'senat' });
    expect(t.total).toBe(1);
    const palmares = await cli('palmares', '--chambre', 'senat', '--json');
    expect(palmares.code, palmares.err).toBe(0);
    const p = JSON.parse(palmares.out) as { chamber: string; totals: { questions: number } };
    expect([p.chamber, p.totals.questions]).toEqual(['senat', 1]);
    const both = JSON.parse((await cli('palmares', '--json')).out) as { chamber: null; totals: { questions: number } };
    expect([both.chamber, both.totals.questions]).toEqual([null, 3]);
  });
});
