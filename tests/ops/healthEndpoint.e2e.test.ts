/**
 * The operator endpoint on the bot started through main() (HEALTH_PORT=0: any free port) against the Discord
 * fake and a loopback archive server: /healthz and /metrics over real HTTP, after real interactions, refreshes
 * and deliveries; /stats shows the same health in French.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEvolution } from '../../tools/generator';
import type { RunningApp } from '../../src/main';
import type { HealthReport } from '../../src/ops/health';
import { archiveBytes, startArchiveServer, type ArchiveServer } from '../digest/support/archive';
import { makeQuestion } from '../digest/support/questions';
import { newSubscription } from '../digest/support/store';
import { FAKE_GUILD_ID, type DiscordFake } from '../support/discordFake';
import { type BotOnCorpus, startBotOnCorpus } from '../support/botOnCorpus';
import { freshUser } from '../support/startBot';

let fake: DiscordFake;
let app: RunningApp;
let server: ArchiveServer;
let bot: BotOnCorpus;
let clock = new Date('2025-03-03T10:00:00Z');

beforeAll(async () => {
  server = await startArchiveServer();
  bot = await startBotOnCorpus({
    corpus: {
      seeds: false,
      extra: Array.from({ length: 5 }, (_, i) => makeQuestion({ number: 10 + i, legislature: 16 })),
      now: clock,
    },
    bot: { clock: () => clock, env: { HEALTH_PORT: '0', REFRESH_URL: server.url } },
  });
  ({ fake, app } = bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

async function healthz(): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(`${app.healthUrl}/healthz`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

async function metrics(): Promise<string> {
  const res = await fetch(`${app.healthUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, e.g. sample(text, 'qe_interactions_total{kind="command",command="aide",outcome="ok"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the health endpoint', () => {
  it('listens on the loopback address only, by default', () => {
    expect(app.healthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /healthz 200 with the gateway, the index, the refresh and the deliveries', async () => {
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      problems: [],
      mode: 'discord',
      shuttingDown: false,
      gateway: { connected: true },
      index: { ready: true, size: 5 },
      deliveries: { pending: 0 },
      database: { ok: true },
      refresh: { lastOkAt: null, consecutiveFailures: 0 },
    });
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    expect((await fetch(`${app.healthUrl}/`)).status).toBe(404);
    expect((await fetch(`${app.healthUrl}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('counts interactions by command and outcome, with acknowledgement, answer and search latencies', async () => {
    const before = await metrics();
    const okBefore = sample(before, 'qe_interactions_total{kind="command",command="aide",outcome="ok"}') ?? 0;
    await fake.command('aide', {}, { userId: freshUser() }).done;
    await fake.command('recherche', { texte: 'santé' }, { userId: freshUser() }).done;
    await fake.command('question', { numero: 987_654 }, { userId: freshUser() }).done; // no such question
    await fake.autocomplete('depute', { nom: 'mar' }, 'nom', { userId: freshUser() }).done;
    await fake.autocomplete('recherche', { texte: 'x', rubrique: 'sa' }, 'rubrique', { userId: freshUser() }).done;
    const flooder = freshUser();
    for (let i = 0; i < 6; i++) await fake.command('aide', {}, { userId: flooder }).done; // FLOOD_MAX=5

    const text = await metrics();
    expect(sample(text, 'qe_interactions_total{kind="command",command="aide",outcome="ok"}')).toBe(okBefore + 6);
    expect(sample(text, 'qe_interactions_total{kind="command",command="aide",outcome="flood"}')).toBe(1);
    expect(sample(text, 'qe_interactions_total{kind="command",command="recherche",outcome="ok"}')).toBe(1);
    expect(sample(text, 'qe_interactions_total{kind="command",command="question",outcome="user_error"}')).toBe(1);
    expect(sample(text, 'qe_interactions_total{kind="autocomplete",command="depute",outcome="ok"}')).toBe(1);
    // A search answered within a second is the interaction response itself (no deferral).
    expect(sample(text, 'qe_interaction_ack_seconds_count{kind="command",command="recherche",deferred="false"}')).toBe(
      1,
    );
    expect(
      sample(text, 'qe_interaction_ack_seconds_bucket{le="3",kind="command",command="aide",deferred="false"}'),
    ).toBe(okBefore + 7);
    expect(sample(text, 'qe_interaction_answer_seconds_count{kind="command",command="recherche"}')).toBe(1);
    expect(sample(text, 'qe_search_seconds_count{operation="search",result="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'qe_search_seconds_count{operation="suggest",result="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'qe_search_index_documents')).toBe(5);
    expect(sample(text, 'qe_search_index_ready')).toBe(1);
    expect(sample(text, 'qe_gateway_connected')).toBe(1);
    expect(sample(text, 'qe_healthy')).toBe(1);
    expect(text).toMatch(/^qe_event_loop_delay_p99_seconds \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('reports a failing refresh as a warning (still 200), then a successful one with its duration and counts', async () => {
    server.body = null; // the Assemblée's server answers 500
    const failed = await app.deps.digest!.scheduler!.refreshNow();
    expect(failed?.ok).toBe(false);
    const during = await healthz();
    expect(during.status).toBe(200);
    expect(during.body.warnings[0]).toMatch(/^daily refresh failing \(1 in a row\)/);
    expect(during.body.refresh).toMatchObject({ consecutiveFailures: 1, last: { outcome: 'failed' } });

    const plan = planEvolution({ count: 40, seed: 5, legislature: 17 }, { newQuestions: 3, newAnswers: 2 });
    server.body = await archiveBytes({
      questions: plan.day1Questions,
      out: path.join(bot.tmp.dir, 'day1.zip'),
      seed: 5,
    });
    clock = new Date('2025-03-04T05:30:00Z');
    const ok = await app.deps.digest!.scheduler!.refreshNow();
    expect(ok?.ok).toBe(true);
    const after = await healthz();
    expect(after.body.warnings).toEqual([]);
    expect(after.body.refresh).toMatchObject({
      lastOkAt: '2025-03-04T05:30:00.000Z',
      consecutiveFailures: 0,
      last: { outcome: 'ok', questions: { new: 40 } },
    });

    const text = await metrics();
    expect(sample(text, 'qe_refresh_runs_total{outcome="failed"}')).toBe(1);
    expect(sample(text, 'qe_refresh_runs_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'qe_refresh_questions_total{change="new"}')).toBe(40);
    expect(sample(text, 'qe_refresh_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(sample(text, 'qe_refresh_consecutive_failures')).toBe(0);
    expect(sample(text, 'qe_refresh_last_success_timestamp_seconds')).toBe(Date.parse('2025-03-04T05:30:00Z') / 1000);

    // /stats tells users the same, in French.
    const stats = await fake.command('stats', {}, { userId: freshUser() }).done;
    const description = stats.message.embeds[0]?.description ?? '';
    expect(description).toContain('✅ Service : opérationnel.');
    expect(description).toContain('Connexion à Discord : établie.');
    expect(description).toContain(
      'Mise à jour quotidienne : réussie le 4 mars 2025 à 05:30 UTC (40 nouvelles questions, 0 mise à jour).',
    );
  });

  it('counts digest deliveries sent, retried and failed, and those pending', async () => {
    const { service } = app.deps.digest!;
    const sub = (channelId: string) =>
      service.addSubscription(newSubscription({ guildId: FAKE_GUILD_ID, channelId }), clock);
    sub('710000000000000001');
    sub('710000000000000002');
    sub('710000000000000003');
    // discord.js itself retries a 500 three times (production REST settings): four 500s make the delivery fail
    // once, then the digest's own retry posts it.
    fake.failChannel('710000000000000002', { status: 500, times: 4 });
    fake.failChannel('710000000000000003', { status: 404 }); // gone: abandoned
    app.store.upsertQuestions([makeQuestion({ number: 4242 })], { seenAt: '2025-03-04T06:00:00.000Z' });
    clock = new Date('2025-03-04T07:00:00Z');
    const report = await app.deps.digest!.scheduler!.tickNow();
    expect(report?.delivery).toMatchObject({ sent: 2, abandoned: 1, retries: 1 });
    const text = await metrics();
    expect(sample(text, 'qe_digest_deliveries_total{result="sent"}')).toBe(2);
    expect(sample(text, 'qe_digest_deliveries_total{result="retried"}')).toBe(1);
    expect(sample(text, 'qe_digest_deliveries_total{result="failed"}')).toBe(1);
    expect(sample(text, 'qe_digest_deliveries_pending')).toBe(0);
    fake.failChannel('710000000000000003', null);
    fake.assertClean();
  }, 30_000);
});
