/**
 * A 400-question day into a forum, against the rate-limiting fake through discord.js REST with its production
 * settings: the posts are spread over runs (at most 50 thread creations per forum and run, the other channels'
 * deliveries not held behind them) and, within a run, paced by the thread-creation bucket Discord announces in its
 * headers. No 429, never a burst, each question posted once. The time it took is printed (not asserted: the
 * machine is shared); the bucket is 20 per second here so that the test stays short (the fake's default, 5 per
 * 5 s, would make the same day about 400 s of posting spread over the minute ticks).
 */
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restPoster } from '../../src/digest/poster';
import type { NewSubscription } from '../../src/digest/DigestRepository';
import { FAKE_GUILD_ID, FAKE_TOKEN, startDiscordFake, type DiscordFake } from '../support/discordFake';
import { makeQuestion } from './support/questions';
import { newSubscription, openTestDb, type TestDb } from './support/store';

const FORUM = '750000000000000001';
const TEXT_CH = '750000000000000002';
const BUCKET = { limit: 20, windowMs: 1000 };
const RUBRIQUES = ['santé', 'agriculture', 'logement', 'transports', 'énergie', 'justice', 'culture', 'sports'];

let fake: DiscordFake;
let t: TestDb;

function sub(channelId: string, kind: 'text' | 'forum'): NewSubscription {
  return newSubscription({
    guildId: FAKE_GUILD_ID,
    channelId,
    channelKind: kind,
    content: 'questions',
  });
}

beforeAll(async () => {
  fake = await startDiscordFake({ rateLimits: { routes: { 'thread-create': BUCKET } } });
  fake.addForum({ id: FORUM });
  t = openTestDb();
  t.store.upsertQuestions([makeQuestion({ number: 1 })], { seenAt: '2025-03-03T12:00:00.000Z' });
  t.service.addSubscription(sub(FORUM, 'forum'), new Date('2025-03-03T12:00:00Z'));
  t.service.addSubscription(sub(TEXT_CH, 'text'), new Date('2025-03-03T12:00:00Z'));
});

afterAll(async () => {
  fake.assertClean();
  await fake.close();
  t?.cleanup();
});

describe('a 400-question day into a forum', () => {
  it('is posted in paced runs within the rate limits, each question once', async () => {
    t.store.upsertQuestions(
      Array.from({ length: 400 }, (_, i) =>
        makeQuestion({ number: 1000 + i, rubrique: RUBRIQUES[i % RUBRIQUES.length]! }),
      ),
      { seenAt: '2025-03-04T05:30:00.000Z' },
    );
    // discord.js REST as the bot uses it: its 50/s global limiter and per-route buckets learnt from the headers.
    const poster = restPoster(new REST({ api: fake.apiUrl }).setToken(FAKE_TOKEN));
    let now = new Date('2025-03-04T07:00:00Z');
    const started = Date.now();
    const runs: Array<{ ms: number; sent: number }> = [];
    for (let run = 0; run < 20 && (run === 0 || t.repo.countPending() > 0); run++) {
      const runStart = Date.now();
      const report = await t.service.tick(poster, () => now);
      runs.push({ ms: Date.now() - runStart, sent: report.delivery.sent });
      if (run === 0) {
        // The first run: 50 posts, and the text channel's digest was not held behind the forum.
        expect(fake.threadsOf(FORUM)).toHaveLength(50);
        expect(fake.channelMessages(TEXT_CH).length).toBeGreaterThan(0);
      }
      now = new Date(now.getTime() + 60_000); // the next minute's tick
    }
    const totalMs = Date.now() - started;

    const posts = fake.threadsOf(FORUM);
    expect(posts).toHaveLength(400);
    expect(new Set(posts.map((p) => p.name)).size).toBe(400);
    expect(t.repo.countPending()).toBe(0);
    expect(fake.rateLimited).toEqual([]);
    const creations = fake.requestsTo('POST', `/api/v10/channels/${FORUM}/threads`).map((r) => r.at);
    expect(creations).toHaveLength(400);
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < creations.length; i++) {
      while ((creations[i] as number) - (creations[j] as number) >= 1000) j++;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    // A fixed window of 20 lets at most 40 through in any sliding second; never the 400 at once.
    expect(maxPerSecond).toBeLessThanOrEqual(2 * BUCKET.limit);
    console.log(
      `[forum pacing] 400 posts in ${runs.length} runs, ${(totalMs / 1000).toFixed(1)} s of posting ` +
        `(runs: ${runs.map((r) => `${r.sent}/${(r.ms / 1000).toFixed(1)}s`).join(', ')}), ` +
        `max ${maxPerSecond} creations in any second, ${fake.rateLimited.length} 429 (bucket ${BUCKET.limit}/${BUCKET.windowMs} ms)`,
    );
  }, 120_000);
});
