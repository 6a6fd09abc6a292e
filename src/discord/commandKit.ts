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
 *   (`declare module '../src/discord/deps' { interface CommandDeps { digest: DigestService } }`).
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandDeps } from './deps';
import { LIMITS } from './limits';
import { escapeCorpus } from './markdown';
import type { Choice, ComponentReply, Reply } from './reply';
import { UserError } from './UserError';

// ---------------------------------------------------------------------------------------------- options

interface BaseOption {
  description: string;
  descriptionEn: string;
  /** English name (en-US/en-GB localization); defaults to the French name. */
  nameEn?: string;
  required?: boolean;
}

export interface OptionChoice<V extends string | number> {
  name: string;
  nameEn?: string;
  value: V;
}

export interface StringOption extends BaseOption {
  type: 'string';
  autocomplete?: boolean;
  choices?: readonly OptionChoice<string>[];
  minLength?: number;
  maxLength?: number;
}
export interface IntegerOption extends BaseOption {
  type: 'integer';
  autocomplete?: boolean;
  choices?: readonly OptionChoice<number>[];
  minValue?: number;
  maxValue?: number;
}
export interface NumberOption extends BaseOption {
  type: 'number';
  minValue?: number;
  maxValue?: number;
}
export interface BooleanOption extends BaseOption {
  type: 'boolean';
}
/** A channel; the value is its id. `channelTypes` uses Discord's ChannelType numbers (0 = text). */
export interface ChannelOption extends BaseOption {
  type: 'channel';
  channelTypes?: readonly number[];
}
/** A user; the value is their id. */
export interface UserOption extends BaseOption {
  type: 'user';
}
/** A role; the value is its id (what Discord resolved about it is in `ctx.resolved.roles`). */
export interface RoleOption extends BaseOption {
  type: 'role';
}

export type OptionSpec =
  | StringOption
  | IntegerOption
  | NumberOption
  | BooleanOption
  | ChannelOption
  | UserOption
  | RoleOption;
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O extends { choices: readonly OptionChoice<infer V>[] }
  ? V
  : O extends { type: 'integer' | 'number' }
    ? number
    : O extends { type: 'boolean' }
      ? boolean
      : string;

/** The typed arguments of a declaration: required options are present, others optional. */
export type ArgsOf<S extends OptionSpecs> = {
  -readonly [K in keyof S as S[K] extends { required: true } ? K : never]: ValueOf<S[K]>;
} & {
  -readonly [K in keyof S as S[K] extends { required: true } ? never : K]?: ValueOf<S[K]>;
};

export interface SubcommandSpec {
  nameEn?: string;
  description: string;
  descriptionEn: string;
  options?: OptionSpecs;
}
export type SubcommandSpecs = Record<string, SubcommandSpec>;

export type SubArgsOf<S extends SubcommandSpecs> = {
  [K in keyof S & string]: { subcommand: K } & ArgsOf<S[K]['options'] extends OptionSpecs ? S[K]['options'] : {}>;
}[keyof S & string];

// ---------------------------------------------------------------------------------------------- calls

/** Who called, where, when. Filled from the interaction (or by the console twin). */
export interface CallContext {
  userId: string;
  guildId: string | null;
  channelId: string | null;
  /** The member's permissions in the channel (bitfield), null in DMs / console. */
  memberPermissions: bigint | null;
  locale: string;
  now: Date;
  /**
   * Whether the bot is a member of the server the call comes from. False for a user-installed command used in a
   * server without the bot: only the interaction's own response and follow-ups reach Discord there. Absent
   * (console, tests) means yes.
   */
  botInGuild?: boolean;
  /** The ChannelType number of the channel the call comes from (11 a public thread…), when Discord sent it. */
  channelType?: number;
  /** The bot's permissions in the channel (bitfield), when Discord sent them. */
  appPermissions?: bigint | null;
  /** What Discord resolved for the channel and role options (their kind, whether a role is mentionable). */
  resolved?: ResolvedOptions;
}

export interface ResolvedOptions {
  /** Channel id -> its ChannelType number (0 text, 5 announcements, 15 forum, 16 media). */
  channels?: Record<string, { type: number }>;
  roles?: Record<string, { name: string; mentionable: boolean; managed: boolean }>;
}

/**
 * Where a command is installed and used (Discord's `integration_types` and `contexts`), declared once per command:
 * - `everywhere`: installable by a server (0) AND by a person (1); usable in servers (0), the bot's DMs (1), group
 *   DMs and other DMs (2). Commands that only read the corpus.
 * - `server`: installed by a server only, used in its channels only (commands that configure a server).
 */
export type InstallScope = 'everywhere' | 'server';

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

/** The declaration fields of an install scope (the same for slash commands and context menus). */
export function installJson(scope: InstallScope): { integration_types: number[]; contexts: number[] } {
  return scope === 'server'
    ? { integration_types: [0], contexts: [0] }
    : { integration_types: [0, 1], contexts: [0, 1, 2] };
}

/** Raw values as received: the option name -> value, plus the subcommand name when there is one. */
export interface RawArgs {
  subcommand?: string;
  values: Record<string, string | number | boolean>;
}

export interface FocusedOption {
  name: string;
  value: string;
}

export interface ComponentCall {
  /** The custom id's parts after the prefix. */
  args: string[];
  /** Selected values for a select menu; empty for a button. */
  values: string[];
}

type Awaitable<T> = T | Promise<T>;

/** What `prepare` hands to the dispatcher: the work left to do, started when the dispatcher decides. */
export type Work<R> = () => Promise<R>;

/**
 * How a component answers: `update` edits the message holding it (default), `reply` posts a new public message,
 * `ephemeral` a new message only the caller sees. Known before the work runs (a deferral must say it).
 */
export type ComponentAnswer = 'update' | 'reply' | 'ephemeral';

/** A component handler as the dispatcher sees it. Calling it runs prepare then the work (console, tests). */
export interface ComponentHandler {
  (call: ComponentCall, deps: CommandDeps, ctx: CallContext): Promise<ComponentReply>;
  answer: ComponentAnswer;
  /** Defer at once (the work always takes more than a second). */
  defer: boolean;
  /** Synchronous checks (throws UserError), then the work. */
  prepare(call: ComponentCall, deps: CommandDeps, ctx: CallContext): Work<ComponentReply>;
}

/** A component declared with `component({ … })`: checks in `prepare`, the work in `run`. */
export interface ComponentDefinition<P> {
  answer?: ComponentAnswer;
  defer?: boolean;
  prepare: (call: ComponentCall, deps: CommandDeps, ctx: CallContext) => P;
  run: (prepared: P, deps: CommandDeps, ctx: CallContext) => Awaitable<ComponentReply>;
}

/** Older form: one function does everything (its checks then run after a possible deferral). */
export type ComponentFunction = (call: ComponentCall, deps: CommandDeps, ctx: CallContext) => Promise<ComponentReply>;

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

/** The runtime shape every command has; the dispatcher, console twin and deploy script only see this. */
export interface CommandModule {
  name: string;
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Defer at once, without waiting to see whether the answer is quick: the work always takes more than a second. */
  defer: boolean;
  /** The answer is for the caller only (a deferral is then ephemeral too). */
  ephemeral: boolean;
  /**
   * Validates `raw` against the declaration and runs the command's `prepare`, synchronously: throws UserError on
   * bad input before anything is sent to Discord. Returns the work left to do.
   */
  prepare(raw: RawArgs, deps: CommandDeps, ctx: CallContext): Work<Reply>;
  /** `prepare` then the work (console twin, tests). */
  execute(raw: RawArgs, deps: CommandDeps, ctx: CallContext): Promise<Reply>;
  autocomplete?(focused: FocusedOption, raw: RawArgs, deps: CommandDeps, ctx: CallContext): Promise<Choice[]>;
  components: Record<string, ComponentHandler>;
  /** Spec used to coerce console input ("legislature:14" -> 14). */
  optionSpecs(subcommand?: string): OptionSpecs;
  subcommandNames: string[];
  /** Shown by /aide: what the command does and examples (defaults to the description). */
  help: CommandHelp;
}

export interface CommandHelp {
  what: string;
  examples: string[];
}

interface CommonDefinition {
  name: string;
  nameEn?: string;
  description: string;
  descriptionEn: string;
  /** Defer at once: only for work that ALWAYS takes more than a second (the dispatcher otherwise decides by time). */
  defer?: boolean;
  /** The answer is for the caller only (/aide, /suivis…): a deferral, when needed, is ephemeral too. */
  ephemeral?: boolean;
  /** e.g. "32" (ManageGuild) as a string bitfield, or null for everyone. */
  defaultMemberPermissions?: string | null;
  /** Allowed in DMs with the bot (default: unless `installs` is 'server'). */
  dmPermission?: boolean;
  /** Installation kinds and contexts (default 'everywhere'); see InstallScope. */
  installs?: InstallScope;
  autocomplete?: (focused: FocusedOption, deps: CommandDeps, ctx: CallContext, raw: RawArgs) => Promise<Choice[]>;
  components?: Record<string, ComponentFunction | ComponentDefinition<any>>;
  /** For /aide; without it /aide shows the description and `/name`. */
  help?: CommandHelp;
}

export interface FlatDefinition<S extends OptionSpecs> extends CommonDefinition {
  options?: S;
  run: (args: ArgsOf<S>, deps: CommandDeps, ctx: CallContext) => Awaitable<Reply>;
}

export interface PreparedFlatDefinition<S extends OptionSpecs, P> extends CommonDefinition {
  options?: S;
  prepare: (args: ArgsOf<S>, deps: CommandDeps, ctx: CallContext) => P;
  run: (prepared: P, deps: CommandDeps, ctx: CallContext) => Awaitable<Reply>;
}

export interface SubcommandDefinition<S extends SubcommandSpecs> extends CommonDefinition {
  subcommands: S;
  run: (args: SubArgsOf<S>, deps: CommandDeps, ctx: CallContext) => Awaitable<Reply>;
}

export interface PreparedSubcommandDefinition<S extends SubcommandSpecs, P> extends CommonDefinition {
  subcommands: S;
  prepare: (args: SubArgsOf<S>, deps: CommandDeps, ctx: CallContext) => P;
  run: (prepared: P, deps: CommandDeps, ctx: CallContext) => Awaitable<Reply>;
}

const NAME_RE = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

const TYPE_CODES = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, number: 10 } as const;

function localized(fr: string, en: string | undefined): Record<string, string> | undefined {
  return en === undefined || en === fr ? undefined : { 'en-US': en, 'en-GB': en };
}

function optionJson(name: string, o: OptionSpec): APIApplicationCommandBasicOption {
  if (!NAME_RE.test(name)) throw new Error(`nom d'option invalide : ${name}`);
  const base: Record<string, unknown> = {
    type: TYPE_CODES[o.type],
    name,
    description: o.description,
    description_localizations: { 'en-US': o.descriptionEn, 'en-GB': o.descriptionEn },
    required: o.required === true,
  };
  const nl = localized(name, o.nameEn);
  if (nl) base.name_localizations = nl;
  if (o.type === 'string' || o.type === 'integer') {
    if (o.autocomplete) base.autocomplete = true;
    if (o.choices) {
      base.choices = o.choices.map((c) => ({
        name: c.name,
        value: c.value,
        ...(c.nameEn ? { name_localizations: { 'en-US': c.nameEn, 'en-GB': c.nameEn } } : {}),
      }));
    }
  }
  if (o.type === 'string') {
    if (o.minLength !== undefined) base.min_length = o.minLength;
    if (o.maxLength !== undefined) base.max_length = o.maxLength;
  }
  if (o.type === 'integer' || o.type === 'number') {
    if (o.minValue !== undefined) base.min_value = o.minValue;
    if (o.maxValue !== undefined) base.max_value = o.maxValue;
  }
  if (o.type === 'channel' && o.channelTypes) base.channel_types = [...o.channelTypes];
  return base as unknown as APIApplicationCommandBasicOption;
}

function optionsJson(specs: OptionSpecs | undefined): APIApplicationCommandBasicOption[] {
  const entries = Object.entries(specs ?? {});
  // Discord requires required options first.
  entries.sort(([, a], [, b]) => Number(b.required === true) - Number(a.required === true));
  return entries.map(([n, o]) => optionJson(n, o));
}

/** Checks and converts raw values against the declaration; the error messages are for users. */
export function validateArgs(specs: OptionSpecs, values: RawArgs['values']): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = values[name];
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '' && spec.type !== 'string')) {
      if (spec.required) throw new UserError(`L'option « ${name} » est obligatoire.`);
      continue;
    }
    switch (spec.type) {
      case 'string': {
        const v = String(raw).trim();
        if (v === '' && spec.required) throw new UserError(`L'option « ${name} » ne peut pas être vide.`);
        if (v === '') continue;
        if (spec.minLength !== undefined && v.length < spec.minLength) {
          throw new UserError(`L'option « ${name} » doit faire au moins ${spec.minLength} caractères.`);
        }
        if (spec.maxLength !== undefined && v.length > spec.maxLength) {
          throw new UserError(
            `L'option « ${name} » est trop longue (${v.length} caractères, ${spec.maxLength} au plus).`,
          );
        }
        if (spec.choices && !spec.choices.some((c) => c.value === v)) {
          throw new UserError(
            `Valeur inconnue pour « ${name} » : ${escapeCorpus(v)}. Possibles : ${spec.choices.map((c) => c.value).join(', ')}.`,
          );
        }
        out[name] = v;
        break;
      }
      case 'integer':
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
        if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
          throw new UserError(
            `L'option « ${name} » attend un nombre${spec.type === 'integer' ? ' entier' : ''}, reçu « ${escapeCorpus(String(raw))} ».`,
          );
        }
        if (spec.minValue !== undefined && n < spec.minValue)
          throw new UserError(`L'option « ${name} » doit valoir au moins ${spec.minValue}.`);
        if (spec.maxValue !== undefined && n > spec.maxValue)
          throw new UserError(`L'option « ${name} » doit valoir au plus ${spec.maxValue}.`);
        if (spec.type === 'integer' && spec.choices && !spec.choices.some((c) => c.value === n)) {
          throw new UserError(`Valeur inconnue pour « ${name} » : ${n}.`);
        }
        out[name] = n;
        break;
      }
      case 'boolean': {
        if (typeof raw === 'boolean') out[name] = raw;
        else if (/^(true|oui|vrai|1)$/i.test(String(raw))) out[name] = true;
        else if (/^(false|non|faux|0)$/i.test(String(raw))) out[name] = false;
        else throw new UserError(`L'option « ${name} » attend oui ou non.`);
        break;
      }
      case 'channel':
      case 'user':
      case 'role': {
        const v = String(raw)
          .trim()
          .replace(/^<(?:#|@!?|@&)(\d+)>$/, '$1');
        if (!/^\d{1,21}$/.test(v)) throw new UserError(`L'option « ${name} » attend un identifiant Discord.`);
        out[name] = v;
        break;
      }
    }
  }
  return out;
}

function checkName(name: string): void {
  if (!NAME_RE.test(name)) throw new Error(`nom de commande invalide : ${name}`);
}

type AnyDefinition =
  | FlatDefinition<OptionSpecs>
  | PreparedFlatDefinition<OptionSpecs, unknown>
  | SubcommandDefinition<SubcommandSpecs>
  | PreparedSubcommandDefinition<SubcommandSpecs, unknown>;

export function defineCommand<const S extends SubcommandSpecs, P>(
  def: PreparedSubcommandDefinition<S, P>,
): CommandModule;
export function defineCommand<const S extends SubcommandSpecs>(def: SubcommandDefinition<S>): CommandModule;
export function defineCommand<const S extends OptionSpecs, P>(def: PreparedFlatDefinition<S, P>): CommandModule;
export function defineCommand<const S extends OptionSpecs = {}>(def: FlatDefinition<S>): CommandModule;
export function defineCommand(def: AnyDefinition): CommandModule {
  checkName(def.name);
  const isSub = 'subcommands' in def;
  const options: APIApplicationCommandOption[] = isSub
    ? Object.entries(def.subcommands).map(([sub, s]) => {
        checkName(sub);
        const nl = localized(sub, s.nameEn);
        return {
          type: 1,
          name: sub,
          ...(nl ? { name_localizations: nl } : {}),
          description: s.description,
          description_localizations: { 'en-US': s.descriptionEn, 'en-GB': s.descriptionEn },
          options: optionsJson(s.options),
        } as APIApplicationCommandOption;
      })
    : optionsJson(def.options);
  const nl = localized(def.name, def.nameEn);
  const data: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: 1,
    name: def.name,
    ...(nl ? { name_localizations: nl } : {}),
    description: def.description,
    description_localizations: { 'en-US': def.descriptionEn, 'en-GB': def.descriptionEn },
    options,
    default_member_permissions: def.defaultMemberPermissions ?? null,
    dm_permission: def.dmPermission ?? def.installs !== 'server',
    ...installJson(def.installs ?? 'everywhere'),
  };
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

/** Builds a component custom id `prefix:arg1:arg2`. Throws when it would exceed Discord's 100 characters. */
export function customId(prefix: string, ...args: Array<string | number>): string {
  for (const a of args) {
    if (String(a).includes(':')) throw new Error(`argument de custom_id avec « : » : ${String(a)}`);
  }
  const id = [prefix, ...args.map(String)].join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom_id trop long (${id.length}) : ${id}`);
  return id;
}

export function parseCustomId(id: string): { prefix: string; args: string[] } {
  const [prefix = '', ...args] = id.split(':');
  return { prefix, args };
}

export interface CommandRegistry {
  commands: readonly CommandModule[];
  get(name: string): CommandModule | undefined;
  /** The command and handler owning a component custom id. */
  component(
    customIdValue: string,
  ): { command: CommandModule; prefix: string; handler: ComponentHandler; args: string[] } | undefined;
  /** Declarations for the deploy script (the same objects the dispatcher uses). */
  declarations(): RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export function createRegistry(commands: readonly CommandModule[]): CommandRegistry {
  const byName = new Map<string, CommandModule>();
  const byPrefix = new Map<string, CommandModule>();
  for (const c of commands) {
    if (byName.has(c.name)) throw new Error(`commande déclarée deux fois : ${c.name}`);
    byName.set(c.name, c);
    for (const p of Object.keys(c.components)) {
      const owner = byPrefix.get(p);
      if (owner) throw new Error(`préfixe de composant « ${p} » utilisé par ${owner.name} et ${c.name}`);
      byPrefix.set(p, c);
    }
  }
  return {
    commands,
    get: (name) => byName.get(name),
    component(id) {
      const { prefix, args } = parseCustomId(id);
      const command = byPrefix.get(prefix);
      const handler = command?.components[prefix];
      return command && handler ? { command, prefix, handler, args } : undefined;
    },
    declarations: () => commands.map((c) => c.data),
  };
}
