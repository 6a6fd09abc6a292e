/**
 * Questions asked by mentioning the bot (« @bot combien de questions sur les prisons ? ») or in a DM: the message's
 * text goes through the plain-French parser (src/ask) and the answer is a reply to that message. Only those
 * messages are read: the gateway intents are Guilds, GuildMessages and DirectMessages, without the privileged
 * MessageContent (Discord gives the content of messages that mention the bot and of DMs anyway). Answers never
 * ping anyone, not even the author they reply to (`repliedUser: false`).
 */
import type { Message } from 'discord.js';
import { answerAsk } from '../ask/answerAsk';
import type { Logger } from '../logger';
import type { CommandDeps } from './deps';
import { type FloodGate, floodMessage } from './floodControl';
import { GENERIC_ERROR, INDEX_LOADING_MESSAGE } from './handleInvocation';
import { fitToLimits } from './limits';
import { filesPayload, type Reply } from './reply';
import { isUserError } from './UserError';

export interface MessageEntryOptions {
  deps: CommandDeps;
  logger: Logger;
  flood?: FloodGate;
  clock?: () => Date;
  /** Told of each message handled (an observer of the dispatcher reports `kind: 'message'`). */
  onHandled?: (event: { kind: 'message'; userId: string; dm: boolean; ms: number; ok: boolean }) => void;
}

/** The text of a message addressed to the bot, without the mention; null when the message is not for the bot. */
function addressedText(
  message: Pick<Message, 'content' | 'guildId'> & { mentions: { users: { has(id: string): boolean } } },
  botId: string,
): string | null {
  const dm = message.guildId === null;
  if (!dm && !message.mentions.users.has(botId)) return null;
  return message.content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createMessageHandler(opts: MessageEntryOptions): (message: Message) => Promise<void> {
  const clock = opts.clock ?? (() => new Date());
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system) return;
    const botId = message.client.user?.id;
    if (!botId) return;
    const text = addressedText(message, botId);
    if (text === null) return;
    const started = performance.now();
    const now = clock();
    let reply: Reply;
    let ok = true;
    if (opts.flood && !opts.flood.take(message.author.id, now.getTime())) {
      reply = { content: floodMessage(opts.flood.retryAfterSeconds(message.author.id, now.getTime())) };
    } else {
      try {
        reply = fitToLimits(await answerAsk(text, opts.deps, now));
      } catch (e) {
        ok = false;
        if (isUserError(e)) reply = { content: `⚠️ ${e.message}` };
        else if (e instanceof Error && e.name === 'SearchNotReadyError')
          reply = { content: `⚠️ ${INDEX_LOADING_MESSAGE}` };
        else {
          opts.logger.error(
            { err: e, userId: message.author.id, dm: message.guildId === null },
            'message question failed',
          );
          reply = { content: `❌ ${GENERIC_ERROR}` };
        }
      }
    }
    try {
      await message.reply({
        ...(reply.content !== undefined ? { content: reply.content } : {}),
        ...(reply.embeds ? { embeds: reply.embeds } : {}),
        ...(reply.components ? { components: reply.components } : {}),
        ...filesPayload(reply, false),
        allowedMentions: { parse: [], repliedUser: false },
      });
    } catch (err) {
      ok = false;
      opts.logger.error({ err, userId: message.author.id, channelId: message.channelId }, 'message reply failed');
    }
    opts.onHandled?.({
      kind: 'message',
      userId: message.author.id,
      dm: message.guildId === null,
      ms: Math.round(performance.now() - started),
      ok,
    });
  };
}
