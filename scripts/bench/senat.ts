/**
 * `npm run bench -- --only senat` (or `tsx scripts/bench/senat.ts --count 300000`)
 *
 * The Sénat's questions database through the real command (issue 18, point 5): a generated dump of `--count` written
 * questions (default 300,000, legislatures 11 to 17, every quirk of tools/generator/senatDump.ts) served by a loopback
 * mirror as SENAT_URL; `npm run corpus -- officiel --chambres senat --legislatures 11-17` runs as a child process:
 * wall time and peak RSS (VmHWM sampled from /proc). Then a second run, which must download nothing.
 * Target: peak RSS under 1 GB. Writes bench-results/senat.json; exit code 1 when a target or a check is missed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/openStore';
import { writeSenatDump } from '../../tools/generator';
import { REPO, tempDir } from '../../tests/support/botCorpus';
import { startOfficialMirror } from '../../tests/support/officialMirror';

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

function hwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function runCommand(senatUrl: string, db: string) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/corpus.ts',
      'officiel',
      '--chambres',
      'senat',
      '--legislatures',
      `${LEGISLATURES[0]}-${LEGISLATURES[LEGISLATURES.length - 1]}`,
      '--db',
      db,
      '--cache',
      path.join(tmp.dir, 'cache'),
      '--json',
      '--no-progress',
    ],
    { cwd: REPO, env: { ...process.env, SENAT_URL: senatUrl, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-5000)));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, hwm(child.pid!))), 50);
  const code: number | null = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  let report: Record<string, unknown> | null = null;
  try {
    report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
  } catch {
    report = null;
  }
  return { code, wallMs: Math.round(performance.now() - started), peakRss: peak, report, stderr };
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
