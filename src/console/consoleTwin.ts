/**
 * The console twin: without a Discord token, `npm start` reads commands from stdin, e.g.
 *   /recherche texte:cybercriminalité depute:Tardy
 *   /recherche texte:"entraide pénale" legislature:14
 *   /digest ajouter salon:123 …            (subcommand as second word)
 * and prints the SAME reply payloads the bot would send, as text. A button or select option of the last
 * message is pressed by typing its number or its label. Same validation, error boundary and limits as Discord.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CallContext, CommandRegistry, RawArgs } from '../present/commandKit';
import type { CommandDeps } from '../present/deps';
import { handleCommand, handleComponent } from '../present/handleInvocation';
import type { Logger } from '../logger';
import type { Reply } from '../present/reply';
import { actionsOf, renderReply, type ConsoleAction, type SavedFiles } from './renderReply';

export type ParsedLine =
  | { kind: 'command'; name: string; raw: RawArgs }
  | { kind: 'press'; action: ConsoleAction }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

function unquote(v: string): string {
  const t = v.trim();
  const m = /^(["'«])\s*([\s\S]*?)\s*(["'»])$/.exec(t);
  return m && ((m[1] === '"' && m[3] === '"') || (m[1] === "'" && m[3] === "'") || (m[1] === '«' && m[3] === '»'))
    ? (m[2] ?? '')
    : t;
}

/**
 * Parses `/name [sub] key:value key:"value with spaces" …`. Unquoted values run up to the next known
 * `option:` so that `texte:entraide pénale depute:Tardy` works too.
 */
export function parseCommandLine(
  line: string,
  registry: CommandRegistry,
  actions: readonly ConsoleAction[] = [],
): ParsedLine {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (/^(\/?aide console|\?|help)$/i.test(text)) return { kind: 'help' };
  if (/^(\/?quit|\/?exit|\/?quitter)$/i.test(text)) return { kind: 'quit' };
  if (!text.startsWith('/')) {
    const n = Number(text);
    const byNumber = Number.isInteger(n) ? actions[n - 1] : undefined;
    const byLabel =
      actions.find((a) => a.label.toLowerCase() === text.toLowerCase()) ??
      actions.find((a) => a.label.toLowerCase().includes(text.toLowerCase()));
    const action = byNumber ?? byLabel;
    if (action) return { kind: 'press', action };
    // Free text is a question in plain French (issue 13), answered like /demander.
    if (registry.get('demander') && !/^\d+$/.test(text))
      return { kind: 'command', name: 'demander', raw: { values: { texte: text } } };
    return { kind: 'error', message: 'Commande inconnue : tapez /aide, ou le numéro d’un bouton du dernier message.' };
  }
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  const name = (m?.[1] ?? '').toLowerCase();
  let rest = m?.[2] ?? '';
  const command = registry.get(name);
  if (!command)
    return {
      kind: 'error',
      message: `Commande inconnue : /${name}. Commandes : ${registry.commands.map((c) => `/${c.name}`).join(', ')}.`,
    };
  let subcommand: string | undefined;
  if (command.subcommandNames.length) {
    const sm = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    subcommand = sm?.[1];
    rest = sm?.[2] ?? '';
    if (!subcommand || !command.subcommandNames.includes(subcommand)) {
      return {
        kind: 'error',
        message: `Sous-commande attendue pour /${name} : ${command.subcommandNames.join(', ')}.`,
      };
    }
  }
  const names = Object.keys(command.optionSpecs(subcommand));
  const values: RawArgs['values'] = {};
  if (rest.trim() !== '') {
    const re = new RegExp(`(?:^|\\s)(${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')}):`, 'g');
    const marks: Array<{ name: string; start: number; valueStart: number }> = [];
    for (const mm of rest.matchAll(re)) {
      const start = mm.index ?? 0;
      marks.push({ name: mm[1] ?? '', start, valueStart: start + mm[0].length });
    }
    if (marks.length === 0 || rest.slice(0, marks[0]?.start ?? 0).trim() !== '') {
      return {
        kind: 'error',
        message: `Options attendues sous la forme nom:valeur. Options de /${name} : ${names.join(', ') || 'aucune'}.`,
      };
    }
    marks.forEach((mk, i) => {
      const end = marks[i + 1]?.start ?? rest.length;
      values[mk.name] = unquote(rest.slice(mk.valueStart, end));
    });
  }
  return { kind: 'command', name, raw: { ...(subcommand ? { subcommand } : {}), values } };
}

export interface ConsoleOptions {
  registry: CommandRegistry;
  deps: CommandDeps;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  logger?: Logger;
  clock?: () => Date;
  userId?: string;
  /**
   * Resolves when the search index is ready. Lines read from the input wait for it (once, with a notice):
   * a console has a single user, for whom waiting a few seconds beats an "index en cours de chargement" reply.
   */
  indexReady?: Promise<unknown>;
  /** Where attachments (charts, CSV exports) are written; default: questions-ecrites/ in the temp folder. */
  filesDir?: string;
}

/** Writes a reply's attachments to `dir`: where each went, or why none could be written (the text stays). */
export function saveReplyFiles(reply: Reply, dir: string): SavedFiles {
  const paths = new Map<string, string>();
  if (!reply.files?.length) return { paths, failure: null };
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of reply.files) {
      const target = path.join(dir, path.basename(f.name));
      writeFileSync(target, f.data);
      paths.set(f.name, target);
    }
    return { paths, failure: null };
  } catch (err) {
    // The text rendering still gives the figures; the failure is shown with them and logged.
    return { paths, failure: `${dir} : ${err instanceof Error ? err.message : String(err)}` };
  }
}

export interface ConsoleSession {
  /** Runs one line and returns what was printed (used by tests and by the readline loop). */
  handleLine(line: string): Promise<string>;
  /** Resolves when the input ends or "quit" is typed. */
  closed: Promise<void>;
  close(): void;
}

const CONSOLE_HELP = [
  'Tapez une commande comme sur Discord, options en nom:valeur (guillemets pour les espaces) :',
  '  /recherche texte:cybercriminalité depute:Tardy',
  '  /question numero:50862 legislature:14',
  '  combien de questions sur les prisons en 2019 ?   — une question en français (comme /demander)',
  '  /aide   — toutes les commandes ;  quitter — fin.',
  'Pour appuyer sur un bouton du dernier message : tapez son numéro ou son libellé.',
].join('\n');

export function createConsoleSession(opts: ConsoleOptions): ConsoleSession {
  const clock = opts.clock ?? (() => new Date());
  let actions: ConsoleAction[] = [];
  const ctx = (): CallContext => ({
    userId: opts.userId ?? 'console',
    guildId: null,
    channelId: null,
    memberPermissions: null,
    locale: 'fr',
    now: clock(),
  });
  const filesDir = opts.filesDir ?? path.join(os.tmpdir(), 'questions-ecrites');
  const show = (reply: Reply): string => {
    actions = actionsOf(reply);
    const saved = saveReplyFiles(reply, filesDir);
    if (saved.failure) opts.logger?.warn({ dir: filesDir, reason: saved.failure }, 'console: attachments not written');
    return renderReply(reply, saved);
  };
  let closeResolve!: () => void;
  const closed = new Promise<void>((resolve) => (closeResolve = resolve));

  async function handleLine(line: string): Promise<string> {
    const parsed = parseCommandLine(line, opts.registry, actions);
    switch (parsed.kind) {
      case 'empty':
        return '';
      case 'help':
        return CONSOLE_HELP;
      case 'quit':
        closeResolve();
        return 'Au revoir.';
      case 'error':
        return `⚠️ ${parsed.message}`;
      case 'command':
        return show(await handleCommand(opts.registry, parsed.name, parsed.raw, opts.deps, ctx(), opts.logger));
      case 'press': {
        const reply = await handleComponent(
          opts.registry,
          parsed.action.customId,
          parsed.action.value === undefined ? [] : [parsed.action.value],
          opts.deps,
          ctx(),
          opts.logger,
        );
        return show(reply);
      }
    }
  }

  const rl = createInterface({ input: opts.input, terminal: false });
  const write = (s: string): void => {
    if (s) opts.output.write(`${s}\n\n`);
  };
  write(`Mode console (pas de DISCORD_TOKEN). ${CONSOLE_HELP}`);
  let queue = Promise.resolve();
  if (opts.indexReady) {
    const indexReady = opts.indexReady;
    queue = queue.then(async () => {
      if (opts.deps.search.ready) return;
      write('Index de recherche en cours de chargement…');
      await indexReady.catch(() => undefined); // a failed index is reported by the commands themselves
    });
  }
  rl.on('line', (line) => {
    queue = queue.then(async () => write(await handleLine(line)));
  });
  rl.on('close', () => void queue.then(() => closeResolve()));
  return {
    handleLine,
    closed,
    close: () => {
      rl.close();
      closeResolve();
    },
  };
}
