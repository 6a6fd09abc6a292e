/**
 * Prometheus metrics (prom-client), in a registry of their own (two bots in one test process do not collide).
 * The only module that imports prom-client: the rest of the bot reports through plain callbacks
 * (`InteractionObserver`, `observeSearch`, `refreshFinished`, `deliveriesReported`), and the gauges that
 * describe a state (index size, workers, pending deliveries, gateway) are read from the health snapshot at
 * scrape time.
 *
 * Names: `qe_*` for the bot's own metrics, plus prom-client's default process and Node.js metrics
 * (`process_resident_memory_bytes`, `nodejs_eventloop_lag_p99_seconds`, `nodejs_active_handles`, ...).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeliverReport } from '../digest/deliver';
import type { InteractionObserver } from '../discord/dispatchInteraction';
import type { HealthReport, RefreshFinished } from './health';

export type SearchOperation = 'search' | 'similar' | 'suggest';
export type SearchResult = 'ok' | 'not_ready' | 'error';

export interface OpsMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  readonly interactions: InteractionObserver;
  observeSearch(operation: SearchOperation, seconds: number, result: SearchResult): void;
  refreshFinished(r: RefreshFinished): void;
  deliveriesReported(r: DeliverReport): void;
  /** The exposition text; gauges are read from `health()` first. */
  render(): Promise<string>;
  /** Stops the event-loop monitor. */
  close(): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30];
const SEARCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const REFRESH_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600];

export function createOpsMetrics(health: () => HealthReport): OpsMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const reg = { registers: [registry] };

  const interactions = new Counter({
    name: 'qe_interactions_total',
    help: 'Interactions handled, by kind, command and outcome (ok, user_error, error, flood, reply_failed, shutting_down).',
    labelNames: ['kind', 'command', 'outcome'] as const,
    ...reg,
  });
  const ackSeconds = new Histogram({
    name: 'qe_interaction_ack_seconds',
    help: 'Time from receiving an interaction to its acknowledgement (reply or deferral) reaching Discord.',
    labelNames: ['kind', 'command', 'deferred'] as const,
    buckets: LATENCY_BUCKETS,
    ...reg,
  });
  const answerSeconds = new Histogram({
    name: 'qe_interaction_answer_seconds',
    help: 'Time from receiving an interaction to its final answer.',
    labelNames: ['kind', 'command'] as const,
    buckets: LATENCY_BUCKETS,
    ...reg,
  });
  const searchSeconds = new Histogram({
    name: 'qe_search_seconds',
    help: 'Search engine calls made by the commands, by operation and result (ok, not_ready, error).',
    labelNames: ['operation', 'result'] as const,
    buckets: SEARCH_BUCKETS,
    ...reg,
  });
  const indexDocuments = new Gauge({
    name: 'qe_search_index_documents',
    help: 'Questions in the search index.',
    ...reg,
  });
  const indexReady = new Gauge({
    name: 'qe_search_index_ready',
    help: '1 when the search index serves searches.',
    ...reg,
  });
  const workers = new Gauge({
    name: 'qe_search_workers',
    help: 'Search worker threads, by state (alive, down).',
    labelNames: ['state'] as const,
    ...reg,
  });
  const workerRestarts = new Counter({
    name: 'qe_search_worker_restarts_total',
    help: 'Search workers replaced after a crash or a hang.',
    ...reg,
  });
  const refreshSeconds = new Histogram({
    name: 'qe_refresh_duration_seconds',
    help: 'Duration of the daily refresh runs, by outcome (ok, unchanged, failed).',
    labelNames: ['outcome'] as const,
    buckets: REFRESH_BUCKETS,
    ...reg,
  });
  const refreshRuns = new Counter({
    name: 'qe_refresh_runs_total',
    help: 'Daily refresh runs, by outcome.',
    labelNames: ['outcome'] as const,
    ...reg,
  });
  const refreshQuestions = new Counter({
    name: 'qe_refresh_questions_total',
    help: 'Questions read by the refresh runs, by change (new, updated, unchanged, rejected).',
    labelNames: ['change'] as const,
    ...reg,
  });
  const refreshEvents = new Counter({
    name: 'qe_refresh_events_total',
    help: 'Events recorded by the refresh runs, by kind.',
    labelNames: ['kind'] as const,
    ...reg,
  });
  const refreshLastSuccess = new Gauge({
    name: 'qe_refresh_last_success_timestamp_seconds',
    help: 'Time of the last successful refresh (Unix seconds).',
    ...reg,
  });
  const refreshFailures = new Gauge({
    name: 'qe_refresh_consecutive_failures',
    help: 'Refresh failures in a row (0 after a success).',
    ...reg,
  });
  const deliveries = new Counter({
    name: 'qe_digest_deliveries_total',
    help: 'Digest and follow messages: sent (posted, or found already posted), retried (a transient failure, tried again), failed (channel gone: abandoned).',
    labelNames: ['result'] as const,
    ...reg,
  });
  const pending = new Gauge({
    name: 'qe_digest_deliveries_pending',
    help: 'Messages recorded and not yet posted.',
    ...reg,
  });
  const gateway = new Gauge({
    name: 'qe_gateway_connected',
    help: '1 when the Discord gateway is connected (absent in console mode).',
    ...reg,
  });
  const gatewayPing = new Gauge({ name: 'qe_gateway_ping_seconds', help: 'Gateway heartbeat round trip.', ...reg });
  const healthy = new Gauge({ name: 'qe_healthy', help: '1 when /healthz answers 200.', ...reg });
  const loopP99 = new Gauge({
    name: 'qe_event_loop_delay_p99_seconds',
    help: 'Event-loop delay p99 since the previous scrape.',
    ...reg,
  });
  const loopMax = new Gauge({
    name: 'qe_event_loop_delay_max_seconds',
    help: 'Event-loop delay max since the previous scrape.',
    ...reg,
  });

  for (const outcome of ['ok', 'unchanged', 'failed']) refreshRuns.inc({ outcome }, 0);
  for (const result of ['sent', 'retried', 'failed']) deliveries.inc({ result }, 0);

  const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let restartsSeen = 0;

  const refreshGauges = (h: HealthReport): void => {
    const r = h.refresh;
    if (!r) return;
    refreshFailures.set(r.consecutiveFailures);
    if (r.lastOkAt) refreshLastSuccess.set(Date.parse(r.lastOkAt) / 1000);
  };

  return {
    registry,
    contentType: registry.contentType,
    interactions: {
      acknowledged({ kind, name, ms, deferred }) {
        ackSeconds.observe({ kind, command: name, deferred: deferred ? 'true' : 'false' }, ms / 1000);
      },
      finished({ kind, name, ms, outcome }) {
        interactions.inc({ kind, command: name, outcome });
        answerSeconds.observe({ kind, command: name }, ms / 1000);
      },
    },
    observeSearch(operation, seconds, result) {
      searchSeconds.observe({ operation, result }, seconds);
    },
    refreshFinished(r) {
      refreshRuns.inc({ outcome: r.outcome });
      refreshSeconds.observe({ outcome: r.outcome }, r.durationMs / 1000);
      if (r.questions) {
        for (const [change, n] of Object.entries(r.questions)) refreshQuestions.inc({ change }, n);
      }
      if (r.events) {
        for (const [kind, n] of Object.entries(r.events)) refreshEvents.inc({ kind }, n);
      }
    },
    deliveriesReported(r) {
      deliveries.inc({ result: 'sent' }, r.sent + r.foundAlreadyPosted);
      deliveries.inc({ result: 'retried' }, r.retryLater + r.retries);
      deliveries.inc({ result: 'failed' }, r.abandoned);
    },
    async render() {
      const h = health();
      indexDocuments.set(h.index.size);
      indexReady.set(h.index.ready ? 1 : 0);
      workers.set({ state: 'alive' }, h.index.workers.filter((w) => w.alive).length);
      workers.set({ state: 'down' }, h.index.workers.filter((w) => !w.alive).length);
      const restarts = h.index.workers.reduce((n, w) => n + w.restarts, 0);
      if (restarts > restartsSeen) workerRestarts.inc(restarts - restartsSeen);
      restartsSeen = Math.max(restartsSeen, restarts);
      if (h.deliveries.pending !== null) pending.set(h.deliveries.pending);
      if (h.gateway) {
        gateway.set(h.gateway.connected ? 1 : 0);
        if (h.gateway.pingMs !== null) gatewayPing.set(h.gateway.pingMs / 1000);
      }
      refreshGauges(h);
      healthy.set(h.status === 'ok' ? 1 : 0);
      loopP99.set(loop.count > 0 ? loop.percentile(99) / 1e9 : 0);
      loopMax.set(loop.count > 0 ? loop.max / 1e9 : 0);
      loop.reset();
      return registry.metrics();
    },
    close() {
      loop.disable();
    },
  };
}
