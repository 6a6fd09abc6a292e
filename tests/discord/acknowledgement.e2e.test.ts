/**
 * The acknowledgement rule of the dispatcher, end to end: the real discord.js client (production REST settings)
 * against the Discord fake, the real dispatcher, and small commands declared here whose work the test releases
 * when it wants — so that "slow" is decided by the test, not by the machine's load.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RESTEvents, Routes, type Client } from 'discord.js';
import { component, createRegistry, customId, defineCommand } from '../../src/present/commandKit';
import { createDiscordClient } from '../../src/discord/createDiscordClient';
import type { CommandDeps } from '../../src/present/deps';
import {
  createInteractionHandler,
  DEFAULT_DEFER_AFTER_MS,
  type InteractionObserver,
} from '../../src/discord/dispatchInteraction';
import { FloodGate } from '../../src/discord/floodControl';
import { UserError } from '../../src/present/UserError';
import { FAKE_TOKEN, startDiscordFake, type DiscordFake, type InjectedInteraction } from '../support/discordFake';
import { freshUser } from '../support/startBot';

/** Discord's deadline for the first response to an interaction. */
const DISCORD_ACK_DEADLINE_MS = 3000;

/** Work the test finishes by hand. */
const gates = new Map<string, () => void>();
function gate(key: string): Promise<void> {
  return new Promise((resolve) => gates.set(key, resolve));
}
async function release(key: string): Promise<void> {
  await expect.poll(() => gates.has(key), { timeout: 5000 }).toBe(true);
  gates.get(key)!();
  gates.delete(key);
}

const lent = defineCommand({
  name: 'lent',
  description: 'l',
  descriptionEn: 'l',
  options: {
    cle: { type: 'string', required: true, description: 'c', descriptionEn: 'c' },
    echec: { type: 'boolean', description: 'e', descriptionEn: 'e' },
  },
  prepare(args) {
    if (args.cle === 'refus') throw new UserError('Refusé avant tout envoi.');
    return args;
  },
  async run(args) {
    await gate(args.cle);
    if (args.echec) throw new UserError('Introuvable, découvert pendant le travail.');
    return {
      content: `fini ${args.cle}`,
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: 'Page', custom_id: customId('lpg', args.cle) },
            { type: 2, style: 1, label: 'Détail', custom_id: customId('ldt', args.cle) },
          ],
        },
      ],
    };
  },
  components: {
    lpg: component({
      answer: 'update',
      prepare: (call) => call.args[0] ?? '',
      run: async (cle) => (await gate(`${cle}-page`), { content: `page ${cle}` }),
    }),
    ldt: component({
      answer: 'ephemeral',
      prepare: (call) => call.args[0] ?? '',
      run: async (cle) => (await gate(`${cle}-detail`), { content: `détail ${cle}` }),
    }),
  },
});
const prive = defineCommand({
  name: 'prive',
  description: 'p',
  descriptionEn: 'p',
  ephemeral: true,
  async run() {
    await gate('prive');
    return { content: 'à vous seul', ephemeral: true };
  },
});
const long = defineCommand({
  name: 'long',
  description: 'l',
  descriptionEn: 'l',
  defer: true,
  async run() {
    await gate('long');
    return { content: 'enfin' };
  },
});
const registry = createRegistry([lent, prive, long]);

let fake: DiscordFake;
let client: Client;
/** Interactions the handler is still serving. */
const inFlight = new Set<Promise<void>>();
const seen: {
  acknowledged: Array<Parameters<InteractionObserver['acknowledged']>[0]>;
  finished: Array<Parameters<InteractionObserver['finished']>[0]>;
} = { acknowledged: [], finished: [] };

beforeAll(async () => {
  fake = await startDiscordFake();
  client = createDiscordClient({ apiUrl: fake.apiUrl, shards: 1 });
  const handler = createInteractionHandler({
    registry,
    deps: {} as CommandDeps,
    logger: pino({ level: 'silent' }),
    flood: new FloodGate(3, 60_000),
    observer: { acknowledged: (i) => seen.acknowledged.push(i), finished: (i) => seen.finished.push(i) },
  });
  client.on('interactionCreate', (i) => {
    const served = handler(i);
    inFlight.add(served);
    void served.finally(() => inFlight.delete(served));
  });
  await client.login(FAKE_TOKEN);
  await fake.waitForReady();
});

beforeEach(async () => {
  // The observer hears of a response once discord.js has Discord's answer: let the previous test's interactions
  // finish first (each handler call resolves after its observer's `finished`).
  await Promise.all([...inFlight]);
  seen.acknowledged.length = 0;
  seen.finished.length = 0;
});

/** The observer's reports, once `n` interactions have finished. */
async function observed(n: number): Promise<typeof seen> {
  await expect.poll(() => seen.finished.length, { timeout: 5000 }).toBe(n);
  return seen;
}

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

const kinds = (i: InjectedInteraction): number[] =>
  fake
    .requestsOf(i)
    .map((r) =>
      r.path.endsWith('/callback') ? Number((r.body as { type: number }).type) : r.method === 'PATCH' ? -1 : -2,
    );

describe('the acknowledgement rule', () => {
  it('sends an answer ready within a second as the interaction response itself: one request', async () => {
    const i = fake.command('lent', { cle: 'vite' }, { userId: freshUser() });
    await release('vite');
    const res = await i.done;
    expect(res.message.content).toBe('fini vite');
    expect(kinds(i)).toEqual([4]);
    await observed(1);
    expect(seen.acknowledged).toEqual([{ kind: 'command', name: 'lent', ms: expect.any(Number), deferred: false }]);
    expect(seen.finished).toEqual([{ kind: 'command', name: 'lent', ms: expect.any(Number), outcome: 'ok' }]);
  });

  it('defers work still running after about a second, then edits the deferred reply', async () => {
    const i = fake.command('lent', { cle: 'lente' }, { userId: freshUser() });
    await expect.poll(() => kinds(i), { timeout: 3000 }).toEqual([5]);
    await expect.poll(() => seen.acknowledged.length).toBe(1);
    const ack = seen.acknowledged[0]!;
    expect(ack).toMatchObject({ kind: 'command', name: 'lent', deferred: true });
    // It gave the work its second (never earlier), and acknowledged within Discord's 3 s however loaded the machine.
    expect(ack.ms).toBeGreaterThanOrEqual(DEFAULT_DEFER_AFTER_MS - 50);
    expect(ack.ms).toBeLessThan(DISCORD_ACK_DEADLINE_MS);
    await release('lente');
    const res = await i.done;
    expect(res.callbackType).toBe(5);
    expect(res.message.content).toBe('fini lente');
    expect(kinds(i)).toEqual([5, -1]);
    await observed(1);
    expect(seen.finished).toEqual([{ kind: 'command', name: 'lent', ms: expect.any(Number), outcome: 'ok' }]);
    expect(seen.finished[0]!.ms).toBeGreaterThanOrEqual(ack.ms);
  });

  it('edits a deferred reply at once, even while bot routes wait for discord.js global limit', async () => {
    const i = fake.command('lent', { cle: 'apres-rafale' }, { userId: freshUser() });
    await expect.poll(() => kinds(i), { timeout: 3000 }).toEqual([5]);
    const waited: Array<{ route: string; global: boolean }> = [];
    const onLimited = (info: { route: string; global: boolean }): void =>
      void waited.push({ route: info.route, global: info.global });
    client.rest.on(RESTEvents.RateLimited, onLimited);
    try {
      // 150 bot-route requests at once: discord.js sends 50 per second and holds the others for two seconds.
      const channels = Array.from({ length: 150 }, (_, k) => String(380000000000000000n + BigInt(k)));
      const reads = Promise.all(channels.map((c) => client.rest.get(Routes.channelMessages(c))));
      const readsSeen = () =>
        fake.requests.filter((r) => /\/channels\/38\d+\/messages$/.test(r.path) && r.status === 200);
      await expect.poll(() => readsSeen().length, { timeout: 5000 }).toBeGreaterThan(0);
      await release('apres-rafale');
      await i.done;
      await reads;
      const patchAt = fake.requestsOf(i).find((r) => r.method === 'PATCH')!.at;
      // The edit went out while discord.js was holding bot requests for its global limit...
      expect(waited.some((w) => w.global && w.route.startsWith('/channels/'))).toBe(true);
      expect(patchAt).toBeLessThan(Math.max(...readsSeen().map((r) => r.at)));
      // ...and never waited for that limit: Discord does not bind interaction endpoints to it.
      expect(waited.filter((w) => w.route.startsWith('/webhooks/'))).toEqual([]);
    } finally {
      client.rest.off(RESTEvents.RateLimited, onLimited);
    }
  }, 20_000);

  it('refuses bad input before anything else, with one ephemeral response', async () => {
    const i = fake.command('lent', { cle: 'refus' }, { userId: freshUser() });
    const res = await i.done;
    expect(kinds(i)).toEqual([4]);
    expect(res.ephemeral).toBe(true);
    expect(res.message.content).toBe('⚠️ Refusé avant tout envoi.');
    await observed(1);
    expect(seen.finished).toEqual([{ kind: 'command', name: 'lent', ms: expect.any(Number), outcome: 'user_error' }]);
  });

  it('defers a command whose answer is for the caller only ephemerally', async () => {
    const i = fake.command('prive', {}, { userId: freshUser() });
    await expect.poll(() => kinds(i), { timeout: 3000 }).toEqual([5]);
    await release('prive');
    const res = await i.done;
    expect(res.ephemeral).toBe(true);
    expect(Number((fake.requestsOf(i)[0]!.body as { data?: { flags?: number } }).data?.flags) & 64).toBe(64);
  });

  it('defers at once a command declared defer: true', async () => {
    const i = fake.command('long', {}, { userId: freshUser() });
    await expect.poll(() => kinds(i), { timeout: 3000 }).toEqual([5]);
    await expect.poll(() => seen.acknowledged.length).toBe(1);
    // At once: without waiting for the second the other commands get.
    expect(seen.acknowledged[0]!.ms).toBeLessThan(DEFAULT_DEFER_AFTER_MS);
    await release('long');
    expect((await i.done).message.content).toBe('enfin');
  });

  it('shows an error found during deferred work in the deferred message', async () => {
    const i = fake.command('lent', { cle: 'perdue', echec: true }, { userId: freshUser() });
    await expect.poll(() => kinds(i), { timeout: 3000 }).toEqual([5]);
    await release('perdue');
    const res = await i.done;
    expect(res.message.content).toBe('⚠️ Introuvable, découvert pendant le travail.');
    expect(kinds(i)).toEqual([5, -1]);
    await observed(1);
    expect(seen.finished[0]).toMatchObject({ name: 'lent', outcome: 'user_error' });
  });

  it('updates the message of a component, directly or after a deferred update', async () => {
    const first = fake.command('lent', { cle: 'c1' }, { userId: freshUser() });
    await release('c1');
    const msg = (await first.done).message;
    const quick = fake.button(msg, 'lpg:c1', { userId: freshUser() });
    await release('c1-page');
    const quickRes = await quick.done;
    expect(quickRes.callbackType).toBe(7);
    expect(kinds(quick)).toEqual([7]);

    const slow = fake.button(msg, 'lpg:c1', { userId: freshUser() });
    await expect.poll(() => kinds(slow), { timeout: 3000 }).toEqual([6]);
    await release('c1-page');
    const slowRes = await slow.done;
    expect(slowRes.message.content).toBe('page c1');
    expect(slowRes.message.id).toBe(msg.id);
    expect(kinds(slow)).toEqual([6, -1]);
    await observed(3);
    expect(seen.acknowledged.map((a) => [a.kind, a.name, a.deferred])).toEqual([
      ['command', 'lent', false],
      ['component', 'lpg', false],
      ['component', 'lpg', true],
    ]);
  });

  it('defers a component answering only the caller with an ephemeral deferred reply', async () => {
    const first = fake.command('lent', { cle: 'c2' }, { userId: freshUser() });
    await release('c2');
    const msg = (await first.done).message;
    const slow = fake.button(msg, 'ldt:c2', { userId: freshUser() });
    await expect.poll(() => kinds(slow), { timeout: 3000 }).toEqual([5]);
    expect(Number((fake.requestsOf(slow)[0]!.body as { data?: { flags?: number } }).data?.flags) & 64).toBe(64);
    await release('c2-detail');
    const res = await slow.done;
    expect(res.ephemeral).toBe(true);
    expect(res.message.content).toBe('détail c2');
  });

  it('reports a flooding user as such', async () => {
    const user = freshUser();
    const all = Array.from({ length: 4 }, () => fake.command('lent', { cle: 'refus' }, { userId: user }));
    const res = await Promise.all(all.map((i) => i.done));
    expect(res.filter((r) => r.message.content.startsWith('Doucement'))).toHaveLength(1);
    await observed(4);
    expect(seen.finished.map((f) => f.outcome).sort()).toEqual(['flood', 'user_error', 'user_error', 'user_error']);
  });
});
