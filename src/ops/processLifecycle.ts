/**
 * The process's life cycle when run as a service (`npm start`):
 * - SIGTERM / SIGINT: the graceful stop (see main's `stop()`), then exit 0; exit 1 if it fails or overruns its
 *   hard deadline. A second signal exits at once (1), unless it comes within a second of the first: the same
 *   stop relayed twice (Ctrl-C reaches npm, tsx and node; systemd signals the whole control group).
 *   A signal during start-up exits 0 at once: nothing is
 *   half-written that a restart would not redo (ingest batches are transactions; the index is rebuilt or
 *   caught up).
 * - unhandledRejection / uncaughtException: logged at fatal with context, then `onCrash` (synchronous last
 *   words: close the database), then exit 1. The state of a process that threw where nobody expected is not
 *   to be trusted: a supervisor (systemd Restart=on-failure) starts a fresh one.
 */
import type { Logger } from '../logger';

interface RunningService {
  /** Graceful stop; resolves once everything is closed. */
  stop(): Promise<void>;
  /** Hard deadline of `stop()`, ms. */
  deadlineMs: number;
  /** Synchronous cleanup before a crash exit (must not throw; errors are swallowed). */
  onCrash?: () => void;
}

export interface ProcessLifecycle {
  /** The service is up: signals now stop it gracefully. */
  running(service: RunningService): void;
  readonly phase: 'starting' | 'running' | 'stopping';
}

export interface ProcessLifecycleOptions {
  logger: Logger;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
}

export function installProcessLifecycle(opts: ProcessLifecycleOptions): ProcessLifecycle {
  const { logger } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const startedAt = Date.now();
  let phase: ProcessLifecycle['phase'] = 'starting';
  let service: RunningService | null = null;
  let crashing = false;
  let stopRequestedAt = 0;

  const context = (): Record<string, unknown> => ({
    phase,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    rssMb: Math.round(process.memoryUsage.rss() / 1_048_576),
    pid: process.pid,
  });

  const crash = (err: unknown, origin: string): void => {
    if (crashing) return;
    crashing = true;
    logger.fatal(
      { err, origin, ...context() },
      origin === 'unhandledRejection' ? 'unhandled promise rejection, exiting' : 'uncaught exception, exiting',
    );
    try {
      service?.onCrash?.();
    } catch {
      // last words only
    }
    exit(1);
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (phase === 'stopping') {
      if (Date.now() - stopRequestedAt < 1000) return; // the same stop, relayed by a parent process
      logger.warn({ signal }, 'second stop signal, exiting now');
      exit(1);
      return;
    }
    const during = phase;
    phase = 'stopping';
    stopRequestedAt = Date.now();
    logger.info({ signal, ...context(), phase: during }, 'shutdown requested');
    if (!service) {
      exit(0);
      return;
    }
    const hard = setTimeout(() => {
      logger.error({ deadlineMs: service?.deadlineMs }, 'shutdown overran its deadline, exiting');
      exit(1);
    }, service.deadlineMs);
    service.stop().then(
      () => {
        clearTimeout(hard);
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(hard);
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };

  process.on('uncaughtException', (err, origin) => crash(err, origin));
  process.on('unhandledRejection', (reason) => crash(reason, 'unhandledRejection'));
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  return {
    running(s) {
      service = s;
      if (phase === 'starting') phase = 'running';
    },
    get phase() {
      return phase;
    },
  };
}
