/**
 * Questions asked by mentioning the bot (« @bot combien de questions sur les prisons ? ») or in a DM: the message's
 * text goes through the plain-French parser (src/ask) and the answer is a reply to that message. Only those
 * messages are read: the gateway intents are Guilds, GuildMessages and DirectMessages, without the privileged
 * MessageContent (Discord gives the content of messages that mention the bot and of DMs anyway). Answers never
 * ping anyone, not even the author they reply to (`repliedUser: false`). Each message is served by the dispatcher's
 * `serve()` like an interaction: the same flood control, queue, observer and error boundary (a search worker being
 * replaced answers « Recherche momentanément indisponible… », a bug « erreur inattendue » and a log line).
 */
import type { Message } from 'discord.js';
import type { AskFunction } from './contextMenu';
import type { Dispatcher, Responder } from './dispatchInteraction';
import type { Reply } from '../present/reply';
import { filesPayload } from './replyFiles';

export interface MessageEntryOptions {
  /** The plain-French answer (bound by main.ts). */
  ask: AskFunction;
  /** The dispatcher's acknowledgement rule and error boundary. */
  serve: Dispatcher['serve'];
  clock?: () => Date;
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
  return (message: Message): Promise<void> => {
    if (message.author.bot || message.system) return Promise.resolve();
    const botId = message.client.user?.id;
    if (!botId) return Promise.resolve();
    const text = addressedText(message, botId);
    if (text === null) return Promise.resolve();
    const receivedAt = Date.now();
    const now = clock();
    const dm = message.guildId === null;
    // A message has no deferral: the reply simply comes when the work is done.
    const answer = (reply: Reply) =>
      message.reply({
        ...(reply.content !== undefined ? { content: reply.content } : {}),
        ...(reply.embeds ? { embeds: reply.embeds } : {}),
        ...(reply.components ? { components: reply.components } : {}),
        ...filesPayload(reply, false),
        allowedMentions: { parse: [], repliedUser: false },
      });
    const responder: Responder<Reply> = {
      kind: 'message',
      name: dm ? 'dm' : 'mention',
      userId: message.author.id,
      answer,
      defer: null,
      answerDeferred: answer,
    };
    return opts.serve({
      responder,
      receivedAt,
      createdAt: message.createdTimestamp,
      now,
      prepare: () => ({
        kind: 'work',
        work: () => opts.ask(text, now),
        context: { entry: responder.name, userId: message.author.id, channelId: message.channelId },
        onError: (reply) => reply,
      }),
      floodReply: (content) => ({ content }),
      deferAtOnce: false,
    });
  };
}
