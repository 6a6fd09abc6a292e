import { ConfigError, parseConfig } from '../config';
import { createLogger } from '../logger';
import { errorAnswer } from '../present/handleInvocation';
import { UserError } from '../present/UserError';
import { openStore } from '../store/openStore';
import type { QuestionStore } from '../store/QuestionStore';
import { commands } from './commands';
import type { CliContext } from './types';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  now?: Date;
  /** Environment given to `parseConfig` (default process.env). */
  env?: Record<string, string | undefined>;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'Usage : npm run cli -- <commande> [options] [--db chemin]',
    '',
    'Commandes :',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Base de données : --db chemin, sinon DATABASE_PATH, sinon data/questions.db',
  ].join('\n');
}

/** Removes `--db <path>` / `--db=<path>` from argv; returns the path when given. */
function takeDbOption(argv: string[]): { args: string[]; db: string | null } {
  const args: string[] = [];
  let db: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') {
      const next = argv[i + 1];
      if (next === undefined) throw new UserError('Option --db : chemin manquant.');
      db = next;
      i++;
    } else if (a.startsWith('--db=')) db = a.slice(5);
    else args.push(a);
  }
  return { args, db };
}

/**
 * Runs `npm run cli` arguments; returns the exit code. Never throws: a bad configuration is reported as by every
 * script (exit 1); any other error goes through the front ends' one error-to-reply function (`errorAnswer`), its
 * French text on stderr, exit 1 for a user error and 2 for an unexpected one (logged).
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let store: QuestionStore | null = null;
  let name: string | undefined;
  try {
    const { args, db } = takeDbOption(argv);
    const [first, ...rest] = args;
    name = first;
    if (!name || name === '--help' || name === '-h' || name === 'aide') {
      io.out(help());
      return name ? 0 : 1;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      io.err(`Commande inconnue : « ${name} ».\n\n${help()}`);
      return 1;
    }
    const config = parseConfig({ ...(io.env ?? process.env), ...(db !== null ? { DATABASE_PATH: db } : {}) });
    const ctx: CliContext = {
      config,
      store: () => (store ??= openStore(config.databasePath)),
      out: io.out,
      err: io.err,
      now: io.now ?? new Date(),
    };
    return await command.run(rest, ctx);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 1;
    }
    // An unexpected error is logged as readable lines on the same stderr.
    const log = createLogger({ name: 'cli', pretty: true, destination: { write: (line) => io.err(line.trimEnd()) } });
    const { reply, outcome } = errorAnswer(err, log, { command: name });
    io.err(reply.content ?? '');
    return outcome === 'error' ? 2 : 1;
  } finally {
    (store as QuestionStore | null)?.close();
  }
}
