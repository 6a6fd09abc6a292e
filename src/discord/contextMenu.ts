/**
 * The message context-menu command « Chercher des questions écrites » (right click on any message > Applications):
 * the message's text becomes a search (subject and filters read by the plain-French parser), shown only to the
 * user who asked. Declared here, deployed with the slash commands, dispatched by `handleMessageContextMenu`.
 */
import { MessageFlags, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { answerAsk } from '../ask/answerAsk';
import type { Logger } from '../logger';
import { installJson } from './commandKit';
import type { CommandDeps } from './deps';
import { GENERIC_ERROR, INDEX_LOADING_MESSAGE } from './handleInvocation';
import { fitToLimits } from './limits';
import { filesPayload, type Reply } from './reply';
import { isUserError } from './UserError';

const SEARCH_MESSAGE_MENU_NAME = 'Chercher des questions écrites';

export const contextMenuDeclarations: RESTPostAPIContextMenuApplicationCommandsJSONBody[] = [
  {
    type: 3,
    name: SEARCH_MESSAGE_MENU_NAME,
    name_localizations: { 'en-US': 'Search written questions', 'en-GB': 'Search written questions' },
    default_member_permissions: null,
    dm_permission: true,
    ...installJson('everywhere'),
  },
];

/** The reply for a message's text (pure with respect to Discord). */
async function searchFromMessage(text: string, deps: CommandDeps, now: Date, logger?: Logger): Promise<Reply> {
  try {
    if (!text.trim()) return { content: '⚠️ Ce message ne contient pas de texte à chercher.', ephemeral: true };
    return { ...fitToLimits(await answerAsk(text, deps, now, { forceSearch: true })), ephemeral: true };
  } catch (e) {
    if (isUserError(e)) return { content: `⚠️ ${e.message}`, ephemeral: true };
    if (e instanceof Error && e.name === 'SearchNotReadyError')
      return { content: `⚠️ ${INDEX_LOADING_MESSAGE}`, ephemeral: true };
    logger?.error({ err: e }, 'message context menu failed');
    return { content: `❌ ${GENERIC_ERROR}`, ephemeral: true };
  }
}

export async function handleMessageContextMenu(
  i: MessageContextMenuCommandInteraction,
  deps: CommandDeps,
  now: Date,
  logger?: Logger,
): Promise<void> {
  if (i.commandName !== SEARCH_MESSAGE_MENU_NAME) return;
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await searchFromMessage(i.targetMessage.content ?? '', deps, now, logger);
  await i.editReply({
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    ...filesPayload(reply, true),
    allowedMentions: { parse: [] },
  });
}
