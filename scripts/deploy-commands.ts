/**
 * `npm run deploy-commands`: registers the slash commands of commands/index.ts (the same declarations the bot
 * dispatches on) to DISCORD_GUILD_ID when set (instant), else globally (up to an hour to propagate).
 */
import dotenv from 'dotenv';
import { commands } from '../commands/index';
import { configOrExit } from '../src/config';
import { createRegistry } from '../src/present/commandKit';
import { deployCommands, invitationLinks } from '../src/discord/deployCommands';
import { contextMenuDeclarations } from '../src/discord/contextMenu';
import { redactToken } from '../src/logger';

dotenv.config({ quiet: true });

async function run(): Promise<number> {
  const config = configOrExit(process.env);
  if (!config.discordToken) {
    process.stderr.write('DISCORD_TOKEN est requis pour enregistrer les commandes.\n');
    return 1;
  }
  const registry = createRegistry(commands);
  try {
    const result = await deployCommands({
      token: config.discordToken,
      applicationId: config.discordApplicationId,
      guildId: config.discordGuildId,
      apiUrl: config.discordApiUrl,
      declarations: [...registry.declarations(), ...contextMenuDeclarations],
    });
    const where =
      result.scope === 'guild'
        ? `sur le serveur ${config.discordGuildId}`
        : 'globalement (propagation jusqu’à une heure)';
    process.stdout.write(
      `${result.registered.length} commandes enregistrées ${where} : ${result.registered.map((c) => (/\s/.test(c.name) ? `« ${c.name} »` : `/${c.name}`)).join(', ')}\n`,
    );
    const links = invitationLinks(result.applicationId);
    process.stdout.write(
      `Ajouter le bot à un serveur : ${links.server}\nL’installer pour soi (commandes de lecture partout) : ${links.user}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(
      `Échec de l'enregistrement : ${redactToken(e instanceof Error ? e.message : String(e), config.discordToken)}\n`,
    );
    return 1;
  }
}

process.exitCode = await run();
