import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestRepository } from '../../src/digest/DigestRepository';
import { DigestService, makeNonce } from '../../src/digest/DigestService';
import { deliverPending, liveOwnerCount } from '../../src/digest/deliver';
import type { NewSubscription } from '../../src/digest/DigestRepository';
import { openStore } from '../../src/store/openStore';
import { MemoryPoster } from './support/memoryPoster';
import { makeQuestion } from './support/questions';
import { newSubscription, openTestDb, type TestDb } from './support/store';

const T0 = new Date('2025-03-03T12:00:00Z'); // Monday
const DIGEST_TIME = new Date('2025-03-04T07:00:00Z'); // Tuesday 08:00 Paris

function sub(overrides: Partial<NewSubscription> = {}): NewSubscription {
  return newSubscription({ guildId: 'g1', channelId: 'c1', createdBy: 'u1', ...overrides });
}

let t: TestDb;
let poster: MemoryPoster;
const noSleep = async () => {};

beforeEach(() => {
  t = openTestDb();
  poster = new MemoryPoster();
  // Day 0: the bulk import (baseline, never posted).
  t.store.upsertQuestions([makeQuestion({ number: 1 }), makeQuestion({ number: 2 })], { seenAt: T0.toISOString() });
});
afterEach(() => t.cleanup());

function newDay(): void {
  t.store.upsertQuestions(
    [
      makeQuestion({ number: 3, rubrique: 'agriculture' }),
      makeQuestion({ number: 1, answerText: 'Réponse du ministère sur les urgences.' }),
    ],
    { seenAt: '2025-03-04T05:30:00.000Z' },
  );
}

describe('digest delivery', () => {
  it('starts a new subscription at the current event so the bulk import is never posted', async () => {
    const s = t.service.addSubscription(sub(), T0);
    expect(s.cursor).toBe(t.store.maxEventId());
    expect(s.cursor).toBeGreaterThan(0);
    const report = await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    expect(report.digestsBuilt).toBe(0);
    expect(poster.messages).toHaveLength(0);
    // It ran (nothing new) and is scheduled for the next day.
    expect(t.repo.getSubscription(s.id)!.nextRunAt).toBe('2025-03-05T07:00:00.000Z');
  });

  it('records the intent before posting, posts with its nonce once, and a second run posts nothing', async () => {
    const s = t.service.addSubscription(sub(), T0);
    newDay();
    expect(t.service.recordDueDigests(new Date('2025-03-04T06:59:00Z'))).toBe(0); // not yet due
    expect(t.service.recordDueDigests(DIGEST_TIME)).toBe(1);
    const [intent] = t.repo.listDeliveries();
    expect(intent).toMatchObject({ status: 'pending', attempts: 0, channelId: 'c1', part: 1, parts: 1 });
    expect(intent!.nonce).toBe(makeNonce('digest', s.id, s.cursor, t.store.maxEventId(), 1));
    expect(intent!.nonce.length).toBeLessThanOrEqual(25);

    await deliverPending({ repo: t.repo, poster, now: () => DIGEST_TIME, sleep: noSleep });
    expect(poster.messages).toHaveLength(1);
    const body = poster.messages[0]!.body;
    expect(body).toMatchObject({ nonce: intent!.nonce, enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(body.content).toContain('1 nouvelle question, 1 réponse publiée');
    expect(JSON.stringify(body.embeds)).toContain(`réf. ${intent!.nonce}`);
    expect(t.repo.getDelivery(intent!.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      messageId: poster.messages[0]!.id,
    });

    await t.service.tick(poster, () => new Date('2025-03-04T07:05:00Z'), { sleep: noSleep });
    await t.service.tick(poster, () => new Date('2025-03-05T07:00:00Z'), { sleep: noSleep });
    expect(poster.messages).toHaveLength(1);
  });

  it('re-sends an intent left unmarked by a crash with the same nonce, which Discord dedupes', async () => {
    t.service.addSubscription(sub(), T0);
    newDay();
    t.service.recordDueDigests(DIGEST_TIME);
    const [d] = t.repo.listDeliveries();
    // The crashed run: attempt counted, message posted, no mark.
    t.repo.recordAttempt(d!.id, DIGEST_TIME, 'c1');
    await poster.post('c1', { ...d!.payload, nonce: d!.nonce, enforce_nonce: true });
    const restart = new Date(DIGEST_TIME.getTime() + 60_000);
    const report = await deliverPending({ repo: t.repo, poster, now: () => restart, sleep: noSleep });
    expect(report.sent).toBe(1);
    expect(poster.messages).toHaveLength(1);
    expect(poster.postCalls).toBe(2);
    expect(t.repo.getDelivery(d!.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('after a long gap, finds the crashed post in the channel instead of posting again', async () => {
    t.service.addSubscription(sub(), T0);
    newDay();
    t.service.recordDueDigests(DIGEST_TIME);
    const [d] = t.repo.listDeliveries();
    t.repo.recordAttempt(d!.id, DIGEST_TIME, 'c1');
    // Posted without the nonce echo (as Discord lists messages), and other chatter after it.
    await poster.post('c1', { ...d!.payload, nonce: d!.nonce, enforce_nonce: true });
    await poster.post('c1', {
      content: 'bonjour',
      embeds: [],
      allowed_mentions: { parse: [] },
      nonce: 'x',
      enforce_nonce: true,
    });
    const calls = poster.postCalls;
    const later = new Date(DIGEST_TIME.getTime() + 3 * 3600_000);
    const report = await deliverPending({ repo: t.repo, poster, now: () => later, sleep: noSleep });
    expect(report).toMatchObject({ sent: 0, foundAlreadyPosted: 1 });
    expect(poster.postCalls).toBe(calls);
    expect(t.repo.getDelivery(d!.id)).toMatchObject({ status: 'sent', messageId: poster.messages[0]!.id });
  });

  it('after a long gap with nothing in the channel, posts it (the first attempt never arrived)', async () => {
    t.service.addSubscription(sub(), T0);
    newDay();
    t.service.recordDueDigests(DIGEST_TIME);
    const [d] = t.repo.listDeliveries();
    t.repo.recordAttempt(d!.id, DIGEST_TIME, 'c1');
    const later = new Date(DIGEST_TIME.getTime() + 3 * 3600_000);
    const report = await deliverPending({ repo: t.repo, poster, now: () => later, sleep: noSleep });
    expect(report.sent).toBe(1);
    expect(poster.in('c1')).toHaveLength(1);
  });

  it('a channel answering 403 disables only its subscription, tells the server, and the others go on', async () => {
    const lost = t.service.addSubscription(sub({ channelId: 'lost' }), T0);
    const ok = t.service.addSubscription(sub({ channelId: 'c2' }), T0);
    poster.modes.set('lost', '403');
    poster.systemChannels.set('g1', 'sys');
    newDay();
    const report = await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    expect(report.delivery).toMatchObject({ sent: 1, abandoned: 1 });
    expect(poster.in('c2')).toHaveLength(1);
    expect(t.repo.getSubscription(lost.id)).toMatchObject({ enabled: false });
    expect(t.repo.getSubscription(lost.id)!.disabledReason).toContain('403');
    expect(t.repo.getSubscription(ok.id)!.enabled).toBe(true);
    const notice = poster.in('sys');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body.content).toContain(`digest n° ${lost.id}`);
    // Disabled subscriptions are not run again.
    newDayTwo();
    await t.service.tick(poster, () => new Date('2025-03-05T07:00:00Z'), { sleep: noSleep });
    expect(poster.in('sys')).toHaveLength(1);
    expect(poster.in('c2')).toHaveLength(2);
  });

  it('retries 429 and 5xx in the run with backoff, and leaves a persistent failure for a later run', async () => {
    t.service.addSubscription(sub({ channelId: 'slow' }), T0);
    t.service.addSubscription(sub({ channelId: 'down' }), T0);
    poster.modes.set('slow', '429');
    poster.failuresLeft.set('slow', 2);
    poster.modes.set('down', '500');
    poster.failuresLeft.set('down', 10);
    newDay();
    const waits: number[] = [];
    const report = await t.service.tick(poster, () => DIGEST_TIME, { sleep: async (ms) => void waits.push(ms) });
    expect(poster.in('slow')).toHaveLength(1);
    expect(poster.in('down')).toHaveLength(0);
    expect(report.delivery).toMatchObject({ sent: 1, retryLater: 1 });
    expect(waits.slice(0, 2)).toEqual([5, 5]); // retry_after honoured
    const pending = t.repo.listDeliveries().find((d) => d.channelId === 'down')!;
    expect(pending.status).toBe('pending');
    expect(pending.nextAttemptAt! > DIGEST_TIME.toISOString()).toBe(true);
    // Not retried before its time, then delivered once the channel is back.
    await t.service.tick(poster, () => new Date(DIGEST_TIME.getTime() + 10_000), { sleep: noSleep });
    expect(poster.in('down')).toHaveLength(0);
    poster.modes.set('down', 'ok');
    await t.service.tick(poster, () => new Date(DIGEST_TIME.getTime() + 3600_000), { sleep: noSleep });
    expect(poster.in('down')).toHaveLength(1);
  });

  it('two overlapping runs on two connections never post the same message twice', async () => {
    for (let i = 0; i < 5; i++) t.service.addSubscription(sub({ channelId: `c${i}` }), T0);
    newDay();
    const other = openStore(t.dbPath);
    try {
      const service2 = new DigestService({ corpus: other, repo: new DigestRepository(other.db) });
      poster.delayMs = 5;
      await Promise.all([
        t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep }),
        service2.tick(poster, () => DIGEST_TIME, { sleep: noSleep }),
        t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep }),
      ]);
      await service2.tick(poster, () => new Date(DIGEST_TIME.getTime() + 1000), { sleep: noSleep });
    } finally {
      other.close();
    }
    expect(poster.messages).toHaveLength(5);
    expect([...poster.nonceCounts().values()].every((n) => n === 1)).toBe(true);
    expect(t.repo.listDeliveries().every((d) => d.status === 'sent')).toBe(true);
  });

  it('takes over a lease left by a dead process, but not one held by a live process elsewhere', async () => {
    t.service.addSubscription(sub({ channelId: 'a' }), T0);
    t.service.addSubscription(sub({ channelId: 'b' }), T0);
    newDay();
    t.service.recordDueDigests(DIGEST_TIME);
    const [da, db] = t.repo.listDeliveries();
    const until = new Date(DIGEST_TIME.getTime() + 600_000);
    // Same host and pid as us but not an owner we created: a previous incarnation (e.g. pid 1 in a container).
    t.repo.claimDelivery(da!.id, `${os.hostname()}:${process.pid}:dead`, DIGEST_TIME, until, () => true);
    t.repo.claimDelivery(db!.id, 'other-host:123:live', DIGEST_TIME, until, () => true);
    const report = await deliverPending({ repo: t.repo, poster, now: () => DIGEST_TIME, sleep: noSleep });
    expect(report).toMatchObject({ sent: 1, skipped: 1 });
    expect(poster.in('a')).toHaveLength(1);
    expect(poster.in('b')).toHaveLength(0);
    // Once the lease expires, the other host is presumed gone.
    await deliverPending({ repo: t.repo, poster, now: () => new Date(until.getTime() + 1), sleep: noSleep });
    expect(poster.in('b')).toHaveLength(1);
  });

  it('keeps no owner once its runs are over, however many minutes it ran', async () => {
    t.service.addSubscription(sub(), T0);
    newDay();
    for (let minute = 0; minute < 500; minute++) {
      await t.service.tick(poster, () => new Date(DIGEST_TIME.getTime() + minute * 60_000), { sleep: noSleep });
    }
    expect(poster.messages).toHaveLength(1);
    expect(liveOwnerCount()).toBe(0);
    // While a run is in progress, its owner is alive (another run may not take its leases).
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let posting!: () => void;
    const inPost = new Promise<void>((r) => (posting = r));
    const post = poster.post.bind(poster);
    poster.post = async (channelId, body) => {
      posting();
      await gate;
      return post(channelId, body);
    };
    t.store.upsertQuestions([makeQuestion({ number: 9 })], { seenAt: '2025-03-05T05:30:00.000Z' });
    const running = t.service.tick(poster, () => new Date('2025-03-05T07:00:00Z'), { sleep: noSleep });
    await inPost;
    expect(liveOwnerCount()).toBe(1);
    release();
    await running;
    expect(liveOwnerCount()).toBe(0);
    expect(poster.messages).toHaveLength(2);
  });

  it('forgets sent and abandoned deliveries and ended follows after two weeks, never a pending one', async () => {
    t.service.addSubscription(sub({ channelId: 'ok' }), T0);
    t.service.addSubscription(sub({ channelId: 'gone' }), T0);
    t.service.addSubscription(sub({ channelId: 'down' }), T0);
    poster.modes.set('gone', '404');
    poster.modes.set('down', '500');
    const follow = t.service.addFollow(
      { userId: 'u9', guildId: 'g1', target: 'dm', channelId: null, uid: makeQuestion({ number: 1 }).uid },
      T0,
    );
    newDay(); // answers question 1: the follow ends with its notice
    await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    const statuses = () =>
      t.repo
        .listDeliveries()
        .map((d) => `${d.channelId ?? d.recipientId}:${d.status}`)
        .sort();
    expect(statuses()).toEqual(['dm-u9:sent', 'down:pending', 'gone:abandoned', 'ok:sent']);
    expect(t.repo.getFollow(follow.follow.id)?.endedAt).not.toBeNull();

    // Thirteen days later: nothing forgotten yet.
    await t.service.tick(poster, () => new Date(DIGEST_TIME.getTime() + 13 * 86_400_000), { sleep: noSleep });
    expect(t.repo.listDeliveries().length).toBeGreaterThanOrEqual(4);
    // Fifteen days later: the history is gone; the delivery still pending stays, whatever its age.
    await t.service.tick(poster, () => new Date(DIGEST_TIME.getTime() + 15 * 86_400_000), { sleep: noSleep });
    expect(
      t.repo
        .listDeliveries()
        .filter((d) => d.channelId === 'down')
        .map((d) => d.status),
    ).toContain('pending');
    expect(
      t.repo
        .listDeliveries()
        .filter((d) => d.status !== 'pending' && Date.parse(d.createdAt) < DIGEST_TIME.getTime() + 86_400_000),
    ).toEqual([]);
    expect(t.repo.getFollow(follow.follow.id)).toBeNull();
  });

  it('starts no delivery once stopping, and leaves the rest pending for the next run', async () => {
    for (const c of ['a', 'b', 'c']) t.service.addSubscription(sub({ channelId: c }), T0);
    newDay();
    t.service.recordDueDigests(DIGEST_TIME);
    const stop = new AbortController();
    poster.delayMs = 5;
    const firstPost = poster.post.bind(poster);
    poster.post = async (channelId, body) => {
      stop.abort(); // the stop arrives while the first post is in flight
      return firstPost(channelId, body);
    };
    const report = await deliverPending({
      repo: t.repo,
      poster,
      now: () => DIGEST_TIME,
      sleep: noSleep,
      signal: stop.signal,
    });
    expect(report).toMatchObject({ sent: 1, skipped: 2 });
    expect(t.repo.listDeliveries().map((d) => d.status)).toEqual(['sent', 'pending', 'pending']);
    poster.post = firstPost;
    await deliverPending({ repo: t.repo, poster, now: () => DIGEST_TIME, sleep: noSleep });
    expect(t.repo.listDeliveries().every((d) => d.status === 'sent')).toBe(true);
    expect(poster.messages).toHaveLength(3);
  });

  it('posts nothing for a day where nothing matches, but moves the cursor on', async () => {
    const s = t.service.addSubscription(sub({ keywords: 'pêche maritime' }), T0);
    newDay();
    await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    expect(poster.messages).toHaveLength(0);
    expect(t.repo.getSubscription(s.id)!.cursor).toBe(t.store.maxEventId());
  });

  it('honours « mardi »: nothing on Wednesday, everything new on Tuesday', async () => {
    t.service.addSubscription(sub({ days: [2] }), new Date('2025-03-04T12:00:00Z'));
    newDay();
    await t.service.tick(poster, () => new Date('2025-03-05T07:00:00Z'), { sleep: noSleep });
    expect(poster.messages).toHaveLength(0);
    await t.service.tick(poster, () => new Date('2025-03-11T07:00:00Z'), { sleep: noSleep });
    expect(poster.messages).toHaveLength(1);
  });
});

function newDayTwo(): void {
  t.store.upsertQuestions([makeQuestion({ number: 4 })], { seenAt: '2025-03-05T05:30:00.000Z' });
}

describe('follows', () => {
  it('tells the follower in DM when the question is answered, once, and ends the follow', async () => {
    const { follow } = t.service.addFollow(
      { userId: 'u9', guildId: 'g1', target: 'dm', channelId: null, uid: makeQuestion({ number: 1 }).uid },
      T0,
    );
    newDay();
    await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    const dms = poster.in('dm-u9');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.body.content).toContain('n° 1');
    expect(dms[0]!.body.content).toContain('a reçu sa réponse');
    expect(t.repo.getFollow(follow.id)!.endedAt).not.toBeNull();
    expect(t.repo.activeFollowsOfUser('u9')).toHaveLength(0);
  });

  it('tells a channel about a transfer and keeps following', async () => {
    t.service.addFollow(
      { userId: 'u9', guildId: 'g1', target: 'channel', channelId: 'c7', uid: makeQuestion({ number: 2 }).uid },
      T0,
    );
    t.store.upsertQuestions([makeQuestion({ number: 2, ministry: 'Intérieur' })], {
      seenAt: '2025-03-04T05:30:00.000Z',
    });
    await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    const msgs = poster.in('c7');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.body.content).toContain('transférée');
    expect(msgs[0]!.body.embeds[0]!.description).toContain('Santé → Intérieur');
    expect(t.repo.activeFollowsOfUser('u9')).toHaveLength(1);
  });

  it('ends a follow whose DM is refused, without stopping other deliveries', async () => {
    t.service.addFollow(
      { userId: 'closed', guildId: 'g1', target: 'dm', channelId: null, uid: makeQuestion({ number: 1 }).uid },
      T0,
    );
    t.service.addFollow(
      { userId: 'open', guildId: 'g1', target: 'dm', channelId: null, uid: makeQuestion({ number: 1 }).uid },
      T0,
    );
    poster.modes.set('user:closed', '403');
    newDay();
    await t.service.tick(poster, () => DIGEST_TIME, { sleep: noSleep });
    expect(poster.in('dm-open')).toHaveLength(1);
    expect(t.repo.activeFollowsOfUser('closed')).toHaveLength(0);
  });
});
