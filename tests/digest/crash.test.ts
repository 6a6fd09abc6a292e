/**
 * Crash tests: a child process runs the real refresh / delivery code against the Discord fake and is killed
 * from outside: SIGKILL when the fake has stored a chosen POST but not answered it yet (posted, not recorded),
 * or inside a refresh's transaction. After a restart every message is delivered exactly once (the fake counts
 * messages per nonce).
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { planEvolution } from '../../tools/generator/planEvolution';
import { runRefresh } from '../../src/digest/refresh';
import type { NewSubscription } from '../../src/digest/DigestRepository';
import { startDiscordFake, type DiscordFake } from '../support/discordFake';
import { archiveBytes, startArchiveServer, type ArchiveServer } from './support/archive';
import { postedItems } from './support/posted';
import { makeQuestion } from './support/questions';
import { runChild, runChildKilledAfter, type ChildResult } from './support/runChild';
import { newSubscription, openTestDb, type TestDb } from './support/store';

const T0 = new Date('2025-03-03T12:00:00Z');
const DIGEST_TIME = new Date('2025-03-04T07:00:00Z');

/**
 * Runs the child and SIGKILLs it once the fake has stored its `nth` POST to `channelId` (the message exists on
 * Discord's side) and before the child gets the answer: the post is made, its record is not.
 */
function runChildKilledAfterPost(env: Record<string, string>, channelId: string, nth: number): Promise<ChildResult> {
  return runChildKilledAfter(fake, env, 'POST', new RegExp(`^/api/v10/channels/${channelId}/messages$`), nth);
}

function sub(channelId: string): NewSubscription {
  return newSubscription({ guildId: 'g', channelId });
}

function nonceCounts(messages: APIMessage[]): number[] {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const nonce = String((m as APIMessage & { nonce?: unknown }).nonce);
    counts.set(nonce, (counts.get(nonce) ?? 0) + 1);
  }
  return [...counts.values()];
}

let fake: DiscordFake;
let t: TestDb;

beforeAll(async () => {
  fake = await startDiscordFake();
});
afterAll(async () => {
  fake.assertClean();
  await fake.close();
});
afterEach(() => t?.cleanup());

/** A day with enough news for a digest in several parts. */
function seedBigDay(channels: string[]): void {
  t.store.upsertQuestions([makeQuestion({ number: 1 })], { seenAt: T0.toISOString() });
  for (const c of channels) t.service.addSubscription(sub(c), T0);
  const long = 'Le Gouvernement suit avec attention la situation des établissements concernés. '.repeat(12);
  t.store.upsertQuestions(
    Array.from({ length: 40 }, (_, i) =>
      makeQuestion({ number: 100 + i, analyses: [long.slice(0, 150)], answerText: i % 2 ? long : null }),
    ),
    { seenAt: '2025-03-04T05:30:00.000Z' },
  );
}

describe('exactly once across crashes', () => {
  it('a post killed before its record is re-sent with the same nonce after a prompt restart: one message', async () => {
    t = openTestDb();
    const [ch, other] = ['610000000000000001', '610000000000000002'];
    seedBigDay([ch, other]);
    const env = { DIGEST_DB: t.dbPath, DIGEST_API_URL: fake.apiUrl, DIGEST_STEPS: 'tick' };

    const crashed = await runChildKilledAfterPost({ ...env, DIGEST_NOW: DIGEST_TIME.toISOString() }, ch, 1);
    expect(crashed.signal).toBe('SIGKILL');
    expect(fake.channelMessages(ch)).toHaveLength(1);
    const first = t.repo.listDeliveries()[0]!;
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });

    const restarted = await runChild({ ...env, DIGEST_NOW: new Date(DIGEST_TIME.getTime() + 60_000).toISOString() });
    expect(restarted.code, restarted.stderr).toBe(0);

    const deliveries = t.repo.listDeliveries();
    const parts = deliveries.filter((d) => d.channelId === ch).length;
    expect(parts).toBeGreaterThan(1);
    expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
    expect(fake.channelMessages(ch)).toHaveLength(parts);
    expect(nonceCounts(fake.channelMessages(ch)).every((n) => n === 1)).toBe(true);
    // The first part was POSTed twice; Discord (the fake) kept one message.
    expect(fake.requestsTo('POST', `/api/v10/channels/${ch}/messages`)).toHaveLength(parts + 1);
    expect(fake.channelMessages(other)).toHaveLength(parts);
    const items = postedItems(fake.channelMessages(ch));
    expect(new Set(items).size).toBe(items.length);
    expect(items).toHaveLength(40 + 20);
  });

  it('after a long gap, the restart finds the killed post in the channel and does not post it again', async () => {
    t = openTestDb();
    const ch = '620000000000000001';
    seedBigDay([ch]);
    const env = { DIGEST_DB: t.dbPath, DIGEST_API_URL: fake.apiUrl, DIGEST_STEPS: 'tick' };
    const crashed = await runChildKilledAfterPost({ ...env, DIGEST_NOW: DIGEST_TIME.toISOString() }, ch, 2);
    expect(crashed.signal).toBe('SIGKILL');
    expect(fake.channelMessages(ch)).toHaveLength(2);

    const restarted = await runChild({
      ...env,
      DIGEST_NOW: new Date(DIGEST_TIME.getTime() + 3 * 3600_000).toISOString(),
    });
    expect(restarted.code, restarted.stderr).toBe(0);
    const parts = t.repo.listDeliveries().length;
    expect(fake.channelMessages(ch)).toHaveLength(parts);
    expect(fake.requestsTo('POST', `/api/v10/channels/${ch}/messages`)).toHaveLength(parts); // no second POST
    expect(fake.requestsTo('GET', `/api/v10/channels/${ch}/messages`)).toHaveLength(1);
    expect(nonceCounts(fake.channelMessages(ch)).every((n) => n === 1)).toBe(true);
  });

  describe('a refresh killed half-way', () => {
    let server: ArchiveServer;
    afterAll(async () => server?.close());

    it('loses nothing and repeats nothing: every change is posted once over the next digests', async () => {
      t = openTestDb();
      const ch = '630000000000000001';
      const plan = planEvolution(
        { count: 240, seed: 77, legislature: 17 },
        { newQuestions: 9, newAnswers: 8, transfers: 5, withdrawals: 4 },
      );
      server = await startArchiveServer();
      server.body = await archiveBytes({ questions: plan.day1Questions, out: path.join(t.dir, 'day1.zip'), seed: 77 });
      const day1 = await runRefresh({ store: t.store, url: server.url, now: T0, cacheDir: path.join(t.dir, 'cache') });
      expect(day1.ok).toBe(true);
      t.service.addSubscription(sub(ch), T0);
      const before = t.store.maxEventId();
      server.body = await archiveBytes({ questions: plan.day2Questions, out: path.join(t.dir, 'day2.zip'), seed: 77 });
      const env = { DIGEST_DB: t.dbPath, DIGEST_API_URL: fake.apiUrl, DIGEST_REFRESH_URL: server.url };

      const crashed = await runChild({
        ...env,
        DIGEST_STEPS: 'refresh',
        DIGEST_NOW: '2025-03-04T05:30:00Z',
        DIGEST_CRASH_AT: 'refresh_events:10',
      });
      expect(crashed.signal).toBe('SIGKILL');
      const committed = t.store.maxEventId() - before;
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(10);

      // The digest of the day posts what is known; the next refresh completes; the next digest posts the rest.
      const partial = await runChild({ ...env, DIGEST_STEPS: 'tick', DIGEST_NOW: DIGEST_TIME.toISOString() });
      expect(partial.code, partial.stderr).toBe(0);
      const afterPartial = fake.channelMessages(ch).length;
      expect(afterPartial).toBeGreaterThan(0);
      const resumed = await runChild({ ...env, DIGEST_STEPS: 'refresh,tick', DIGEST_NOW: '2025-03-05T07:00:00Z' });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(fake.channelMessages(ch).length).toBeGreaterThan(afterPartial);

      const expected = [
        ...plan.changes.newQuestions.map((u) => `new_question ${u}`),
        ...plan.changes.newAnswers.map((u) => `new_answer ${u}`),
        ...plan.changes.transfers.map((u) => `transfer ${u}`),
        ...plan.changes.withdrawals.map((u) => `closed ${u}`),
      ].sort();
      expect(postedItems(fake.channelMessages(ch))).toEqual(expected);
      expect(nonceCounts(fake.channelMessages(ch)).every((n) => n === 1)).toBe(true);
      // The fake enforces Discord's per-channel limit (5 posts per 5 s): the parts of three runs wait for it.
    }, 60_000);
  });
});
