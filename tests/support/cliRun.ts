/** `npm run cli` run in process, its stdout and stderr collected as text. */
import { runCli } from '../../src/cli/runCli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCliText(argv: string[], now?: Date): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), ...(now ? { now } : {}) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
