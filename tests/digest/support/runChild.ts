/** Runs tests/digest/support/digestChild.ts (the real digest code in a child process) for crash and restart tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscordFake } from '../../support/discordFake';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'digestChild.ts');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runChild(env: Record<string, string>, started?: (child: ChildProcess) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Runs the child and SIGKILLs it once the fake has handled its `nth` request matching `method` + `path` (Discord
 * did the work) and before the child gets the answer: the post is made, its record is not.
 */
export async function runChildKilledAfter(
  fake: DiscordFake,
  env: Record<string, string>,
  method: string,
  pathPattern: RegExp,
  nth: number,
): Promise<ChildResult> {
  let seen = 0;
  const hold = fake.holdRequests({ method, path: pathPattern, test: () => ++seen === nth }, 'after');
  let child: ChildProcess | null = null;
  const result = runChild(env, (c) => (child = c));
  const killed = hold.reached.then(() => (child as ChildProcess | null)?.kill('SIGKILL'));
  const outcome = await result;
  hold.release();
  await Promise.race([killed, Promise.resolve()]);
  return outcome;
}
