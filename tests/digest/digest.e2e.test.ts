/**
 * End to end: the bot started through main() against the Discord fake; /digest and /suivre through injected
 * interactions; the scheduled run with an injected clock; the posted messages checked for content and limits
 * (the fake checks every Discord limit and allowed_mentions itself; assertClean after each test).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import type { RunningApp } from '../../src/main';
import { FAKE_CHANNEL_ID, FAKE_GUILD_ID, type DiscordFake } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { postedItems } from './support/posted';
import { makeQuestion } from './support/questions';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const MANAGER = String(2248473465835073n | 32n); // default test member + ManageGuild
const MEMBER = '2248473465835073';
const DIGEST_CH = '700000000000000001';
const LOST_CH = '700000000000000002';

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
let clock = new Date('2025-03-03T10:00:00Z'); // Monday
const logLines: string[] = [];

function allText(m: Pick<APIMessage, 'content' | 'embeds'>): string {
  return [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n');
}

beforeAll(async () => {
  bot = await startBotOnCorpus({
    // The live legislature's bulk import: baseline.
    corpus: { seeds: false, extra: Array.from({ length: 5 }, (_, i) => makeQuestion({ number: 10 + i })), now: clock },
    bot: { logLines, clock: () => clock, env: { REFRESH_URL: 'http://127.0.0.1:9/repository/17/x.zip' } },
  });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

describe('digests through the bot', () => {
  it('refuses /digest ajouter to a member who cannot manage the server', async () => {
    const res = await fake.command(
      'digest',
      { salon: DIGEST_CH },
      { subcommand: 'ajouter', permissions: MEMBER, userId: freshUser() },
    ).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('gérer le serveur');
    expect(app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID)).toHaveLength(0);
  });

  it('declares /digest for server managers only', () => {
    const digest = app.registry.get('digest')!;
    expect(digest.data.default_member_permissions).toBe('32');
    expect(digest.data.dm_permission).toBe(false);
  });

  it('subscribes, previews, posts the Tuesday digest once, and disables only a channel answering 403', async () => {
    const user = freshUser();
    const added = await fake.command(
      'digest',
      { salon: DIGEST_CH, jours: 'mardi', heure: '8h' },
      { subcommand: 'ajouter', permissions: MANAGER, userId: user },
    ).done;
    expect(added.ephemeral).toBe(true);
    expect(String(added.body.content)).toMatch(/Digest n° \d+ créé/);
    expect(String(added.body.content)).toContain('le mardi à 08 h');
    const lost = await fake.command(
      'digest',
      { salon: LOST_CH, contenu: 'reponses' },
      { subcommand: 'ajouter', permissions: MANAGER, userId: user },
    ).done;
    expect(String(lost.body.content)).toMatch(/Digest n° \d+ créé/);
    fake.failChannel(LOST_CH, { status: 403 });

    // News arrives (as a refresh would record it), hostile and long text included.
    const hostile = makeQuestion({
      number: 500,
      rubrique: 'numérique',
      analyses: ['messages « @everyone » et <@123456789012345678> qui **circulent**'],
    });
    const answered = makeQuestion({ number: 11, answerText: 'Le Gouvernement répond. '.repeat(400) });
    const many = Array.from({ length: 30 }, (_, i) =>
      makeQuestion({ number: 600 + i, analyses: ['analyse '.repeat(40)] }),
    );
    app.store.upsertQuestions([hostile, answered, ...many], { seenAt: '2025-03-04T05:30:00.000Z' });

    const subs = app.deps.digest!.service.repo.listSubscriptions(FAKE_GUILD_ID);
    const main = subs.find((s) => s.channelId === DIGEST_CH)!;
    const preview = await fake.command(
      'digest',
      { id: main.id },
      { subcommand: 'apercu', permissions: MANAGER, userId: user },
    ).done;
    expect(preview.ephemeral).toBe(true);
    expect(String(preview.body.content)).toContain('31 nouvelles questions, 1 réponse publiée');
    // The preview consumed nothing.
    expect(app.deps.digest!.service.repo.getSubscription(main.id)!.cursor).toBe(main.cursor);

    // Monday 10:00 -> Tuesday 08:00 Paris (07:00 UTC): the scheduled tick with the injected clock.
    clock = new Date('2025-03-04T06:59:00Z');
    await app.deps.digest!.scheduler!.tickNow();
    expect(fake.channelMessages(DIGEST_CH)).toHaveLength(0);
    clock = new Date('2025-03-04T07:00:00Z');
    await app.deps.digest!.scheduler!.tickNow();

    const posted = fake.channelMessages(DIGEST_CH);
    expect(posted.length).toBeGreaterThan(1);
    posted.forEach((m, i) => {
      expect(m.content).toContain(`partie ${i + 1}/${posted.length}`);
    });
    expect(posted[0]!.content).toContain('31 nouvelles questions, 1 réponse publiée');
    const text = posted.map(allText).join('\n');
    expect(text).not.toMatch(/@everyone|<@123/);
    expect(text).toContain('\\*\\*circulent\\*\\*');
    expect(postedItems(posted)).toHaveLength(32);
    // Every POST carried allowed_mentions parse [] and a nonce with enforce_nonce (the fake fails otherwise).
    for (const r of fake.requestsTo('POST', `/api/v10/channels/${DIGEST_CH}/messages`)) {
      expect(r.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    }

    // 403: that subscription only is disabled, the server is told in its system channel.
    const lostSub = app.deps.digest!.service.repo.getSubscription(subs.find((s) => s.channelId === LOST_CH)!.id)!;
    expect(lostSub.enabled).toBe(false);
    expect(lostSub.disabledReason).toContain('403');
    expect(app.deps.digest!.service.repo.getSubscription(main.id)!.enabled).toBe(true);
    const notices = fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.content.includes(`digest n° ${lostSub.id}`));
    expect(notices).toHaveLength(1);
    expect(logLines.join('\n')).toContain('digest subscription disabled');

    // Later ticks post nothing more.
    clock = new Date('2025-03-04T07:10:00Z');
    await app.deps.digest!.scheduler!.tickNow();
    expect(fake.channelMessages(DIGEST_CH)).toHaveLength(posted.length);

    const listed = await fake.command('digest', {}, { subcommand: 'liste', permissions: MANAGER, userId: user }).done;
    const listText = allText(listed.message);
    expect(listText).toContain('désactivé');
    expect(listText).toContain(`<#${DIGEST_CH}>`);

    const removed = await fake.command(
      'digest',
      { id: lostSub.id },
      { subcommand: 'retirer', permissions: MANAGER, userId: user },
    ).done;
    expect(String(removed.body.content)).toContain('retiré');
    expect(app.deps.digest!.service.repo.getSubscription(lostSub.id)).toBeNull();
  });

  it('follows a question in the channel, tells it once when answered, and lists / removes follows', async () => {
    const user = freshUser();
    const res = await fake.command('suivre', { numero: 12, ou: 'salon' }, { userId: user }).done;
    expect(res.ephemeral).toBe(true);
    expect(String(res.body.content)).toContain('C’est noté');
    const second = await fake.command('suivre', { numero: 13 }, { userId: user }).done;
    expect(String(second.body.content)).toContain('en message privé');
    const unknown = await fake.command('suivre', { numero: 99999 }, { userId: user }).done;
    expect(String(unknown.body.content)).toContain('Aucune question écrite n° 99999');

    const before = fake.channelMessages(FAKE_CHANNEL_ID).length;
    app.store.upsertQuestions(
      [makeQuestion({ number: 12, answerText: 'Réponse du ministère.', answerDate: '2025-03-11' })],
      { seenAt: '2025-03-11T05:30:00.000Z' },
    );
    clock = new Date('2025-03-11T05:31:00Z');
    await app.deps.digest!.scheduler!.tickNow();
    await app.deps.digest!.scheduler!.tickNow();
    const notices = fake.channelMessages(FAKE_CHANNEL_ID).slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.content).toContain('La question n° 12 (17e législature) a reçu sa réponse');

    const list = await fake.command('suivis', {}, { userId: user }).done;
    expect(allText(list.message)).toContain('n° 13');
    expect(allText(list.message)).not.toContain('n° 12]'); // ended after its answer
    const follow = app.deps.digest!.service.repo.activeFollowsOfUser(user)[0]!;
    const updated = await fake.select(list.message, 'svr', [String(follow.id)], { userId: user }).done;
    expect(String(updated.body.content ?? '')).toContain('Suivi retiré');
    expect(app.deps.digest!.service.repo.activeFollowsOfUser(user)).toHaveLength(0);
  });
});
