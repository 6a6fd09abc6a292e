/**
 * Registers the command declarations (the same objects the dispatcher uses) with Discord: to one guild
 * (instant) when `guildId` is set, else globally. The application id is read from the API when not given.
 * Only global commands carry `integration_types` / `contexts`: a person's install (user install) reaches them only,
 * so a deploy to one server is for testing that server's commands.
 */
import { REST, Routes } from 'discord.js';
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
