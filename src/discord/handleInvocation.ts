/**
 * The ONE error boundary, shared by the Discord layer and the console twin: runs a command, a component
 * handler or an autocomplete, and always returns a payload within Discord's limits.
 * - UserError -> its French message, ephemeral, not logged as an error;
 * - anything else -> logged with context (command, user id, options; never a token) and a generic French
 *   message, ephemeral.
 */
import type { Logger } from '../logger';
import type { CallContext, CommandRegistry, FocusedOption, RawArgs } from './commandKit';
import type { CommandDeps } from './deps';
import { fitChoices, fitToLimits } from './limits';
import type { Choice, ComponentReply, Reply } from './reply';
import { isUserError } from './UserError';

export const GENERIC_ERROR = "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez dans un instant.";

export function userErrorReply(message: string): Reply {
  return { content: `⚠️ ${message}`, ephemeral: true };
}

export const INDEX_LOADING_MESSAGE = "L'index de recherche est en cours de chargement : réessayez dans quelques secondes.";

function errorReply(e: unknown, log: Logger | undefined, context: Record<string, unknown>): Reply {
  if (isUserError(e)) return userErrorReply(e.message);
  // The search engine rejects with SearchNotReadyError while it loads: expected, not a bug.
  if (e instanceof Error && e.name === 'SearchNotReadyError') return userErrorReply(INDEX_LOADING_MESSAGE);
  // A search worker being replaced (or an index that could not load): its own French message, at once.
  if (e instanceof Error && e.name === 'SearchUnavailableError') return userErrorReply(e.message);
  log?.error({ err: e, ...context }, 'command failed');
  return { content: `❌ ${GENERIC_ERROR}`, ephemeral: true };
}

export async function handleCommand(
  registry: CommandRegistry,
  name: string,
  raw: RawArgs,
  deps: CommandDeps,
  ctx: CallContext,
  log?: Logger,
): Promise<Reply> {
  const command = registry.get(name);
  const context = { command: name, subcommand: raw.subcommand, userId: ctx.userId, guildId: ctx.guildId, options: raw.values };
  if (!command) return errorReply(new Error(`unknown command ${name}`), log, context);
  try {
    return fitToLimits(await command.execute(raw, deps, ctx));
  } catch (e) {
    return errorReply(e, log, context);
  }
}

export async function handleComponent(
  registry: CommandRegistry,
  customIdValue: string,
  values: string[],
  deps: CommandDeps,
  ctx: CallContext,
  log?: Logger,
): Promise<ComponentReply> {
  const found = registry.component(customIdValue);
  const context = { component: customIdValue, values, userId: ctx.userId, guildId: ctx.guildId };
  if (!found) {
    return userErrorReply("Ce bouton n'est plus valide : relancez la commande.");
  }
  try {
    return fitToLimits(await found.handler({ args: found.args, values }, deps, ctx));
  } catch (e) {
    return { ...errorReply(e, log, { ...context, command: found.command.name }), mode: 'reply' };
  }
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
    if (!isUserError(e)) log?.error({ err: e, command: name, focused: focused.name, userId: ctx.userId }, 'autocomplete failed');
    return [];
  }
}
