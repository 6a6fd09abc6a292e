/**
 * `tsx scripts/bench/ingest.ts [--count 100000] [--seed 1] [--formats zip,json] [--keep]`
 * (run by `npm run bench -- --only ingest`)
 *
 * Generates `count` questions in the single-file layout (zip and plain .json) in a temp dir, ingests each into a
 * fresh SQLite database with the real CLI (`scripts/ingest.ts`) as a child process, and measures wall time,
 * questions per second and the child's peak RSS (VmHWM sampled from /proc/<pid>/status, cross-checked with the
 * maxRSS the child prints). Writes bench-results/ingest.json and one summary line. Target: peak RSS < 1 GB at
 * 100,000 questions; the exit code is 1 when the target is missed or an ingest fails.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeArchive } from '../../tools/generator';

const RSS_TARGET_BYTES = 1024 ** 3;
const SAMPLE_MS = 100;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    legislature: { type: 'string', default: '14' },
    formats: { type: 'string', default: 'zip,json' },
    keep: { type: 'boolean', default: false },
  },
});

const count = Number(values.count);
const seed = Number(values.seed);
const legislature = Number(values.legislature);
if (!Number.isInteger(count) || count <= 0) throw new Error(`--count invalide : ${values.count}`);
const formats = values.formats.split(',').map((f) => f.trim()) as Array<'zip' | 'json'>;

interface RssSample {
  tMs: number;
  rssBytes: number;
}

interface IngestRun {
  format: 'zip' | 'json';
  file: string;
  fileBytes: number;
  jsonBytes: number;
  generateSeconds: number;
  ingestSeconds: number;
  questionsPerSecond: number;
  /** VmHWM of the child as last sampled (kernel high-water mark of its resident set). */
  peakRssBytes: number;
  /** What the child itself reported (process.resourceUsage().maxRSS), when it printed its JSON summary. */
  childReportedMaxRssBytes: number | null;
  dbBytes: number;
  exitCode: number | null;
  questionsRead: number | null;
  questionsNew: number | null;
  rejected: number | null;
  /** VmRSS every second: where in the run the memory grows. */
  rssTimeline: RssSample[];
  stderrTail: string;
}

/** The part of `scripts/ingest.ts --json` output this bench reads. */
interface ChildSummary {
  maxRssBytes?: number;
  questions?: { read?: number; new?: number };
  rejected?: unknown[];
}

async function readStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null; // the process is gone, or no /proc (not Linux)
  }
}

async function runIngest(
  file: string,
  db: string,
): Promise<Omit<IngestRun, 'format' | 'file' | 'fileBytes' | 'jsonBytes' | 'generateSeconds'>> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/ingest.ts', file, '--db', db, '--json', '--no-progress'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  let peak = 0;
  const timeline: RssSample[] = [];
  let lastTimeline = -Infinity;
  const sampler = setInterval(async () => {
    if (child.pid === undefined) return;
    const hwm = await readStatusBytes(child.pid, 'VmHWM');
    if (hwm !== null) peak = Math.max(peak, hwm);
    const t = Date.now() - started;
    if (t - lastTimeline >= 1000) {
      const rss = await readStatusBytes(child.pid, 'VmRSS');
      if (rss !== null) {
        timeline.push({ tMs: t, rssBytes: rss });
        lastTimeline = t;
      }
    }
  }, SAMPLE_MS);
  const exitCode: number | null = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  clearInterval(sampler);
  const ingestSeconds = (Date.now() - started) / 1000;

  let summary: ChildSummary | null = null;
  try {
    const lastLine = stdout.trim().split('\n').pop() ?? '';
    summary = JSON.parse(lastLine) as ChildSummary;
  } catch {
    summary = null;
  }
  const childReported = typeof summary?.maxRssBytes === 'number' ? summary.maxRssBytes : null;
  const questionsRead = summary?.questions?.read ?? null;
  let dbBytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    dbBytes += await stat(db + suffix).then(
      (s) => s.size,
      () => 0,
    );
  }
  return {
    ingestSeconds,
    questionsPerSecond: questionsRead !== null ? Math.round(questionsRead / ingestSeconds) : 0,
    peakRssBytes: Math.max(peak, childReported ?? 0),
    childReportedMaxRssBytes: childReported,
    dbBytes,
    exitCode,
    questionsRead,
    questionsNew: summary?.questions?.new ?? null,
    rejected: Array.isArray(summary?.rejected) ? summary.rejected.length : null,
    rssTimeline: timeline,
    stderrTail: stderr.split('\n').slice(-15).join('\n'),
  };
}

const mb = (n: number): string => `${Math.round(n / 1024 / 1024).toLocaleString('fr-FR')} Mo`;
const fr = (n: number): string => n.toLocaleString('fr-FR');

const dir = await mkdtemp(path.join(os.tmpdir(), 'qe-bench-ingest-'));
const runs: IngestRun[] = [];
try {
  for (const format of formats) {
    const file = path.join(dir, format === 'zip' ? 'Questions_ecrites_XIV.json.zip' : 'Questions_ecrites_XIV.json');
    const genStart = Date.now();
    const written = await writeArchive({ count, seed, legislature, out: file, layout: 'single' });
    const generateSeconds = (Date.now() - genStart) / 1000;
    console.error(
      `bench ingest : ${fr(written.questions)} questions générées (${format}, ${mb(written.diskBytes)}) en ${generateSeconds.toFixed(1)} s`,
    );
    const run = await runIngest(file, path.join(dir, `${format}.db`));
    runs.push({ format, file, fileBytes: written.diskBytes, jsonBytes: written.jsonBytes, generateSeconds, ...run });
    console.error(
      `bench ingest : ${format} ingéré en ${run.ingestSeconds.toFixed(1)} s, RSS max ${mb(run.peakRssBytes)}, code ${run.exitCode}`,
    );
    if (run.exitCode !== 0) console.error(run.stderrTail);
  }
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  else console.error(`bench ingest : fichiers conservés dans ${dir}`);
}

const failures = runs.filter((r) => r.exitCode !== 0 || r.questionsRead !== count);
const overTarget = runs.filter((r) => r.peakRssBytes >= RSS_TARGET_BYTES);
const result = {
  bench: 'ingest',
  date: new Date().toISOString(),
  count,
  seed,
  legislature,
  layout: 'single',
  machine: {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: os.cpus().length,
    totalMemBytes: os.totalmem(),
  },
  targetPeakRssBytes: RSS_TARGET_BYTES,
  pass: failures.length === 0 && overTarget.length === 0,
  runs,
};
await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
await writeFile(path.join(repoRoot, 'bench-results', 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);

const parts = runs.map(
  (r) =>
    `${r.format} ${r.ingestSeconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s ` +
    `(${fr(r.questionsPerSecond)} q/s, RSS max ${mb(r.peakRssBytes)}${r.exitCode !== 0 ? `, ÉCHEC code ${r.exitCode}` : ''})`,
);
console.log(
  `ingest ${fr(count)} questions : ${parts.join(' ; ')} — objectif RSS < 1 Go : ${overTarget.length === 0 ? 'atteint' : 'MANQUÉ'}` +
    (failures.length ? ` — ${failures.length} ingestion(s) en échec ou incomplète(s)` : ''),
);
process.exitCode = result.pass ? 0 : 1;
