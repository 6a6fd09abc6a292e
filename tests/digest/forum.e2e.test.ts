/**
 * Forum digests end to end against the Discord fake, through discord.js REST as the bot posts (the delivery runs in
 * child processes, so that one is killed mid-way and the next is a restart): over two days, one post per question
 * (title, card, tags), one reply per later event in the right thread with its state tag, an archived thread
 * reopened by its reply, a locked one reported and never retried, nothing twice; the subscription's role, and only
 * it, pingable on every message the fake received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import type { NewSubscription } from '../../src/digest/DigestRepository';
import { FAKE_GUILD_ID, startDiscordFake, type DiscordFake } from '../support/discordFake';
import { makeQuestion } from './support/questions';
import { runChild, runChildKilledAfter } from './support/runChild';
import { newSubscription, openTestDb, type TestDb } from './support/store';

const FORUM = '710000000000000001';
const ROLE = '720000000000000001';
const OTHER_ROLE = '720000000000000002';
const T0 = new Date('2025-03-03T12:00:00Z');
const DAY1 = new Date('2025-03-04T07:00:00Z');
const DAY2 = new Date('2025-03-05T07:00:00Z');

let fake: DiscordFake;
let t: TestDb;

function forumSub(): NewSubscription {
  return newSubscription({
    guildId: FAKE_GUILD_ID,
    channelId: FORUM,
    channelKind: 'forum',
    mentionRoleId: ROLE,
  });
}

function env(now: Date): Record<string, string> {
  return { DIGEST_DB: t.dbPath, DIGEST_API_URL: fake.apiUrl, DIGEST_STEPS: 'tick', DIGEST_NOW: now.toISOString() };
}

const text = (m: APIMessage): string =>
  [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n');

/** The thread of question n° `number` (by its title). */
function threadOf(number: number) {
  const found = fake.threadsOf(FORUM).filter((th) => th.name.startsWith(`n° ${number} ·`));
  expect(found, `posts of question ${number}`).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  fake = await startDiscordFake();
  fake.addForum({ id: FORUM, tags: ['santé'] });
  fake.addRole({ id: ROLE, name: 'veille', mentionable: true, managed: false });
  fake.addRole({ id: OTHER_ROLE, name: 'autres', mentionable: true, managed: false });
  t = openTestDb();
  t.store.upsertQuestions([makeQuestion({ number: 1 })], { seenAt: T0.toISOString() });
  t.service.addSubscription(forumSub(), T0);
});

afterAll(async () => {
  fake.assertClean();
  await fake.close();
  t?.cleanup();
});

describe('a forum digest over two days, with a crash and restarts', () => {
  it('day 1: one post per new question, even when the process is killed after Discord made a post', async () => {
    t.store.upsertQuestions(
      [
        ...[101, 102, 103, 104].map((number) => makeQuestion({ number })),
        makeQuestion({ number: 105, rubrique: 'agriculture', ministry: 'Agriculture' }),
        makeQuestion({
          number: 106,
          rubrique: 'enseignement supérieur et recherche',
          analyses: ['un titre très long '.repeat(12)],
        }),
      ],
      { seenAt: '2025-03-04T05:30:00.000Z' },
    );
    const crashed = await runChildKilledAfter(
      fake,
      env(DAY1),
      'POST',
      new RegExp(`^/api/v10/channels/${FORUM}/threads$`),
      3,
    );
    expect(crashed.signal).toBe('SIGKILL');
    expect(fake.threadsOf(FORUM)).toHaveLength(3);

    const restarted = await runChild(env(new Date(DAY1.getTime() + 60_000)));
    expect(restarted.code, restarted.stderr).toBe(0);
    const posts = fake.threadsOf(FORUM);
    expect(posts).toHaveLength(6);
    expect(fake.requestsTo('POST', `/api/v10/channels/${FORUM}/threads`)).toHaveLength(6); // the 3rd was found, not re-made
    for (const number of [101, 102, 103, 104, 105, 106]) {
      const th = threadOf(number);
      expect(th.name.length).toBeLessThanOrEqual(100);
      const [starter, ...rest] = fake.channelMessages(th.id);
      expect(rest).toHaveLength(0);
      expect(starter!.id).toBe(th.id);
      expect(text(starter!)).toContain(`n° ${number}`);
      expect(starter!.content).toContain(`<@&${ROLE}>`);
    }
    // Tags: the existing « santé », the ones created for the others, and the state.
    expect(fake.threadTagNames(threadOf(101).id)).toEqual(['santé', 'en attente']);
    expect(fake.threadTagNames(threadOf(105).id)).toEqual(['agriculture', 'en attente']);
    expect(fake.threadTagNames(threadOf(106).id)[0]!.length).toBeLessThanOrEqual(20);
    expect(t.repo.listDeliveries().every((d) => d.status === 'sent')).toBe(true);
  }, 60_000);

  it('day 2: replies in the right threads with their state tag, the archived one reopened, the locked one reported once', async () => {
    fake.setThread(threadOf(102).id, { archived: true });
    fake.setThread(threadOf(104).id, { locked: true });
    fake.setThread(threadOf(105).id, { deleted: true });
    t.store.upsertQuestions(
      [
        makeQuestion({ number: 101, answerText: 'Le Gouvernement répond.', answerDate: '2025-03-05' }),
        makeQuestion({ number: 102, answerText: 'Réponse publiée.', answerDate: '2025-03-05' }),
        makeQuestion({ number: 103, ministry: 'Économie' }),
        makeQuestion({ number: 104, closure: { label: 'Retirée', date: '2025-03-05' } }),
        makeQuestion({ number: 105, rubrique: 'agriculture', ministry: 'Économie' }),
        makeQuestion({ number: 107 }),
      ],
      { seenAt: '2025-03-05T05:30:00.000Z' },
    );
    const run = await runChild(env(DAY2));
    expect(run.code, run.stderr).toBe(0);

    expect(fake.threadsOf(FORUM)).toHaveLength(7);
    const replies = (n: number) => fake.channelMessages(threadOf(n).id).slice(1);
    expect(replies(101).map(text).join()).toContain('Réponse publiée');
    expect(replies(101)).toHaveLength(1);
    expect(fake.threadTagNames(threadOf(101).id)).toEqual(['santé', 'répondue']);
    expect(replies(102)).toHaveLength(1);
    expect(threadOf(102).archived).toBe(false);
    expect(replies(103).map(text).join()).toContain('transférée');
    expect(fake.threadTagNames(threadOf(103).id)).toEqual(['santé', 'transférée']);
    expect(replies(104)).toHaveLength(0);
    expect(replies(105)).toHaveLength(0);
    const postOf = (n: number) =>
      t.repo.listDeliveries().find((d) => d.kind === 'forum_post' && d.messageId === threadOf(n).id)!;
    expect(t.repo.getForumPost(postOf(104).sourceId, postOf(104).uid!)?.state).toBe('locked');
    expect(t.repo.getForumPost(postOf(105).sourceId, postOf(105).uid!)?.state).toBe('deleted');
    expect(t.repo.closedForumPosts(postOf(104).sourceId)).toEqual({ locked: 1, deleted: 1 });

    // The next runs (a restart each) post nothing more and do not try the locked thread again.
    const before = fake.requests.length;
    const again = await runChild(env(new Date(DAY2.getTime() + 60_000)));
    expect(again.code, again.stderr).toBe(0);
    expect(fake.requests.slice(before).filter((r) => r.method !== 'GET')).toHaveLength(0);
    const statuses = t.repo.listDeliveries().map((d) => d.status);
    expect(statuses.filter((s) => s === 'abandoned')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(0);
  }, 60_000);

  it('a follow in a thread: the thread made once and its notice posted once, across a kill after its creation', async () => {
    const channel = '760000000000000001';
    const q = makeQuestion({ number: 120 });
    t.store.upsertQuestions([q], { seenAt: '2025-03-05T06:00:00.000Z' });
    t.service.addFollow(
      {
        userId: '770000000000000001',
        guildId: FAKE_GUILD_ID,
        target: 'channel',
        channelId: channel,
        uid: q.uid,
        inThread: true,
      },
      DAY2,
    );
    t.store.upsertQuestions([makeQuestion({ number: 120, answerText: 'Réponse.', answerDate: '2025-03-06' })], {
      seenAt: '2025-03-06T05:30:00.000Z',
    });
    const at = new Date('2025-03-06T05:31:00Z');
    const crashed = await runChildKilledAfter(
      fake,
      env(at),
      'POST',
      new RegExp(`^/api/v10/channels/${channel}/threads$`),
      1,
    );
    expect(crashed.signal).toBe('SIGKILL');
    expect(fake.threadsOf(channel)).toHaveLength(1);
    const restarted = await runChild(env(new Date(at.getTime() + 60_000)));
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(fake.threadsOf(channel)).toHaveLength(1);
    const [notice, ...more] = fake.channelMessages(fake.threadsOf(channel)[0]!.id);
    expect(more).toHaveLength(0);
    expect(notice!.content).toContain('La question n° 120');
    expect(fake.channelMessages(channel)).toHaveLength(0);
  }, 60_000);

  it('pinged the chosen role on every post and reply, and nothing else on any message', () => {
    const forumMessages = fake.threadsOf(FORUM).flatMap((th) => fake.channelMessages(th.id));
    const forumIds = new Set(forumMessages.map((m) => m.id));
    expect(forumMessages.length).toBeGreaterThan(7);
    const byId = new Map(fake.pings.map((p) => [p.messageId, p]));
    for (const m of forumMessages) expect(byId.get(m.id)?.roles, m.id).toEqual([ROLE]);
    for (const p of fake.pings) {
      expect(p.everyone).toBe(false);
      expect(p.users).toEqual([]);
      expect(p.roles.filter((r) => r !== ROLE)).toEqual([]);
      if (!forumIds.has(p.messageId)) expect(p.roles).toEqual([]);
    }
  });
});
