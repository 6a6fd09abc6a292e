/**
 * Role mentions, forum subscriptions and follows in threads through the bot (main() against the Discord fake, the
 * real discord.js client): /digest ajouter takes a role only when the bot can ping it, never @everyone; a digest
 * mentions its role and only it; a follower may be pinged in a channel, in a thread made for the question; every
 * message the fake received is checked for who it could ping.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main';
import { FAKE_CHANNEL_ID, FAKE_GUILD_ID, type DiscordFake } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { makeQuestion } from './support/questions';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const MANAGER = String(2248473465835073n | 32n);
/** The bot's permissions without "Mention @everyone, @here and all roles" (1 << 17) nor Administrator. */
const BOT_PLAIN = String(2248473465835073n & ~(1n << 17n) & ~(1n << 3n));
const TEXT_CH = '730000000000000001';
const FORUM = '730000000000000002';
const LOCKED_FORUM = '730000000000000003';
const FULL_FORUM = '730000000000000004';
const TAG_REQUIRED = '730000000000000005';
const WATCH = { id: '740000000000000001', name: 'veille', mentionable: true, managed: false };
const SILENT = { id: '740000000000000002', name: 'direction', mentionable: false, managed: false };

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
let clock = new Date('2025-03-03T10:00:00Z');

const digestCmd = (
  sub: string,
  options: Record<string, string | number | boolean>,
  resolved: { roles?: (typeof WATCH)[]; channels?: Array<{ id: string; type: number }> } = {},
  appPermissions = BOT_PLAIN,
) =>
  fake.command('digest', options, {
    subcommand: sub,
    permissions: MANAGER,
    userId: freshUser(),
    resolved,
    appPermissions,
  }).done;

beforeAll(async () => {
  bot = await startBotOnCorpus({
    corpus: { seeds: false, extra: Array.from({ length: 3 }, (_, i) => makeQuestion({ number: 10 + i })), now: clock },
    beforeBot: (f) => {
      f.addRole(WATCH);
      f.addRole(SILENT);
      f.addForum({ id: FORUM, tags: [] });
      f.addForum({ id: LOCKED_FORUM, tags: [], botCanManage: false });
      f.addForum({ id: FULL_FORUM, tags: Array.from({ length: 20 }, (_, i) => `thème ${i + 1}`) });
      f.addForum({ id: TAG_REQUIRED, botCanManage: false, requireTag: true });
    },
    bot: { clock: () => clock, env: { REFRESH_URL: 'http://127.0.0.1:9/repository/17/x.zip' } },
  });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

describe('a role to mention, by choice', () => {
  it('refuses @everyone and a role the bot cannot ping, saying why; accepts it once the bot may mention every role', async () => {
    const everyone = await digestCmd(
      'ajouter',
      { salon: TEXT_CH, mention: FAKE_GUILD_ID },
      {
        roles: [{ id: FAKE_GUILD_ID, name: '@everyone', mentionable: false, managed: false }],
        channels: [{ id: TEXT_CH, type: 0 }],
      },
    );
    expect(everyone.ephemeral).toBe(true);
    expect(String(everyone.body.content)).toContain('jamais @everyone');

    const silent = await digestCmd(
      'ajouter',
      { salon: TEXT_CH, mention: SILENT.id },
      {
        roles: [SILENT],
        channels: [{ id: TEXT_CH, type: 0 }],
      },
    );
    expect(silent.ephemeral).toBe(true);
    expect(String(silent.body.content)).toContain('n’est pas mentionnable');
    expect(app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID)).toHaveLength(0);

    const allowed = await digestCmd(
      'ajouter',
      { salon: TEXT_CH, mention: SILENT.id, contenu: 'questions' },
      { roles: [SILENT], channels: [{ id: TEXT_CH, type: 0 }] },
      String(BigInt(BOT_PLAIN) | (1n << 17n)),
    );
    expect(String(allowed.body.content)).toMatch(/Digest n° \d+ créé/);
    const sub = app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID)[0]!;
    expect(sub.mentionRoleId).toBe(SILENT.id);
    // /digest modifier sans-mention: the role is forgotten.
    const cleared = await digestCmd('modifier', { id: sub.id, 'sans-mention': true });
    expect(String(cleared.body.content)).toContain('modifié');
    expect(app.deps.digest!.service.repo.getSubscription(sub.id)!.mentionRoleId).toBeNull();
    const again = await digestCmd('modifier', { id: sub.id, mention: WATCH.id }, { roles: [WATCH] });
    expect(String(again.body.content)).toContain(`mentionne <@&${WATCH.id}>`);
  });

  it('takes a forum channel, and says in /digest apercu why its posts have no tags when the bot cannot make them', async () => {
    const added = await digestCmd(
      'ajouter',
      { salon: FORUM, mention: WATCH.id },
      {
        roles: [WATCH],
        channels: [{ id: FORUM, type: 15 }],
      },
    );
    expect(String(added.body.content)).toContain('une publication par question');
    const locked = await digestCmd('ajouter', { salon: LOCKED_FORUM }, { channels: [{ id: LOCKED_FORUM, type: 16 }] });
    expect(String(locked.body.content)).toMatch(/Digest n° \d+ créé/);
    await digestCmd('ajouter', { salon: FULL_FORUM }, { channels: [{ id: FULL_FORUM, type: 15 }] });
    await digestCmd('ajouter', { salon: TAG_REQUIRED }, { channels: [{ id: TAG_REQUIRED, type: 15 }] });
    const subs = app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID);
    expect(subs.filter((s) => s.channelKind === 'forum').map((s) => s.channelId)).toEqual([
      FORUM,
      LOCKED_FORUM,
      FULL_FORUM,
      TAG_REQUIRED,
    ]);

    app.store.upsertQuestions([makeQuestion({ number: 500 }), makeQuestion({ number: 501, rubrique: 'agriculture' })], {
      seenAt: '2025-03-04T05:30:00.000Z',
    });
    clock = new Date('2025-03-04T07:00:00Z');
    await app.deps.digest!.scheduler!.tickNow();

    // The text digest: one message mentioning its role.
    const digest = fake.channelMessages(TEXT_CH);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.content.startsWith(`<@&${WATCH.id}>`)).toBe(true);
    // The forums: a post per question; the managed one got its tags, the other none.
    expect(fake.threadsOf(FORUM)).toHaveLength(2);
    expect(fake.threadsOf(FORUM).map((t) => fake.threadTagNames(t.id))).toEqual([
      ['santé', 'en attente'],
      ['agriculture', 'en attente'],
    ]);
    expect(fake.threadsOf(LOCKED_FORUM)).toHaveLength(2);
    expect(fake.threadsOf(LOCKED_FORUM).every((t) => t.appliedTags.length === 0)).toBe(true);
    const lockedSub = subs.find((s) => s.channelId === LOCKED_FORUM)!;
    const preview = await digestCmd('apercu', { id: lockedSub.id });
    expect(String(preview.body.content)).toContain('Gérer les salons');
    // A forum with its 20 tags already: posts without new tags, and the reason.
    expect(fake.threadsOf(FULL_FORUM)).toHaveLength(2);
    expect(fake.forum(FULL_FORUM)!.tags).toHaveLength(20);
    expect(fake.threadsOf(FULL_FORUM).every((t) => t.appliedTags.length === 0)).toBe(true);
    const full = await digestCmd('apercu', { id: subs.find((s) => s.channelId === FULL_FORUM)!.id });
    expect(String(full.body.content)).toContain('déjà 20 étiquettes');
    // A forum that requires a tag the bot cannot make refuses the post: that subscription is disabled with the
    // reason (not retried forever), the server told once in its system channel.
    expect(fake.threadsOf(TAG_REQUIRED)).toHaveLength(0);
    const refused = subs.find((s) => s.channelId === TAG_REQUIRED)!;
    expect(app.deps.digest!.service.repo.getSubscription(refused.id)!.disabledReason).toContain('étiquette');
    expect(
      fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.content.includes(`digest n° ${refused.id}`)),
    ).toHaveLength(1);
  });

  it('pings the follower who asked for it, in a thread made for the question, and nobody else', async () => {
    const user = freshUser();
    const res = await fake.command('suivre', { numero: 11, ou: 'salon', fil: true, mentionner: true }, { userId: user })
      .done;
    expect(String(res.body.content)).toContain('dans un fil de');
    const quiet = freshUser();
    await fake.command('suivre', { numero: 11, ou: 'salon' }, { userId: quiet }).done;
    const refused = await fake.command('suivre', { numero: 12, mentionner: true }, { userId: freshUser() }).done;
    expect(String(refused.body.content)).toContain('ou:salon');
    const inThread = await fake.command(
      'suivre',
      { numero: 12, ou: 'salon', fil: true },
      { userId: freshUser(), channelId: '731000000000000001', channelType: 11 },
    ).done;
    expect(inThread.ephemeral).toBe(true);
    expect(String(inThread.body.content)).toContain('déjà dans un fil');

    app.store.upsertQuestions([makeQuestion({ number: 11, answerText: 'Réponse.', answerDate: '2025-03-05' })], {
      seenAt: '2025-03-05T05:30:00.000Z',
    });
    clock = new Date('2025-03-05T05:31:00Z');
    await app.deps.digest!.scheduler!.tickNow();
    const threads = fake.threadsOf(FAKE_CHANNEL_ID);
    expect(threads).toHaveLength(1);
    const [notice] = fake.channelMessages(threads[0]!.id);
    expect(notice!.content).toContain('a reçu sa réponse');
    expect(fake.pings.find((p) => p.messageId === notice!.id)?.users).toEqual([user]);
    const inChannel = fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.content.includes('n° 11'));
    expect(inChannel).toHaveLength(1);
    expect(fake.pings.find((p) => p.messageId === inChannel[0]!.id)?.users).toEqual([]);
  });

  it('let nothing else ping on any message the fake received', () => {
    expect(fake.pings.length).toBeGreaterThan(10);
    const follower = fake.pings.filter((p) => p.users.length > 0);
    expect(follower).toHaveLength(1);
    for (const p of fake.pings) {
      expect(p.everyone).toBe(false);
      expect(p.roles.filter((r) => r !== WATCH.id)).toEqual([]);
    }
    const rolePings = fake.pings.filter((p) => p.roles.length > 0);
    // The text digest and the two posts of the forum that asked for the role.
    expect(rolePings).toHaveLength(3);
  });
});
