/**
 * Registers the command declarations (the same objects the dispatcher uses) with Discord: to one guild
 * (instant) when `guildId` is set, else globally. The application id is read from the API when not given.
 * Only global commands carry `integration_types` / `contexts`: a person's install (user install) reaches them only,
 * so a deploy to one server is for testing that server's commands.
 */
import { PermissionFlagsBits, REST, Routes } from 'discord.js';
import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

export interface DeployOptions {
  token: string;
  applicationId: string | null;
  guildId: string | null;
  apiUrl: string | null;
  declarations: Array<
    RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody
  >;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  applicationId: string;
  registered: Array<{ id: string; name: string }>;
}

export async function deployCommands(opts: DeployOptions): Promise<DeployResult> {
  const rest = new REST(opts.apiUrl ? { api: opts.apiUrl } : {}).setToken(opts.token);
  let applicationId = opts.applicationId;
  if (!applicationId) {
    const app = (await rest.get(Routes.currentApplication())) as { id: string };
    applicationId = app.id;
  }
  const route = opts.guildId
    ? Routes.applicationGuildCommands(applicationId, opts.guildId)
    : Routes.applicationCommands(applicationId);
  // Installation kinds and contexts only mean something for global commands (a user install reaches those only).
  const body = opts.guildId
    ? opts.declarations.map(({ integration_types: _types, contexts: _contexts, ...rest }) => rest)
    : opts.declarations;
  const registered = (await rest.put(route, { body })) as Array<{ id: string; name: string }>;
  return {
    scope: opts.guildId ? 'guild' : 'global',
    applicationId,
    registered: registered.map((c) => ({ id: c.id, name: c.name })),
  };
}

/**
 * What the bot needs in a server: read and post in its channels (digests, follows), embeds and files (cards,
 * charts, CSV), the history (to find a post after a crash), forum posts and threads (forum digests, follows in a
 * thread). Optional, per channel, left to the server: Manage Channels on a forum (to create its tags), Mention
 * @everyone, @here and All Roles (to mention a role that is not mentionable).
 */
const SERVER_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
].reduce((a, b) => a | b, 0n);

/**
 * The two invitation links: a server's install (scopes `applications.commands` and `bot`, with the permissions
 * above) and a person's install (scope `applications.commands`, `integration_type=1`: the reading commands in any
 * server or DM, answered through the interaction only). The person's install must be enabled in the Developer
 * Portal (Installation > Installation Contexts > User Install).
 */
export function invitationLinks(applicationId: string): { server: string; user: string } {
  const base = 'https://discord.com/oauth2/authorize';
  return {
    server: `${base}?client_id=${applicationId}&integration_type=0&scope=applications.commands+bot&permissions=${SERVER_PERMISSIONS}`,
    user: `${base}?client_id=${applicationId}&integration_type=1&scope=applications.commands`,
  };
}
