import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/openStore';
import { writeSenatDump } from '../../tools/generator';
import { REPO, tempDir } from '../../tests/support/botCorpus';
import { startOfficialMirror } from '../../tests/support/officialMirror';
import { runCorpusCommand } from './support/corpusCommand';

const RSS_TARGET = 1024 ** 3;
const LEGISLATURES = [11, 12, 13, 14, 15, 16, 17];
const DUMP_PATH = 'data/questions/questions.zip';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '300000' },
    seed: { type: 'string', default: '1' },
  },
});
const count = Number(values.count) || 300_000;
const log = (s: string): void => void process.stdout.write(`${s}\n`);
const mb = (n: number) => `${Math.round(n / 1048576).toLocaleString('fr-FR')} Mo`;
const tmp = tempDir('bench-senat-');

function runCommand(senatUrl: string, db: string) {
  return runCorpusCommand(
    [
      '--chambres',
      'senat',
      '--legislatures',
      `${LEGISLATURES[0]}-${LEGISLATURES[LEGISLATURES.length - 1]}`,
      '--db',
      db,
      '--cache',
      path.join(tmp.dir, 'cache'),
    ],
    { SENAT_URL: senatUrl },
  );
}

let exitCode = 0;
const mirror = await startOfficialMirror();
try {
  const out = path.join(tmp.dir, 'questions.zip');
  const t = performance.now();
  const dump = await writeSenatDump({ count, seed: Number(values.seed), legislatures: LEGISLATURES, out });
  const genSeconds = (performance.now() - t) / 1000;
  log(
    `dump du Sénat : ${dump.questions.toLocaleString('fr-FR')} questions écrites (+${dump.oral} orales, ${dump.badRows} lignes malformées), ` +
      `${mb(dump.sqlBytes)} de SQL, ${mb(dump.diskBytes)} zippé, en ${genSeconds.toFixed(1)} s`,
  );
  mirror.put(DUMP_PATH, { fromDisk: out });
  const url = `${mirror.base}/${DUMP_PATH}`;
  const db = path.join(tmp.dir, 'questions.db');
  const gets = () => mirror.requests.filter((r) => r.method === 'GET' && (r.status === 200 || r.status === 206)).length;

  const first = await runCommand(url, db);
  log(`1er chargement : code ${first.code}, ${(first.wallMs / 1000).toFixed(1)} s, RSS max ${mb(first.peakRss)}`);
  if (first.code !== 0) log(first.stderr);
  const before = gets();
  const second = await runCommand(url, db);
  const downloads = gets() - before;
  log(`2e chargement : code ${second.code}, ${(second.wallMs / 1000).toFixed(1)} s, ${downloads} téléchargement(s)`);

  const store = openStore(db);
  const total = store.count();
  const byLegislature = store.stats().byLegislature;
  store.close();
  const summary = first.report?.summary as { rejected?: unknown[]; questions?: { new?: number } } | undefined;
  const checks = {
    everyQuestionLoaded: total === dump.questions,
    onlyTheBadRowsRejected: (summary?.rejected?.length ?? -1) === dump.badRows,
    secondRunDownloadsNothing: downloads === 0 && second.code === 0,
    peakRssUnder1GB: first.peakRss < RSS_TARGET,
  };
  const result = {
    bench: 'senat',
    questions: dump.questions,
    legislatures: LEGISLATURES,
    dump: { sqlBytes: dump.sqlBytes, zipBytes: dump.diskBytes, oral: dump.oral, generateSeconds: genSeconds },
    first: {
      code: first.code,
      wallMs: first.wallMs,
      peakRssBytes: first.peakRss,
      questionsNew: summary?.questions?.new,
    },
    second: { code: second.code, wallMs: second.wallMs, downloads, peakRssBytes: second.peakRss },
    database: { questions: total, bytes: statSync(db).size, byLegislature },
    checks,
    pass: Object.values(checks).every(Boolean),
    machine: { node: process.version, cpus: os.cpus().length, loadavg: os.loadavg() },
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(REPO, 'bench-results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench-results', 'senat.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(
    `Sénat (${dump.questions.toLocaleString('fr-FR')} questions) : ${(first.wallMs / 1000).toFixed(1)} s, RSS max ${mb(first.peakRss)} ; ` +
      `2e lancement ${(second.wallMs / 1000).toFixed(1)} s ; vérifications ${result.pass ? 'OK' : JSON.stringify(checks)}`,
  );
  if (!result.pass) exitCode = 1;
} catch (e) {
  log(`ÉCHEC : ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  exitCode = 1;
} finally {
  await mirror.close();
  tmp.cleanup();
}
process.exit(exitCode);
