/**
 * The fake reads uploads as Discord does, from what discord.js really sends (multipart: `files[n]` parts and a
 * `payload_json` part), and refuses what Discord refuses: too large, an embed showing a file that was not sent, a
 * ".png" that is not a PNG, a reply that would ping its author, a privileged intent.
 */
import { Client, Events, GatewayIntentBits, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import { FAKE_CHANNEL_ID, FAKE_TOKEN, startDiscordFake, type DiscordFake } from '../support/discordFake';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const none = { parse: [] as [] };

let fake: DiscordFake;
let rest: REST;

beforeAll(async () => {
  fake = await startDiscordFake({ attachmentSizeLimit: 4096 });
  rest = new REST({ api: fake.apiUrl, retries: 0, timeout: 5000 }).setToken(FAKE_TOKEN);
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  fake.violations.length = 0;
});

async function post(
  body: Record<string, unknown>,
  files: Array<{ name: string; data: Buffer; contentType?: string }>,
): Promise<APIMessage> {
  return (await rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body, files })) as APIMessage;
}

describe('uploads through the Discord fake', () => {
  it('stores a chart sent as files[0] + payload_json and shown by the embed through attachment://', async () => {
    const msg = await post(
      {
        content: 'graphique',
        embeds: [{ title: 'T', image: { url: 'attachment://chart.png' } }],
        attachments: [{ id: 0, description: 'texte alternatif' }],
        allowed_mentions: none,
      },
      [{ name: 'chart.png', data: PNG, contentType: 'image/png' }],
    );
    expect(msg.attachments).toHaveLength(1);
    expect(msg.attachments[0]).toMatchObject({
      filename: 'chart.png',
      size: PNG.length,
      content_type: 'image/png',
      description: 'texte alternatif',
    });
    expect(fake.attachmentData(msg, 'chart.png').equals(PNG)).toBe(true);
    fake.assertClean();
  });

  it('refuses uploads over the attachment size limit with a 413', async () => {
    await expect(
      post({ content: 'gros', attachments: [{ id: 0 }], allowed_mentions: none }, [
        { name: 'gros.csv', data: Buffer.alloc(5000, 65), contentType: 'text/csv' },
      ]),
    ).rejects.toThrow(/Request entity too large/);
    expect(fake.violations.join('\n')).toMatch(/attachment size limit/);
  });

  it('refuses an embed that shows a file not sent with the message', async () => {
    await expect(
      post(
        {
          embeds: [{ title: 'T', image: { url: 'attachment://absent.png' } }],
          attachments: [{ id: 0 }],
          allowed_mentions: none,
        },
        [{ name: 'chart.png', data: PNG, contentType: 'image/png' }],
      ),
    ).rejects.toThrow();
    expect(fake.violations.join('\n')).toMatch(/attachment:\/\/absent\.png, which is not uploaded/);
  });

  it('refuses a ".png" whose bytes are not a PNG, and a description over 1,024 characters', async () => {
    await expect(
      post({ content: 'x', attachments: [{ id: 0 }], allowed_mentions: none }, [
        { name: 'faux.png', data: Buffer.from('pas une image'), contentType: 'image/png' },
      ]),
    ).rejects.toThrow();
    await expect(
      post({ content: 'x', attachments: [{ id: 0, description: 'a'.repeat(1025) }], allowed_mentions: none }, [
        { name: 'a.csv', data: Buffer.from('a;b'), contentType: 'text/csv' },
      ]),
    ).rejects.toThrow();
    expect(fake.violations.join('\n')).toMatch(/faux\.png is not a PNG/);
    expect(fake.violations.join('\n')).toMatch(/description longer than 1024/);
  });

  it('refuses a reply that would ping the author of the message it answers', async () => {
    await expect(
      rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), {
        body: { content: 'réponse', message_reference: { message_id: '1' }, allowed_mentions: none },
      }),
    ).rejects.toThrow();
    expect(fake.violations.join('\n')).toMatch(/replied_user: false/);
  });
});

describe('gateway intents', () => {
  it('disconnects a client asking for the privileged MessageContent intent, as Discord does (4014)', async () => {
    const strict = await startDiscordFake();
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
      rest: { api: strict.apiUrl, retries: 0, timeout: 5000 },
    });
    const closed = new Promise<number>((resolve) => client.on(Events.ShardDisconnect, (ev) => resolve(ev.code)));
    client.on(Events.Error, () => undefined);
    await client.login(FAKE_TOKEN).catch(() => undefined);
    await expect(
      Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('no 4014')), 8000))]),
    ).resolves.toBe(4014);
    expect(strict.violations.join('\n')).toMatch(/privileged intents/);
    await client.destroy();
    await strict.close();
  });
});
