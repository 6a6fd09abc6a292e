/**
 * The ONE error boundary, shared by the Discord layer and the console twin: prepares and runs a command, a
 * component handler or an autocomplete, and always returns a payload within Discord's limits.
 * - UserError -> its French message, ephemeral, not logged as an error (outcome `user_error`);
 * - anything else -> logged with context (command, user id, options; never a token) and a generic French
 *   message, ephemeral (outcome `error`).
 *
 * Two steps, so that the dispatcher can answer an input error before acknowledging anything:
 * `prepareCommand` / `prepareComponent` run the synchronous checks and return either an error answer or the
 * work left; `runWork` runs that work inside the same boundary. `handleCommand` / `handleComponent` chain both
 * (console twin, tests).
 */
import type { Logger } from '../logger';
import type {
  CallContext,
  CommandModule,
  CommandRegistry,
  ComponentHandler,
  FocusedOption,
  RawArgs,
  Work,
} from './commandKit';
import type { CommandDeps } from './deps';
import { fitChoices, fitToLimits } from './limits';
import type { Choice, ComponentReply, Reply } from './reply';
import { isUserError, STALE_COMPONENT_MESSAGE } from './UserError';

export const GENERIC_ERROR =
  "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez dans un instant.";

export function userErrorReply(message: string): Reply {
  return { content: `⚠️ ${message}`, ephemeral: true };
}

export const INDEX_LOADING_MESSAGE =
  "L'index de recherche est en cours de chargement : réessayez dans quelques secondes.";

/** How an invocation ended, as the dispatcher's observer reports it. */
export type InvocationOutcome = 'ok' | 'user_error' | 'error';

export interface Answer<R extends Reply> {
  reply: R;
  outcome: InvocationOutcome;
}

/**
 * The one function that turns any error into a reply, for every front end (Discord, the console, the CLI): a
 * UserError or an expected search state is its French message (`user_error`); anything else is logged with
 * `context` and answered with the generic message (`error`).
 */
export function errorAnswer(e: unknown, log: Logger | undefined, context: Record<string, unknown>): Answer<Reply> {
  if (isUserError(e)) return { reply: userErrorReply(e.message), outcome: 'user_error' };
  // The search engine rejects with SearchNotReadyError while it loads: expected, not a bug.
  if (e instanceof Error && e.name === 'SearchNotReadyError')
    return { reply: userErrorReply(INDEX_LOADING_MESSAGE), outcome: 'user_error' };
  // A search worker being replaced (or an index that could not load): its own French message, at once.
  if (e instanceof Error && e.name === 'SearchUnavailableError')
    return { reply: userErrorReply(e.message), outcome: 'user_error' };
  log?.error({ err: e, ...context }, 'command failed');
  return { reply: { content: `❌ ${GENERIC_ERROR}`, ephemeral: true }, outcome: 'error' };
}

/** The result of the synchronous step: an answer already (bad input, unknown command), or the work to run. */
export type Prepared<R extends Reply> =
  | { kind: 'answer'; answer: Answer<R> }
  | { kind: 'work'; work: Work<R>; context: Record<string, unknown>; onError: (error: Reply) => R };

export interface PreparedCommand {
  command: CommandModule | undefined;
  prepared: Prepared<Reply>;
}

/** What every invocation is prepared with: the commands, their dependencies, the caller, where failures are logged. */
export interface Invocation {
  registry: CommandRegistry;
  deps: CommandDeps;
  ctx: CallContext;
  log?: Logger | undefined;
}

/** The caller's part of the context logged with a failure. */
function callerOf(ctx: CallContext): { userId: string; guildId: string | null } {
  return { userId: ctx.userId, guildId: ctx.guildId };
}

export function prepareCommand({ registry, deps, ctx, log }: Invocation, name: string, raw: RawArgs): PreparedCommand {
  const command = registry.get(name);
  const context = { command: name, subcommand: raw.subcommand, ...callerOf(ctx), options: raw.values };
  if (!command)
    return {
      command,
      prepared: { kind: 'answer', answer: fitted(errorAnswer(new Error(`unknown command ${name}`), log, context)) },
    };
  try {
    return { command, prepared: { kind: 'work', work: command.prepare(raw, deps, ctx), context, onError: (r) => r } };
  } catch (e) {
    return { command, prepared: { kind: 'answer', answer: fitted(errorAnswer(e, log, context)) } };
  }
}

export interface PreparedComponent {
  handler: ComponentHandler | undefined;
  command: CommandModule | undefined;
  prepared: Prepared<ComponentReply>;
}

export function prepareComponent(
  { registry, deps, ctx, log }: Invocation,
  customIdValue: string,
  values: string[],
): PreparedComponent {
  const found = registry.component(customIdValue);
  const context = { component: customIdValue, values, ...callerOf(ctx), command: found?.command.name };
  if (!found) {
    return {
      handler: undefined,
      command: undefined,
      prepared: {
        kind: 'answer',
        answer: { reply: { ...userErrorReply(STALE_COMPONENT_MESSAGE), mode: 'reply' }, outcome: 'user_error' },
      },
    };
  }
  try {
    const work = found.handler.prepare({ args: found.args, values }, deps, ctx);
    return {
      handler: found.handler,
      command: found.command,
      prepared: { kind: 'work', work, context, onError: (r) => ({ ...r, mode: 'reply' }) },
    };
  } catch (e) {
    return {
      handler: found.handler,
      command: found.command,
      prepared: { kind: 'answer', answer: componentError(errorAnswer(e, log, context)) },
    };
  }
}

function fitted<R extends Reply>(a: Answer<R>): Answer<R> {
  return { reply: fitToLimits(a.reply), outcome: a.outcome };
}

function componentError(a: Answer<Reply>): Answer<ComponentReply> {
  return { reply: fitToLimits({ ...a.reply, mode: 'reply' as const }), outcome: a.outcome };
}

/** Runs prepared work inside the boundary. */
export async function runWork<R extends Reply>(
  prepared: Extract<Prepared<R>, { kind: 'work' }>,
  log?: Logger,
): Promise<Answer<R>> {
  try {
    return { reply: fitToLimits(await prepared.work()), outcome: 'ok' };
  } catch (e) {
    const a = errorAnswer(e, log, prepared.context);
    return { reply: fitToLimits(prepared.onError(a.reply)), outcome: a.outcome };
  }
}

async function settle<R extends Reply>(prepared: Prepared<R>, log?: Logger): Promise<Answer<R>> {
  return prepared.kind === 'answer' ? prepared.answer : runWork(prepared, log);
}

export async function handleCommand(
  registry: CommandRegistry,
  name: string,
  raw: RawArgs,
  deps: CommandDeps,
  ctx: CallContext,
  log?: Logger,
): Promise<Reply> {
  return (await settle(prepareCommand({ registry, deps, ctx, log }, name, raw).prepared, log)).reply;
}

export async function handleComponent(
  registry: CommandRegistry,
  customIdValue: string,
  values: string[],
  deps: CommandDeps,
  ctx: CallContext,
  log?: Logger,
): Promise<ComponentReply> {
  return (await settle(prepareComponent({ registry, deps, ctx, log }, customIdValue, values).prepared, log)).reply;
}

export async function handleAutocomplete(
  registry: CommandRegistry,
  name: string,
  focused: FocusedOption,
  raw: RawArgs,
  deps: CommandDeps,
  ctx: CallContext,
  log?: Logger,
): Promise<Choice[]> {
  const command = registry.get(name);
  if (!command?.autocomplete) return [];
  try {
    return fitChoices(await command.autocomplete(focused, raw, deps, ctx));
  } catch (e) {
    if (!isUserError(e))
      log?.error({ err: e, command: name, focused: focused.name, userId: ctx.userId }, 'autocomplete failed');
    return [];
  }
}
