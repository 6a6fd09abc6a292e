/**
 * The message context-menu command « Chercher des questions écrites » (right click on any message > Applications):
 * the message's text becomes a search (subject and filters read by the plain-French parser), shown only to the
 * user who asked. Declared here, deployed with the slash commands, dispatched by the dispatcher's `serve()`.
 */
import type { RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { type CallContext, installJson } from '../present/commandKit';
import { type Prepared, userErrorReply } from '../present/handleInvocation';
import type { Reply } from '../present/reply';

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

/**
 * A question in plain French answered as a reply (src/ask's `answerAsk`, bound to the bot's dependencies by main.ts:
 * the Discord layer does not import the plain-French domain). `forceSearch`: read the text as a search.
 */
export type AskFunction = (text: string, now: Date, opts?: { forceSearch?: boolean }) => Promise<Reply>;

/** Whether an application command of the message menu is this one. */
export function isMessageSearchMenu(name: string): boolean {
  return name === SEARCH_MESSAGE_MENU_NAME;
}

/**
 * The synchronous step of the menu for a message's text (pure with respect to Discord): an empty text is answered
 * at once, else the work is the plain-French search, for the caller only. Served by `serve()` like every entry, so its
 * errors go through the one error boundary.
 */
export function prepareMessageSearch(
  text: string,
  ask: AskFunction,
  ctx: Pick<CallContext, 'userId' | 'guildId' | 'now'>,
): Prepared<Reply> {
  if (!text.trim())
    return {
      kind: 'answer',
      answer: { reply: userErrorReply('Ce message ne contient pas de texte à chercher.'), outcome: 'user_error' },
    };
  return {
    kind: 'work',
    work: async () => ({ ...(await ask(text, ctx.now, { forceSearch: true })), ephemeral: true }),
    context: { menu: SEARCH_MESSAGE_MENU_NAME, userId: ctx.userId, guildId: ctx.guildId },
    onError: (reply) => ({ ...reply, ephemeral: true }),
  };
}
