/**
 * How the bot starts its worker threads and its ingest child: from the JavaScript `npm run build` writes to dist/
 * when the bot runs compiled (`npm start`: nothing compiled at start, nor in each worker), from the TypeScript
 * sources through tsx otherwise (`npm run dev`, vitest, the scripts). A module knows which by its own URL: the
 * whole tree is either compiled or not.
 */
import { fileURLToPath } from 'node:url';

const COMPILED = import.meta.url.endsWith('.js');
const EXTENSION = COMPILED ? '.js' : '.ts';

/** The repository's root (dist/src/ -> two levels up, src/ -> one). */
export const REPO_ROOT = fileURLToPath(new URL(COMPILED ? '../../' : '../', import.meta.url));

/** A worker thread's entry `name` beside the module at `base`: the URL to start and its workerData. */
export function workerEntry(base: string, name: string): { url: URL; workerData?: { entry: string } } {
  const entry = new URL(`./${name}${EXTENSION}`, base);
  return COMPILED
    ? { url: entry }
    : { url: new URL('./tsWorkerBoot.mjs', import.meta.url), workerData: { entry: entry.href } };
}

/** A child process's entry `name` beside the module at `base`: the file to fork and Node's options for it. */
export function processEntry(base: string, name: string): { file: string; execArgv: string[] } {
  return {
    file: fileURLToPath(new URL(`./${name}${EXTENSION}`, base)),
    execArgv: COMPILED ? [] : ['--import', 'tsx'],
  };
}
