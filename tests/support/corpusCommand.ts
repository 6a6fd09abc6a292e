/**
 * `npm run corpus -- …` as a user runs it: scripts/corpus.ts in a child process (asynchronous, so that a loopback
 * mirror living in the calling process keeps answering), its exit status and whole output.
 */
import { spawn } from 'node:child_process';
import { REPO } from './botCorpus';

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCorpusCommand(args: string[], env: Record<string, string>): Promise<CommandResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/corpus.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
