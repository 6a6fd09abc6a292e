/**
 * The same charts, exports and plain-French answers in the console and in the CLI, on the seeds, a generated
 * corpus and real texts (629 real oral questions of the 15th legislature, tests/fixtures/relevance).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index';
import { createChartDeps } from '../../src/charts/chartDeps';
import { createConsoleSession, type ConsoleSession } from '../../src/console/consoleTwin';
import { createRegistry } from '../../src/present/commandKit';
import { createCommandDeps } from '../../src/present/createCommandDeps';
import { createSearchService, type SearchServiceHandle } from '../../src/search';
import type { QuestionStore } from '../../src/store/QuestionStore';
import { buildCorpus, tempDir } from '../support/botCorpus';
import { decodePng, parseCsv, realOralQuestions } from './support';
import { runCliText } from '../support/cliRun';

const NOW = new Date('2025-06-01T08:00:00Z');

const cli = (args: string[]) => runCliText(args, NOW);

describe('console and CLI on the seeds, a generated corpus and real texts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: QuestionStore;
  let search: SearchServiceHandle;
  let session: ConsoleSession;
  let dbPath: string;
  const filesDir = () => path.join(tmp.dir, 'console-files');

  beforeAll(async () => {
    tmp = tempDir();
    dbPath = path.join(tmp.dir, 'q.db');
    store = await buildCorpus({ dbPath, generated: 500, extra: realOralQuestions() });
    search = createSearchService({ store, indexDir: null, workers: 0 });
    await search.whenReady;
    const deps = createCommandDeps(store, search.engine);
    deps.charts = createChartDeps({
      store,
      collect: (req, limit) => search.engine.collect(req, limit),
      collectFacts: (req) => search.engine.collectFacts(req),
      inProcess: true,
    });
    session = createConsoleSession({
      registry: createRegistry(commands),
      deps,
      input: new PassThrough(),
      output: new PassThrough(),
      clock: () => NOW,
      filesDir: filesDir(),
    });
  }, 120_000);

  afterAll(async () => {
    session?.close();
    await search?.close();
    store?.close();
    tmp?.cleanup();
  });

  it('prints /tendance in the console with the figures in text and the chart written to a file', async () => {
    const out = await session.handleLine('/tendance texte:transports legislature:15');
    expect(out).toMatch(/── Tendance : questions sur « transports »/);
    expect(out).toMatch(/📎 tendance\.png — enregistré : /);
    expect(out).toMatch(/Délai médian de réponse/);
    const png = decodePng(readFileSync(path.join(filesDir(), 'tendance.png')));
    expect(png.width).toBeGreaterThan(600);
    expect(png.inked).toBeGreaterThan(0.02);
  });

  it('answers a question typed as free text in the console, on real deputies', async () => {
    const out = await session.handleLine('combien de questions de Clémentine Autain ?');
    expect(out).toMatch(/Compris : \*combien de questions\*/);
    expect(out).toContain('depute:"Mme Clémentine Autain"');
    const who = await session.handleLine('qui pose des questions sur les hôpitaux ?');
    expect(who).toMatch(/Député·es :/);
  });

  it('exports from the console: the button writes a CSV', async () => {
    await session.handleLine('/palmares legislature:16');
    const out = await session.handleLine('Exporter (CSV)');
    expect(out).toMatch(/palmares-16\.csv — enregistré/);
    expect(existsSync(path.join(filesDir(), 'palmares-16.csv'))).toBe(true);
  });

  it('writes the trend of the CLI as PNG, CSV and JSON with the chart’s figures', async () => {
    const png = path.join(tmp.dir, 't.png');
    const csv = path.join(tmp.dir, 't.csv');
    const r = await cli([
      'tendance',
      'hôpital',
      '--db',
      dbPath,
      '--index-dir',
      path.join(tmp.dir, 'index'),
      '--png',
      png,
      '--csv',
      csv,
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      total: number;
      periods: Array<{ period: string; total: number; answered: number; pending: number; withdrawn: number }>;
      png: { width: number; height: number };
    };
    expect(json.total).toBeGreaterThan(3);
    expect(json.periods.reduce((n, p) => n + p.total, 0)).toBe(json.total);
    const decoded = decodePng(readFileSync(png));
    expect([decoded.width, decoded.height]).toEqual([json.png.width, json.png.height]);
    expect(parseCsv(readFileSync(csv)).rows.length).toBe(json.total);
  });

  it('ranks ministries in the CLI and exports the ranking', async () => {
    const csv = path.join(tmp.dir, 'p.csv');
    const r = await cli(['palmares', '--legislature', '16', '--db', dbPath, '--csv', csv, '--json']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { ranks: Array<{ ministry: string; shareWithinLimit: number }> };
    const rows = parseCsv(readFileSync(csv)).rows;
    expect(rows.map((row) => row[1])).toEqual(json.ranks.map((x) => x.ministry));
    expect(json.ranks[0]!.shareWithinLimit).toBeGreaterThanOrEqual(json.ranks[json.ranks.length - 1]!.shareWithinLimit);
  });

  it('explains a plain-French question in the CLI as JSON', async () => {
    const r = await cli([
      'demander',
      'que répond le ministère de la santé sur les urgences en 2018 ?',
      '--db',
      dbPath,
      '--index-dir',
      path.join(tmp.dir, 'index'),
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      intent: string;
      subject: string;
      filters: Record<string, unknown>;
      command: string;
    };
    expect(json.intent).toBe('answer');
    expect(json.subject).toBe('urgences');
    expect(json.filters).toMatchObject({ status: 'answered', from: '2018-01-01', to: '2018-12-31' });
    expect(String(json.filters.ministry)).toMatch(/Santé/);
  });

  it('writes a search as CSV from the CLI, with French text and fields that need quoting', async () => {
    const csv = path.join(tmp.dir, 's.csv');
    const r = await cli([
      'search',
      'hôpital',
      '--db',
      dbPath,
      '--index-dir',
      path.join(tmp.dir, 'index'),
      '--csv',
      csv,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/CSV : /);
    const parsed = parseCsv(readFileSync(csv));
    expect(parsed.bom).toBe(true);
    expect(parsed.rows.length).toBeGreaterThan(0);
    expect(parsed.rows.every((row) => row.length === parsed.header.length)).toBe(true);
  });
});
