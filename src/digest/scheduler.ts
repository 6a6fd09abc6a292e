/**
 * The thin scheduler: croner jobs (time zone aware, `protect: true` so a slow run is never overlapped by
 * the next) around the refresh and the digest tick. All decisions live in pure code (schedule.ts) and in
 * DigestService; this file only wires clocks and timers.
 *
 * - refresh: REFRESH_CRON in TZ (default 06:30 Europe/Paris); a failed download is retried with backoff
 *   (5, 15, 30, 60, then every 120 min) until it succeeds; digests post what is known anyway.
 * - tick: every minute (skipped while a refresh runs, which ticks when it ends): follow notices, due digests,
 *   pending deliveries.
 */
import { Cron } from 'croner';
import type { QuestionStore } from '../store/QuestionStore';
import { silentLogger, type DigestLogger } from './deliver';
import type { DigestService, TickReport } from './DigestService';
import type { PostChannelMessage } from './poster';
import { runRefresh, type RefreshOutcome } from './refresh';

export interface DigestSchedulerOptions {
  store: QuestionStore;
  service: DigestService;
  /** Null: no Discord (console mode): only the refresh runs. */
  poster: PostChannelMessage | null;
  refreshUrl: string;
  refreshCron: string;
  timeZone: string;
  log?: DigestLogger;
  cacheDir?: string;
  now?: () => Date;
  /** Default every minute. */
  tickCron?: string;
  /** Told when a refresh ends: its outcome (null: the job threw) and its duration (health and metrics). */
  onRefresh?: (outcome: RefreshOutcome | null, durationMs: number) => void;
  /** Told when a tick ends (metrics of the deliveries). */
  onTick?: (report: TickReport) => void;
}

export interface DigestScheduler {
  refreshNow(): Promise<RefreshOutcome | null>;
  tickNow(): Promise<TickReport | null>;
  /**
   * Stops the jobs and tells a running delivery to start nothing more; resolves when the tick and refresh in
   * progress (if any) have ended. What was not posted stays pending, recorded, for the next start.
   */
  stop(): Promise<void>;
}

export function startDigestScheduler(opts: DigestSchedulerOptions): DigestScheduler {
  const log = opts.log ?? silentLogger;
  const now = opts.now ?? (() => new Date());
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let refreshing: Promise<RefreshOutcome | null> | null = null;
  let ticking: Promise<TickReport | null> | null = null;
  const stopping = new AbortController();

  const tickNow = (): Promise<TickReport | null> => {
    const poster = opts.poster;
    if (stopped || poster === null) return Promise.resolve(null);
    // In-process overlap guard (other processes are kept out by the database claims).
    ticking ??= opts.service
      .tick(poster, now, { log, signal: stopping.signal })
      .then((report) => {
        opts.onTick?.(report);
        return report;
      })
      .catch((err: unknown) => {
        log.error({ err: err instanceof Error ? err.stack : String(err) }, 'digest tick failed');
        return null;
      })
      .finally(() => {
        ticking = null;
      });
    return ticking;
  };

  const refreshNow = (): Promise<RefreshOutcome | null> => {
    if (stopped) return Promise.resolve(null);
    const started = performance.now();
    refreshing ??= (async () => {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const outcome = await runRefresh({
        store: opts.store,
        url: opts.refreshUrl,
        now: now(),
        log,
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      });
      opts.onRefresh?.(outcome, performance.now() - started);
      if (!outcome.ok && outcome.retryAt && !stopped) {
        const delay = Math.max(1000, outcome.retryAt.getTime() - now().getTime());
        retryTimer = setTimeout(() => void refreshNow(), delay);
        retryTimer.unref();
      }
      if (outcome.ok && !outcome.unchanged) await tickNow();
      return outcome;
    })()
      .catch((err: unknown) => {
        log.error({ err: err instanceof Error ? err.stack : String(err) }, 'refresh job failed');
        opts.onRefresh?.(null, performance.now() - started);
        return null;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  const refreshJob = new Cron(opts.refreshCron, { timezone: opts.timeZone, protect: true, unref: true, name: 'refresh' }, async () => {
    await refreshNow();
  });
  const tickJob = new Cron(opts.tickCron ?? '* * * * *', { timezone: opts.timeZone, protect: true, unref: true, name: 'digest-tick' }, async () => {
    // While a refresh is recording events, wait: it ticks itself when done, and the next minute runs anyway.
    if (refreshing) return;
    await tickNow();
  });
  log.info({ refreshCron: opts.refreshCron, next: refreshJob.nextRun()?.toISOString() ?? null }, 'digest scheduler started');

  return {
    refreshNow,
    tickNow,
    async stop() {
      stopped = true;
      stopping.abort();
      refreshJob.stop();
      tickJob.stop();
      if (retryTimer) clearTimeout(retryTimer);
      await Promise.allSettled([ticking, refreshing]);
    },
  };
}
