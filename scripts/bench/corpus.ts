import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deputiesArchiveUrl, questionArchiveUrl } from '../../src/corpus/official/addresses';
import { openStore } from '../../src/store/openStore';
import { writeArchive, writeDeputiesHistory } from '../../tools/generator';
import { REPO, tempDir } from '../../tests/support/botCorpus';
import { startOfficialMirror } from '../../tests/support/officialMirror';
import { runCorpusCommand } from './support/corpusCommand';

const REAL_SIZES: Record<number, number> = { 14: 104_000, 15: 43_000, 16: 17_000, 17: 15_000 };
const RSS_TARGET = 1024 ** 3;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    deputies: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    'keep-db': { type: 'string' },
    count: { type: 'string' }, // given by scripts/bench.ts; the sizes here are the real ones (see --scale)
  },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
const log = (s: string): void => void process.stdout.write(`${s}\n`);
const mb = (n: number) => `${Math.round(n / 1048576).toLocaleString('fr-FR')} Mo`;
const tmp = tempDir('bench-corpus-');

function runCommand(base: string, db: string) {
  return runCorpusCommand(['--chambres', 'an', '--db', db], { OPENDATA_URL: base });
}

let exitCode = 0;
const mirror = await startOfficialMirror();
try {
  // ---- archives in the official layouts ----------------------------------------------------------------------
  const sizes: Record<number, number> = {};
  const archives: Array<{ what: string; bytes: number; seconds: number }> = [];
  for (const [l, real] of Object.entries(REAL_SIZES)) {
    const legislature = Number(l);
    const count = Math.max(1, Math.round(real * scale));
    sizes[legislature] = count;
    const out = path.join(tmp.dir, `q${legislature}.zip`);
    const t = performance.now();
    await writeArchive({
      count,
      seed,
      legislature,
      out,
      layout: legislature === 14 ? 'single' : 'per-file',
      ...(legislature === 14 ? { entryName: 'Questions_ecrites_XIV.json' } : {}),
    });
    const seconds = (performance.now() - t) / 1000;
    archives.push({ what: `${legislature}e législature (${count})`, bytes: statSync(out).size, seconds });
    mirror.put(questionArchiveUrl('', legislature).replace(/^\//, ''), { fromDisk: out });
    log(
      `archive ${legislature}e : ${count.toLocaleString('fr-FR')} questions, ${mb(statSync(out).size)} en ${seconds.toFixed(1)} s`,
    );
  }
  const amo = path.join(tmp.dir, 'AMO30.json.zip');
  const t = performance.now();
  const deputies = await writeDeputiesHistory({ seed, out: amo, acteurs: Number(values.deputies) });
  archives.push({
    what: `AMO30 (${deputies.acteurs} acteurs, ${deputies.organes} organes)`,
    bytes: deputies.diskBytes,
    seconds: (performance.now() - t) / 1000,
  });
  mirror.put(deputiesArchiveUrl('').replace(/^\//, ''), { fromDisk: amo });
  log(
    `historique des députés : ${deputies.acteurs} acteurs dont ${deputies.deputies} députés, ${deputies.organes} organes, ${mb(deputies.diskBytes)}`,
  );

  // ---- the command, twice ------------------------------------------------------------------------------------
  const db = values['keep-db'] ? path.resolve(values['keep-db']) : path.join(tmp.dir, 'questions.db');
  mkdirSync(path.dirname(db), { recursive: true });
  const first = await runCommand(mirror.base, db);
  log(`1er chargement : code ${first.code}, ${(first.wallMs / 1000).toFixed(1)} s, RSS max ${mb(first.peakRss)}`);
  if (first.code !== 0) log(first.stderr);
  const bodiesAfterFirst = mirror.requests.filter(
    (r) => r.method === 'GET' && (r.status === 200 || r.status === 206),
  ).length;
  const second = await runCommand(mirror.base, db);
  const bodiesAfterSecond = mirror.requests.filter(
    (r) => r.method === 'GET' && (r.status === 200 || r.status === 206),
  ).length;
  log(
    `2e chargement : code ${second.code}, ${(second.wallMs / 1000).toFixed(1)} s, ${bodiesAfterSecond - bodiesAfterFirst} téléchargement(s)`,
  );

  const store = openStore(db);
  const total = store.count();
  const unnamed = store.unnamedAuthors();
  const byLegislature = store.stats().byLegislature;
  store.close();
  let dbBytes = 0;
  for (const suffix of ['', '-wal', '-shm'])
    dbBytes += (() => {
      try {
        return statSync(db + suffix).size;
      } catch {
        return 0;
      }
    })();
  const expected = Object.values(sizes).reduce((s, n) => s + n, 0);
  const summary = first.report?.summary as
    | { questions?: { new?: number }; rejected?: unknown[]; named?: number }
    | undefined;
  const checks = {
    everyQuestionLoaded: total === expected,
    everyAuthorNamed: unnamed.questions === 0,
    noRejection: (summary?.rejected?.length ?? -1) === 0,
    secondRunDownloadsNothing: bodiesAfterSecond === bodiesAfterFirst && second.code === 0,
    peakRssUnder1GB: first.peakRss < RSS_TARGET,
  };
  const result = {
    bench: 'corpus',
    scale,
    sizes,
    acteurs: deputies.acteurs,
    archives,
    first: {
      code: first.code,
      wallMs: first.wallMs,
      peakRssBytes: first.peakRss,
      questionsNew: summary?.questions?.new ?? null,
    },
    second: {
      code: second.code,
      wallMs: second.wallMs,
      downloads: bodiesAfterSecond - bodiesAfterFirst,
      peakRssBytes: second.peakRss,
    },
    database: {
      path: values['keep-db'] ? db : null,
      bytes: dbBytes,
      questions: total,
      byLegislature,
      unnamedAuthors: unnamed,
    },
    checks,
    pass: Object.values(checks).every(Boolean),
    machine: { node: process.version, cpus: os.cpus().length, loadavg: os.loadavg() },
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench-results', 'corpus.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(
    `corpus officiel (${expected.toLocaleString('fr-FR')} questions + ${deputies.acteurs} acteurs) : ${(first.wallMs / 1000).toFixed(1)} s, RSS max ${mb(first.peakRss)} ; ` +
      `2e lancement ${(second.wallMs / 1000).toFixed(1)} s ; base ${mb(dbBytes)} ; vérifications ${result.pass ? 'OK' : JSON.stringify(checks)}`,
  );
  if (values['keep-db']) log(`base conservée : ${db}`);
  if (!result.pass) exitCode = 1;
} catch (e) {
  log(`ÉCHEC : ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  exitCode = 1;
} finally {
  await mirror.close();
  tmp.cleanup();
}
process.exit(exitCode);
