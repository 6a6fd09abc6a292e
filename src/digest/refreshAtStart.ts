/**
 * A fresh deployment becomes useful by itself (issue 12): when the bot starts on a database that holds no
 * open-data question of the live legislature, it asks the refresh source whether it answers (one HEAD, 10 s at
 * most, on the main thread but asynchronous) and, if so, runs the daily refresh at once in the background (its
 * ingest runs in a child process). With no network it says so once (log, console, /stats) and serves what it has;
 * the daily schedule tries again.
 */
import type { QuestionStore } from '../store/QuestionStore';
import type { DigestLogger } from './deliver';
import type { DigestScheduler } from './scheduler';

export type StartRefresh = 'not-needed' | 'started' | 'offline';

export interface RefreshAtStartOptions {
  store: QuestionStore;
  scheduler: Pick<DigestScheduler, 'refreshNow' | 'noteUnreachable'>;
  refreshUrl: string;
  liveLegislature: number;
  log: DigestLogger;
  /** One French line for the person at the console (none on Discord). */
  notify?: (text: string) => void;
  fetch?: (url: string, init: { method: 'HEAD'; signal: AbortSignal }) => Promise<Response>;
  probeTimeoutMs?: number;
}

export async function refreshAtStart(opts: RefreshAtStartOptions): Promise<StartRefresh> {
  if (opts.store.legislaturesWithOpenData().includes(opts.liveLegislature)) return 'not-needed';
  const probe = opts.fetch ?? ((url, init) => fetch(url, init));
  try {
    const res = await probe(opts.refreshUrl, {
      method: 'HEAD',
      signal: AbortSignal.timeout(opts.probeTimeoutMs ?? 10_000),
    });
    await res.body?.cancel().catch(() => {});
  } catch (err) {
    const reason =
      err instanceof Error && err.cause instanceof Error
        ? err.cause.message
        : err instanceof Error
          ? err.message
          : String(err);
    opts.scheduler.noteUnreachable(`source injoignable : ${reason}`);
    opts.notify?.(
      `Pas d’accès à l’open data de l’Assemblée (${reason}) : les questions de la ${opts.liveLegislature}e législature ` +
        'ne peuvent pas être téléchargées pour l’instant. Le bot sert les questions déjà en base et réessaiera à l’heure de la mise à jour quotidienne.',
    );
    return 'offline';
  }
  opts.log.info(
    { url: opts.refreshUrl, legislature: opts.liveLegislature },
    'live legislature missing from the database: refreshing now, in the background',
  );
  opts.notify?.(
    `Téléchargement des questions de la ${opts.liveLegislature}e législature en arrière-plan ; le bot répond pendant ce temps.`,
  );
  void opts.scheduler.refreshNow();
  return 'started';
}
