/**
 * The bot as deployed: discord.js with its production REST settings (global limit of 50 requests/s, per-route
 * buckets learnt from the headers, retries) against a fake that enforces Discord's rate limits. A burst of
 * simultaneous interactions is answered within Discord's rules, without a single 429, and an answer that is
 * ready quickly goes out as the interaction response itself: one request, not a deferral plus an edit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/main';
import type { DiscordFake, InjectedInteraction } from '../support/discordFake';
import { freshUser } from '../support/startBot';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';

let fake: DiscordFake;
let app: RunningApp;
let bot: BotOnCorpus;

beforeAll(async () => {
  bot = await startBotOnCorpus({ corpus: { generated: 300 } });
  ({ fake, app } = bot);
});

afterEach(() => fake.assertClean());

afterAll(() => bot?.stop());

describe('production REST settings against Discord rate limits', () => {
  it('runs discord.js with its production REST settings, whatever the API base URL', () => {
    const options = app.client!.rest.options;
    expect(options.api).toBe(fake.apiUrl);
    expect(options.globalRequestsPerSecond).toBe(50);
    expect(options.retries).toBe(3);
    expect(options.timeout).toBe(15_000);
  });

  it('answers a burst of 40 simultaneous interactions within the limits, deferring only what will not be ready within a second', async () => {
    const injected: InjectedInteraction[] = [];
    const words = ['ministre', 'retraite', 'sécurité', 'logement', 'justice'];
    for (let i = 0; i < 40; i++) {
      const opts = { userId: freshUser(), timeoutMs: 30_000 };
      if (i % 4 === 0) injected.push(fake.command('question', { numero: 50862, legislature: 14 }, opts));
      else if (i % 4 === 1) injected.push(fake.command('stats', {}, opts));
      else injected.push(fake.command('recherche', { texte: words[i % words.length]! }, opts));
    }
    const results = await Promise.all(injected.map((i) => i.done));
    // The fake itself failed any acknowledgement later than 3 s (assertClean).
    expect(fake.rateLimited).toEqual([]);
    const requests = injected.map((i) => fake.requestsOf(i).length);
    expect(Math.max(...requests)).toBeLessThanOrEqual(2);
    // The previous rule deferred every interaction arriving while another was in flight: none in one request.
    expect(results.filter((r) => r.callbackType === 4).length).toBeGreaterThan(0);
    for (const [k, r] of results.entries()) {
      if (r.callbackType === 4) {
        expect(requests[k]).toBe(1);
      } else {
        // Deferred (publicly: these answers are public), then edited once.
        expect(r.callbackType).toBe(5);
        expect(requests[k]).toBe(2);
      }
      expect(r.ephemeral).toBe(false);
      expect(r.message.embeds.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
