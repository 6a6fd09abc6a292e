/**
 * `npm run corpus -- officiel …` run as a child process by the corpus benches (corpus.ts, senat.ts): its wall time,
 * its peak RSS (VmHWM sampled every 50 ms: the child's own getrusage maxRSS is preserved across execve, so it starts
 * at the bench's peak and says nothing of the command's), its exit code and its `--json` report.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO } from '../../../tests/support/botCorpus';

export interface CorpusCommandRun {
  code: number | null;
  wallMs: number;
  peakRss: number;
  report: Record<string, unknown> | null;
  stderr: string;
}

function hwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `scripts/corpus.ts officiel <args> --json --no-progress` with `env` added to this process's environment. */
export async function runCorpusCommand(args: string[], env: Record<string, string>): Promise<CorpusCommandRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/corpus.ts', 'officiel', ...args, '--json', '--no-progress'],
    { cwd: REPO, env: { ...process.env, ...env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
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
