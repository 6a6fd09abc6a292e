/**
 * The shutdown gate around the interaction handler (composition root, not the dispatcher): it counts the
 * interactions in flight, and once closed answers every new one at once with « redémarrage en cours »
 * (ephemeral; an empty list for an autocomplete) instead of starting it. `drain` waits, within a bound, for
 * those in flight to finish.
 */
import { MessageFlags, type Interaction } from 'discord.js';
import type { InteractionKind, InteractionObserver } from '../discord/dispatchInteraction';
import type { Logger } from '../logger';

export const RESTARTING_MESSAGE =
  '🔄 Redémarrage en cours : le bot revient dans un instant. Réessayez dans une minute.';

export interface InteractionGate {
  /** The handler to give the Discord client. */
  handle(interaction: Interaction): Promise<void>;
  /** Stop starting interactions; new ones get the restart message. */
  close(): void;
  readonly closed: boolean;
  /** Interactions being handled (refusals included). */
  readonly inFlight: number;
  /** Resolves when nothing is in flight, or after `timeoutMs` with the number still in flight. */
  drain(timeoutMs: number): Promise<number>;
}

function describe(i: Interaction): { kind: InteractionKind; name: string } {
  if (i.isAutocomplete()) return { kind: 'autocomplete', name: i.commandName };
  if (i.isCommand()) return { kind: 'command', name: i.commandName };
  if (i.isMessageComponent()) return { kind: 'component', name: i.customId.split(':')[0] ?? 'unknown' };
  return { kind: 'message', name: 'unknown' };
}

export function createInteractionGate(
  inner: (interaction: Interaction) => Promise<void>,
  opts: { logger: Logger; observer?: InteractionObserver },
): InteractionGate {
  const running = new Set<Promise<void>>();
  let closed = false;

  async function refuse(i: Interaction): Promise<void> {
    const started = performance.now();
    const { kind, name } = describe(i);
    try {
      if (i.isAutocomplete()) await i.respond([]);
      else if (i.isRepliable())
        await i.reply({ content: RESTARTING_MESSAGE, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      opts.observer?.acknowledged({ kind, name, ms: performance.now() - started, deferred: false });
      opts.observer?.finished({ kind, name, ms: performance.now() - started, outcome: 'shutting_down' });
    } catch (err) {
      opts.logger.warn({ err, kind, command: name }, 'could not tell a user the bot is restarting');
      opts.observer?.finished({ kind, name, ms: performance.now() - started, outcome: 'reply_failed' });
    }
  }

  function track(p: Promise<void>): Promise<void> {
    running.add(p);
    p.finally(() => running.delete(p)).catch(() => undefined);
    return p;
  }

  return {
    handle(interaction) {
      return track(closed ? refuse(interaction) : inner(interaction));
    },
    close() {
      closed = true;
    },
    get closed() {
      return closed;
    },
    get inFlight() {
      return running.size;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        while (running.size > 0) {
          const settled = await Promise.race([
            Promise.allSettled([...running]).then(() => 'settled' as const),
            deadline,
          ]);
          if (settled === 'timeout') break;
        }
      } finally {
        clearTimeout(timer);
      }
      return running.size;
    },
  };
}
