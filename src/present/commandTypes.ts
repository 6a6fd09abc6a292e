/**
 * The command kit's types: option declarations and the argument types they give, the call context, components,
 * the runtime shape of a command and the definition forms `defineCommand` accepts (see commandKit.ts).
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandDeps } from './deps';
import type { Choice, ComponentReply, Reply } from './reply';

// ---------------------------------------------------------------------------------------------- options

interface BaseOption {
  description: string;
  descriptionEn: string;
  /** English name (en-US/en-GB localization); defaults to the French name. */
  nameEn?: string;
  required?: boolean;
}

interface OptionChoice<V extends string | number> {
  name: string;
  nameEn?: string;
  value: V;
}

interface StringOption extends BaseOption {
  type: 'string';
  autocomplete?: boolean;
  choices?: readonly OptionChoice<string>[];
  minLength?: number;
  maxLength?: number;
}
interface IntegerOption extends BaseOption {
  type: 'integer';
  autocomplete?: boolean;
  choices?: readonly OptionChoice<number>[];
  minValue?: number;
  maxValue?: number;
}
interface NumberOption extends BaseOption {
  type: 'number';
  minValue?: number;
  maxValue?: number;
}
interface BooleanOption extends BaseOption {
  type: 'boolean';
}
/** A channel; the value is its id. `channelTypes` uses Discord's ChannelType numbers (0 = text). */
interface ChannelOption extends BaseOption {
  type: 'channel';
  channelTypes?: readonly number[];
}
/** A user; the value is their id. */
interface UserOption extends BaseOption {
  type: 'user';
}
/** A role; the value is its id (what Discord resolved about it is in `ctx.resolved.roles`). */
interface RoleOption extends BaseOption {
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
type ArgsOf<S extends OptionSpecs> = {
  -readonly [K in keyof S as S[K] extends { required: true } ? K : never]: ValueOf<S[K]>;
} & {
  -readonly [K in keyof S as S[K] extends { required: true } ? never : K]?: ValueOf<S[K]>;
};

interface SubcommandSpec {
  nameEn?: string;
  description: string;
  descriptionEn: string;
  options?: OptionSpecs;
}
export type SubcommandSpecs = Record<string, SubcommandSpec>;

type SubArgsOf<S extends SubcommandSpecs> = {
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

export type Awaitable<T> = T | Promise<T>;

/** What `prepare` hands to the dispatcher: the work left to do, started when the dispatcher decides. */
export type Work<R> = () => Promise<R>;

/**
 * How a component answers: `update` edits the message holding it (default), `reply` posts a new public message,
 * `ephemeral` a new message only the caller sees. Known before the work runs (a deferral must say it).
 */
type ComponentAnswer = 'update' | 'reply' | 'ephemeral';

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

interface CommandHelp {
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

/** Any of the definition forms. */
export type AnyDefinition =
  | FlatDefinition<OptionSpecs>
  | PreparedFlatDefinition<OptionSpecs, unknown>
  | SubcommandDefinition<SubcommandSpecs>
  | PreparedSubcommandDefinition<SubcommandSpecs, unknown>;
