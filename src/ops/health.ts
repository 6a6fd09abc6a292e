/**
 * The bot's health, as one plain snapshot (what each part says about itself) judged by one pure function.
 * `/healthz` returns the report as JSON (200 when `status` is "ok", 503 otherwise); `/stats` shows it in French
 * (healthText.ts); `/metrics` exports the same figures.
 *
 * 503 ("unavailable") means users cannot be served right now, and only that: the bot is stopping, the gateway
 * is not connected, the search index is not ready (still loading, or failed), a search worker is down, or the
 * database cannot be read. A failing daily refresh or late deliveries are warnings: the bot still answers
 * (with yesterday's data), and a supervisor restarting it would not fix the Assemblée's server.
 */

/** What the search service says about itself (see `searchStatusOf`: today filled from `ready` and `size`). */
export interface SearchStatus {
  ready: boolean;
  /** Questions in the index. */
  size: number;
  /** One entry per shard worker; empty when the search runs in this thread or cannot tell. */
  workers: Array<{ shard: number; alive: boolean; restarts: number }>;
  /** Why the index is not ready (a failed build), or the last worker failure; null when all is well. */
  lastError: string | null;
}

export interface GatewayStatus {
  connected: boolean;
  /** Heartbeat round trip, ms; null before the first one. */
  pingMs: number | null;
}

/** A finished refresh: outcome, duration, counts. */
export interface RefreshFinished {
  finishedAt: string;
  outcome: 'ok' | 'unchanged' | 'failed';
  durationMs: number;
  questions: { new: number; updated: number; unchanged: number; rejected: number } | null;
  events: Record<string, number> | null;
  error: string | null;
}

export interface RefreshStatus {
  /** Last successful refresh (any process sharing the database), ISO. */
  lastOkAt: string | null;
  /** Consecutive failures (0 after a success). */
  consecutiveFailures: number;
  /** Last failure, as recorded ("<ISO time> <reason>"). */
  lastError: string | null;
  /** The last refresh run by this process, if any. */
  last: RefreshFinished | null;
}

export interface HealthSnapshot {
  now: Date;
  startedAt: Date;
  mode: 'discord' | 'console';
  shuttingDown: boolean;
  /** Null in console mode. */
  gateway: GatewayStatus | null;
  search: SearchStatus;
  refresh: RefreshStatus | null;
  /** Deliveries recorded and not yet posted; null when the database could not be read. */
  deliveriesPending: number | null;
  /** Set when reading the database failed. */
  databaseError: string | null;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** Why the status is "unavailable" (English, for operators). */
  problems: string[];
  /** What deserves a look but does not stop the service. */
  warnings: string[];
  mode: HealthSnapshot['mode'];
  uptimeSeconds: number;
  shuttingDown: boolean;
  gateway: GatewayStatus | null;
  index: SearchStatus;
  refresh: RefreshStatus | null;
  deliveries: { pending: number | null };
  database: { ok: boolean; error: string | null };
}

/** A refresh that has not succeeded for this long is reported (the daily cron plus its retries). */
const REFRESH_STALE_MS = 36 * 3600_000;

export function evaluateHealth(s: HealthSnapshot): HealthReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (s.shuttingDown) problems.push('shutting down');
  if (s.gateway && !s.gateway.connected) problems.push('Discord gateway not connected');
  if (!s.search.ready)
    problems.push(
      s.search.lastError ? `search index failed: ${s.search.lastError}` : 'search index not ready (loading)',
    );
  const down = s.search.workers.filter((w) => !w.alive);
  if (down.length > 0) problems.push(`search workers down: shard ${down.map((w) => w.shard).join(', ')}`);
  if (s.databaseError !== null) problems.push(`database unreadable: ${s.databaseError}`);

  const r = s.refresh;
  if (r && r.consecutiveFailures > 0)
    warnings.push(`daily refresh failing (${r.consecutiveFailures} in a row): ${r.lastError ?? 'unknown'}`);
  if (r && r.lastOkAt !== null && s.now.getTime() - Date.parse(r.lastOkAt) > REFRESH_STALE_MS) {
    warnings.push(`no successful refresh since ${r.lastOkAt}`);
  }
  if (s.search.ready && s.search.lastError) warnings.push(`search: ${s.search.lastError}`);

  return {
    status: problems.length === 0 ? 'ok' : 'unavailable',
    problems,
    warnings,
    mode: s.mode,
    uptimeSeconds: Math.max(0, Math.round((s.now.getTime() - s.startedAt.getTime()) / 1000)),
    shuttingDown: s.shuttingDown,
    gateway: s.gateway,
    index: s.search,
    refresh: s.refresh,
    deliveries: { pending: s.deliveriesPending },
    database: { ok: s.databaseError === null, error: s.databaseError },
  };
}
