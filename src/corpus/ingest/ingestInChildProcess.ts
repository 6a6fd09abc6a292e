/**
 * The ingest in a child process, for the bot: download, unzip, parsing and SQLite writes never run on the thread
 * that talks to Discord (issue 9). The child opens the same database file (WAL: the bot keeps reading while it
 * writes, in short batches); the parent only receives what changed: uids written per committed batch, the summary
 * (counts) and the store revisions before and after. A child that dies is an error; `signal` kills it (a killed
 * ingest keeps whole batches and re-running completes it). The child inherits only the allowed environment
 * variables (`childProcessEnv` in src/config.ts).
 */
import { fork } from 'node:child_process';
import { processEntry, REPO_ROOT } from '../../entryPoints';
import { childProcessEnv } from '../../config';
import type { IngestSummary } from './types';

const CHILD = processEntry(import.meta.url, 'ingestChild');

export interface IngestJob {
  inputs: string[];
  dbPath: string;
  /** ISO date-time: the run's clock. */
  now: string;
  cacheDir?: string;
  batchSize?: number;
  /** See IngestOptions.senatLegislatures. */
  senatLegislatures?: number[];
}

export type ChildMessage =
  | { type: 'log'; line: string }
  | { type: 'written'; uids: string[] }
  | { type: 'done'; summary: IngestSummary; revisionBefore: string; revisionAfter: string; pid: number }
  | { type: 'error'; message: string };

export interface ChildIngestResult {
  summary: IngestSummary;
  revisionBefore: string;
  revisionAfter: string;
  /** The process that ran the ingest (never the caller's). */
  pid: number;
}

export interface ChildIngestOptions extends Omit<IngestJob, 'inputs' | 'now'> {
  now: Date;
  log?: (line: string) => void;
  onWritten?: (uids: string[]) => void;
  signal?: AbortSignal;
}

export function ingestInChildProcess(inputs: readonly string[], opts: ChildIngestOptions): Promise<ChildIngestResult> {
  if (opts.dbPath === ':memory:')
    return Promise.reject(new Error('an in-memory database cannot be shared with a child process'));
  return new Promise((resolve, reject) => {
    const child = fork(CHILD.file, [], {
      cwd: REPO_ROOT,
      env: childProcessEnv(),
      execArgv: CHILD.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    let result: ChildIngestResult | null = null;
    let failure: string | null = null;
    const onAbort = () => child.kill('SIGTERM');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (msg: ChildMessage) => {
      if (msg.type === 'log') opts.log?.(msg.line);
      else if (msg.type === 'written') opts.onWritten?.(msg.uids);
      else if (msg.type === 'done')
        result = {
          summary: msg.summary,
          revisionBefore: msg.revisionBefore,
          revisionAfter: msg.revisionAfter,
          pid: msg.pid,
        };
      else failure = msg.message;
    });
    child.on('error', (err) => {
      failure ??= err.message;
    });
    child.on('exit', (code, signal) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (result) resolve(result);
      else reject(new Error(failure ?? `ingest child process ended without a result (code ${code}, signal ${signal})`));
    });
    const job: IngestJob = {
      inputs: [...inputs],
      dbPath: opts.dbPath,
      now: opts.now.toISOString(),
      ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.senatLegislatures ? { senatLegislatures: opts.senatLegislatures } : {}),
    };
    child.send(job);
  });
}
