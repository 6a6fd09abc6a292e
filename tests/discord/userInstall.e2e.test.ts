/**
 * A person's install (user install), end to end: the declarations deployed to the fake say where each command may
 * be installed and used; a user-installed command used in a server the bot is NOT in is answered through the
 * interaction alone (the fake refuses and records any bot request on that server's channels); what needs the bot
 * in the server is refused ephemerally with the reason; the same commands work in DMs and group DMs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index';
import { createRegistry } from '../../src/present/commandKit';
import { contextMenuDeclarations } from '../../src/discord/contextMenu';
import { deployCommands, invitationLinks } from '../../src/discord/deployCommands';
import type { RunningApp } from '../../src/main';
import { makeQuestion } from '../digest/support/questions';
import { FAKE_APP_ID, FAKE_GUILD_ID, FAKE_TOKEN, type DiscordFake } from '../support/discordFake';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';
import { freshUser } from '../support/startBot';

/** A server the bot was never added to, and one of its channels. */
const FOREIGN_GUILD = '260000000000000026';
const FOREIGN_CHANNEL = '360000000000000036';
const MANAGER = String(2248473465835073n | 32n);

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;

beforeAll(async () => {
  bot = await startBotOnCorpus({
    corpus: { seeds: false, extra: [makeQuestion({ number: 321 })], now: new Date('2025-03-03T10:00:00.000Z') },
    bot: { env: { REFRESH_URL: 'http://127.0.0.1:9/repository/17/x.zip' } },
  });
  ({ fake, app } = bot);
  await deployCommands({
    token: FAKE_TOKEN,
    applicationId: FAKE_APP_ID,
    guildId: null,
    apiUrl: fake.apiUrl,
    declarations: [...createRegistry(commands).declarations(), ...contextMenuDeclarations],
  });
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

interface Declared {
  name: string;
  integration_types?: number[];
  contexts?: number[];
}

describe('installable by a person as well as by a server', () => {
  it('declares the reading commands and the context menu for both installs and every context, /digest for servers only', () => {
    const global = (fake.commandsByScope.get('global') ?? []) as Declared[];
    const byName = new Map(global.map((c) => [c.name, c]));
    for (const name of [
      'recherche',
      'question',
      'depute',
      'ministere',
      'similaires',
      'tendance',
      'palmares',
      'stats',
      'demander',
      'aide',
      'suivre',
      'Chercher des questions écrites',
    ]) {
      expect(byName.get(name)?.integration_types, name).toEqual([0, 1]);
      expect(byName.get(name)?.contexts, name).toEqual([0, 1, 2]);
    }
    expect(byName.get('digest')?.integration_types).toEqual([0]);
    expect(byName.get('digest')?.contexts).toEqual([0]);
  });

  it('gives both invitation links: a server install with the bot and its permissions, a person install without', () => {
    const links = invitationLinks(FAKE_APP_ID);
    const server = new URL(links.server);
    expect(server.searchParams.get('scope')).toBe('applications.commands bot');
    expect(server.searchParams.get('integration_type')).toBe('0');
    const perms = BigInt(server.searchParams.get('permissions') ?? '0');
    for (const bit of [1n << 10n, 1n << 11n, 1n << 38n, 1n << 35n, 1n << 14n, 1n << 16n]) expect(perms & bit).toBe(bit);
    // Never more than it needs: no Administrator, no Manage Server, no Mention Everyone by default.
    for (const bit of [1n << 3n, 1n << 5n, 1n << 17n]) expect(perms & bit).toBe(0n);
    const user = new URL(links.user);
    expect(user.searchParams.get('scope')).toBe('applications.commands');
    expect(user.searchParams.get('integration_type')).toBe('1');
  });

  it('leaves installation kinds out of a deploy to one test server', async () => {
    await deployCommands({
      token: FAKE_TOKEN,
      applicationId: FAKE_APP_ID,
      guildId: FAKE_GUILD_ID,
      apiUrl: fake.apiUrl,
      declarations: createRegistry(commands).declarations(),
    });
    const scoped = (fake.commandsByScope.get(`guild:${FAKE_GUILD_ID}`) ?? []) as Declared[];
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((c) => c.integration_types === undefined && c.contexts === undefined)).toBe(true);
  });

  it('answers a user-installed /question in a server without the bot through the interaction only', async () => {
    const i = fake.command(
      'question',
      { numero: 321 },
      { install: 'user', guildId: FOREIGN_GUILD, channelId: FOREIGN_CHANNEL, userId: freshUser() },
    );
    const res = await i.done;
    expect(res.callbackType).toBe(4);
    expect(JSON.stringify(res.body)).toContain('321');
    // Only the interaction's routes were used for it, and nothing touched the server's channels.
    expect(fake.requestsOf(i).every((r) => r.path.includes('/interactions/') || r.path.includes('/webhooks/'))).toBe(
      true,
    );
    expect(fake.requests.some((r) => r.path.includes(FOREIGN_CHANNEL))).toBe(false);
  });

  it('refuses, ephemerally and with the reason, a follow posted in a channel of a server without the bot', async () => {
    const user = freshUser();
    const res = await fake.command(
      'suivre',
      { numero: 321, ou: 'salon' },
      { install: 'user', guildId: FOREIGN_GUILD, channelId: FOREIGN_CHANNEL, userId: user },
    ).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('demande que le bot soit membre de ce serveur');
    expect(app.deps.digest!.service.repo.activeFollowsOfUser(user)).toHaveLength(0);
  });

  it('records a user-installed follow by DM from a server without the bot', async () => {
    const user = freshUser();
    const res = await fake.command(
      'suivre',
      { numero: 321 },
      { install: 'user', guildId: FOREIGN_GUILD, channelId: FOREIGN_CHANNEL, userId: user },
    ).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('en message privé');
    const follows = app.deps.digest!.service.repo.activeFollowsOfUser(user);
    expect(follows.map((f) => f.target)).toEqual(['dm']);
  });

  it('answers in a group DM and in the bot’s DM', async () => {
    const group = await fake.command(
      'question',
      { numero: 321 },
      { install: 'user', context: 2, channelId: '370000000000000037', userId: freshUser() },
    ).done;
    expect(JSON.stringify(group.body)).toContain('321');
    const dm = await fake.command('aide', {}, { install: 'user', context: 1, userId: freshUser() }).done;
    expect(dm.callbackType).toBe(4);
  });

  it('refuses /digest from a server without the bot even if Discord let it through', async () => {
    const res = await fake.command(
      'digest',
      { id: 1 },
      { subcommand: 'retirer', guildId: FOREIGN_GUILD, channelId: FOREIGN_CHANNEL, permissions: MANAGER },
    ).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('demande que le bot soit membre de ce serveur');
  });
});
