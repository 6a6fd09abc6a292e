/**
 * Runs the bot in a child process (by default `node --import tsx src/main.ts`, the TypeScript sources; see
 * BOT_ARGS for the compiled bot `npm start` runs), pointed at a Discord
 * fake living in the test process: the measure of the bot's own latency and memory is then not mixed with the
 * fake's work. Logs (pino JSON on stderr) are collected to wait for milestones ("index: ready").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO } from './botCorpus';

export interface SpawnedBot {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  /** Resolves with the first log line whose `msg` matches. */
  waitForLog(msg: string | RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resident memory of the bot process (MB), from /proc. */
  rssMb(): number;
  /** Everything the process printed so far, stdout then stderr (e.g. to search it for secrets). */
  printed(): { stdout: string; stderr: string };
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<number | null>;
}

/** Node's arguments for each way of starting the bot (run from the repository's root). */
export const BOT_ARGS = {
  /** The TypeScript sources through tsx's loader, in this one process (the default). */
  tsx: ['--import', 'tsx', 'src/main.ts'],
  /** tsx's command line, as `npm start` ran the bot before the build: a tsx process that runs the bot in a child. */
  tsxCli: ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'],
  /** The JavaScript `npm run build` wrote to dist/, as `npm start` runs it. */
  compiled: ['dist/src/main.js'],
} as const;

export function spawnBot(env: Record<string, string>, args: readonly string[] = BOT_ARGS.tsx): SpawnedBot {
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    // No open data unless asked: a closed loopback port (the start refresh then reports "offline").
    env: { ...process.env, OPENDATA_URL: 'http://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    test: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }> = [];
  let buffer = '';
  let stdoutText = '';
  let stderrText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrText += chunk;
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        parsed = { msg: line };
      }
      logs.push(parsed);
      for (const w of [...waiters]) {
        if (w.test(parsed)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
      }
    }
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => void (stdoutText += chunk));
  const exitedWith = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const exited = exitedWith.then((e) => e.code);
  return {
    child,
    logs,
    waitForLog(msg, timeoutMs = 600_000) {
      const test = (l: Record<string, unknown>): boolean =>
        typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg));
      const found = logs.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () =>
            reject(
              new Error(
                `log « ${String(msg)} » not seen within ${timeoutMs} ms; last: ${JSON.stringify(logs.slice(-5))}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ test, resolve: (l) => (clearTimeout(t), resolve(l)) });
        void exited.then((code) =>
          reject(new Error(`bot exited (${code}) before « ${String(msg)} »: ${JSON.stringify(logs.slice(-5))}`)),
        );
      });
    },
    rssMb() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Math.round(Number(m[1]) / 1024) : NaN;
      } catch {
        return NaN;
      }
    },
    printed: () => ({ stdout: stdoutText, stderr: stderrText }),
    exited: exitedWith,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
