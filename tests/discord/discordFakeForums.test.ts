/**
 * The fake's forums, threads, user installs and pings must refuse what Discord refuses, or the forum and mention
 * tests prove nothing: raw HTTP against it (no bot), each mistake checked in its record.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkCommandDeclarations, FAKE_TOKEN, startDiscordFake, type DiscordFake } from '../support/discordFake';

let fake: DiscordFake;
const FORUM = '780000000000000001';

beforeAll(async () => {
  fake = await startDiscordFake({ rateLimits: false });
  fake.addForum({ id: FORUM, tags: ['santé'] });
  fake.addRole({ id: '790000000000000001', name: 'veille', mentionable: true, managed: false });
  fake.addRole({ id: '790000000000000002', name: 'direction', mentionable: false, managed: false });
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  fake.violations.length = 0;
});

async function raw(method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${fake.apiUrl}/v10${route}`, {
    method,
    headers: { authorization: `Bot ${FAKE_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

const message = (content: string, allowed: Record<string, unknown> = { parse: [] }) => ({
  content,
  embeds: [],
  allowed_mentions: allowed,
});

describe('the fake’s forums and threads', () => {
  it('refuses a post with a title over 100 characters, more than 5 tags, or an unknown tag', async () => {
    const santé = fake.forum(FORUM)!.tags[0]!.id;
    expect(
      (await raw('POST', `/channels/${FORUM}/threads`, { name: 'x'.repeat(101), message: message('a') })).status,
    ).toBe(400);
    expect(
      (await raw('POST', `/channels/${FORUM}/threads`, { name: 'ok', applied_tags: ['1'], message: message('a') }))
        .status,
    ).toBe(400);
    expect(
      (
        await raw('POST', `/channels/${FORUM}/threads`, {
          name: 'ok',
          applied_tags: Array(6).fill(santé),
          message: message('a'),
        })
      ).status,
    ).toBe(400);
    expect(fake.violations).toHaveLength(3);
    expect((await raw('POST', `/channels/${FORUM}/messages`, message('a'))).status).toBe(400);
    fake.violations.length = 0;
    const ok = await raw('POST', `/channels/${FORUM}/threads`, {
      name: 'ok',
      applied_tags: [santé],
      message: message('a'),
    });
    expect(ok.status).toBe(201);
    const thread = (await ok.json()) as { id: string; message: { id: string } };
    expect(thread.message.id).toBe(thread.id);
    expect(fake.threadTagNames(thread.id)).toEqual(['santé']);
  });

  it('keeps at most 20 tags of 20 characters, and only for a bot that may manage the forum', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `t${i}` }));
    expect((await raw('PATCH', `/channels/${FORUM}`, { available_tags: many })).status).toBe(400);
    expect((await raw('PATCH', `/channels/${FORUM}`, { available_tags: [{ name: 'x'.repeat(21) }] })).status).toBe(400);
    fake.violations.length = 0;
    fake.addForum({ id: '780000000000000002', botCanManage: false });
    expect((await raw('PATCH', '/channels/780000000000000002', { available_tags: [{ name: 'a' }] })).status).toBe(403);
  });

  it('reopens an archived thread on a message, refuses a locked one (403) and a deleted one (404)', async () => {
    const made = (await (
      await raw('POST', `/channels/${FORUM}/threads`, { name: 'fil', message: message('a') })
    ).json()) as { id: string };
    fake.setThread(made.id, { archived: true });
    expect((await raw('POST', `/channels/${made.id}/messages`, message('b'))).status).toBe(200);
    expect(fake.threadsOf(FORUM).find((t) => t.id === made.id)!.archived).toBe(false);
    fake.setThread(made.id, { locked: true });
    expect((await raw('POST', `/channels/${made.id}/messages`, message('c'))).status).toBe(403);
    fake.setThread(made.id, { deleted: true });
    expect((await raw('POST', `/channels/${made.id}/messages`, message('d'))).status).toBe(404);
    expect(fake.channelMessages(made.id)).toHaveLength(2);
  });
});

describe('the fake’s record of who a message could ping', () => {
  it('lets a role ping only when allowed_mentions names it and it is mentionable (or the bot may mention all)', async () => {
    const ch = '781000000000000001';
    const post = async (content: string, allowed: Record<string, unknown>) => {
      const m = (await (await raw('POST', `/channels/${ch}/messages`, message(content, allowed))).json()) as {
        id: string;
      };
      return fake.pings.find((p) => p.messageId === m.id)!;
    };
    expect((await post('<@&790000000000000001>', { parse: [] })).roles).toEqual([]);
    expect((await post('<@&790000000000000001>', { parse: [], roles: ['790000000000000001'] })).roles).toEqual([
      '790000000000000001',
    ]);
    expect((await post('<@&790000000000000002>', { parse: [], roles: ['790000000000000002'] })).roles).toEqual([]);
    fake.botMentionsEveryone = true;
    expect((await post('<@&790000000000000002>', { parse: [], roles: ['790000000000000002'] })).roles).toEqual([
      '790000000000000002',
    ]);
    fake.botMentionsEveryone = false;
    expect((await post('<@123456789012345678> @everyone', { parse: [], users: ['123456789012345678'] })).users).toEqual(
      ['123456789012345678'],
    );
    expect((await post('@everyone', { parse: [] })).everyone).toBe(false);
  });
});

describe('the fake’s declarations of installation kinds', () => {
  it('refuses unknown installation kinds or contexts, and either on a guild command', () => {
    const cmd = (extra: Record<string, unknown>) => [
      { name: 'x', description: 'x', description_localizations: { 'en-US': 'x' }, options: [], ...extra },
    ];
    expect(checkCommandDeclarations(cmd({ integration_types: [0, 1], contexts: [0, 1, 2] }))).toEqual([]);
    expect(checkCommandDeclarations(cmd({ integration_types: [2] }))).toHaveLength(1);
    expect(checkCommandDeclarations(cmd({ contexts: [] }))).toHaveLength(1);
    expect(checkCommandDeclarations(cmd({ contexts: [0] }), 'guild')).toHaveLength(1);
  });
});
