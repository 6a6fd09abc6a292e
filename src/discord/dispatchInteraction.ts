/**
 * The thin Discord layer: interaction in -> prepare (checks) -> work -> REST out.
 *
 * The acknowledgement rule, the same for every entry (commands, components, and any later entry kind):
 * 1. Flood control and the synchronous `prepare` step (option checks, names, numbers, dates resolved) run at
 *    once, before anything is sent: bad input is answered with an ephemeral message as the interaction response
 *    itself — never a public "réflexion…" first.
 * 2. The work then runs (at most `maxConcurrentWork` at a time, in arrival order, started on a later turn of the
 *    event loop). If its answer is ready within `deferAfterMs` of the interaction's creation, it goes out as the
 *    interaction response: ONE request.
 * 3. Otherwise the interaction is deferred at that moment — or at once when it arrived that late, or when the works
 *    queued ahead would take it past that moment — (deferred reply, ephemeral when the command says so; deferred
 *    update for components that edit their message), and the answer edits the deferred message. Entries declared
 *    `defer: true` skip the wait. The 3 s deadline is thus met with ~2 s to spare.
 * Why: an answer in one callback is one request instead of two. Discord binds no interaction endpoint (callback,
 * @original, follow-ups) to the bot's global rate limit; discord.js sends callbacks outside its own 50/s global
 * limiter, and the edits and follow-ups after a deferral go through interactionWebhooks.ts for the same reason.
 * Every message carries `allowedMentions: { parse: [] }`.
 *
 * An optional `observer` hears when the first response reached Discord and when the final answer was delivered.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Logger } from '../logger';
import type { CallContext, CommandRegistry, RawArgs, ResolvedOptions } from '../present/commandKit';
import type { CommandDeps } from '../present/deps';
import { type FloodGate, floodMessage } from './floodControl';
import {
  handleAutocomplete,
  prepareCommand,
  prepareComponent,
  runWork,
  type Prepared,
} from '../present/handleInvocation';
import { editOriginal, sendFollowUp } from './interactionWebhooks';
import type { ComponentReply, Reply } from '../present/reply';
import { filesPayload } from './replyFiles';
import { type AskFunction, isMessageSearchMenu, prepareMessageSearch } from './contextMenu';

export type InteractionKind = 'command' | 'component' | 'autocomplete' | 'message';
export type InteractionOutcome = 'ok' | 'user_error' | 'error' | 'flood' | 'reply_failed' | 'shutting_down';
export interface InteractionObserver {
  /** The first response reached Discord (direct reply, deferral, autocomplete answer). */
  acknowledged(info: { kind: InteractionKind; name: string; ms: number; deferred: boolean }): void;
  /** The final answer was delivered (or failed); ms since the interaction was received. */
  finished(info: { kind: InteractionKind; name: string; ms: number; outcome: InteractionOutcome }): void;
}

export interface DispatcherOptions {
  registry: CommandRegistry;
  deps: CommandDeps;
  logger: Logger;
  flood?: FloodGate;
  /** Answer directly when the work is done within this delay after the interaction arrived, else defer (default 1000 ms). */
  deferAfterMs?: number;
  /** Works running at once (default 8); the others wait their turn in arrival order. Keeps the event loop free for deferrals. */
  maxConcurrentWork?: number;
  clock?: () => Date;
  observer?: InteractionObserver;
  /** The plain-French answer, for the message context menu (absent: the menu is not served). */
  ask?: AskFunction;
}

export const DEFAULT_DEFER_AFTER_MS = 1000;
const NO_MENTIONS = { parse: [] as [] };

/** Flattens discord.js options into RawArgs (subcommand name + option values). */
export function optionsToRaw(data: readonly CommandInteractionOption[]): RawArgs {
  const first = data[0];
  if (first && (first.type === 1 || first.type === 2)) {
    // Subcommand (1) or group (2, flattened "group sub").
    if (first.type === 2) {
      const sub = first.options?.[0];
      return { subcommand: `${first.name} ${sub?.name ?? ''}`.trim(), values: valuesOf(sub?.options ?? []) };
    }
    return { subcommand: first.name, values: valuesOf(first.options ?? []) };
  }
  return { values: valuesOf(data) };
}

/** The kind of each channel option and what Discord says of each role option (see CallContext.resolved). */
function resolvedOf(data: readonly CommandInteractionOption[]): ResolvedOptions {
  const out: Required<ResolvedOptions> = { channels: {}, roles: {} };
  const walk = (options: readonly CommandInteractionOption[]): void => {
    for (const o of options) {
      if (o.options) walk(o.options);
      if (o.channel) out.channels[o.channel.id] = { type: o.channel.type };
      if (o.role) {
        out.roles[o.role.id] = { name: o.role.name, mentionable: o.role.mentionable, managed: o.role.managed };
      }
    }
  };
  walk(data);
  return out;
}

function valuesOf(data: readonly CommandInteractionOption[]): RawArgs['values'] {
  const out: RawArgs['values'] = {};
  for (const o of data) {
    if (o.value !== undefined && o.value !== null) out[o.name] = o.value;
  }
  return out;
}

/** The message body; `edit` clears what the reply leaves out (an edit keeps unspecified parts otherwise). */
function toPayload(reply: Reply, edit: boolean) {
  return {
    ...(edit ? { content: reply.content ?? '' } : reply.content !== undefined ? { content: reply.content } : {}),
    ...(edit ? { embeds: reply.embeds ?? [] } : reply.embeds ? { embeds: reply.embeds } : {}),
    ...(edit ? { components: reply.components ?? [] } : reply.components ? { components: reply.components } : {}),
    ...filesPayload(reply, edit),
    allowedMentions: NO_MENTIONS,
  };
}

const ephemeralFlag = (ephemeral: boolean | undefined) => (ephemeral ? { flags: MessageFlags.Ephemeral as const } : {});

/**
 * First come, first served, `max` at a time, and never started synchronously: works start on a later turn of the
 * event loop, so that a burst of interactions (discord.js hands them over in one go) does not hold the loop
 * before the first answers, deferrals and timers get their turn.
 */
class WorkQueue {
  private running = 0;
  private waiting: Array<() => void> = [];
  private scheduled = false;
  /** Recent duration of a work (moving average), to foresee when a newcomer's answer can be ready. */
  private averageMs = 20;
  constructor(private readonly max: number) {}

  /** When a work queued now would likely be done, in ms from now. */
  expectedDoneInMs(): number {
    return (Math.floor((this.running + this.waiting.length) / this.max) + 1) * this.averageMs;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
    const started = Date.now();
    try {
      return await fn();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (Date.now() - started);
      this.running--;
      this.pump();
    }
  }

  private pump(): void {
    if (this.scheduled || this.running >= this.max || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < this.max) {
        const start = this.waiting.shift();
        if (!start) return;
        this.running++;
        start();
      }
    });
  }
}

/**
 * How one entry answers. Each entry kind (slash command, component, and later a message mentioning the bot)
 * supplies one; `serve` applies the acknowledgement rule to all alike.
 */
export interface Responder<R extends Reply> {
  kind: InteractionKind;
  name: string;
  userId: string;
  /** The answer as the first and only response. */
  answer(reply: R): Promise<unknown>;
  /** Acknowledges without the answer; null when the entry has nothing of the kind (the answer just comes later). */
  defer: ((log: Logger) => Promise<unknown>) | null;
  /** The answer after `defer`. */
  answerDeferred(reply: R, log: Logger): Promise<unknown>;
}

/** One entry to serve: who answers, when it arrived, and its synchronous checks (which return the work). */
export interface Entry<R extends Reply> {
  responder: Responder<R>;
  /** Epoch ms when we received it. */
  receivedAt: number;
  /** Epoch ms when Discord created it (its snowflake); the deadline counts from the earlier of the two. */
  createdAt: number;
  now: Date;
  prepare: () => Prepared<R>;
  /** The "slow down" answer for a flooding user, shaped for this entry. */
  floodReply: (content: string) => R;
  /** Defer at once (the work always takes more than a second). */
  deferAtOnce: boolean;
}

export interface Dispatcher {
  /** The discord.js `interactionCreate` listener. */
  handleInteraction(interaction: Interaction): Promise<void>;
  /**
   * The acknowledgement rule for any entry: another entry kind (a message mentioning the bot…) builds its
   * Responder and Entry and calls this. Never throws; reports to the observer.
   */
  serve<R extends Reply>(entry: Entry<R>): Promise<void>;
}

/** The discord.js `interactionCreate` listener (see createDispatcher). */
export function createInteractionHandler(opts: DispatcherOptions): (interaction: Interaction) => Promise<void> {
  const dispatcher = createDispatcher(opts);
  return (interaction) => dispatcher.handleInteraction(interaction);
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { registry, deps, logger, observer } = opts;
  const deferAfterMs = opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const queue = new WorkQueue(opts.maxConcurrentWork ?? 8);
  const clock = opts.clock ?? (() => new Date());

  const contextOf = (i: BaseInteraction): CallContext => ({
    userId: i.user.id,
    guildId: i.guildId,
    channelId: i.channelId,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    locale: i.locale,
    now: clock(),
    // A user-installed command may come from a server the bot is not in: no cached guild then.
    botInGuild: i.guildId !== null && i.client.guilds.cache.has(i.guildId),
    appPermissions: i.appPermissions?.bitfield ?? null,
    ...(i.channel ? { channelType: i.channel.type } : {}),
    resolved: i.isChatInputCommand() ? resolvedOf(i.options.data) : {},
  });

  /** When an interaction arrived, as every interaction entry tells `serve`. */
  const arrivalOf = (
    i: BaseInteraction,
    receivedAt: number,
    ctx: CallContext,
  ): Pick<Entry<Reply>, 'receivedAt' | 'createdAt' | 'now'> => ({
    receivedAt,
    createdAt: i.createdTimestamp,
    now: ctx.now,
  });

  const notify = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      logger.warn({ err: e }, 'interaction observer failed');
    }
  };

  /** The acknowledgement rule (see the file comment). Never throws. */
  async function serve<R extends Reply>(entry: Entry<R>): Promise<void> {
    const { responder: r, receivedAt, createdAt, now, prepare, floodReply, deferAtOnce } = entry;
    const since = (): number => Date.now() - receivedAt;
    // The deadline runs from Discord's side: an interaction received late (gateway or event-loop lag) has less time.
    const deferAt = Math.min(receivedAt, createdAt) + deferAfterMs;
    let acknowledged = false;
    const ack = (deferred: boolean): void => {
      if (acknowledged) return;
      acknowledged = true;
      if (observer) notify(() => observer.acknowledged({ kind: r.kind, name: r.name, ms: since(), deferred }));
    };
    const finish = (outcome: InteractionOutcome): void => {
      if (observer) notify(() => observer.finished({ kind: r.kind, name: r.name, ms: since(), outcome }));
    };
    try {
      if (opts.flood && !opts.flood.take(r.userId, now.getTime())) {
        await r.answer(floodReply(floodMessage(opts.flood.retryAfterSeconds(r.userId, now.getTime()))));
        ack(false);
        finish('flood');
        return;
      }
      const prepared = prepare();
      if (prepared.kind === 'answer') {
        await r.answer(prepared.answer.reply);
        ack(false);
        finish(prepared.answer.outcome);
        return;
      }
      let deferral: Promise<unknown> | null = null;
      let done = false;
      const startDeferral = (): void => {
        if (done || deferral || !r.defer) return;
        deferral = r.defer(logger).then(() => ack(true));
        deferral.catch(() => undefined); // awaited (and reported) below
      };
      let timer: NodeJS.Timeout | null = null;
      // Received already late, or its turn will come too late (a burst queued ahead, a starved process):
      // acknowledge right away rather than count on a timer that a busy event loop would fire late.
      if (deferAtOnce || Date.now() + queue.expectedDoneInMs() >= deferAt) startDeferral();
      else timer = setTimeout(startDeferral, deferAt - Date.now());
      const result = await queue.run(() => {
        // A late turn (a busy loop delays timers too): acknowledge before working.
        if (Date.now() >= deferAt) startDeferral();
        return runWork(prepared, logger);
      });
      done = true;
      if (timer) clearTimeout(timer);
      if (deferral) {
        await deferral;
        await r.answerDeferred(result.reply, logger);
      } else {
        await r.answer(result.reply);
        ack(false);
      }
      finish(result.outcome);
    } catch (e) {
      // Replying itself failed (expired interaction, network): log and keep serving.
      logger.error({ err: e, kind: r.kind, name: r.name, userId: r.userId }, 'interaction reply failed');
      finish('reply_failed');
    }
  }

  function onCommand(i: ChatInputCommandInteraction, receivedAt: number): Promise<void> {
    const ctx = contextOf(i);
    const raw = optionsToRaw(i.options.data);
    const command = registry.get(i.commandName);
    const ephemeral = command?.ephemeral === true;
    const responder: Responder<Reply> = {
      kind: 'command',
      name: i.commandName,
      userId: i.user.id,
      answer: (reply) => i.reply({ ...toPayload(reply, false), ...ephemeralFlag(reply.ephemeral) }),
      defer: () => i.deferReply(ephemeralFlag(ephemeral)),
      answerDeferred: (reply, log) => {
        if (reply.ephemeral && !ephemeral) {
          log.warn(
            { command: i.commandName },
            'an ephemeral answer replaces a public deferral: check the input in prepare()',
          );
        }
        return editOriginal(i, toPayload(reply, true));
      },
    };
    return serve({
      responder,
      ...arrivalOf(i, receivedAt, ctx),
      prepare: () => prepareCommand({ registry, deps, ctx, log: logger }, i.commandName, raw).prepared,
      floodReply: (content) => ({ content, ephemeral: true }),
      deferAtOnce: command?.defer === true,
    });
  }

  function onComponent(i: MessageComponentInteraction, receivedAt: number): Promise<void> {
    const ctx = contextOf(i);
    const values = i.isAnySelectMenu() ? [...i.values] : [];
    const found = registry.component(i.customId);
    const declared = found?.handler.answer ?? 'update';
    const isNewMessage = (reply: ComponentReply): boolean => reply.mode === 'reply' || reply.ephemeral === true;
    const responder: Responder<ComponentReply> = {
      kind: 'component',
      name: found?.prefix ?? 'unknown',
      userId: i.user.id,
      answer: (reply) =>
        isNewMessage(reply)
          ? i.reply({ ...toPayload(reply, false), ...ephemeralFlag(reply.ephemeral) })
          : i.update(toPayload(reply, true)),
      defer: () => (declared === 'update' ? i.deferUpdate() : i.deferReply(ephemeralFlag(declared === 'ephemeral'))),
      answerDeferred: (reply) => {
        // After a deferred update, a new message (an error, an older handler's reply) is a follow-up; after a
        // deferred reply, the answer edits it.
        if (declared === 'update' && isNewMessage(reply))
          return sendFollowUp(i, { ...toPayload(reply, false), ...ephemeralFlag(reply.ephemeral) });
        return editOriginal(i, toPayload(reply, true));
      },
    };
    return serve({
      responder,
      ...arrivalOf(i, receivedAt, ctx),
      prepare: () => prepareComponent({ registry, deps, ctx, log: logger }, i.customId, values).prepared,
      floodReply: (content) => ({ content, ephemeral: true, mode: 'reply' as const }),
      deferAtOnce: found?.handler.defer === true,
    });
  }

  function onMessageMenu(i: MessageContextMenuCommandInteraction, receivedAt: number, ask: AskFunction): Promise<void> {
    const ctx = contextOf(i);
    const responder: Responder<Reply> = {
      kind: 'command',
      name: i.commandName,
      userId: i.user.id,
      answer: (reply) => i.reply({ ...toPayload(reply, false), ...ephemeralFlag(true) }),
      defer: () => i.deferReply(ephemeralFlag(true)),
      answerDeferred: (reply) => editOriginal(i, toPayload(reply, true)),
    };
    return serve({
      responder,
      ...arrivalOf(i, receivedAt, ctx),
      prepare: () => prepareMessageSearch(i.targetMessage.content ?? '', ask, ctx),
      floodReply: (content) => ({ content, ephemeral: true }),
      deferAtOnce: false,
    });
  }

  async function onAutocomplete(i: AutocompleteInteraction, receivedAt: number): Promise<void> {
    const ctx = contextOf(i);
    const focused = i.options.getFocused(true);
    const raw = optionsToRaw(i.options.data);
    const since = (): number => Date.now() - receivedAt;
    try {
      const choices = await handleAutocomplete(
        registry,
        i.commandName,
        { name: focused.name, value: String(focused.value) },
        raw,
        deps,
        ctx,
        logger,
      );
      await i.respond(choices);
      if (observer) {
        notify(() =>
          observer.acknowledged({ kind: 'autocomplete', name: i.commandName, ms: since(), deferred: false }),
        );
        notify(() => observer.finished({ kind: 'autocomplete', name: i.commandName, ms: since(), outcome: 'ok' }));
      }
    } catch (e) {
      logger.error(
        { err: e, kind: 'autocomplete', name: i.commandName, userId: i.user.id },
        'interaction reply failed',
      );
      if (observer)
        notify(() =>
          observer.finished({ kind: 'autocomplete', name: i.commandName, ms: since(), outcome: 'reply_failed' }),
        );
    }
  }

  return {
    serve,
    async handleInteraction(interaction: Interaction): Promise<void> {
      const receivedAt = Date.now();
      if (interaction.isChatInputCommand()) await onCommand(interaction, receivedAt);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction, receivedAt);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await onComponent(interaction, receivedAt);
      else if (interaction.isMessageContextMenuCommand() && isMessageSearchMenu(interaction.commandName) && opts.ask)
        await onMessageMenu(interaction, receivedAt, opts.ask);
    },
  };
}
