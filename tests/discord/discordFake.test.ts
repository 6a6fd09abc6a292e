/**
 * The fake must catch what Discord would refuse; otherwise the e2e tests prove nothing. A bare discord.js client
 * (no bot code) is driven into each mistake and the fake's record is checked.
 */
import { Client, Events, GatewayIntentBits, MessageFlags, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_CHANNEL_ID, FAKE_TOKEN, startDiscordFake, type DiscordFake } from '../support/discordFake';

let fake: DiscordFake;
let client: Client;
let behaviour: (i: import('discord.js').Interaction) => Promise<void> = async () => undefined;

beforeAll(async () => {
  fake = await startDiscordFake({ ackDeadlineMs: 300 });
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl, globalRequestsPerSecond: Infinity, retries: 0, timeout: 5000 },
  });
  client.on(Events.InteractionCreate, (i) => void behaviour(i).catch(() => undefined));
  await client.login(FAKE_TOKEN);
  await fake.waitForReady();
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

beforeEach(() => {
  fake.violations.length = 0;
});

const none = { parse: [] as [] };

describe('the Discord fake', () => {
  it('accepts a correct reply and records it as the final response', async () => {
    behaviour = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'Bonjour', allowedMentions: none });
    };
    const res = await fake.command('aide').done;
    expect(res.callbackType).toBe(4);
    expect(res.message.content).toBe('Bonjour');
    expect(fake.violations).toEqual([]);
  });

  it('flags a message over 2000 characters', async () => {
    behaviour = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'x'.repeat(2001), allowedMentions: none }).catch(() => undefined);
    };
    await fake.command('aide', {}, { timeoutMs: 500 }).done.catch(() => undefined);
    expect(fake.violations.join('\n')).toMatch(/content 2001 > 2000/);
  });

  it('flags embeds over 6000 characters in total and a field value over 1024', async () => {
    behaviour = async (i) => {
      if (!i.isChatInputCommand()) return;
      const embeds = [1, 2].map(() => ({ description: 'y'.repeat(3500), fields: [{ name: 'a', value: 'z'.repeat(1100) }] }));
      await i.reply({ embeds, allowedMentions: none }).catch(() => undefined);
    };
    await fake.command('aide', {}, { timeoutMs: 500 }).done.catch(() => undefined);
    const text = fake.violations.join('\n');
    expect(text).toMatch(/embeds total \d+ > 6000/);
    expect(text).toMatch(/value length 1100/);
  });

  it('flags a message sent without allowed_mentions parse []', async () => {
    behaviour = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'salut @everyone' }).catch(() => undefined);
    };
    await fake.command('aide', {}, { timeoutMs: 500 }).done.catch(() => undefined);
    expect(fake.violations.join('\n')).toMatch(/allowed_mentions/);
  });

  it('flags an acknowledgement later than the deadline', async () => {
    behaviour = async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 450));
      await i.reply({ content: 'trop tard', allowedMentions: none }).catch(() => undefined);
    };
    await fake.command('aide', {}, { timeoutMs: 1000 }).done.catch(() => undefined);
    expect(fake.violations.join('\n')).toMatch(/acknowledged after \d+ ms/);
  });

  it('resolves a deferred reply only when @original is edited (decoding %40original)', async () => {
    behaviour = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: 'fini', allowedMentions: none });
    };
    const res = await fake.command('aide').done;
    expect(res.callbackType).toBe(5);
    expect(res.message.content).toBe('fini');
    expect(res.ephemeral).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('answers unknown routes with 404 and records a violation', async () => {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(FAKE_TOKEN);
    await expect(rest.get(Routes.guildRoles('1'))).rejects.toThrow();
    expect(fake.violations.join('\n')).toMatch(/unknown route GET \/guilds\/1\/roles/);
  });

  it('posts channel messages, dedupes an enforced nonce and lists messages newest first without nonce', async () => {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(FAKE_TOKEN);
    const channel = '310000000000000001';
    const body = { content: 'digest 1/1', nonce: 'd-1-10-1', enforce_nonce: true, allowed_mentions: { parse: [] } };
    const a = (await rest.post(Routes.channelMessages(channel), { body })) as { id: string };
    const b = (await rest.post(Routes.channelMessages(channel), { body })) as { id: string };
    expect(b.id).toBe(a.id);
    await rest.post(Routes.channelMessages(channel), { body: { content: 'second', allowed_mentions: { parse: [] } } });
    expect(fake.channelMessages(channel)).toHaveLength(2);
    const listed = (await rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ limit: '50' }) })) as Array<Record<string, unknown>>;
    expect(listed.map((m) => m.content)).toEqual(['second', 'digest 1/1']);
    expect(listed.every((m) => !('nonce' in m))).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('fails channel posts as configured (403, 404, 500), then recovers after `times`', async () => {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(FAKE_TOKEN);
    const body = { content: 'x', allowed_mentions: { parse: [] } };
    for (const status of [403, 404, 500] as const) {
      fake.failChannel(FAKE_CHANNEL_ID, { status, times: 1 });
      await expect(rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body })).rejects.toMatchObject({ status });
      await expect(rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body })).resolves.toMatchObject({ content: 'x' });
    }
    fake.failChannel(FAKE_CHANNEL_ID, { status: 429, retryAfter: 0.05, times: 1 });
    // discord.js waits retry_after and retries a 429 by itself.
    await expect(rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body })).resolves.toMatchObject({ content: 'x' });
    const statuses = fake.requestsTo('POST', `/api/v10/channels/${FAKE_CHANNEL_ID}/messages`).map((r) => r.status);
    expect(statuses).toContain(429);
  });
});
