/**
 * Where the health snapshot's parts come from: the Discord client, the search handle, the store's refresh
 * bookkeeping and the digest deliveries. Each reader is small so that the parts can change owners (the
 * search service will report its workers itself; the refresh will move off the main thread) without the
 * health code changing.
 */
import { Status, type Client } from 'discord.js';
import type { RefreshOutcome } from '../digest/refresh';
import {
  evaluateHealth,
  type GatewayStatus,
  type HealthReport,
  type RefreshFinished,
  type RefreshStatus,
  type SearchStatus,
} from './health';

export function gatewayStatusOf(client: Client): GatewayStatus {
  const shards = [...client.ws.shards.values()];
  const connected = shards.length > 0 && shards.every((s) => s.status === Status.Ready);
  const ping = client.ws.ping;
  return { connected, pingMs: Number.isFinite(ping) && ping >= 0 ? Math.round(ping) : null };
}

/**
 * The search handle as the health needs it. A handle with `status()` (the supervised search service) answers
 * itself; today's handle is read from `engine.ready`, `engine.size` and the failure of `whenReady`.
 */
export interface SearchHandleLike {
  engine: { readonly ready: boolean; readonly size: number };
  whenReady: Promise<unknown>;
  status?: () => SearchStatus;
}

export function searchStatusReader(handle: SearchHandleLike): () => SearchStatus {
  let failure: string | null = null;
  handle.whenReady.catch((err: unknown) => {
    failure = err instanceof Error ? err.message : String(err);
  });
  return () => {
    if (typeof handle.status === 'function') return handle.status();
    return {
      ready: handle.engine.ready,
      size: handle.engine.size,
      workers: [],
      lastError: handle.engine.ready ? null : failure,
    };
  };
}

/** The refresh bookkeeping kept in the store's meta table (src/digest/refresh.ts writes it). */
export interface MetaReader {
  getMeta(key: string): string | null;
}

export function readRefreshStatus(store: MetaReader, last: RefreshFinished | null): RefreshStatus {
  return {
    lastOkAt: store.getMeta('digest.refresh_last_ok'),
    consecutiveFailures: Number(store.getMeta('digest.refresh_failures') ?? '0') || 0,
    lastError: store.getMeta('digest.refresh_last_error'),
    last,
  };
}

/** A finished refresh in the health's terms (null outcome: the job itself threw). */
export function refreshFinished(outcome: RefreshOutcome | null, durationMs: number, finishedAt: Date): RefreshFinished {
  const s = outcome?.summary ?? null;
  return {
    finishedAt: finishedAt.toISOString(),
    outcome: outcome === null || !outcome.ok ? 'failed' : outcome.unchanged ? 'unchanged' : 'ok',
    durationMs: Math.round(durationMs),
    questions: s
      ? {
          new: s.questions.new,
          updated: s.questions.updated,
          unchanged: s.questions.unchanged,
          rejected: s.rejected.length,
        }
      : null,
    events: s ? { ...s.events } : null,
    error: outcome === null ? 'refresh job failed' : outcome.ok ? null : outcome.message,
  };
}

export interface HealthSources {
  startedAt: Date;
  now: () => Date;
  mode: 'discord' | 'console';
  shuttingDown: () => boolean;
  gateway: () => GatewayStatus | null;
  search: () => SearchStatus;
  /** Reads the database: may throw (closed, locked, corrupt): reported as a database problem. */
  refresh: () => RefreshStatus | null;
  deliveriesPending: () => number | null;
}

/** The health report now; never throws. */
export function checkHealth(src: HealthSources): HealthReport {
  let refresh: RefreshStatus | null = null;
  let deliveriesPending: number | null = null;
  let databaseError: string | null = null;
  try {
    refresh = src.refresh();
    deliveriesPending = src.deliveriesPending();
  } catch (err) {
    databaseError = err instanceof Error ? err.message : String(err);
  }
  return evaluateHealth({
    now: src.now(),
    startedAt: src.startedAt,
    mode: src.mode,
    shuttingDown: src.shuttingDown(),
    gateway: src.gateway(),
    search: src.search(),
    refresh,
    deliveriesPending,
    databaseError,
  });
}
