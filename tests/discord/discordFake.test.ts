/**
 * The fake must catch what Discord would refuse; otherwise the e2e tests prove nothing. A bare discord.js client
 * (no bot code) is driven into each mistake and the fake's record is checked.
 */
import { Client, Events, GatewayIntentBits, MessageFlags, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_APP_ID,
  FAKE_CHANNEL_ID,
  FAKE_TOKEN,
  RateLimits,
  startDiscordFake,
  type DiscordFake,
} from '../support/discordFake';

let fake: DiscordFake;
let client: Client;
/** How far the fake's clock is ahead of the real one: a test skips a rate-limit window instead of sleeping. */
let skippedMs = 0;
const skipWindow = (ms = 1100): void => {
  skippedMs += ms;
};
let behaviour: (i: import('discord.js').Interaction) => Promise<void> = async () => undefined;

beforeAll(async () => {
  fake = await startDiscordFake({ ackDeadlineMs: 1000, clock: () => Date.now() + skippedMs });
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // discord.js's production REST settings: only the base URL changes.
    rest: { api: fake.apiUrl },
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
  fake.rateLimited.length = 0;
});

/** Raw HTTP, to see exactly what the fake answers (discord.js would hide 429s by waiting). */
async function raw(method: string, route: string, opts: { auth?: boolean; body?: unknown } = {}): Promise<Response> {
  return fetch(`${fake.apiUrl}/v10${route}`, {
    method,
    headers: {
      ...(opts.auth === false ? {} : { authorization: `Bot ${FAKE_TOKEN}` }),
      ...(opts.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
}

/** 120 authenticated requests at once (distinct channels: no route bucket fills); the first global 429, if any. */
async function exhaustGlobal(round: number): Promise<Response | undefined> {
  const res = await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      raw('GET', `/channels/${321000000000000000n + BigInt(round * 1000 + i)}/messages?limit=1`),
    ),
  );
  return res.find((r) => r.status === 429 && r.headers.get('x-ratelimit-global') === 'true');
}

/** Runs `fn`, then moves the fake's clock past the global window it may have exhausted (1 s; channels differ). */
async function nextWindows(fn: () => Promise<void>): Promise<void> {
  await fn();
  skipWindow();
}

const none = { parse: [] as [] };

describe('the Discord fake enforces Discord rate limits', () => {
  it('allows 50 requests per second per bot token, then answers 429 with the global headers', async () => {
    const limits = new RateLimits({});
    const at = 1_000_000;
    const verdicts = Array.from({ length: 51 }, (_, i) =>
      limits.take('GET', `/channels/${320000000000000000n + BigInt(i)}/messages`, 'Bot x', at),
    );
    expect(verdicts.slice(0, 50).every((v) => v.limited === null)).toBe(true);
    expect(verdicts[50]!.limited).toMatchObject({ scope: 'global', body: { global: true } });
    expect(verdicts[50]!.limited!.retryAfterMs).toBeGreaterThan(0);
    expect(verdicts[50]!.limited!.retryAfterMs).toBeLessThanOrEqual(1000);
    expect(verdicts[50]!.headers).toMatchObject({
      'retry-after': '1',
      'x-ratelimit-global': 'true',
      'x-ratelimit-scope': 'global',
    });
    // Another token, and the next second, are free again; interaction endpoints are never counted.
    expect(limits.take('GET', '/channels/1/messages', 'Bot y', at + 60).limited).toBeNull();
    expect(limits.take('GET', '/channels/2/messages', 'Bot x', at + 1000).limited).toBeNull();
    for (let k = 0; k < 100; k++)
      expect(limits.take('POST', `/interactions/1/t${k}/callback`, null, at + 1001).limited).toBeNull();
    // Over HTTP: a burst of authenticated requests shows the limit, with its headers and body.
    let limited: Response | null = null;
    for (let round = 0; round < 5 && !limited; round++) limited = (await exhaustGlobal(round)) ?? null;
    expect(limited?.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await limited!.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ global: true, message: 'You are being rate limited.' });
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    skipWindow();
  });

  it('does not bind interaction endpoints (callback, @original, follow-ups) to the global limit', async () => {
    behaviour = async () => undefined; // the test answers itself, over raw HTTP
    /** True when a bot request right now would be refused by the global limit (refused requests consume nothing). */
    const globalExhausted = async (k: number): Promise<boolean> => {
      const res = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          raw('GET', `/channels/${324000000000000000n + BigInt(k * 100 + i)}/messages?limit=1`),
        ),
      );
      return res.some((r) => r.status === 429 && r.headers.get('x-ratelimit-global') === 'true');
    };
    let conclusive = false;
    for (let attempt = 0; attempt < 5 && !conclusive; attempt++) {
      await exhaustGlobal(20 + attempt);
      // (This fake's acknowledgement deadline is 1 s: the interaction comes once the limit is used up.)
      const injected = fake.command('aide');
      // Each interaction-endpoint request (no Authorization, as Discord expects) is followed by a probe: if bot
      // requests are still refused after it, they were refused when it passed (nothing refilled in between).
      const callback = await raw('POST', `/interactions/${injected.id}/${injected.token}/callback`, {
        auth: false,
        body: { type: 5, data: {} },
      });
      const during1 = await globalExhausted(attempt * 3);
      const edit = await raw('PATCH', `/webhooks/${FAKE_APP_ID}/${injected.token}/messages/@original`, {
        auth: false,
        body: { content: 'fini', allowed_mentions: { parse: [] } },
      });
      const during2 = await globalExhausted(attempt * 3 + 1);
      const followUp = await raw('POST', `/webhooks/${FAKE_APP_ID}/${injected.token}`, {
        auth: false,
        body: { content: 'et encore', allowed_mentions: { parse: [] } },
      });
      const during3 = await globalExhausted(attempt * 3 + 2);
      expect([callback.status, edit.status, followUp.status], fake.violations.join('\n')).toEqual([204, 200, 200]);
      expect(fake.rateLimited.filter((h) => h.path.includes(injected.token))).toEqual([]);
      conclusive = during1 && during2 && during3;
      skipWindow();
    }
    expect(conclusive).toBe(true);
  });

  it('keeps per-route buckets keyed by channel, with X-RateLimit headers, and a 429 past the limit', async () => {
    await nextWindows(async () => {
      const channel = '340000000000000001';
      const body = { content: 'x', allowed_mentions: { parse: [] } };
      const res: Response[] = [];
      for (let i = 0; i < 6; i++) res.push(await raw('POST', `/channels/${channel}/messages`, { body }));
      expect(res.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(res.slice(0, 5).map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
      const first = res[0]!;
      expect(first.headers.get('x-ratelimit-limit')).toBe('5');
      expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{8}$/);
      expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(4);
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      const over = res[5]!;
      expect(over.status).toBe(429);
      expect(over.headers.get('x-ratelimit-scope')).toBe('user');
      expect(over.headers.get('x-ratelimit-global')).toBeNull();
      expect(over.headers.get('x-ratelimit-bucket')).toBe(first.headers.get('x-ratelimit-bucket'));
      expect((await over.json()) as Record<string, unknown>).toMatchObject({
        global: false,
        retry_after: expect.any(Number),
      });
      // Another channel is another bucket.
      expect((await raw('POST', '/channels/340000000000000002/messages', { body })).status).toBe(200);
    });
  });

  it('never answers 429 to discord.js with its production settings: it learns the buckets and keeps 50/s', async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(FAKE_TOKEN);
    const channel = '350000000000000001';
    const body = { content: 'x', allowed_mentions: { parse: [] } };
    const posts = Array.from({ length: 8 }, () => rest.post(Routes.channelMessages(channel), { body }));
    const reads = Array.from({ length: 70 }, (_, i) =>
      rest.get(Routes.channelMessages(String(360000000000000000n + BigInt(i)))),
    );
    await Promise.all([...posts, ...reads]);
    expect(fake.channelMessages(channel)).toHaveLength(8);
    expect(fake.rateLimited).toEqual([]);
  }, 20_000);
});

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
      if (i.isChatInputCommand())
        await i.reply({ content: 'x'.repeat(2001), allowedMentions: none }).catch(() => undefined);
    };
    void fake.command('aide', {}, { timeoutMs: 5000 }).done.catch(() => undefined);
    await expect.poll(() => fake.violations.join('\n'), { timeout: 5000 }).toMatch(/content 2001 > 2000/);
  });

  it('flags embeds over 6000 characters in total and a field value over 1024', async () => {
    behaviour = async (i) => {
      if (!i.isChatInputCommand()) return;
      const embeds = [1, 2].map(() => ({
        description: 'y'.repeat(3500),
        fields: [{ name: 'a', value: 'z'.repeat(1100) }],
      }));
      await i.reply({ embeds, allowedMentions: none }).catch(() => undefined);
    };
    void fake.command('aide', {}, { timeoutMs: 5000 }).done.catch(() => undefined);
    await expect.poll(() => fake.violations.join('\n'), { timeout: 5000 }).toMatch(/embeds total \d+ > 6000/);
    expect(fake.violations.join('\n')).toMatch(/value length 1100/);
  });

  it('flags a message sent without allowed_mentions parse []', async () => {
    behaviour = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'salut @everyone' }).catch(() => undefined);
    };
    void fake.command('aide', {}, { timeoutMs: 5000 }).done.catch(() => undefined);
    await expect.poll(() => fake.violations.join('\n'), { timeout: 5000 }).toMatch(/allowed_mentions/);
  });

  it('flags an acknowledgement later than the deadline', async () => {
    behaviour = async (i) => {
      if (!i.isChatInputCommand()) return;
      skipWindow(1200); // past the 1 s deadline, by the fake's clock
      await i.reply({ content: 'trop tard', allowedMentions: none }).catch(() => undefined);
    };
    void fake.command('aide', {}, { timeoutMs: 5000 }).done.catch(() => undefined);
    await expect.poll(() => fake.violations.join('\n'), { timeout: 5000 }).toMatch(/acknowledged after \d+ ms/);
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
    const listed = (await rest.get(Routes.channelMessages(channel), {
      query: new URLSearchParams({ limit: '50' }),
    })) as Array<Record<string, unknown>>;
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
      await expect(rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body })).resolves.toMatchObject({
        content: 'x',
      });
    }
    fake.failChannel(FAKE_CHANNEL_ID, { status: 429, retryAfter: 0.05, times: 1 });
    // discord.js waits retry_after and retries a 429 by itself.
    await expect(rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body })).resolves.toMatchObject({ content: 'x' });
    const statuses = fake.requestsTo('POST', `/api/v10/channels/${FAKE_CHANNEL_ID}/messages`).map((r) => r.status);
    expect(statuses).toContain(429);
  });
});
