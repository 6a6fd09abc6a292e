import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config';
import { UserError } from '../present/UserError';
import type { QuestionStore } from '../store/QuestionStore';

/** What a subcommand gets: output sinks, the clock and the store (opened on first use, closed by the runner). */
export interface CliContext {
  /** The configuration (with `--db` applied as DATABASE_PATH, so the index folder follows it by default). */
  config: Config;
  store(): QuestionStore;
  out(text: string): void;
  err(text: string): void;
  now: Date;
}

/**
 * One `npm run cli -- <name> ...` subcommand, one file each in `src/cli/commands/`, listed in
 * `src/cli/commands/index.ts`. `run` returns the exit code; throw a `UserError` for an expected problem (French
 * message, exit 1), as every front end does (see runCli).
 */
export interface CliCommand {
  name: string;
  /** One French line for the help. */
  summary: string;
  /** e.g. "question <législature-numéro | uid> [--json]" */
  usage: string;
  run(args: string[], ctx: CliContext): number | Promise<number>;
}

/** `parseArgs` of node:util, an unknown or malformed option becoming a French UserError. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UserError(`Option invalide : ${err instanceof Error ? err.message : String(err)}`);
  }
}
