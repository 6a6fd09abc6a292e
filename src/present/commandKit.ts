/**
 * The command framework. HOW TO ADD A COMMAND (see commands/aide.ts for a small one):
 *
 *   // commands/exemple.ts
 *   export default defineCommand({
 *     name: 'exemple', nameEn: 'example',
 *     description: 'Fait quelque chose', descriptionEn: 'Does something',
 *     options: {
 *       numero: { type: 'integer', required: true, description: '…', descriptionEn: '…', minValue: 1 },
 *       depute: { type: 'string', autocomplete: true, description: '…', descriptionEn: '…' },
 *     },
 *     // Synchronous and fast: checks and resolves the input (names, numbers, dates), throws UserError on bad
 *     // input. Runs BEFORE anything is sent to Discord, so an input error is ephemeral from the start.
 *     prepare: (args, deps, ctx) => ({ q: findQuestionOrFail(deps, args.numero) }),
 *     // The work (may be slow); gets what `prepare` returned. Without `prepare`, `run` gets the checked args.
 *     run: async ({ q }, deps, ctx) => ({ content: q.uid }),
 *     autocomplete: async (focused, deps, ctx) => [{ name: 'x', value: 'x' }],
 *     components: {
 *       ex: component({ answer: 'update', prepare: (call, deps) => call.args[0] ?? '', run: (id) => ({ content: id }) }),
 *     },
 *     help: { what: 'Ce que /aide en dit.', examples: ['/exemple numero:12'] },
 *   });
 *   // then add it to the list in commands/index.ts (dispatcher, console twin and deploy script use that list).
 *
 * Subcommands (`/digest ajouter …`): `defineCommand({ …, subcommands: { ajouter: { description, descriptionEn,
 * options } } , run: (args) => args.subcommand === 'ajouter' ? … })` — `args` is a union discriminated by
 * `subcommand` (the same with `prepare`).
 *
 * Contracts:
 * - `prepare` and `run` are pure with respect to Discord: `run` returns a `Reply` (plain data). Expected problems
 *   throw `UserError` (French message, shown ephemerally). `ctx.now` is the clock. Every input check belongs in
 *   `prepare`: an error thrown by `run` after the dispatcher had to defer replaces the deferred message, with the
 *   deferral's visibility (`ephemeral`).
 * - Values are validated against the declaration (required, choices, lengths, ranges) before `prepare`, the same
 *   way for Discord and for the console twin.
 * - Acknowledgement (src/discord/dispatchInteraction.ts): an answer ready within about a second is sent as the
 *   interaction response itself; slower work is deferred (with the declared `ephemeral` / component `answer`),
 *   then the deferred message is edited. `defer: true` skips the wait, for work that always takes longer.
 * - Component custom ids are `prefix:arg1:arg2…` (build them with `customId(prefix, …args)`; ≤ 100 chars, args
 *   without ':'); a prefix must be unique across all commands (checked by `createRegistry`).
 * - Extra dependencies for your domain: add them to `CommandDeps` by module augmentation
 *   (`declare module '../src/present/deps' { interface CommandDeps { digest: DigestService } }`).
 *
 * Where the kit's parts live, one job each: `commandTypes.ts` (declarations, call context, components, the runtime
 * shape), `commandJson.ts` (the JSON Discord gets), `validateArgs.ts` (checking a call's values),
 * `commandRegistry.ts` (custom ids, the registry). This file defines commands and components, and re-exports what
 * commands and front ends import.
 */
import { commandJson } from './commandJson';
import type {
  AnyDefinition,
  Awaitable,
  CallContext,
  CommandModule,
  ComponentCall,
  ComponentDefinition,
  ComponentFunction,
  ComponentHandler,
  FlatDefinition,
  FocusedOption,
  OptionSpecs,
  PreparedFlatDefinition,
  PreparedSubcommandDefinition,
  RawArgs,
  SubcommandDefinition,
  SubcommandSpecs,
  Work,
} from './commandTypes';
import type { CommandDeps } from './deps';
import type { ComponentReply, Reply } from './reply';
import { UserError } from './UserError';
import { validateArgs } from './validateArgs';

export { installJson } from './commandJson';
export { createRegistry, customId, type CommandRegistry } from './commandRegistry';
export type {
  CallContext,
  CommandModule,
  ComponentCall,
  ComponentHandler,
  FocusedOption,
  RawArgs,
  ResolvedOptions,
  SubcommandSpecs,
  Work,
} from './commandTypes';
export { validateArgs } from './validateArgs';

/**
 * Throws (French, shown ephemerally) when the call comes from a server the bot is not a member of: `what` needs
 * the bot in the server (posting in a channel, a digest). A user-installed command answers there only through
 * the interaction itself.
 */
export function requireBotInGuild(ctx: CallContext, what: string): void {
  if (ctx.guildId !== null && ctx.botInGuild === false) {
    throw new UserError(
      `${what} demande que le bot soit membre de ce serveur : il n’y est installé que par vous (installation ` +
        'personnelle), il ne voit donc pas ses salons. Un administrateur peut l’ajouter au serveur (voir /aide).',
    );
  }
}

const COMPONENT_DEFINITION = Symbol('componentDefinition');
type TaggedComponent = ComponentDefinition<unknown> & { [COMPONENT_DEFINITION]: true };

/** Declares a component handler (typed: `run` gets what `prepare` returned). */
export function component<P>(def: ComponentDefinition<P>): ComponentDefinition<P> {
  return Object.assign({}, def, { [COMPONENT_DEFINITION]: true as const });
}

function componentHandler(def: ComponentFunction | ComponentDefinition<unknown>): ComponentHandler {
  if (typeof def === 'function') {
    const prepare =
      (call: ComponentCall, deps: CommandDeps, ctx: CallContext): Work<ComponentReply> =>
      () =>
        def(call, deps, ctx);
    return Object.assign((call: ComponentCall, deps: CommandDeps, ctx: CallContext) => def(call, deps, ctx), {
      answer: 'update' as const,
      defer: false,
      prepare,
    });
  }
  if (!(COMPONENT_DEFINITION in def)) throw new Error('déclarez les composants avec component({ … })');
  const tagged = def as TaggedComponent;
  const answer = tagged.answer ?? 'update';
  const shape = (r: ComponentReply): ComponentReply =>
    answer === 'update'
      ? { mode: 'update', ...r }
      : { ...r, mode: 'reply', ...(answer === 'ephemeral' ? { ephemeral: true } : {}) };
  const prepare = (call: ComponentCall, deps: CommandDeps, ctx: CallContext): Work<ComponentReply> => {
    const prepared = tagged.prepare(call, deps, ctx);
    return async () => shape(await tagged.run(prepared, deps, ctx));
  };
  return Object.assign(async (call: ComponentCall, deps: CommandDeps, ctx: CallContext) => prepare(call, deps, ctx)(), {
    answer,
    defer: tagged.defer === true,
    prepare,
  });
}

export function defineCommand<const S extends SubcommandSpecs, P>(
  def: PreparedSubcommandDefinition<S, P>,
): CommandModule;
export function defineCommand<const S extends SubcommandSpecs>(def: SubcommandDefinition<S>): CommandModule;
export function defineCommand<const S extends OptionSpecs, P>(def: PreparedFlatDefinition<S, P>): CommandModule;
export function defineCommand<const S extends OptionSpecs = {}>(def: FlatDefinition<S>): CommandModule;
export function defineCommand(def: AnyDefinition): CommandModule {
  const isSub = 'subcommands' in def;
  const data = commandJson(def);
  const specsFor = (subcommand?: string): OptionSpecs => {
    if (!isSub) return def.options ?? {};
    if (subcommand === undefined) return {};
    return def.subcommands[subcommand]?.options ?? {};
  };
  const components: Record<string, ComponentHandler> = {};
  for (const [id, c] of Object.entries(def.components ?? {})) {
    if (id.includes(':') || id.length === 0) throw new Error(`préfixe de composant invalide : ${id}`);
    components[id] = componentHandler(c as ComponentFunction | ComponentDefinition<unknown>);
  }
  const userPrepare =
    'prepare' in def ? (def.prepare as (a: unknown, d: CommandDeps, c: CallContext) => unknown) : null;
  const run = def.run as (a: unknown, d: CommandDeps, c: CallContext) => Awaitable<Reply>;
  const prepare = (raw: RawArgs, deps: CommandDeps, ctx: CallContext): Work<Reply> => {
    let args: Record<string, unknown>;
    if (isSub) {
      const sub = raw.subcommand;
      if (sub === undefined || !(sub in def.subcommands)) {
        throw new UserError(`Sous-commande attendue : ${Object.keys(def.subcommands).join(', ')}.`);
      }
      args = { subcommand: sub, ...validateArgs(specsFor(sub), raw.values) };
    } else args = validateArgs(specsFor(), raw.values);
    const prepared = userPrepare ? userPrepare(args, deps, ctx) : args;
    return async () => run(prepared, deps, ctx);
  };
  return {
    name: def.name,
    data,
    defer: def.defer === true,
    ephemeral: def.ephemeral === true,
    subcommandNames: isSub ? Object.keys(def.subcommands) : [],
    help: def.help ?? { what: def.description, examples: [`/${def.name}`] },
    optionSpecs: specsFor,
    components,
    prepare,
    async execute(raw, deps, ctx) {
      return prepare(raw, deps, ctx)();
    },
    ...(def.autocomplete
      ? {
          autocomplete: (focused: FocusedOption, raw: RawArgs, deps: CommandDeps, ctx: CallContext) =>
            def.autocomplete!(focused, deps, ctx, raw),
        }
      : {}),
  };
}
