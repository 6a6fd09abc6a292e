/**
 * The thin Discord layer: interaction in -> handleCommand/handleComponent/handleAutocomplete -> REST out.
 *
 * Acknowledgement within 3 s whatever the corpus size: commands declared `defer: true` (and component
 * prefixes in `deferComponents`) are acknowledged at once (deferred reply / deferred update), then edited;
 * so is EVERY interaction while others are in flight (a burst: all acknowledgements go out before any
 * synchronous work starts); the others are answered directly, unless their work exceeds `deferAfterMs`, in
 * which case they are deferred too. An ephemeral answer (an error) after a public deferral replaces it: the deferred message is deleted and
 * the answer sent as an ephemeral follow-up. Every message carries `allowedMentions: { parse: [] }`.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageComponentInteraction,
} from 'discord.js';
import type { Logger } from '../logger';
import type { CallContext, CommandRegistry, RawArgs } from './commandKit';
import type { CommandDeps } from './deps';
import { FloodGate, floodMessage } from './floodControl';
import { GENERIC_ERROR, handleAutocomplete, handleCommand, handleComponent } from './handleInvocation';
import type { ComponentReply, Reply } from './reply';
import { handleMessageContextMenu } from './contextMenu';

export type InteractionKind = 'command' | 'component' | 'autocomplete' | 'message';
export type InteractionOutcome = 'ok' | 'user_error' | 'error' | 'flood' | 'reply_failed' | 'shutting_down';
/** Told when each interaction is acknowledged and when it is finished (metrics; src/ops). */
export interface InteractionObserver {
  acknowledged(info: { kind: InteractionKind; name: string; ms: number; deferred: boolean }): void;
  finished(info: { kind: InteractionKind; name: string; ms: number; outcome: InteractionOutcome }): void;
}

export interface DispatcherOptions {
  registry: CommandRegistry;
  deps: CommandDeps;
  logger: Logger;
  flood?: FloodGate;
  /** Answer directly when the work finishes within this delay, else defer (default 1200 ms). */
  deferAfterMs?: number;
  clock?: () => Date;
  observer?: InteractionObserver;
}

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

function valuesOf(data: readonly CommandInteractionOption[]): RawArgs['values'] {
  const out: RawArgs['values'] = {};
  for (const o of data) {
    if (o.value !== undefined && o.value !== null) out[o.name] = o.value;
  }
  return out;
}

function toPayload(reply: Reply, edit: boolean) {
  return {
    ...(edit ? { content: reply.content ?? '' } : reply.content !== undefined ? { content: reply.content } : {}),
    ...(edit ? { embeds: reply.embeds ?? [] } : reply.embeds ? { embeds: reply.embeds } : {}),
    ...(edit ? { components: reply.components ?? [] } : reply.components ? { components: reply.components } : {}),
    ...filesPayload(reply, edit),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * Attachments as discord.js sends them (multipart `files[n]` + `attachments` in payload_json). An edit replaces
 * the message's attachments with the reply's (none when the reply has none), as it replaces its embeds.
 */
export function filesPayload(reply: Reply, edit: boolean): { files?: Array<{ attachment: Buffer; name: string; description?: string }>; attachments?: [] } {
  if (!reply.files?.length) return edit ? { attachments: [] } : {};
  return { files: reply.files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) })) };
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function withTimeout<T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ done: false }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ done: true, value });
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** One interaction's observation: acknowledged once, finished once with an outcome (minimal; see InteractionObserver). */
interface Observation {
  ack(deferred: boolean): void;
  outcome: InteractionOutcome;
}

function outcomeOf(reply: Reply): InteractionOutcome {
  if (reply.content === `❌ ${GENERIC_ERROR}`) return 'error';
  if (reply.ephemeral && reply.content?.startsWith('⚠️')) return 'user_error';
  return 'ok';
}

export function createInteractionHandler(opts: DispatcherOptions): (interaction: Interaction) => Promise<void> {
  const { registry, deps, logger } = opts;
  const deferAfterMs = opts.deferAfterMs ?? 1200;
  /** Commands and components being handled right now (autocompletes excluded). */
  let inFlight = 0;
  const clock = opts.clock ?? (() => new Date());

  const contextOf = (i: BaseInteraction): CallContext => ({
    userId: i.user.id,
    guildId: i.guildId,
    channelId: i.channelId,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    locale: i.locale,
    now: clock(),
  });

  /** Answers a user who sends too much, privately; true when it did (the interaction is then done). */
  async function turnedAway(i: ChatInputCommandInteraction | MessageComponentInteraction, now: Date, obs: Observation): Promise<boolean> {
    if (!opts.flood || opts.flood.take(i.user.id, now.getTime())) return false;
    const content = floodMessage(opts.flood.retryAfterSeconds(i.user.id, now.getTime()));
    obs.outcome = 'flood';
    await i.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    obs.ack(false);
    return true;
  }

  /**
   * The acknowledgement rule, the same for commands and components: `defer` before any work when the handler
   * asks for it or other interactions are in flight; otherwise start the work and `defer` only if it takes
   * longer than `deferAfterMs`.
   */
  async function acknowledged<T>(
    deferFirst: boolean,
    defer: () => Promise<unknown>,
    start: () => Promise<T>,
    obs: Observation,
  ): Promise<{ reply: T; deferred: boolean }> {
    if (deferFirst || inFlight > 1) {
      await defer();
      obs.ack(true);
      // Let other interactions' acknowledgements go out before this one's synchronous work (SQL, rendering).
      await yieldToLoop();
      return { reply: await start(), deferred: true };
    }
    const work = start();
    const first = await withTimeout(work, deferAfterMs);
    if (first.done) return { reply: first.value, deferred: false };
    await defer();
    obs.ack(true);
    return { reply: await work, deferred: true };
  }

  async function onCommand(i: ChatInputCommandInteraction, obs: Observation): Promise<void> {
    const ctx = contextOf(i);
    if (await turnedAway(i, ctx.now, obs)) return;
    const raw = optionsToRaw(i.options.data);
    const { reply, deferred } = await acknowledged<Reply>(
      registry.get(i.commandName)?.defer === true,
      () => i.deferReply(),
      () => handleCommand(registry, i.commandName, raw, deps, ctx, logger),
      obs,
    );
    obs.outcome = outcomeOf(reply);
    if (!deferred) {
      await i.reply({ ...toPayload(reply, false), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      obs.ack(false);
    } else if (reply.ephemeral) {
      await i.deleteReply();
      await i.followUp({ ...toPayload(reply, false), flags: MessageFlags.Ephemeral });
    } else {
      await i.editReply(toPayload(reply, true));
    }
  }

  async function onComponent(i: MessageComponentInteraction, obs: Observation): Promise<void> {
    const ctx = contextOf(i);
    if (await turnedAway(i, ctx.now, obs)) return;
    const values = i.isAnySelectMenu() ? [...i.values] : [];
    const found = registry.component(i.customId);
    const { reply, deferred } = await acknowledged<ComponentReply>(
      found?.command.deferComponents.has(found.prefix) === true,
      () => i.deferUpdate(),
      () => handleComponent(registry, i.customId, values, deps, ctx, logger),
      obs,
    );
    obs.outcome = outcomeOf(reply);
    const asNewMessage = reply.mode === 'reply' || reply.ephemeral === true;
    const flags = reply.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    if (asNewMessage) {
      if (deferred) await i.followUp({ ...toPayload(reply, false), ...flags });
      else await i.reply({ ...toPayload(reply, false), ...flags });
    } else if (deferred) {
      await i.editReply(toPayload(reply, true));
    } else {
      await i.update(toPayload(reply, true));
    }
    obs.ack(false);
  }

  async function onAutocomplete(i: AutocompleteInteraction, obs: Observation): Promise<void> {
    const ctx = contextOf(i);
    const focused = i.options.getFocused(true);
    const raw = optionsToRaw(i.options.data);
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
    obs.ack(false);
  }

  return async (interaction: Interaction): Promise<void> => {
    const counted = !interaction.isAutocomplete();
    if (counted) inFlight++;
    const started = performance.now();
    const kind: InteractionKind = interaction.isAutocomplete() ? 'autocomplete' : interaction.isMessageComponent() ? 'component' : 'command';
    const name =
      interaction.isCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : interaction.isMessageComponent()
          ? (registry.component(interaction.customId)?.command.name ?? 'unknown')
          : 'unknown';
    let acked = false;
    const obs: Observation = {
      outcome: 'ok',
      ack(deferred) {
        if (acked) return;
        acked = true;
        opts.observer?.acknowledged({ kind, name, ms: performance.now() - started, deferred });
      },
    };
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction, obs);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction, obs);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await onComponent(interaction, obs);
      else if (interaction.isMessageContextMenuCommand()) await handleMessageContextMenu(interaction, deps, clock(), logger);
    } catch (e) {
      obs.outcome = 'reply_failed';
      // Replying itself failed (expired interaction, network): log and keep serving.
      logger.error(
        {
          err: e,
          interactionType: interaction.type,
          command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
          customId: interaction.isMessageComponent() ? interaction.customId : undefined,
          userId: interaction.user.id,
        },
        'interaction reply failed',
      );
    } finally {
      if (counted) inFlight--;
      opts.observer?.finished({ kind, name, ms: performance.now() - started, outcome: obs.outcome });
    }
  };
}
