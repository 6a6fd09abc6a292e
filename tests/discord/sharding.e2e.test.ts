/**
 * Sharding, end to end: Discord (the fake) recommends two shards and splits the servers between them by
 * (guild_id >> 22) % 2. The bot, started through main() with its default SHARD_COUNT (auto), runs both shards in
 * its one process; interactions from either shard are answered, and what exists once per process (search index,
 * digest scheduler) exists once: a digest is posted exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main';
import { makeQuestion } from '../support/botCorpus';
import {
  FAKE_CHANNEL_ID,
  FAKE_GUILD_ID,
  SECOND_CHANNEL_ID,
  SECOND_GUILD_ID,
  type DiscordFake,
} from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

const MANAGER = String(2248473465835073n | 32n);
let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;
let clock = new Date('2025-03-03T10:00:00Z'); // a Monday
const logLines: string[] = [];
const logged = (msg: string): number => logLines.filter((l) => (JSON.parse(l) as { msg?: string }).msg === msg).length;

beforeAll(async () => {
  bot = await startBotOnCorpus({
    // A question of the live legislature at start: its first import is the baseline (never posted), not news.
    corpus: { generated: 100, extra: [makeQuestion({ number: 70, legislature: 17 })] },
    fake: {
      shards: 2,
      guilds: [
        { id: FAKE_GUILD_ID, channelId: FAKE_CHANNEL_ID },
        { id: SECOND_GUILD_ID, channelId: SECOND_CHANNEL_ID },
      ],
    },
    bot: { logLines, clock: () => clock, env: { REFRESH_URL: 'http://127.0.0.1:9/repository/17/x.zip' } },
  });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

describe('two shards in one process', () => {
  it('identifies both shards Discord recommends, each receiving its own servers', () => {
    expect(fake.shardOfGuild(FAKE_GUILD_ID, 2)).toBe(0);
    expect(fake.shardOfGuild(SECOND_GUILD_ID, 2)).toBe(1);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const client = app.client!;
    expect(client.ws.shards.size).toBe(2);
    expect(client.guilds.cache.get(FAKE_GUILD_ID)?.shardId).toBe(0);
    expect(client.guilds.cache.get(SECOND_GUILD_ID)?.shardId).toBe(1);
  });

  it('answers interactions coming through either shard', async () => {
    for (const guildId of [FAKE_GUILD_ID, SECOND_GUILD_ID]) {
      const res = await fake.command('recherche', { texte: 'ministre' }, { guildId, userId: freshUser() }).done;
      expect(res.message.embeds[0]?.title, guildId).toContain('ministre');
      expect(res.message.channel_id).toBe(guildId === FAKE_GUILD_ID ? FAKE_CHANNEL_ID : SECOND_CHANNEL_ID);
    }
  });

  it('posts each server’s digest exactly once, from one scheduler and one index', async () => {
    const first = '700000000000000011';
    const second = '700000000000000012';
    for (const [guildId, salon] of [
      [FAKE_GUILD_ID, first],
      [SECOND_GUILD_ID, second],
    ] as const) {
      const res = await fake.command(
        'digest',
        { salon },
        { subcommand: 'ajouter', guildId, permissions: MANAGER, userId: freshUser() },
      ).done;
      expect(res.message.content).toMatch(/Digest n° \d+ créé/);
    }
    app.store.upsertQuestions(
      [makeQuestion({ number: 71, legislature: 17 }), makeQuestion({ number: 72, legislature: 17 })],
      { seenAt: '2025-03-03T11:00:00Z' },
    );
    clock = new Date('2025-03-04T07:00:00Z'); // Tuesday 08:00 in Paris
    await app.deps.digest!.scheduler!.tickNow();
    await app.deps.digest!.scheduler!.tickNow();
    expect(fake.channelMessages(first)).toHaveLength(1);
    expect(fake.channelMessages(second)).toHaveLength(1);
    expect(fake.channelMessages(first)[0]!.content).toContain('2 nouvelles questions');
    expect(logged('digest scheduler started')).toBe(1);
    expect(logged('index: ready')).toBe(1);
    expect(logged('connected to Discord')).toBe(1);
  });
});
