/**
 * The thin scheduler: croner jobs (time zone aware, `protect: true` so a slow run is never overlapped by
 * the next) around the refresh and the digest tick. All decisions live in pure code (schedule.ts) and in
 * DigestService; this file only wires clocks and timers.
 *
 * - refresh: REFRESH_CRON in TZ (default 06:30 Europe/Paris); a failed download is retried with backoff
 *   (5, 15, 30, 60, then every 120 min) until it succeeds; digests post what is known anyway. The ingest runs in
 *   a child process (runRefresh runIn 'child'); `onRefresh` and `status()` tell the rest of the bot.
 * - tick: every minute (skipped while a refresh runs, which ticks when it ends): follow notices, due digests,
 *   pending deliveries.
 */
import { Cron } from 'croner';
import type { QuestionStore } from '../store/QuestionStore';
import { silentLogger, type DigestLogger } from './deliver';
import type { DigestService, TickReport } from './DigestService';
import type { PostChannelMessage } from './poster';
import type { LiveLegislature } from './liveLegislature';
import { runRefresh, type RefreshOutcome } from './refresh';

export interface DigestSchedulerOptions {
  store: QuestionStore;
  service: DigestService;
  /** Null: no Discord (console mode): only the refresh runs. */
  poster: PostChannelMessage | null;
  refreshUrl: string;
  /** The Sénat's dump, refreshed with the Assemblée's archive once Sénat questions are loaded. */
  senatUrl?: string;
  /** The live legislature followed (discovered before each refresh); without it the refresh reads `refreshUrl`. */
  live?: LiveLegislature;
  refreshCron: string;
  timeZone: string;
  log?: DigestLogger;
  cacheDir?: string;
  now?: () => Date;
  /** Default every minute. */
  tickCron?: string;
  /**
   * Told when a refresh ends: its outcome (null: the job threw) and its duration. The outcome carries counts,
   * revisions and changed uids: the bot feeds its search index from it; health and metrics read it too.
   */
  onRefresh?: (outcome: RefreshOutcome | null, durationMs: number) => void;
  /** Told when a tick ends (metrics of the deliveries). */
  onTick?: (report: TickReport) => void;
}

/** What the scheduler knows of its refreshes, for /stats and health. */
interface RefreshStatus {
  running: boolean;
  /** When the running refresh started (ISO), else null. */
  runningSince: string | null;
  last: {
    at: string;
    ok: boolean;
    unchanged: boolean;
    message: string;
    durationMs: number;
    newQuestions: number;
    events: number;
  } | null;
  /** Set while the source cannot be reached (no network): the bot serves what it has. Cleared by a success. */
  offline: { since: string; reason: string } | null;
  /** The legislature the refresh follows (null: a fixed REFRESH_URL), and its last move. */
  legislature: number | null;
  moved: { from: number; at: string } | null;
}

export interface DigestScheduler {
  refreshNow(): Promise<RefreshOutcome | null>;
  status(): RefreshStatus;
  /** Records that the source cannot be reached (logged once until a refresh succeeds). */
  noteUnreachable(reason: string): void;
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
  let running: { since: Date; abort: AbortController } | null = null;
  let last: RefreshStatus['last'] = null;
  let offline: RefreshStatus['offline'] = null;
  const noteUnreachable = (reason: string): void => {
    if (offline) return;
    offline = { since: now().toISOString(), reason };
    log.warn(
      { url: opts.live?.inputs().questions ?? opts.refreshUrl, reason },
      'refresh source unreachable: serving the stored corpus until it answers',
    );
  };

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
      running = { since: now(), abort: new AbortController() };
      // The next legislature's archive may have appeared (an election, a dissolution): one HEAD, then follow it.
      await opts.live?.discover();
      const inputs = opts.live?.inputs() ?? { questions: opts.refreshUrl, before: [] };
      // A database file: the ingest runs in a child process, off the thread that talks to Discord.
      const outcome = await runRefresh({
        store: opts.store,
        url: inputs.questions,
        ...(inputs.before.length > 0 ? { before: inputs.before } : {}),
        ...(opts.senatUrl ? { senatUrl: opts.senatUrl } : {}),
        now: running.since,
        log,
        runIn: opts.store.path === ':memory:' ? 'in-process' : 'child',
        // Short write transactions: the bot's own writes (page state, deliveries) wait for the child's lock.
        batchSize: 100,
        signal: running.abort.signal,
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      }).finally(() => {
        running = null;
      });
      const s = outcome.summary;
      last = {
        at: now().toISOString(),
        ok: outcome.ok,
        unchanged: outcome.unchanged,
        message: outcome.message,
        durationMs: outcome.durationMs,
        newQuestions: s?.questions.new ?? 0,
        events: s ? Object.values(s.events).reduce((n, k) => n + k, 0) : 0,
      };
      if (outcome.ok) {
        offline = null;
        opts.live?.refreshed();
      } else if (outcome.message.includes('source injoignable')) noteUnreachable(outcome.message);
      try {
        opts.onRefresh?.(outcome, performance.now() - started);
      } catch (err) {
        log.error({ err: err instanceof Error ? err.stack : String(err) }, 'refresh listener failed');
      }
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

  const refreshJob = new Cron(
    opts.refreshCron,
    { timezone: opts.timeZone, protect: true, unref: true, name: 'refresh' },
    async () => {
      await refreshNow();
    },
  );
  const tickJob = new Cron(
    opts.tickCron ?? '* * * * *',
    { timezone: opts.timeZone, protect: true, unref: true, name: 'digest-tick' },
    async () => {
      // While a refresh is recording events, wait: it ticks itself when done, and the next minute runs anyway.
      if (refreshing) return;
      await tickNow();
    },
  );
  log.info(
    { refreshCron: opts.refreshCron, next: refreshJob.nextRun()?.toISOString() ?? null },
    'digest scheduler started',
  );

  return {
    refreshNow,
    status: () => ({
      running: running !== null,
      runningSince: running?.since.toISOString() ?? null,
      last,
      offline,
      legislature: opts.live?.current() ?? null,
      moved: opts.live?.moved() ?? null,
    }),
    noteUnreachable,
    tickNow,
    async stop() {
      stopped = true;
      stopping.abort();
      running?.abort.abort();
      refreshJob.stop();
      tickJob.stop();
      if (retryTimer) clearTimeout(retryTimer);
      await Promise.allSettled([ticking, refreshing]);
    },
  };
}
