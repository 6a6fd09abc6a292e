import { describe, expect, it } from 'vitest';
import { evaluateHealth, type HealthSnapshot } from '../../src/ops/health';
import { healthLinesFr } from '../../src/ops/healthText';
import { checkHealth, type HealthSources } from '../../src/ops/healthSources';

const NOW = new Date('2025-03-04T08:00:00Z');

function snapshot(over: Partial<HealthSnapshot> = {}): HealthSnapshot {
  return {
    now: NOW,
    startedAt: new Date(NOW.getTime() - 3600_000),
    mode: 'discord',
    shuttingDown: false,
    gateway: { connected: true, pingMs: 42 },
    search: {
      ready: true,
      size: 12_345,
      workers: [
        { shard: 0, alive: true, restarts: 0 },
        { shard: 1, alive: true, restarts: 1 },
      ],
      lastError: null,
    },
    refresh: { lastOkAt: '2025-03-04T05:30:00.000Z', consecutiveFailures: 0, lastError: null, last: null },
    deliveriesPending: 0,
    databaseError: null,
    ...over,
  };
}

describe('the health verdict', () => {
  it('is ok when users can be served, with the uptime and every part reported', () => {
    const h = evaluateHealth(snapshot());
    expect(h).toMatchObject({
      status: 'ok',
      problems: [],
      warnings: [],
      uptimeSeconds: 3600,
      index: { ready: true, size: 12_345 },
      deliveries: { pending: 0 },
    });
  });

  it.each([
    ['the bot is stopping', { shuttingDown: true }, 'shutting down'],
    ['the gateway is down', { gateway: { connected: false, pingMs: null } }, 'Discord gateway not connected'],
    [
      'the index is still loading',
      { search: { ready: false, size: 0, workers: [], lastError: null } },
      'search index not ready (loading)',
    ],
    [
      'the index failed to build',
      { search: { ready: false, size: 0, workers: [], lastError: 'worker crashed' } },
      'search index failed: worker crashed',
    ],
    [
      'a search worker is down',
      {
        search: {
          ready: true,
          size: 9,
          workers: [
            { shard: 0, alive: true, restarts: 0 },
            { shard: 1, alive: false, restarts: 2 },
          ],
          lastError: null,
        },
      },
      'search workers down: shard 1',
    ],
    [
      'the database cannot be read',
      { databaseError: 'database is locked', deliveriesPending: null },
      'database unreadable: database is locked',
    ],
  ] satisfies Array<[string, Partial<HealthSnapshot>, string]>)(
    'is unavailable (503) when %s',
    (_what, over, problem) => {
      const h = evaluateHealth(snapshot(over));
      expect(h.status).toBe('unavailable');
      expect(h.problems).toEqual([problem]);
    },
  );

  it('only warns about a failing or stale refresh: the bot still answers with the data it has', () => {
    const failing = evaluateHealth(
      snapshot({
        refresh: {
          lastOkAt: '2025-03-03T05:30:00.000Z',
          consecutiveFailures: 3,
          lastError: '2025-03-04T07:30:00.000Z HTTP 503',
          last: null,
        },
      }),
    );
    expect(failing.status).toBe('ok');
    expect(failing.warnings).toEqual(['daily refresh failing (3 in a row): 2025-03-04T07:30:00.000Z HTTP 503']);
    const stale = evaluateHealth(
      snapshot({
        refresh: { lastOkAt: '2025-03-02T05:30:00.000Z', consecutiveFailures: 0, lastError: null, last: null },
      }),
    );
    expect(stale.status).toBe('ok');
    expect(stale.warnings).toEqual(['no successful refresh since 2025-03-02T05:30:00.000Z']);
  });

  it('has no gateway part in console mode', () => {
    expect(evaluateHealth(snapshot({ mode: 'console', gateway: null }))).toMatchObject({ status: 'ok', gateway: null });
  });

  it('reports a database that throws as a problem instead of throwing', () => {
    const sources: HealthSources = {
      startedAt: NOW,
      now: () => NOW,
      mode: 'console',
      shuttingDown: () => false,
      gateway: () => null,
      search: () => snapshot().search,
      refresh: () => {
        throw new Error('The database connection is not open');
      },
      deliveriesPending: () => 0,
    };
    expect(checkHealth(sources)).toMatchObject({
      status: 'unavailable',
      database: { ok: false, error: 'The database connection is not open' },
    });
  });
});

describe('the health in French for /stats', () => {
  it('says each part in plain French', () => {
    const lines = healthLinesFr(
      evaluateHealth(
        snapshot({
          refresh: {
            lastOkAt: '2025-03-04T05:30:00.000Z',
            consecutiveFailures: 0,
            lastError: null,
            last: {
              finishedAt: '2025-03-04T05:31:00.000Z',
              outcome: 'ok',
              durationMs: 60_000,
              questions: { new: 12, updated: 1, unchanged: 100, rejected: 0 },
              events: null,
              error: null,
            },
          },
          deliveriesPending: 2,
        }),
      ),
    );
    expect(lines).toEqual([
      '✅ Service : opérationnel.',
      'Connexion à Discord : établie.',
      'Index de recherche : prêt (12\u202f345 questions).',
      'Moteurs de recherche : 2 sur 2 actifs (1 redémarrage depuis le lancement).',
      'Mise à jour quotidienne : réussie le 4 mars 2025 à 05:31 UTC (12 nouvelles questions, 1 mise à jour).',
      'Messages de digest en attente d’envoi : 2.',
    ]);
  });

  it('tells users when the service is degraded or restarting', () => {
    expect(
      healthLinesFr(
        evaluateHealth(snapshot({ search: { ready: false, size: 0, workers: [], lastError: null } })),
      ).slice(0, 3),
    ).toEqual([
      '⚠️ Service : dégradé.',
      'Connexion à Discord : établie.',
      'Index de recherche : en cours de chargement.',
    ]);
    expect(healthLinesFr(evaluateHealth(snapshot({ shuttingDown: true })))[0]).toBe(
      '🔄 Service : redémarrage en cours.',
    );
    expect(
      healthLinesFr(
        evaluateHealth(snapshot({ refresh: { lastOkAt: null, consecutiveFailures: 2, lastError: 'x', last: null } })),
      ),
    ).toContain('Mise à jour quotidienne : en échec (2 tentatives de suite) ; nouvel essai automatique.');
  });
});
